"""A year's scoring rules as plain values (`Scheme`), loaded once per year. Part of `evaluation.scoring`."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from members.kinds import ActivityKind, Category

from ..models import ScoringScheme

ZERO = Decimal("0")
# The share of a year a member served (任职天数 ÷ 全年天数): minimum duties of a part year follow it.
FULL_YEAR = Fraction(1)
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
    part_year_duties: str = ScoringScheme.PartYear.PRO_RATA
    # kind → (points, points for 常委, cap): the rules as the evaluation applies them, worked out once.
    effective: dict[str, tuple[Decimal, Decimal, Decimal | None]] = field(default_factory=dict, compare=False)
    # (kind, role, joint size) → a joint item's share minus one, as an integer fraction (None: whole):
    # filled as the rollup meets them, so thousands of members cost one Fraction each, not one a group.
    share_deltas: dict[tuple[str, str, int], tuple[int, int] | None] = field(
        default_factory=dict, compare=False
    )

    # part of the year served → the minimum duties that apply (those above zero), as they are met.
    required: dict[tuple[int, int], tuple[tuple[str, int], ...]] = field(default_factory=dict, compare=False)

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
        part_year_duties=scheme.part_year_duties,
    )
