"""履职积分: the one scoring module. The dossier page and the annual rollup both call it, so the
score a member sees and the evaluation the committee publishes never disagree.

Scoring works on *groups* of confirmed entries — (kind, role, joint size) with a count — which one
aggregate query returns for one member or for the whole committee. Points per kind are
count × points, limited by the kind's cap; a category's points are limited by the category cap;
the total is the base score plus the categories. Joint proposals are split by the year's mode.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connections
from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from members.kinds import (
    ACTIVITY_KINDS,
    CATEGORY_OF,
    PLENARY_KINDS,
    PROPOSAL_KINDS,
    SENTIMENT_KINDS,
    ActivityKind,
    Category,
)
from members.models import DossierEntry, EntryRole

from .models import ScoringScheme

ZERO = Decimal("0")
_ONE = Decimal(1)
Group = tuple[str, str, int, int]  # kind, role, joint_size, count
_CENT = Decimal("0.01")
# Plain values, looked up once: the rollup evaluates thousands of members in one pass.
_KIND_ORDER = {kind: i for i, kind in enumerate(ActivityKind.values)}
_CATEGORIES = tuple(Category.values)


@dataclass(frozen=True)
class Rule:
    points: Decimal
    standing_points: Decimal | None
    cap: Decimal | None


@dataclass(frozen=True)
class Scheme:
    """A year's rules, loaded once and then applied to any number of members without queries."""

    year: int
    base: Decimal
    cosigner_mode: str
    lead_share: Decimal
    rules: dict[str, Rule]
    category_caps: dict[str, Decimal]
    grades: tuple[tuple[str, Decimal], ...]  # highest threshold first
    require_plenary: bool
    min_activities: int
    min_proposals: int
    min_sentiments: int
    duties_unmet_grade: str
    # kind → (points, points for 常委, cap): the rules as the evaluation applies them, worked out once.
    effective: dict[str, tuple[Decimal, Decimal, Decimal | None]] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        effective = {}
        for kind in ActivityKind.values:
            rule = self.rules.get(kind)
            source = kind
            if (
                self.cosigner_mode == ScoringScheme.CosignerMode.SPLIT
                and kind == ActivityKind.PROPOSAL_COSIGN
            ):
                # Under a split, a co-signature is a share of the proposal itself, valued as its submission.
                source = ActivityKind.PROPOSAL_LEAD
            points_rule = self.rules.get(source)
            points = points_rule.points if points_rule else ZERO
            standing = (
                points_rule.standing_points
                if points_rule and points_rule.standing_points is not None
                else points
            )
            effective[kind] = (points, standing, rule.cap if rule else None)
        object.__setattr__(self, "effective", effective)


def load_scheme(year: int) -> Scheme | None:
    scheme = (
        ScoringScheme.objects.filter(year=year).prefetch_related("rules", "category_caps", "grades").first()
    )
    if scheme is None:
        return None
    return Scheme(
        year=year,
        base=scheme.base_score,
        cosigner_mode=scheme.cosigner_mode,
        lead_share=scheme.lead_share,
        rules={r.kind: Rule(r.points, r.standing_points, r.cap) for r in scheme.rules.all()},
        category_caps={c.category: c.cap for c in scheme.category_caps.all()},
        grades=tuple(sorted(((g.name, g.min_total) for g in scheme.grades.all()), key=lambda g: -g[1])),
        require_plenary=scheme.require_plenary,
        min_activities=scheme.min_activities,
        min_proposals=scheme.min_proposals,
        min_sentiments=scheme.min_sentiments,
        duties_unmet_grade=scheme.duties_unmet_grade,
    )


def counted_entries(queryset: QuerySet[DossierEntry]) -> QuerySet[DossierEntry]:
    """Only confirmed entries that are not switched off score."""
    return queryset.filter(status=DossierEntry.Status.CONFIRMED, disabled=False)


def entry_groups(queryset: QuerySet[DossierEntry]) -> dict[int, list[Group]]:
    """One aggregate query: per member, the counted entries grouped by kind, role and joint size."""
    query = (
        counted_entries(queryset)
        .order_by()
        .values_list("member_id", "kind", "role", "joint_size")
        .annotate(n=Count("id"))
    )
    # The rows are plain values: reading them through a cursor skips the ORM's per-row work, which
    # for a national committee's year (≈ 45,000 groups) costs as much as the query itself.
    sql, params = query.query.sql_with_params()
    groups: dict[int, list[Group]] = defaultdict(list)
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        for member_id, kind, role, joint_size, n in cursor.fetchall():
            groups[member_id].append((kind, role, joint_size, n))
    return groups


