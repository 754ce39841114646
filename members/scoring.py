"""履职积分: the one scoring module. The dossier page and the annual rollup both call it, so the
score a member sees and the evaluation the committee publishes never disagree.

Scoring works on *groups* of confirmed entries — (kind, role, joint size) with a count — which one
aggregate query returns for one member or for the whole committee. Points per kind are
count × points, limited by the kind's cap; a category's points are limited by the category cap;
the total is the base score plus the categories. Joint proposals are split by the year's mode.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from .kinds import (
    ACTIVITY_KINDS,
    CATEGORY_OF,
    PLENARY_KINDS,
    PROPOSAL_KINDS,
    SENTIMENT_KINDS,
    ActivityKind,
    Category,
)
from .models import DossierEntry, EntryRole, ScoringScheme

ZERO = Decimal("0")
Group = tuple[str, str, int, int]  # kind, role, joint_size, count
_CENT = Decimal("0.01")


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
    rows = (
        counted_entries(queryset)
        .order_by()
        .values_list("member_id", "kind", "role", "joint_size")
        .annotate(n=Count("id"))
    )
    groups: dict[int, list[Group]] = defaultdict(list)
    for member_id, kind, role, joint_size, n in rows:
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
    if role == EntryRole.SOLE or (role == EntryRole.LEAD and joint_size == 0):
        return Decimal(1)
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


def _points_each(scheme: Scheme, kind: str, is_standing: bool) -> Decimal:
    if scheme.cosigner_mode == ScoringScheme.CosignerMode.SPLIT and kind == ActivityKind.PROPOSAL_COSIGN:
        # Under a split, a co-signature is a share of the proposal itself, valued as its submission.
        kind = ActivityKind.PROPOSAL_LEAD
    rule = scheme.rules.get(kind)
    if rule is None:
        return ZERO
    if is_standing and rule.standing_points is not None:
        return rule.standing_points
    return rule.points


def _limit(value: Decimal, cap: Decimal | None) -> tuple[Decimal, bool]:
    # A cap bounds gains and deductions alike: at most `cap` points either way.
    if cap is None or abs(value) <= cap:
        return value, False
    return (cap if value > 0 else -cap), True


@dataclass
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


@dataclass
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


@dataclass(frozen=True)
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


def duties(scheme: Scheme, counts: dict[str, int]) -> list[Duty]:
    def done(kinds: Sequence[str]) -> int:
        return sum(counts.get(k, 0) for k in kinds)

    result = []
    if scheme.require_plenary:
        result.append(Duty("plenary", 1, done(PLENARY_KINDS)))
    if scheme.min_activities:
        result.append(Duty("activities", scheme.min_activities, done(ACTIVITY_KINDS)))
    if scheme.min_proposals:
        result.append(Duty("proposals", scheme.min_proposals, done(PROPOSAL_KINDS)))
    if scheme.min_sentiments:
        result.append(Duty("sentiments", scheme.min_sentiments, done(SENTIMENT_KINDS)))
    return result


def evaluate(scheme: Scheme, groups: Iterable[Group], *, is_standing: bool) -> Breakdown:
    """Score one member's groups of counted entries under a year's scheme."""
    counts: dict[str, int] = defaultdict(int)
    quantities: dict[str, Decimal] = defaultdict(Decimal)
    for kind, role, joint_size, n in groups:
        counts[kind] += n
        quantities[kind] += share(scheme, kind, role, joint_size) * n

    by_category: dict[str, CategoryLine] = {}
    for kind in ActivityKind.values:
        if kind not in counts:
            continue
        rule = scheme.rules.get(kind)
        each = _points_each(scheme, kind, is_standing)
        raw = (quantities[kind] * each).quantize(_CENT)
        points, capped = _limit(raw, rule.cap if rule else None)
        category = by_category.setdefault(CATEGORY_OF[kind], CategoryLine(CATEGORY_OF[kind]))
        category.kinds.append(KindLine(kind, counts[kind], quantities[kind], each, raw, points,
                                       rule.cap if rule else None, capped))
        category.raw += points

    categories = []
    for code in Category.values:
        line = by_category.get(code)
        if line is None:
            continue
        line.cap = scheme.category_caps.get(code)
        line.points, line.capped = _limit(line.raw, line.cap)
        categories.append(line)

    total = scheme.base + sum((c.points for c in categories), ZERO)
    member_duties = duties(scheme, counts)
    met = all(d.met for d in member_duties)
    return Breakdown(scheme.base, categories, total, grade_for(scheme, total, met), member_duties)
