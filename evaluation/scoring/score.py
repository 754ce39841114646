"""Points, caps, joint-proposal shares and grades: one member's groups → a `Breakdown`. Part of
`evaluation.scoring`."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from members.kinds import CATEGORY_OF, ActivityKind, Category
from members.models import EntryRole

from ..models import ScoringScheme
from .duties import Duty, duties
from .rules import _CATEGORIES, _KIND_ORDER, FULL_YEAR, ZERO, Group, Scheme

_WHOLE = Fraction(1)
_NOTHING = Fraction(0)


def share(scheme: Scheme, kind: str, role: str, joint_size: int) -> Fraction:
    """How much of one entry a member earns, by the year's rule for joint proposals — exactly: a
    third stays a third until the points are rounded once, to cents, half to even."""
    if not role or (role == EntryRole.LEAD and joint_size == 0):
        return _WHOLE
    mode = scheme.cosigner_mode
    if mode == ScoringScheme.CosignerMode.LEAD_ONLY:
        return _WHOLE if role == EntryRole.LEAD else _NOTHING
    if mode == ScoringScheme.CosignerMode.COSIGN_RULE:
        if role == EntryRole.LEAD:
            return _WHOLE
        # A co-signer earns the "附议提案" points only, not a share of 立案 / 重点 / 优秀.
        return _WHOLE if kind == ActivityKind.PROPOSAL_COSIGN else _NOTHING
    # SPLIT (桐城): the lead takes lead_share of every proposal kind, co-signers share the rest.
    if role == EntryRole.LEAD:
        return Fraction(scheme.lead_share)
    return (_WHOLE - Fraction(scheme.lead_share)) / joint_size


@functools.lru_cache(maxsize=256)
def _ratio(points: Decimal) -> tuple[int, int]:
    return points.as_integer_ratio()


def _cents(numerator: int, denominator: int) -> Decimal:
    """numerator/denominator points rounded once to cents, half to even — `to_cents` in integers."""
    cents, rest = divmod(numerator * 100, denominator)
    if 2 * rest > denominator or (2 * rest == denominator and cents % 2):
        cents += 1
    return Decimal(cents) / 100


def to_cents(value: Fraction) -> Decimal:
    """An exact amount of points rounded once to cents, half to even (7.375 → 7.38, 7.365 → 7.36)."""
    return Decimal(round(value * 100)) / 100


def _limit(value: Decimal, cap: Decimal | None) -> tuple[Decimal, bool]:
    # A cap bounds gains and deductions alike: at most `cap` points either way.
    if cap is None or abs(value) <= cap:
        return value, False
    return (cap if value > 0 else -cap), True


@dataclass(slots=True)
class KindLine:
    kind: str
    count: int
    quantity: Decimal
    points_each: Decimal
    raw: Decimal
    points: Decimal
    cap: Decimal | None
    capped: bool

    @property
    def label(self) -> str:
        return str(ActivityKind(self.kind).label)


@dataclass(slots=True)
class CategoryLine:
    category: str
    kinds: list[KindLine] = field(default_factory=list)
    raw: Decimal = ZERO
    points: Decimal = ZERO
    cap: Decimal | None = None
    capped: bool = False

    @property
    def label(self) -> str:
        return str(Category(self.category).label)


@dataclass
class Breakdown:
    base: Decimal
    categories: list[CategoryLine]
    total: Decimal
    grade: str
    duties: list[Duty]

    @property
    def duties_met(self) -> bool:
        return all(d.met for d in self.duties)

    @property
    def missing_duties(self) -> list[str]:
        return [d.code for d in self.duties if not d.met]

    def points_by_category(self) -> dict[str, str]:
        return {c.category: str(c.points) for c in self.categories}


def grade_for(scheme: Scheme, total: Decimal, duties_met: bool) -> str:
    grade = next((name for name, threshold in scheme.grades if total >= threshold), "")
    if not duties_met and scheme.duties_unmet_grade:
        names = [name for name, _t in scheme.grades]
        ceiling = scheme.duties_unmet_grade
        # The grade drops to the ceiling when it would be better than the ceiling.
        if ceiling in names and grade in names and names.index(grade) < names.index(ceiling):
            grade = ceiling
    return grade


def evaluate(
    scheme: Scheme,
    groups: Iterable[Group],
    *,
    is_standing: bool,
    detail: bool = True,
    served: Fraction = FULL_YEAR,
) -> Breakdown:
    """Score one member's groups of counted entries under a year's scheme.

    The rollup passes detail=False: the same arithmetic, without the per-kind lines a page shows.
    """
    counts: dict[str, int] = {}
    # Most entries count whole; only joint items adjust the quantity, kept exact as integer
    # numerators per denominator (kind → {denominator: numerator}) and summed as Fractions once.
    adjustments: dict[str, dict[int, int]] = {}
    deltas = scheme.share_deltas
    for kind, role, joint_size, n in groups:
        counts[kind] = counts.get(kind, 0) + n
        if role:
            key = (kind, role, joint_size)
            if key in deltas:
                delta = deltas[key]
            else:
                part = share(scheme, kind, role, joint_size) - 1
                delta = deltas[key] = (part.numerator, part.denominator) if part else None
            if delta is not None:
                per = adjustments.setdefault(kind, {})
                per[delta[1]] = per.get(delta[1], 0) + delta[0] * n

    category_raw: dict[str, Decimal] = {}
    lines: dict[str, list[KindLine]] = {}
    for kind, n in counts.items():
        points_each, standing_each, cap = scheme.effective[kind]
        each = standing_each if is_standing else points_each
        whole: tuple[int, int] | None = None  # the quantity as numerator, denominator
        if kind in adjustments:
            # n + Σ numerator/denominator over one common denominator, in integers: exact and cheap.
            per = adjustments[kind]
            common = math.lcm(*per)
            numerator = n * common + sum(num * (common // den) for den, num in per.items())
            each_num, each_den = _ratio(each)
            raw = _cents(numerator * each_num, common * each_den)
            whole = (numerator, common)
        else:
            raw = n * each
        points, capped = (raw, False) if cap is None else _limit(raw, cap)
        category = CATEGORY_OF[kind]
        category_raw[category] = category_raw.get(category, ZERO) + points
        if detail:
            quantity = (
                Decimal(n)
                if whole is None
                else (Decimal(whole[0]) / Decimal(whole[1])).quantize(Decimal("0.001"))
            )
            lines.setdefault(category, []).append(
                KindLine(kind, n, Decimal(quantity), each, raw, points, cap, capped)
            )

    categories = []
    total = scheme.base
    for code in _CATEGORIES:
        if code not in category_raw:
            continue
        cap = scheme.category_caps.get(code)
        points, capped = (category_raw[code], False) if cap is None else _limit(category_raw[code], cap)
        total += points
        kinds = sorted(lines[code], key=lambda line: _KIND_ORDER[line.kind]) if detail else []
        categories.append(CategoryLine(code, kinds, category_raw[code], points, cap, capped))

    member_duties = duties(scheme, counts, served)
    met = all(d.met for d in member_duties)
    return Breakdown(scheme.base, categories, total, grade_for(scheme, total, met), member_duties)
