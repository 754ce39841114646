"""A year's evaluation covers exactly the members who served in it; a part year is marked and its
minimum duties follow the year's rule, the same on the dossier page as in the rollup."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from evaluation import services
from evaluation.models import AnnualEvaluation, ScoringScheme
from members import selectors
from members.kinds import ActivityKind as K
from tests.factories import EntryFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheme(db):
    return services.scheme_create_default(year=2023)  # 3 activities, 1 proposal, 1 社情民意, the plenary


def _ranks():
    return dict(AnnualEvaluation.objects.filter(year=2023).values_list("member_id", "rank"))


def test_a_member_who_joined_in_a_later_year_is_not_evaluated_and_shifts_no_rank(scheme):
    busy, quiet = MemberFactory(), MemberFactory()
    EntryFactory(member=busy, kind=K.SPEECH_ORAL)
    services.evaluation_rollup(year=2023)
    before = _ranks()

    newcomer = MemberFactory(joined_on=dt.date(2026, 3, 1))
    EntryFactory(member=newcomer, kind=K.SPEECH_ORAL, year=2023)  # even with an entry dated in 2023
    services.evaluation_rollup(year=2023)
    assert _ranks() == before == {busy.pk: 1, quiet.pk: 2}
    assert not AnnualEvaluation.objects.filter(member=newcomer).exists()


def test_a_member_who_left_before_the_year_is_not_evaluated_and_one_who_left_during_it_is(scheme):
    left_before = MemberFactory(left_on=dt.date(2022, 12, 31), status="inactive")
    left_during = MemberFactory(left_on=dt.date(2023, 3, 31), status="inactive")
    services.evaluation_rollup(year=2023)
    assert not AnnualEvaluation.objects.filter(member=left_before).exists()
    evaluation = AnnualEvaluation.objects.get(member=left_during)
    assert (evaluation.served_days, evaluation.part_year) == (90, True)


def test_a_by_elected_member_serves_a_part_year_with_duties_pro_rata(scheme):
    member = MemberFactory(joined_on=dt.date(2023, 7, 1), joined_how="by_election")
    EntryFactory(member=member, kind=K.ATTEND_OTHER, date=dt.date(2023, 9, 1))
    services.evaluation_rollup(year=2023)
    evaluation = AnnualEvaluation.objects.get(member=member)
    # 184 of 365 days: 3 activities × 184/365 → 1 (rounded down); 1 proposal → 0; no plenary required.
    assert (evaluation.served_days, evaluation.part_year) == (184, True)
    assert (evaluation.duties_met, evaluation.duties_missing) == (True, [])
    page = selectors.member_dossier(member=member, year=2023)
    assert [(d.code, d.required, d.done) for d in page.breakdown.duties] == [("activities", 1, 1)]


def test_a_full_year_member_still_owes_every_duty(scheme):
    member = MemberFactory()
    EntryFactory(member=member, kind=K.ATTEND_OTHER)
    services.evaluation_rollup(year=2023)
    evaluation = AnnualEvaluation.objects.get(member=member)
    assert evaluation.part_year is False and evaluation.served_days == 365
    assert evaluation.duties_missing == ["plenary", "activities", "proposals", "sentiments"]


@pytest.mark.parametrize(
    ("rule", "missing"),
    [
        (ScoringScheme.PartYear.EXEMPT, []),
        (ScoringScheme.PartYear.FULL, ["plenary", "activities", "proposals", "sentiments"]),
        (ScoringScheme.PartYear.PRO_RATA, ["activities"]),
    ],
)
def test_the_years_rule_decides_what_a_part_year_owes(scheme, rule, missing):
    ScoringScheme.objects.filter(pk=scheme.pk).update(part_year_duties=rule)
    member = MemberFactory(joined_on=dt.date(2023, 7, 1))
    services.evaluation_rollup(year=2023)
    assert AnnualEvaluation.objects.get(member=member).duties_missing == missing
    page = selectors.member_dossier(member=member, year=2023)
    assert page.breakdown.missing_duties == missing


def test_the_dossier_says_the_year_was_served_in_part(staff_client, scheme):
    member = MemberFactory(joined_on=dt.date(2023, 7, 1))
    body = staff_client.get(reverse("members:detail", args=[member.pk]) + "?year=2023").content.decode()
    assert "本年度为部分年度任职（任职日期 2023-07-01" in body
    assert "按任职时间折算" in body


def test_a_member_cannot_leave_before_joining(staff_client):
    member = MemberFactory(joined_on=dt.date(2023, 7, 1))
    response = staff_client.post(
        reverse("members:deactivate", args=[member.pk]), {"how": "resigned", "left_on": "2023-06-01"}
    )
    assert "停止履职日期不能早于任职日期" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active


def test_the_evaluation_list_marks_a_part_year(staff_client, scheme):
    MemberFactory(name="补选委员", joined_on=dt.date(2023, 7, 1))
    services.evaluation_rollup(year=2023)
    body = staff_client.get(reverse("evaluation:year", args=[2023])).content.decode()
    assert "部分年度" in body and "任职 184 天" in body


@pytest.mark.django_db(transaction=True)
def test_members_already_registered_joined_when_their_term_began(migrator):
    old = migrator.apply_initial_migration([("members", "0005_move_proposals_and_evaluation_out")])
    get = old.apps.get_model
    term = get("members", "Term").objects.create(number=6, name="第六届", start_date=dt.date(2021, 12, 20))
    sector = get("members", "Sector").objects.create(name="经济界")
    get("members", "Member").objects.create(name="在任", term=term, sector=sector)
    get("members", "Member").objects.create(
        name="离任",
        term=term,
        sector=sector,
        status="inactive",
        left_on=dt.date(2023, 6, 30),
        left_reason="工作调动",
    )
    new = migrator.apply_tested_migration([("members", "0006_tenure_dates")])
    rows = {m.name: m for m in new.apps.get_model("members", "Member").objects.all()}
    assert rows["在任"].joined_on == rows["离任"].joined_on == dt.date(2021, 12, 20)
    assert (rows["离任"].left_how, rows["离任"].left_reason) == ("other", "工作调动")
    assert rows["在任"].left_how == "" and rows["在任"].joined_how == "elected"


@pytest.mark.django_db(transaction=True)
def test_a_summary_written_before_it_counted_unmet_duties_counts_them_from_its_rows(migrator):
    old = migrator.apply_initial_migration([("evaluation", "0005_sentiment_adopted_local_kind")])
    get = old.apps.get_model
    term = get("members", "Term").objects.create(number=6, name="第六届", start_date=dt.date(2021, 12, 20))
    sector = get("members", "Sector").objects.create(name="经济界")
    now = dt.datetime(2024, 1, 2, tzinfo=dt.UTC)
    for i, met in enumerate([True, False, False]):
        member = get("members", "Member").objects.create(
            name=f"委员{i}", term=term, sector=sector, joined_on=dt.date(2021, 12, 20)
        )
        get("evaluation", "AnnualEvaluation").objects.create(
            year=2023,
            member=member,
            total=70,
            rank=i + 1,
            rank_in_sector=i + 1,
            duties_met=met,
            computed_at=now,
        )
    get("evaluation", "EvaluationSummary").objects.create(year=2023, grades={"合格": 3}, computed_at=now)
    new = migrator.apply_tested_migration([("evaluation", "0006_summary_unmet")])
    assert new.apps.get_model("evaluation", "EvaluationSummary").objects.get(year=2023).unmet == 2
