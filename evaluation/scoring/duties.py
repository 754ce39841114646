"""最低履职要求 (minimum duties): what a member must have done in a year, by the year's rules and the
part of the year they served. Part of the one scoring module (`evaluation.scoring`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext_lazy as _

from members.kinds import ACTIVITY_KINDS, PLENARY_KINDS, PROPOSAL_KINDS, SENTIMENT_KINDS, ActivityKind
from members.models.register import days_in_year, served_days

from ..models import ScoringScheme
from .rules import FULL_YEAR, Scheme

DUTY_LABELS = {
    "plenary": _("出席全体会议"),
    "activities": _("参加会议和活动"),
    "proposals": _("提交提案"),
    "sentiments": _("报送社情民意信息"),
}


@dataclass(frozen=True, slots=True)
class Duty:
    code: str
    required: int
    done: int

    @property
    def met(self) -> bool:
        return self.done >= self.required

    @property
    def label(self) -> str:
        return str(DUTY_LABELS[self.code])


_DUTY_KINDS = {
    "plenary": PLENARY_KINDS,
    "activities": ACTIVITY_KINDS,
    "proposals": PROPOSAL_KINDS,
    "sentiments": SENTIMENT_KINDS,
}
# kind → the minimum duties it counts towards (attending the plenary is also an activity).
_DUTIES_OF = {
    kind: tuple(code for code, kinds in _DUTY_KINDS.items() if kind in kinds) for kind in ActivityKind.values
}


def served_share(member: Any, year: int) -> Fraction:
    """The part of `year` a member served (任职天数 ÷ 全年天数), exactly."""
    return Fraction(served_days(member.joined_on, member.left_on, year), days_in_year(year))


def required_duties(scheme: Scheme, served: Fraction = FULL_YEAR) -> tuple[tuple[str, int], ...]:
    """The minimum duties of a member who served `served` of the year (1: the whole year).

    A part year follows the year's rule: the counts scaled by the time served and rounded down
    (the plenary, held once at the start of the year, is not required), nothing, or a full year's.
    """
    plenary = 1 if scheme.require_plenary else 0
    counts = [scheme.min_activities, scheme.min_proposals, scheme.min_sentiments]
    if served < 1:
        if scheme.part_year_duties == ScoringScheme.PartYear.EXEMPT:
            plenary, counts = 0, [0, 0, 0]
        elif scheme.part_year_duties == ScoringScheme.PartYear.PRO_RATA:
            plenary = 0
            counts = [math.floor(n * served) for n in counts]
    return (
        ("plenary", plenary),
        ("activities", counts[0]),
        ("proposals", counts[1]),
        ("sentiments", counts[2]),
    )


def duties(scheme: Scheme, counts: dict[str, int], served: Fraction = FULL_YEAR) -> list[Duty]:
    key = (served.numerator, served.denominator)  # a Fraction's own hash costs a modular power
    required = scheme.required.get(key)
    if required is None:  # worked out once per part of a year, not once per member
        required = scheme.required[key] = tuple((c, n) for c, n in required_duties(scheme, served) if n)
    done = dict.fromkeys(_DUTY_KINDS, 0)
    for kind, n in counts.items():
        for code in _DUTIES_OF[kind]:
            done[code] += n
    return [Duty(code, need, done[code]) for code, need in required]