def groups_of(entries: Iterable[DossierEntry]) -> list[Group]:
    """The same groups as `entry_groups`, from entries already loaded (the dossier page has them)."""
    counter: dict[tuple[str, str, int], int] = defaultdict(int)
    for e in entries:
        if e.counts:
            counter[(e.kind, e.role, e.joint_size)] += 1
    return [(kind, role, joint_size, n) for (kind, role, joint_size), n in counter.items()]


def share(scheme: Scheme, kind: str, role: str, joint_size: int) -> Decimal:
    """How much of one entry a member earns, by the year's rule for joint proposals."""
    if not role or (role == EntryRole.LEAD and joint_size == 0):
        return _ONE
    mode = scheme.cosigner_mode
    if mode == ScoringScheme.CosignerMode.LEAD_ONLY:
        return Decimal(1) if role == EntryRole.LEAD else ZERO
    if mode == ScoringScheme.CosignerMode.COSIGN_RULE:
        if role == EntryRole.LEAD:
            return Decimal(1)
        # A co-signer earns the "附议提案" points only, not a share of 立案 / 重点 / 优秀.
        return Decimal(1) if kind == ActivityKind.PROPOSAL_COSIGN else ZERO
    # SPLIT (桐城): the lead takes lead_share of every proposal kind, co-signers share the rest.
    if role == EntryRole.LEAD:
        return scheme.lead_share
    return (Decimal(1) - scheme.lead_share) / joint_size


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


def duties(scheme: Scheme, counts: dict[str, int]) -> list[Duty]:
    done = dict.fromkeys(_DUTY_KINDS, 0)
    for kind, n in counts.items():
        for code in _DUTIES_OF[kind]:
            done[code] += n
    required = (
        ("plenary", 1 if scheme.require_plenary else 0),
        ("activities", scheme.min_activities),
        ("proposals", scheme.min_proposals),
        ("sentiments", scheme.min_sentiments),
    )
    return [Duty(code, need, done[code]) for code, need in required if need]


def evaluate(scheme: Scheme, groups: Iterable[Group], *, is_standing: bool, detail: bool = True) -> Breakdown:
    """Score one member's groups of counted entries under a year's scheme.

    The rollup passes detail=False: the same arithmetic, without the per-kind lines a page shows.
    """
    counts: dict[str, int] = {}
    # Most entries count whole; only joint items adjust the quantity, so Decimal work stays small.
    adjustments: dict[str, Decimal] = {}
    for kind, role, joint_size, n in groups:
        counts[kind] = counts.get(kind, 0) + n
        if role:
            part = share(scheme, kind, role, joint_size)
            if part != _ONE:
                adjustments[kind] = adjustments.get(kind, ZERO) + (part - _ONE) * n

    category_raw: dict[str, Decimal] = {}
    lines: dict[str, list[KindLine]] = {}
    for kind, n in counts.items():
        points_each, standing_each, cap = scheme.effective[kind]
        each = standing_each if is_standing else points_each
        if kind in adjustments:
            quantity = Decimal(n) + adjustments[kind]
            raw = (quantity * each).quantize(_CENT)
        else:
            quantity, raw = Decimal(n), n * each
        points, capped = _limit(raw, cap)
        category = CATEGORY_OF[kind]
        category_raw[category] = category_raw.get(category, ZERO) + points
        if detail:
            lines.setdefault(category, []).append(
                KindLine(kind, n, Decimal(quantity), each, raw, points, cap, capped)
            )

    categories = []
    total = scheme.base
    for code in _CATEGORIES:
        if code not in category_raw:
            continue
        cap = scheme.category_caps.get(code)
        points, capped = _limit(category_raw[code], cap)
        total += points
        kinds = sorted(lines.get(code, ()), key=lambda line: _KIND_ORDER[line.kind])
        categories.append(CategoryLine(code, kinds, category_raw[code], points, cap, capped))

    member_duties = duties(scheme, counts)
    met = all(d.met for d in member_duties)
    return Breakdown(scheme.base, categories, total, grade_for(scheme, total, met), member_duties)
