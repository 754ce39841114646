"""Award nominations proposed from the evaluation by each award's criteria; staff confirm them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cppcc.numerals import number
from cppcc.records import set_history_user

from ..models import AnnualEvaluation, Award, AwardKind, GradeBand


def _score(evaluation: AnnualEvaluation, basis: str) -> Decimal:
    if basis == AwardKind.Basis.TOTAL:
        return evaluation.total
    return Decimal(evaluation.points_by_category.get(basis, "0"))


@transaction.atomic
def awards_propose(*, year: int, actor: Any = None) -> int:
    """Nominate, for every active award, the top members by its basis who meet its conditions.

    One read of the year's evaluations; nominations already decided are left as they are.
    """
    evaluations = list(AnnualEvaluation.objects.filter(year=year).select_related("member"))
    if not evaluations:
        raise ValidationError(_("%(year)s 年度尚未完成考评，无法提名。") % {"year": year})
    grades = list(
        GradeBand.objects.filter(scheme__year=year).order_by("-min_total").values_list("name", flat=True)
    )
    existing = set(Award.objects.filter(year=year).values_list("kind_id", "member_id"))
    new = []
    for kind in AwardKind.objects.filter(is_active=True):
        eligible = [e for e in evaluations if (e.duties_met or not kind.require_duties)]
        if kind.min_grade and kind.min_grade in grades:
            allowed = set(grades[: grades.index(kind.min_grade) + 1])
            eligible = [e for e in eligible if e.grade in allowed]
        ranked = sorted(
            (e for e in eligible if _score(e, kind.basis) > 0),
            key=lambda e: (-_score(e, kind.basis), e.rank, e.member_id),
        )
        for position, e in enumerate(ranked[: kind.top_n], start=1):
            if (kind.pk, e.member_id) not in existing:
                reason = _("%(basis)s %(score)s，第 %(n)s 位") % {
                    "basis": kind.get_basis_display(),
                    "score": number(_score(e, kind.basis)),
                    "n": position,
                }
                new.append(Award(year=year, kind=kind, member_id=e.member_id, reason=reason))
    Award.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def award_decide(*, award: Award, confirm: bool, actor: Any) -> Award:
    award = Award.objects.select_for_update().get(pk=award.pk)
    award.status = Award.Status.CONFIRMED if confirm else Award.Status.REJECTED
    award.decided_by, award.decided_at = actor, timezone.now()
    set_history_user(award, actor)
    award.save()
    return award
