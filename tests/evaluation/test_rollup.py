"""The annual rollup against a small committee computed by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from evaluation import services as evaluation_services
from evaluation.models import AnnualEvaluation, EvaluationRun, ScoringRule
from members.kinds import ActivityKind as K
from tests.factories import CommitteeFactory, EntryFactory, MemberFactory, SectorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(db):
    """Five members: points chosen so that two tie and one misses the minimum duties."""
    evaluation_services.scheme_create_default(
        year=2023
    )  # base 60; plenary 5, oral speech 5, absence -3/-5 for 常委
    econ, edu = SectorFactory(name="经济界"), SectorFactory(name="教育界")
    first, second = CommitteeFactory(name="经济科技委员会"), CommitteeFactory(name="教科卫体委员会")
    people = {
        "甲": MemberFactory(name="甲", sector=econ, committee=first),
        "乙": MemberFactory(name="乙", sector=econ, committee=first),
        "丙": MemberFactory(name="丙", sector=edu, committee=second),
        "丁": MemberFactory(name="丁", sector=edu, committee=None, is_standing=True),
        "戊": MemberFactory(name="戊", sector=econ, committee=second),
    }

    def duties(m):
        EntryFactory(member=m, kind=K.ATTEND_PLENARY)
        EntryFactory.create_batch(2, member=m, kind=K.ATTEND_INSPECTION)
        EntryFactory(member=m, kind=K.PROPOSAL_LEAD, role="lead")
        EntryFactory(member=m, kind=K.SENTIMENT_REPORTED)

    for name in "甲乙丙丁":
        duties(people[name])  # 60 + 5 + 4 + 5 + 2 = 76
    EntryFactory.create_batch(3, member=people["甲"], kind=K.SPEECH_ORAL)  # +15, speech capped at 10 → 86
    EntryFactory(member=people["乙"], kind=K.SPEECH_ORAL)  # 81
    EntryFactory(member=people["丙"], kind=K.SPEECH_ORAL)  # 81: ties with 乙
    EntryFactory(member=people["丁"], kind=K.ABSENCE)  # 常委 −5 → 71
    EntryFactory.create_batch(
        20, member=people["戊"], kind=K.SENTIMENT_ADOPTED_NATIONAL
    )  # 60 + 30 (cap), no duties
    EntryFactory(member=people["戊"], kind=K.PUBLIC_SERVICE, status="pending")  # not counted
    return people


def _table():
    return {
        e.member.name: (e.total, e.rank, e.rank_in_sector, e.rank_in_committee, e.grade, e.duties_met)
        for e in AnnualEvaluation.objects.filter(year=2023).select_related("member")
    }


def test_the_rollup_equals_the_hand_computed_evaluation(committee):
    result = evaluation_services.evaluation_rollup(year=2023)
    assert result.members == 5
    assert _table() == {
        # total, rank, in sector, in committee, grade, duties met
        "戊": (D(90), 1, 1, 1, "基本称职", False),  # 90 would be 称职, but duties are missing
        "甲": (D(86), 2, 2, 1, "称职", True),
        "乙": (D(81), 3, 3, 2, "称职", True),
        "丙": (D(81), 3, 1, 2, "称职", True),  # ties share a rank
        "丁": (D(71), 5, 2, None, "基本称职", True),
    }
    missing = AnnualEvaluation.objects.get(member=committee["戊"]).duties_missing
    assert missing == ["plenary", "activities", "proposals", "sentiments"]


def test_running_it_twice_changes_nothing(committee):
    evaluation_services.evaluation_rollup(year=2023)
    first = _table()
    evaluation_services.evaluation_rollup(year=2023)
    assert _table() == first
    assert AnnualEvaluation.objects.count() == 5


def test_changing_a_rule_and_rerunning_rescores(committee):
    evaluation_services.evaluation_rollup(year=2023)
    ScoringRule.objects.filter(scheme__year=2023, kind=K.SPEECH_ORAL).update(points=1)
    evaluation_services.evaluation_rollup(year=2023)
    table = _table()
    assert table["甲"][0] == D(79) and table["丙"][0] == D(77)


def test_the_dossier_and_the_rollup_agree(committee):
    from members import selectors

    evaluation_services.evaluation_rollup(year=2023)
    for member in committee.values():
        live = selectors.member_dossier(member=member, year=2023).breakdown
        stored = AnnualEvaluation.objects.get(member=member, year=2023)
        assert (live.total, live.grade) == (stored.total, stored.grade)


def test_the_run_records_the_committees_medians(committee):
    evaluation_services.evaluation_rollup(year=2023)
    run = EvaluationRun.objects.get(year=2023)
    assert run.status == "done" and run.members == 5
    assert D(run.medians["total"]) == D(81)
    assert D(run.medians["speech"]) == D(5)


def test_members_scored_in_small_chunks_get_the_same_rows_as_in_one(committee, monkeypatch):
    evaluation_services.evaluation_rollup(year=2023)
    whole = _table()
    AnnualEvaluation.objects.all().delete()
    monkeypatch.setattr("evaluation.services.rollup_input.CHUNK", 2)
    evaluation_services.evaluation_rollup(year=2023)
    assert _table() == whole


def test_a_re_run_writes_only_the_rows_that_changed(committee):
    evaluation_services.evaluation_compute(2023)
    before = dict(AnnualEvaluation.objects.values_list("member__name", "computed_at"))
    EntryFactory(member=committee["丁"], kind=K.VISIT)  # 71 → 72: no rank moves
    evaluation_services.evaluation_compute(2023)
    after = dict(AnnualEvaluation.objects.values_list("member__name", "computed_at"))
    assert [name for name in after if after[name] != before[name]] == ["丁"]
    assert _table()["丁"][0] == D(72)


def test_the_rollup_costs_the_same_queries_for_5_or_50_members(committee, django_assert_max_num_queries):
    with django_assert_max_num_queries(29) as small:
        evaluation_services.evaluation_rollup(year=2023)
    for m in MemberFactory.create_batch(45):
        EntryFactory.create_batch(3, member=m, kind=K.VISIT)
    with django_assert_max_num_queries(29) as large:
        evaluation_services.evaluation_rollup(year=2023)
    assert len(large) == len(small)


def test_a_second_run_of_the_same_year_is_refused_while_one_is_active(committee):
    from django.core.exceptions import ValidationError

    evaluation_services.evaluation_queue(year=2023)
    with pytest.raises(ValidationError, match="正在计算中"):
        evaluation_services.evaluation_queue(year=2023)


def test_a_run_records_its_state_time_and_worker(committee):
    run = evaluation_services.evaluation_queue(year=2023)
    assert run.status == "queued"
    evaluation_services.evaluation_run(run)
    run.refresh_from_db()
    assert run.status == "done" and run.members == 5 and run.seconds is not None and run.worker
    again = evaluation_services.evaluation_run(run)
    assert again.status == "done", "running a finished run again changes nothing"


def test_a_year_without_rules_fails_with_the_reason(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="尚未设置积分规则"):
        evaluation_services.evaluation_queue(year=2019)


def test_awards_are_proposed_from_the_evaluation_by_their_criteria(committee, staff):
    from evaluation.models import Award, AwardKind

    AwardKind.objects.all().delete()
    AwardKind.objects.create(name="优秀委员", basis="total", top_n=2, min_grade="称职", require_duties=True)
    AwardKind.objects.create(name="优秀社情民意信息工作者", basis="sentiment", top_n=1, require_duties=False)
    evaluation_services.evaluation_rollup(year=2023)
    assert evaluation_services.awards_propose(year=2023) == 3
    proposed = {(a.kind.name, a.member.name) for a in Award.objects.select_related("kind", "member")}
    # 戊 has the best total but misses the duties; 甲 and then 乙/丙 (tied, 乙 ranked first by id) follow.
    assert ("优秀委员", "甲") in proposed and ("优秀委员", "戊") not in proposed
    assert ("优秀社情民意信息工作者", "戊") in proposed
    assert evaluation_services.awards_propose(year=2023) == 0, "proposing again adds nothing"
    award = Award.objects.get(member__name="甲")
    evaluation_services.award_decide(award=award, confirm=True, actor=staff)
    award.refresh_from_db()
    assert award.status == "confirmed" and award.decided_by == staff


def test_the_year_summary_equals_the_rows_it_was_written_with(committee):
    """The dashboard's grades and averages come from the summary: it must equal the rows, always."""
    from django.db.models import Count, Sum

    from evaluation.models import EvaluationSummary

    evaluation_services.evaluation_rollup(year=2023)
    EntryFactory.create_batch(4, member=committee["丁"], kind=K.SPEECH_ORAL)  # 丁 rises: ranks move
    committee["乙"].sector = committee["丙"].sector
    committee["乙"].save()
    evaluation_services.evaluation_rollup(year=2023)
    summary = EvaluationSummary.objects.get(year=2023)
    rows = AnnualEvaluation.objects.filter(year=2023).order_by()

    def sums(field):
        grouped = rows.values_list(field).annotate(n=Count("pk"), total=Sum("total"))
        return {group: [n, int(total * 100)] for group, n, total in grouped}

    assert summary.grades == dict(rows.values_list("grade").annotate(n=Count("pk")))
    assert summary.unmet == rows.filter(duties_met=False).count() > 0
    assert {s: [n, cents] for s, n, cents in summary.by_sector} == sums("member__sector")
    assert {c: [n, cents] for c, n, cents in summary.by_committee} == sums("member__committee")
    assert sum(n for _c, n, _cents in summary.by_committee) == rows.count() == 5
