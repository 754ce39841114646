"""The figures page: each figure equals the rows of the list it links to, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sentiments import services
from sentiments.models import SentimentLevel
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
YEAR = 2023


def _make(staff, adopted_at: tuple[str, ...], instructions: int = 0, year: int = YEAR):
    levels = {level.tier: level for level in SentimentLevel.objects.all()}
    report = services.sentiment_create(
        actor=staff,
        authors=[MemberFactory.create()],
        year=year,
        title=f"反映{'-'.join(adopted_at)}",
        reported_on=dt.date(year, 3, 1),
    )
    services.forwarding_save(
        report=report, actor=staff, action="forwarded", level=levels["province"], date=dt.date(year, 3, 2)
    )
    for tier in adopted_at:
        services.forwarding_save(
            report=report, actor=staff, action="adopted", level=levels[tier], date=dt.date(year, 3, 9)
        )
    for n in range(instructions):
        services.instruction_save(
            report=report, actor=staff, leader=f"领导{n}", level=levels["local"], date=dt.date(year, 4, 1)
        )
    return report


@pytest.fixture
def hand_made(staff):
    # 6 reports of 2023: 本级+上级市 (2 批示), 上级市 twice (one also adopted again there), 省, none;
    # one 2022 report adopted nationally that no 2023 figure may count.
    # Two issues: 第1期 with two reports, 第2期 with one; 2022 has its own 第1期.
    first = _make(staff, ("local", "city"), instructions=2)
    second = _make(staff, ("city", "city"))
    _make(staff, ("city",), instructions=1)
    fourth = _make(staff, ("province",))
    _make(staff, ())
    _make(staff, ())
    old = _make(staff, ("national",), year=2022)
    day = dt.date(YEAR, 5, 1)
    services.issue_create(actor=staff, year=YEAR, number=1, date=day, reports=[first, second])
    services.issue_create(actor=staff, year=YEAR, number=2, date=day, reports=[fourth])
    services.issue_create(actor=staff, year=2022, number=1, date=dt.date(2022, 5, 1), reports=[old])


def _shown(client, link: str) -> int:
    response = client.get(link)
    assert response.status_code == 200, link
    return response.context["list"].total


def test_each_figure_is_computed_by_hand_and_equals_its_list(leader_client, hand_made):
    figures = leader_client.get(reverse("sentiments:stats") + f"?year={YEAR}").context["figures"]
    values = {f["key"]: f["value"] for f in figures}
    assert values == {
        "reported": 6,
        "issues": 2,
        "compiled": 3,
        "adopted-local": 1,
        "adopted-city": 3,
        "adopted-province": 1,
        "adopted-national": 0,
        "instructed": 2,
    }
    for figure in figures:
        if figure["key"] == "issues":
            issues = leader_client.get(figure["link"]).context["issues"]
            assert len(issues) == figure["value"]
            continue
        assert _shown(leader_client, figure["link"]) == figure["value"], figure["key"]


def test_the_figures_page_costs_the_same_queries_for_few_or_many_reports(staff, leader_client):
    url = reverse("sentiments:stats") + f"?year={YEAR}"
    _make(staff, ("city",), instructions=1)
    with CaptureQueriesContext(connection) as few:
        leader_client.get(url)
    for _n in range(5):
        _make(staff, ("local", "city", "province"), instructions=2)
    with CaptureQueriesContext(connection) as many:
        leader_client.get(url)
    assert len(few.captured_queries) == len(many.captured_queries)


def test_a_member_may_not_open_the_figures(member_client):
    assert member_client.get(reverse("sentiments:stats")).status_code == 403
