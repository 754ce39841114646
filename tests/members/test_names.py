"""Names are stored as people search for them, whichever way they come in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from members import services
from members.models import Member
from members.validators import normalize_name
from tests.factories import MemberFactory, SectorFactory, TermFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("何　勇华", "何勇华"),
        ("王  芳", "王芳"),
        (" 李\u00a0红梅 ", "李红梅"),
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("John  Smith", "John Smith"),
        ("\u3000欧阳明月\u3000", "欧阳明月"),
    ],
)
def test_padding_spaces_are_removed_from_chinese_names(typed, stored):
    assert normalize_name(typed) == stored


def test_a_name_saved_through_a_service_is_stored_without_padding(staff):
    member = services.member_create(
        actor=staff,
        name="何　勇华",
        term=TermFactory(),
        sector=SectorFactory(),
        joined_on=dt.date(2021, 12, 20),
    )
    assert Member.objects.get(pk=member.pk).name == "何勇华"


def test_search_finds_a_name_typed_with_or_without_the_padding(staff_client):
    MemberFactory(name="何勇华")
    for query in ("何勇华", "何　勇华", "何 勇"):
        found = staff_client.get(reverse("members:list"), {"q": query}).context["list"].page
        assert [m.name for m in found] == ["何勇华"], query


@pytest.mark.django_db(transaction=True)
def test_names_already_stored_with_padding_are_cleaned(migrator):
    old = migrator.apply_initial_migration([("members", "0007_plausible_dates")])
    get = old.apps.get_model
    term = get("members", "Term").objects.create(number=6, name="第六届", start_date=dt.date(2021, 12, 20))
    sector = get("members", "Sector").objects.create(name="经济界")
    for name in ("何　勇华", "王  芳", "John  Smith"):
        get("members", "Member").objects.create(
            name=name, term=term, sector=sector, joined_on=term.start_date
        )
    new = migrator.apply_tested_migration([("members", "0008_names_without_padding")])
    names = sorted(new.apps.get_model("members", "Member").objects.values_list("name", flat=True))
    assert names == ["John Smith", "何勇华", "王芳"]
