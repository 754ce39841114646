"""Scoring rules, table-driven on a scheme built in memory (no database needed)."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from evaluation.models import ScoringScheme
from evaluation.scoring import Rule, Scheme, evaluate
from members.kinds import ActivityKind as K
from members.kinds import Category as C
from members.models import EntryRole

LEAD, CO, SOLE = EntryRole.LEAD, EntryRole.COSIGNER, EntryRole.SOLE


def scheme(**overrides) -> Scheme:
    values: dict[str, Any] = dict(
        year=2023,
        base=D(60),
        cosigner_mode=ScoringScheme.CosignerMode.COSIGN_RULE,
        lead_share=D("0.5"),
        rules={
            K.ATTEND_PLENARY: Rule(D(5), None, None),
            K.ATTEND_STUDY: Rule(D(2), None, D(4)),
            K.ATTEND_INSPECTION: Rule(D(2), None, None),
            K.LEAVE: Rule(D(0), D(-2), None),
            K.ABSENCE: Rule(D(-3), D(-5), D(9)),
            K.PROPOSAL_LEAD: Rule(D(10), None, None),
            K.PROPOSAL_COSIGN: Rule(D(1), None, None),
            K.PROPOSAL_FILED: Rule(D(15), None, None),
            K.SENTIMENT_REPORTED: Rule(D(2), None, None),
            K.SENTIMENT_ADOPTED_CITY: Rule(D(5), None, None),
            K.SENTIMENT_ADOPTED_PROVINCE: Rule(D(10), None, None),
            K.SENTIMENT_ADOPTED_NATIONAL: Rule(D(30), None, None),
        },
        category_caps={C.PROPOSAL: D(25)},
        grades=(("优秀", D(90)), ("称职", D(70)), ("基本称职", D(60)), ("不称职", D(0))),
        require_plenary=False,
        min_activities=0,
        min_proposals=0,
        min_sentiments=0,
        duties_unmet_grade="",
    )
    values.update(overrides)
    return Scheme(**values)


@pytest.mark.parametrize(
    ("groups", "standing", "expected_total"),
    [
        ([], False, D(60)),
        ([(K.ATTEND_PLENARY, SOLE, 0, 1)], False, D(65)),
        # a kind's cap: 3 study sessions × 2 = 6, capped at 4
        ([(K.ATTEND_STUDY, SOLE, 0, 3)], False, D(64)),
        # deductions: leave costs nothing for a member, 2 for 常委; absences −3 / −5
        ([(K.LEAVE, SOLE, 0, 2)], False, D(60)),
        ([(K.LEAVE, SOLE, 0, 2)], True, D(56)),
        ([(K.ABSENCE, SOLE, 0, 1)], False, D(57)),
        ([(K.ABSENCE, SOLE, 0, 1)], True, D(55)),
        # a cap bounds deductions too: 3 absences of a 常委 = −15, capped at −9
        ([(K.ABSENCE, SOLE, 0, 3)], True, D(51)),
        # a category cap: two sole proposals filed = 2 × (10 + 15) = 50, proposals capped at 25
        ([(K.PROPOSAL_LEAD, LEAD, 0, 2), (K.PROPOSAL_FILED, LEAD, 0, 2)], False, D(85)),
        # adoption tiers 市 5 / 省 10 / 全国 30, on top of 2 for reporting
        ([(K.SENTIMENT_REPORTED, SOLE, 0, 1), (K.SENTIMENT_ADOPTED_CITY, SOLE, 0, 1)], False, D(67)),
        ([(K.SENTIMENT_REPORTED, SOLE, 0, 1), (K.SENTIMENT_ADOPTED_PROVINCE, SOLE, 0, 1)], False, D(72)),
        ([(K.SENTIMENT_REPORTED, SOLE, 0, 1), (K.SENTIMENT_ADOPTED_NATIONAL, SOLE, 0, 1)], False, D(92)),
        # a kind without a rule scores nothing
        ([(K.VISIT, SOLE, 0, 4)], False, D(60)),
    ],
)
def test_totals_follow_points_caps_deductions_and_tiers(groups, standing, expected_total):
    assert evaluate(scheme(), groups, is_standing=standing).total == expected_total


# One proposal, filed, with 3 co-signers: the lead's groups and one co-signer's groups.
LEAD_GROUPS = [(K.PROPOSAL_LEAD, LEAD, 3, 1), (K.PROPOSAL_FILED, LEAD, 3, 1)]
CO_GROUPS = [(K.PROPOSAL_COSIGN, CO, 3, 1), (K.PROPOSAL_FILED, CO, 3, 1)]


@pytest.mark.parametrize(
    ("mode", "lead_points", "cosigner_points"),
    [
        # the lead scores the whole proposal, a co-signer the 附议 points only
        (ScoringScheme.CosignerMode.COSIGN_RULE, D(25), D(1)),
        # 延边: joint proposals count for the lead only
        (ScoringScheme.CosignerMode.LEAD_ONLY, D(25), D(0)),
        # 桐城: the lead gets half of (10 + 15), the three co-signers share the other half
        (ScoringScheme.CosignerMode.SPLIT, D("12.50"), D("4.17")),
    ],
)
def test_joint_proposals_split_by_the_years_mode(mode, lead_points, cosigner_points):
    s = scheme(cosigner_mode=mode, category_caps={})
    assert evaluate(s, LEAD_GROUPS, is_standing=False).total - s.base == lead_points
    co = evaluate(s, CO_GROUPS, is_standing=False).total - s.base
    assert abs(co - cosigner_points) <= D("0.01")


def test_a_sole_proposal_is_never_split():
    s = scheme(cosigner_mode=ScoringScheme.CosignerMode.SPLIT, category_caps={})
    groups = [(K.PROPOSAL_LEAD, LEAD, 0, 1), (K.PROPOSAL_FILED, LEAD, 0, 1)]
    assert evaluate(s, groups, is_standing=False).total == D(85)


@pytest.mark.parametrize(
    ("total_points", "grade"),
    [(D(30), "优秀"), (D(29), "称职"), (D(10), "称职"), (D(9), "基本称职"), (D(0), "基本称职")],
)
def test_grade_thresholds_are_inclusive(total_points, grade):
    s = scheme(rules={K.OTHER_DUTY: Rule(D(1), None, None)})
    groups = [(K.OTHER_DUTY, SOLE, 0, int(total_points))] if total_points else []
    assert evaluate(s, groups, is_standing=False).grade == grade


def test_a_total_below_every_threshold_has_the_lowest_grade():
    s = scheme(rules={K.ABSENCE: Rule(D(-30), None, None)})
    assert evaluate(s, [(K.ABSENCE, SOLE, 0, 1)], is_standing=False).grade == "不称职"


def test_missing_minimum_duties_are_listed_and_cap_the_grade():
    s = scheme(
        require_plenary=True,
        min_activities=2,
        min_proposals=1,
        min_sentiments=1,
        duties_unmet_grade="基本称职",
        rules={**scheme().rules, K.SENTIMENT_REPORTED: Rule(D(40), None, None)},
    )
    groups = [(K.SENTIMENT_REPORTED, SOLE, 0, 1), (K.ATTEND_INSPECTION, SOLE, 0, 1)]
    result = evaluate(s, groups, is_standing=False)
    assert result.total == D(102)
    assert result.missing_duties == ["plenary", "activities", "proposals"]
    assert result.grade == "基本称职"


def test_meeting_every_duty_keeps_the_grade_earned():
    s = scheme(
        require_plenary=True,
        min_activities=1,
        min_proposals=1,
        min_sentiments=0,
        duties_unmet_grade="基本称职",
    )
    groups = [(K.ATTEND_PLENARY, SOLE, 0, 1), (K.PROPOSAL_LEAD, LEAD, 0, 1), (K.PROPOSAL_FILED, LEAD, 0, 1)]
    result = evaluate(s, groups, is_standing=False)
    assert result.duties_met and result.total == D(90) and result.grade == "优秀"


def test_the_breakdown_shows_where_a_cap_bit():
    result = evaluate(scheme(), [(K.ATTEND_STUDY, SOLE, 0, 5)], is_standing=False)
    (category,) = result.categories
    (line,) = category.kinds
    assert (line.count, line.raw, line.points, line.capped) == (5, D(10), D(4), True)


def test_joint_shares_are_exact_and_rounded_once_half_to_even():
    # Co-signer of three proposals with 2, 3 and 4 co-signers under a 50 % lead share: 1/4 + 1/6 + 1/8 of
    # a 3-point proposal is exactly 1.625 points, which rounds half to even to 1.62 (not 1.63, which the
    # decimal arithmetic gave when 1/6 was carried as 0.1666…7).
    s = scheme(
        cosigner_mode=ScoringScheme.CosignerMode.SPLIT,
        category_caps={},
        rules={K.PROPOSAL_LEAD: Rule(D(3), None, None)},
    )
    groups = [(K.PROPOSAL_COSIGN, CO, 2, 1), (K.PROPOSAL_COSIGN, CO, 3, 1), (K.PROPOSAL_COSIGN, CO, 4, 1)]
    result = evaluate(s, groups, is_standing=False)
    assert result.total - s.base == D("1.62")
    (line,) = result.categories[0].kinds
    assert (line.quantity, line.raw) == (D("0.542"), D("1.62"))


@pytest.mark.parametrize(
    ("exact", "cents"), [("7.375", "7.38"), ("7.365", "7.36"), ("-2.125", "-2.12"), ("1", "1.00")]
)
def test_points_round_to_cents_half_to_even(exact, cents):
    from fractions import Fraction

    from evaluation.scoring.score import to_cents

    assert to_cents(Fraction(exact)) == D(cents)
