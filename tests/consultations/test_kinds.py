"""Meeting kinds are data: staff add a kind, a meeting of it scores as the kind says, and changing what
a kind counts as re-scores the meetings already held."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from consultations import selectors, services
from consultations.forms import MeetingForm
from consultations.models import Meeting, MeetingKind
from members.kinds import ActivityKind as K
from members.models import DossierEntry
from tests.factories import MemberFactory, TermFactory

pytestmark = pytest.mark.django_db


def _offered(form) -> set[str]:
    """The kind codes a meeting form offers, from its grouped drop-down."""
    codes: set[str] = set()
    for value, label in form.fields["kind"].choices:
        if isinstance(label, list | tuple):
            codes.update(str(v) for v, _l in label)
        elif value:
            codes.add(str(value))
    return codes


def _held(kind, members, staff, day=1):
    meeting = services.meeting_create(
        actor=staff, kind=kind, term=TermFactory(), start_date=dt.date(2023, 5, day), title="联组讨论"
    )
    services.meeting_invite(meeting=meeting, members=members, actor=staff)
    rows = {m.pk: services.SheetRow("present") for m in members}
    services.sheet_save(meeting=meeting, rows=rows, actor=staff)
    return meeting


def test_staff_add_a_kind_and_its_meetings_score_as_it_says(staff_client, staff):
    response = staff_client.post(
        reverse("consultations:kind_create"),
        {
            "name": "联组讨论会",
            "code": "joint_group",
            "group": "consultation",
            "activity_kind": K.ATTEND_CONSULTATION,
            "order": 95,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    kind = MeetingKind.objects.get(code="joint_group")
    assert (kind.name, kind.group, kind.numbered) == ("联组讨论会", "consultation", False)
    assert kind.history.get().history_user == staff  # who added it, and when, is in its history

    member = MemberFactory()
    meeting = _held("joint_group", [member], staff)
    entry = DossierEntry.objects.get(member=member)
    assert entry.kind == K.ATTEND_CONSULTATION
    # The new kind is offered when staff create the next meeting.
    assert "joint_group" in _offered(MeetingForm())
    assert meeting.display_title == "联组讨论"


def test_a_kind_that_starts_counting_as_another_activity_rescores_its_meetings(staff_client, staff):
    kind = MeetingKind.objects.get(code="sector_activity")
    assert kind.activity_kind == K.ATTEND_OTHER
    members = MemberFactory.create_batch(3)
    _held(kind.code, members, staff, day=1)
    _held(kind.code, members[:1], staff, day=2)
    edit = staff_client.get(reverse("consultations:kind_edit", args=[kind.pk]))
    form = edit.context["form"]
    data = {name: form[name].value() for name in form.fields if not form.fields[name].disabled}
    data.update(activity_kind=K.ATTEND_CONSULTATION, numbered="", is_active="on")
    response = staff_client.post(reverse("consultations:kind_edit", args=[kind.pk]), data)
    assert response.status_code == 302, response.content.decode()[:500]
    kinds = list(DossierEntry.objects.filter(member__in=members).values_list("kind", flat=True))
    assert kinds == [K.ATTEND_CONSULTATION] * 4


def test_the_code_of_a_kind_in_use_cannot_be_changed(staff_client):
    kind = MeetingKind.objects.get(code="counterpart")
    edit = staff_client.get(reverse("consultations:kind_edit", args=[kind.pk]))
    form = edit.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(code="renamed", name="对口协商座谈会", is_active="on")
    staff_client.post(reverse("consultations:kind_edit", args=[kind.pk]), data)
    kind.refresh_from_db()
    assert (kind.code, kind.name) == ("counterpart", "对口协商座谈会")


def test_a_bad_kind_is_refused_in_chinese_and_what_was_typed_stays(staff_client):
    response = staff_client.post(
        reverse("consultations:kind_create"),
        {
            "name": "全体会议",
            "code": "Has Space",
            "group": "meeting",
            "activity_kind": K.ATTEND_OTHER,
            "order": 1,
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "已有名为“全体会议”的会议活动类型" in body
    assert "代码只能由英文小写字母、数字和下划线组成" in body
    assert 'value="Has Space"' in body
    assert MeetingKind.objects.filter(code="Has Space").count() == 0


def test_a_retired_kind_is_not_offered_but_its_meetings_keep_it(staff):
    kind = MeetingKind.objects.get(code="studio")
    meeting = services.meeting_create(
        actor=staff, kind=kind, term=TermFactory(), start_date=dt.date(2023, 6, 1)
    )
    services.kind_save(kind=kind, actor=staff, is_active=False)
    offered = _offered(MeetingForm())
    assert "studio" not in offered
    assert "studio" in _offered(MeetingForm(instance=meeting))


def test_statistics_count_meetings_and_attendance_by_kind(staff):
    members = MemberFactory.create_batch(4)
    _held("counterpart", members, staff, day=1)
    _held("counterpart", members[:2], staff, day=2)
    _held("democratic_review", members[:1], staff, day=3)
    by_code = {r.kind.code: (r.meetings, r.invited, r.present) for r in selectors.rates_by_kind(year=2023)}
    assert by_code == {"counterpart": (2, 6, 6), "democratic_review": (1, 1, 1)}
    assert Meeting.objects.filter(kind__group="consultation").count() == 2


@pytest.mark.parametrize("code", ["Joint_Group", "STANDING", "1st_kind", "joint-group"])
def test_a_code_in_the_wrong_form_or_taken_in_another_case_is_refused(staff_client, code):
    response = staff_client.post(
        reverse("consultations:kind_create"),
        {
            "name": "联组讨论会",
            "code": code,
            "group": "consultation",
            "activity_kind": K.ATTEND_CONSULTATION,
            "order": 1,
        },
    )
    assert response.status_code == 400
    assert not MeetingKind.objects.filter(name="联组讨论会").exists()


def test_attending_can_only_count_as_an_attendance_activity(staff_client):
    form = staff_client.get(reverse("consultations:kind_create")).context["form"]
    offered = {value for value, _label in form.fields["activity_kind"].choices}
    assert K.ATTEND_CONSULTATION in offered and K.ABSENCE not in offered and K.PROPOSAL_LEAD not in offered
