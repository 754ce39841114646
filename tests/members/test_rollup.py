"""The annual rollup against a small committee computed by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from members import services
from members.kinds import ActivityKind as K
from members.models import AnnualEvaluation, EvaluationRun, ScoringRule
from tests.factories import CommitteeFactory, EntryFactory, MemberFactory, SectorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(db):
    """Five members: points chosen so that two tie and one misses the minimum duties."""
    services.scheme_create_default(year=2023)  # base 60; plenary 5, oral speech 5, absence -3/-5 for 常委
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
    EntryFactory.create_batch(20, member=people["戊"], kind=K.SENTIMENT_ADOPTED_NATIONAL)  # 60 + 30 (cap), no duties
    EntryFactory(member=people["戊"], kind=K.PUBLIC_SERVICE, status="pending")  # not counted
    return people


def _table():
    return {
        e.member.name: (e.total, e.rank, e.rank_in_sector, e.rank_in_committee, e.grade, e.duties_met)
        for e in AnnualEvaluation.objects.filter(year=2023).select_related("member")
    }


def test_the_rollup_equals_the_hand_computed_evaluation(committee):
    result = services.rollup_year(2023)
    assert result.members == 5
    assert _table() == {
        # total, rank, in sector, in committee, grade, duties met
        "戊": (D(90), 1, 1, 1, "基本称职", False),  # 90 would be 优秀, but duties are missing
        "甲": (D(86), 2, 2, 1, "称职", True),
        "乙": (D(81), 3, 3, 2, "称职", True),
        "丙": (D(81), 3, 1, 2, "称职", True),  # ties share a rank
        "丁": (D(71), 5, 2, None, "称职", True),
    }
    missing = AnnualEvaluation.objects.get(member=committee["戊"]).duties_missing
    assert missing == ["plenary", "activities", "proposals", "sentiments"]


def test_running_it_twice_changes_nothing(committee):
    services.rollup_year(2023)
    first = _table()
    services.rollup_year(2023)
    assert _table() == first
    assert AnnualEvaluation.objects.count() == 5


def test_changing_a_rule_and_rerunning_rescores(committee):
    services.rollup_year(2023)
    ScoringRule.objects.filter(scheme__year=2023, kind=K.SPEECH_ORAL).update(points=1)
    services.rollup_year(2023)
    table = _table()
    assert table["甲"][0] == D(79) and table["丙"][0] == D(77)


def test_the_dossier_and_the_rollup_agree(committee):
    from members import selectors

    services.rollup_year(2023)
    for member in committee.values():
        live = selectors.member_dossier(member=member, year=2023).breakdown
        stored = AnnualEvaluation.objects.get(member=member, year=2023)
        assert (live.total, live.grade) == (stored.total, stored.grade)


def test_the_run_records_the_committees_medians(committee):
    services.rollup_year(2023)
    run = EvaluationRun.objects.get(year=2023)
    assert run.status == "done" and run.members == 5
    assert D(run.medians["total"]) == D(81)
    assert D(run.medians["speech"]) == D(5)


def test_the_rollup_costs_the_same_queries_for_5_or_50_members(committee, django_assert_max_num_queries):
    with django_assert_max_num_queries(12) as small:
        services.rollup_year(2023)
    for m in MemberFactory.create_batch(45):
        EntryFactory.create_batch(3, member=m, kind=K.VISIT)
    with django_assert_max_num_queries(12) as large:
        services.rollup_year(2023)
    assert len(large) == len(small)
