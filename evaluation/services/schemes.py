"""Yearly scoring rules: defaults drawn from published committee rules, copying, saving."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cppcc.records import check_fresh, set_history_user
from members.kinds import ActivityKind as K
from members.kinds import Category as C

from ..models import CategoryCap, GradeBand, ScoringRule, ScoringScheme

D = Decimal
# A mix of published rules (桐城, 延边, 济南): base score, per-kind points, caps on a category, heavier
# deductions for 常委, adoption tiers 本级 3 / 市 5 / 省 10 / 全国 30.
DEFAULT_SCHEME = {
    "base_score": D(60),
    "cosigner_mode": ScoringScheme.CosignerMode.COSIGN_RULE,
    "lead_share": D("0.5"),
    "require_plenary": True,
    "min_activities": 3,
    "min_proposals": 1,
    "min_sentiments": 1,
    "duties_unmet_grade": "基本称职",
    "part_year_duties": ScoringScheme.PartYear.PRO_RATA,
}
DEFAULT_RULES: dict[str, tuple[Decimal, Decimal | None, Decimal | None]] = {
    # kind: (points, points for 常委 or None, cap or None)
    K.ATTEND_PLENARY: (D(5), None, None),
    K.ATTEND_STANDING: (D(3), None, None),
    K.ATTEND_CONSULTATION: (D(3), None, None),
    K.ATTEND_INSPECTION: (D(2), None, None),
    K.ATTEND_TRAINING: (D(2), None, None),
    K.ATTEND_STUDY: (D(1), None, None),
    K.ATTEND_OTHER: (D(1), None, None),
    K.LEAVE: (D(0), D(-2), None),
    K.ABSENCE: (D(-3), D(-5), None),
    K.SPEECH_ORAL: (D(5), None, None),
    K.SPEECH_WRITTEN: (D(3), None, None),
    K.PROPOSAL_LEAD: (D(5), None, None),
    K.PROPOSAL_COSIGN: (D(1), None, D(5)),
    K.PROPOSAL_FILED: (D(3), None, None),
    K.PROPOSAL_KEY: (D(5), None, None),
    K.PROPOSAL_EXCELLENT: (D(5), None, None),
    K.SENTIMENT_REPORTED: (D(2), None, None),
    K.SENTIMENT_ADOPTED_LOCAL: (D(3), None, None),
    K.SENTIMENT_ADOPTED_CITY: (D(5), None, None),
    K.SENTIMENT_ADOPTED_PROVINCE: (D(10), None, None),
    K.SENTIMENT_ADOPTED_NATIONAL: (D(30), None, None),
    K.SENTIMENT_INSTRUCTED: (D(10), None, None),
    K.RESEARCH_PARTICIPATION: (D(2), None, None),
    K.RESEARCH_AUTHOR: (D(5), None, None),
    K.RESEARCH_INSTRUCTED: (D(5), None, None),
    K.PLATFORM_SESSION: (D(2), None, None),
    K.PUBLIC_SERVICE: (D(2), None, None),
    K.VISIT: (D(1), None, None),
    K.OTHER_DUTY: (D(1), None, None),
}
DEFAULT_CAPS = {
    C.MEETING: D(15),
    C.ACTIVITY: D(10),
    C.DISCIPLINE: D(20),
    C.SPEECH: D(10),
    C.PROPOSAL: D(25),
    C.SENTIMENT: D(30),
    C.RESEARCH: D(15),
    C.PLATFORM: D(10),
    C.SERVICE: D(10),
    C.VISIT: D(5),
    C.OTHER: D(5),
}
DEFAULT_GRADES = (("优秀", D(100)), ("称职", D(75)), ("基本称职", D(60)), ("不称职", D(0)))


def _create(year: int, scheme_fields: dict[str, Any], rules: dict, caps: dict, grades) -> ScoringScheme:
    if ScoringScheme.objects.filter(year=year).exists():
        raise ValidationError(_("%(year)s 年度已有积分规则。") % {"year": year})
    scheme = ScoringScheme.objects.create(year=year, **scheme_fields)
    ScoringRule.objects.bulk_create(
        ScoringRule(scheme=scheme, kind=kind, points=p, standing_points=sp, cap=cap)
        for kind, (p, sp, cap) in rules.items()
    )
    CategoryCap.objects.bulk_create(CategoryCap(scheme=scheme, category=c, cap=v) for c, v in caps.items())
    GradeBand.objects.bulk_create(GradeBand(scheme=scheme, name=n, min_total=m) for n, m in grades)
    return scheme


@transaction.atomic
def scheme_create_default(*, year: int, actor: Any = None) -> ScoringScheme:
    return _create(year, DEFAULT_SCHEME, DEFAULT_RULES, DEFAULT_CAPS, DEFAULT_GRADES)


@transaction.atomic
def scheme_copy(*, from_year: int, to_year: int, actor: Any = None) -> ScoringScheme:
    """Start a year from another year's rules (usually last year's), to be adjusted."""
    source = (
        ScoringScheme.objects.filter(year=from_year)
        .prefetch_related("rules", "category_caps", "grades")
        .first()
    )
    if source is None:
        raise ValidationError(_("%(year)s 年度没有可复制的积分规则。") % {"year": from_year})
    fields = {f: getattr(source, f) for f in DEFAULT_SCHEME}
    rules = {r.kind: (r.points, r.standing_points, r.cap) for r in source.rules.all()}
    caps = {c.category: c.cap for c in source.category_caps.all()}
    grades = [(g.name, g.min_total) for g in source.grades.all()]
    return _create(to_year, fields, rules, caps, grades)


@transaction.atomic
def scheme_copy_latest(*, to_year: int, actor: Any = None) -> int:
    """Start a year from the latest earlier year that has rules (not only the calendar year before:
    a committee that skipped a year copies the one it last set). Returns the year copied."""
    source = (
        ScoringScheme.objects.filter(year__lt=to_year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    if source is None:
        raise ValidationError(
            _("%(year)s 年度之前没有可复制的积分规则，请按默认规则建立。") % {"year": to_year}
        )
    scheme_copy(from_year=source, to_year=to_year, actor=actor)
    return source


@transaction.atomic
def scheme_save(
    *,
    scheme: ScoringScheme,
    fields: dict[str, Any],
    rules: dict[str, tuple],
    caps: dict[str, Decimal | None],
    grades: list[tuple[str, Decimal]],
    actor: Any,
) -> ScoringScheme:
    """Replace a year's rules as a whole: every kind's points, category caps and grade bands."""
    names = [n for n, _m in grades]
    if len(set(names)) != len(names):
        raise ValidationError(_("等次名称不能重复。"))
    thresholds = [m for _n, m in grades]
    if len(set(thresholds)) != len(thresholds):
        raise ValidationError(_("两个等次的最低总分不能相同。"))
    unmet = fields.get("duties_unmet_grade", "")
    if unmet and unmet not in names:
        raise ValidationError({"duties_unmet_grade": _("“%(name)s”不是本年度设定的等次。") % {"name": unmet}})
    check_fresh(scheme)
    for name, value in fields.items():
        setattr(scheme, name, value)
    scheme.full_clean()
    set_history_user(scheme, actor)
    scheme.save()
    existing = {r.kind: r for r in scheme.rules.all()}
    for kind, (points, standing, cap) in rules.items():
        rule = existing.get(kind) or ScoringRule(scheme=scheme, kind=kind)
        if rule.pk is None or (rule.points, rule.standing_points, rule.cap) != (points, standing, cap):
            rule.points, rule.standing_points, rule.cap = points, standing, cap
            set_history_user(rule, actor)
            rule.save()
    scheme.category_caps.exclude(category__in=[c for c, v in caps.items() if v is not None]).delete()
    for category, cap in caps.items():
        if cap is not None:
            CategoryCap.objects.update_or_create(scheme=scheme, category=category, defaults={"cap": cap})
    scheme.grades.all().delete()
    GradeBand.objects.bulk_create(GradeBand(scheme=scheme, name=n, min_total=m) for n, m in grades)
    return scheme
