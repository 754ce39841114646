"""A figure's SQL is built once per process and inputs; what it counts is always read afresh."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Min
from django.test.utils import CaptureQueriesContext

from cppcc import prepared
from members.models import Member
from proposals import services as proposals
from proposals.figures import year_figures_total
from sentiments import services as sentiments
from sentiments.figures import year_counts
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_statements_yet():
    prepared._statements.clear()


def _submit(year_of_today: int) -> None:
    draft = proposals.proposal_draft_save(
        member=MemberFactory.create(),
        actor=None,
        title="提案",
        category="society",
        content="案据",
        suggestions="建议",
    )
    proposals.proposal_submit(proposal=draft, actor=None)
    assert draft.year == year_of_today


def test_the_year_totals_count_what_is_there_now_in_one_query_once_built():
    year = dt.date.today().year
    _submit(year)
    first = year_figures_total(year).counts
    assert first["submitted"] == 1 and first["assigned"] == 0
    _submit(year)
    with CaptureQueriesContext(connection) as queries:
        again = year_figures_total(year).counts
    assert len(queries) == 1  # the stored statement, nothing built or looked up
    assert again == {**first, "submitted": 2}  # every figure by its name, the new proposal counted
    assert year_figures_total(year - 1).counts["submitted"] == 0  # another year is another statement


def test_the_sentiment_counts_by_year_are_read_afresh(staff):
    def report(year: int) -> None:
        sentiments.sentiment_create(
            actor=staff,
            authors=[MemberFactory.create()],
            year=year,
            title="反映",
            reported_on=dt.date(year, 3, 1),
        )

    report(2023)
    _levels, first = year_counts([2023, 2022])
    assert first[2023]["n"] == 1 and first[2022] == {}
    report(2023)
    report(2022)
    _levels, again = year_counts([2023, 2022])
    assert again[2023] == {**first[2023], "n": 2}
    assert again[2022]["n"] == 1 and again[2022]["instructed"] == 0
    assert len(prepared._statements) == 1


def test_a_figure_that_is_not_a_count_is_not_kept():
    MemberFactory.create()
    result = prepared.aggregate(("test.first_name",), Member.objects.all, name=Min("name"))
    assert isinstance(result["name"], str) and not prepared._statements
