"""The annual evaluation rollup: the confirmed ledger of a year → one AnnualEvaluation per member.

Set-based: one aggregate query over the ledger, scoring in one pass in memory (the same scoring
module as the dossier page), ranks in one sort, one bulk upsert. Re-running gives the same rows.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import DossierEntry, Member
from members.models.register import days_in_year, served_days

from .. import scoring
from ..models import AnnualEvaluation


@dataclass(frozen=True)
class RollupResult:
    year: int
    members: int
    medians: dict[str, str]


def _medians(evaluations: list[AnnualEvaluation]) -> dict[str, str]:
    """Per category, the median of every member's points (a member without any counts as 0)."""
    medians: dict[str, str] = {}
    if not evaluations:
        return medians
    categories = {c for e in evaluations for c in e.points_by_category}
    for category in categories:
        values = sorted(Decimal(e.points_by_category.get(category, "0")) for e in evaluations)
        middle = len(values) // 2
        median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
        medians[category] = str(median.quantize(Decimal("0.01")))
    medians["total"] = str(statistics.median(e.total for e in evaluations))
    return medians


def members_of_year(year: int) -> QuerySet[Member]:
    """Exactly the members who served during the year: joined by 31 December, not left before 1 January.

    A member who joined in a later year is not evaluated for this one (and shifts none of its ranks).
    """
    return Member.objects.filter(joined_on__lte=dt.date(year, 12, 31)).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=dt.date(year, 1, 1))
    )


def _competition_ranks(rows: list[tuple[int, Decimal]]) -> dict[int, int]:
    """1, 2, 2, 4: equal totals share a rank, the next rank skips. Ties are listed by member id."""
    ranks: dict[int, int] = {}
    previous_total, previous_rank = None, 0
    # Sorting on (total, -id) in reverse gives totals high to low and ids low to high, without
    # building a negated Decimal for every row.
    ordered = sorted(rows, key=lambda r: (r[1], -r[0]), reverse=True)
    for position, (member_id, total) in enumerate(ordered, start=1):
        rank = previous_rank if total == previous_total else position
        ranks[member_id] = rank
        previous_total, previous_rank = total, rank
    return ranks


def _ranks_within(members: list[tuple[int, int | None, Decimal]]) -> dict[int, int]:
    by_group: dict[int | None, list[tuple[int, Decimal]]] = {}
    for member_id, group, total in members:
        by_group.setdefault(group, []).append((member_id, total))
    ranks: dict[int, int] = {}
    for group_rows in by_group.values():
        ranks.update(_competition_ranks(group_rows))
    return ranks


_COMPARED = (
    "points_by_category",
    "total",
    "rank",
    "rank_in_sector",
    "rank_in_committee",
    "grade",
    "duties_met",
    "duties_missing",
    "served_days",
    "part_year",
)


@transaction.atomic
def evaluation_compute(year: int) -> RollupResult:
    """Write every member's AnnualEvaluation for the year from the confirmed ledger."""
    scheme = scoring.load_scheme(year)
    if scheme is None:
        raise ValidationError(_("%(year)s 年度尚未设置积分规则，无法考评。") % {"year": year})
    roster = list(
        members_of_year(year).values_list(
            "pk", "is_standing", "sector_id", "committee_id", "joined_on", "left_on"
        )
    )
    members = [(pk, standing, sector, committee) for pk, standing, sector, committee, _j, _l in roster]
    served = {pk: served_days(joined, left, year) for pk, _s, _sec, _c, joined, left in roster}
    full = days_in_year(year)
    groups = scoring.entry_groups(DossierEntry.objects.filter(year=year))
    now = timezone.now()

    evaluations: list[AnnualEvaluation] = []
    for member_id, is_standing, _sector, _committee in members:
        result = scoring.evaluate(
            scheme,
            groups.get(member_id, ()),
            is_standing=is_standing,
            detail=False,
            served=Fraction(served[member_id], full),
        )
        evaluations.append(
            AnnualEvaluation(
                year=year,
                member_id=member_id,
                points_by_category=result.points_by_category(),
                total=result.total,
                grade=result.grade,
                duties_met=result.duties_met,
                duties_missing=result.missing_duties,
                served_days=served[member_id],
                part_year=served[member_id] < full,
                computed_at=now,
                rank=0,
                rank_in_sector=0,
            )
        )
    totals = {e.member_id: e.total for e in evaluations}
    overall = _competition_ranks(list(totals.items()))
    in_sector = _ranks_within([(m, sector, totals[m]) for m, _s, sector, _c in members])
    in_committee = _ranks_within(
        [(m, committee, totals[m]) for m, _s, _sec, committee in members if committee]
    )
    for e in evaluations:
        e.rank, e.rank_in_sector = overall[e.member_id], in_sector[e.member_id]
        e.rank_in_committee = in_committee.get(e.member_id)

    # A nightly re-run mostly finds the same results: only rows that differ are written.
    stored = {
        row[0]: row[1:]
        for row in AnnualEvaluation.objects.filter(year=year).values_list("member_id", *_COMPARED)
    }
    changed = [e for e in evaluations if stored.get(e.member_id) != tuple(getattr(e, f) for f in _COMPARED)]
    AnnualEvaluation.objects.bulk_create(
        changed,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["year", "member"],
        update_fields=[*_COMPARED, "computed_at"],
    )
    # Members no longer in the year's roster lose a stale evaluation.
    AnnualEvaluation.objects.filter(year=year).exclude(member__in=members_of_year(year)).delete()
    return RollupResult(year=year, members=len(evaluations), medians=_medians(evaluations))
