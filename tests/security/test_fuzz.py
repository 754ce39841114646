"""Hostile input to every create/edit form and the import: never a 500, never stored garbage,
HTML always escaped (property-based, with hypothesis)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultations import services as meetings
from evaluation import services as evaluation_services
from platforms import services as platforms
from proposals import services as proposal_services
from research import services as research
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
HOSTILE = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),
    st.sampled_from(
        [
            SCRIPT,
            "'; DROP TABLE members_member; --",
            '" onmouseover="alert(1)',
            "{{ 7*7 }}",
            "%s%n%x",
            "9" * 400,
            "-1",
            "0",
            "1e309",
            "NaN",
            "null",
            "true",
            "٣",
            "2023-13-45",
            "0001-01-01",
            "9999-12-31",
            "2023-02-30",
            "32768",
            "-32769",
            "a" * 5000,
            "\u202e\u0000\ufeff",
            "../../etc/passwd",
        ]
    ),
)
HYPOTHESIS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@pytest.fixture
def world(staff, member):
    evaluation_services.scheme_create_default(year=2023)
    meeting = meetings.meeting_create(
        actor=staff, kind="study", term=member.term, start_date=dt.date(2023, 5, 1)
    )
    topic = research.topic_create(
        actor=staff,
        year=2023,
        title="课题",
        leader="主席",
        office="办公室",
        planned_start=dt.date(2023, 3, 1),
        planned_end=dt.date(2023, 9, 1),
    )
    city = platforms.platform_save(actor=staff, name="市级平台", level="city")
    proposal = proposal_services.proposal_create(
        actor=staff, year=2023, number=1, title="案由", lead=member, submitted_on=dt.date(2023, 1, 8)
    )
    return {"member": member, "meeting": meeting, "topic": topic, "city": city, "proposal": proposal}


FORMS = {
    "members:create": (
        None,
        [
            "name",
            "gender",
            "ethnicity",
            "birth_date",
            "id_number",
            "phone",
            "term",
            "sector",
            "committee",
            "employer",
            "position",
            "notes",
        ],
    ),
    "members:edit": (
        "member",
        ["name", "gender", "birth_date", "id_number", "phone", "term", "sector", "notes"],
    ),
    "members:deactivate": ("member", ["how", "reason", "left_on"]),
    "accounts:member": ("member", ["username", "password"]),
    "members:entry_record": ("member", ["kind", "date", "title", "description"]),
    "proposals:create": (None, ["year", "number", "title", "lead", "cosigners", "submitted_on", "content"]),
    "proposals:edit": ("proposal", ["year", "number", "title", "lead", "submitted_on", "handling_unit"]),
    "proposals:transition": ("proposal", ["to", "on", "reason", "handling_unit", "answer"]),
    "sentiments:create": (
        None,
        [
            "year",
            "title",
            "authors",
            "reported_on",
            "adoption_level",
            "adopted_on",
            "instruction_by",
            "instruction_on",
        ],
    ),
    "consultations:create": (
        None,
        ["kind", "term", "number", "title", "topic", "start_date", "end_date", "place"],
    ),
    "consultations:outcome_create": ("meeting", ["title", "content", "sent_to", "sent_on"]),
    "consultations:sheet": ("meeting", ["version", "status-1", "reason-1", "speech-1", "remove-1"]),
    "research:create": (
        None,
        ["year", "title", "leader", "committee", "office", "planned_start", "planned_end"],
    ),
    "research:report": ("topic", ["title", "completed_on", "summary", "submitted_to", "submitted_on"]),
    "platforms:create": (None, ["name", "level", "parent", "township", "address", "founded_on", "mode"]),
    "platforms:session_create": (
        None,
        ["platform", "date", "topic", "setting", "residents", "follow_up_due"],
    ),
}


def _stored_text_is_clean() -> None:
    for app in ("members", "consultations", "research", "platforms"):
        for model in apps.get_app_config(app).get_models():
            text = [f.name for f in model._meta.fields if isinstance(f, models.CharField | models.TextField)]
            for row in model._default_manager.values_list(*text) if text else ():
                for value in row:
                    assert not (value and CONTROL.search(value)), f"{model.__name__} stored {value!r}"


@pytest.mark.parametrize("name", sorted(FORMS))
def test_hostile_values_never_break_a_form(name, staff_client, world):
    target, fields = FORMS[name]
    url = reverse(name, args=[world[target].pk] if target else [])

    @HYPOTHESIS
    @given(values=st.fixed_dictionaries({f: HOSTILE for f in fields}))
    def post(values):
        response = staff_client.post(url, values)
        assert response.status_code in (200, 302, 400, 409), response.status_code
        if response.status_code == 200:
            assert SCRIPT not in response.content.decode(), "user input reached the page unescaped"

    post()
    _stored_text_is_clean()


@HYPOTHESIS
@given(content=st.binary(max_size=2000), name=st.text(min_size=1, max_size=80))
def test_random_bytes_never_break_the_import(staff_client, content, name):
    response = staff_client.post(
        reverse("members:import"), {"file": SimpleUploadedFile(name[:80] or "x", content)}
    )
    # Refused with the reason on the page (400), or the empty-file field error (200); never a 500.
    assert response.status_code in (200, 400)
    context = response.context
    assert context["form"].errors or (context["preview"] is not None and not context["preview"].ok)


def test_a_member_cannot_be_saved_with_control_characters(staff_client):
    sector = MemberFactory().sector
    response = staff_client.post(
        reverse("members:create"),
        {"name": "张\x07三", "term": sector.members.first().term_id, "sector": sector.pk},
    )
    assert "请删除其中的不可见控制字符" in response.content.decode()
