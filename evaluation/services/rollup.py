"""The annual evaluation rollup: the confirmed ledger of a year → one AnnualEvaluation per member.

Set-based: one aggregate query over the ledger, scoring in one pass in memory (the same scoring
module as the dossier page), ranks in one sort, one bulk upsert. Re-running gives the same rows.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import connection, transaction
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


def _medians(points: list[dict[str, str]], totals: list[Decimal]) -> dict[str, str]:
    """Per category, the median of every member's points (a member without any counts as 0)."""
    medians: dict[str, str] = {}
    if not totals:
        return medians
    categories = {c for p in points for c in p}
    for category in categories:
        values = sorted(Decimal(p.get(category, "0")) for p in points)
        middle = len(values) // 2
        median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
        medians[category] = str(median.quantize(Decimal("0.01")))
    medians["total"] = str(statistics.median(totals))
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


# The score part of a row, then its ranks: a re-run compares these as plain tuples and builds a
# model object only for the rows that differ.
_SCORED = (
    "points_by_category",
    "total",
    "grade",
    "duties_met",
    "duties_missing",
    "served_days",
    "part_year",
)
_RANKED = ("rank", "rank_in_sector", "rank_in_committee")
_COMPARED = (*_SCORED, *_RANKED)
# Members scored per pass: the ledger's groups and the stored rows of one chunk are in memory at a
# time, so a city's 11,000 members cost what five national committees' would, one after the other.
CHUNK = 1000


_COLUMNS = ("year", "member_id", *_COMPARED, "computed_at")
_UPSERT_BATCH = 500


def _upsert(rows: list[tuple]) -> None:
    """Insert or update whole evaluation rows, `_COLUMNS` in order, in batches of one statement each.

    Plain values straight to the cursor: through the ORM every Decimal and JSON value is prepared
    again per field, which cost as much as the scoring itself for a national committee's year.
    """
    table = connection.ops.quote_name(AnnualEvaluation._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in map(connection.ops.quote_name, _COLUMNS[2:]))
    one = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _UPSERT_BATCH):
            batch = rows[start : start + _UPSERT_BATCH]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(batch))} "
                f"ON CONFLICT (year, member_id) DO UPDATE SET {updates}",
                [value for row in batch for value in row],
            )


@transaction.atomic
def evaluation_compute(year: int) -> RollupResult:
    """Write every member's AnnualEvaluation for the year from the confirmed ledger."""
    scheme = scoring.load_scheme(year)
    if scheme is None:
        raise ValidationError(_("%(year)s 年度尚未设置积分规则，无法考评。") % {"year": year})
    roster = list(
        members_of_year(year)
        .order_by("pk")
        .values_list("pk", "is_standing", "sector_id", "committee_id", "joined_on", "left_on")
    )
    full = days_in_year(year)
    scores: dict[int, tuple] = {}  # member → the _SCORED values
    stored_ranks: dict[int, tuple] = {}  # member → the _RANKED values as stored
    rescored: set[int] = set()
    for start in range(0, len(roster), CHUNK):
        chunk = roster[start : start + CHUNK]
        bounds = {"member_id__gte": chunk[0][0], "member_id__lte": chunk[-1][0]}
        groups = scoring.entry_groups(DossierEntry.objects.filter(year=year, **bounds))
        stored = {
            row[0]: row[1:]
            for row in AnnualEvaluation.objects.filter(year=year, **bounds).values_list(
                "member_id", *_COMPARED
            )
        }
        for member_id, is_standing, _sector, _committee, joined, left in chunk:
            served = served_days(joined, left, year)
            result = scoring.evaluate(
                scheme,
                groups.get(member_id, ()),
                is_standing=is_standing,
                detail=False,
                served=Fraction(served, full),
            )
            score = (
                result.points_by_category(),
                result.total,
                result.grade,
                result.duties_met,
                result.missing_duties,
                served,
                served < full,
            )
            scores[member_id] = score
            before = stored.get(member_id)
            if before is None or before[: len(_SCORED)] != score:
                rescored.add(member_id)
            if before is not None:
                stored_ranks[member_id] = before[len(_SCORED) :]

    totals = [(pk, scores[pk][1]) for pk, *_rest in roster]
    overall = _competition_ranks(totals)
    in_sector = _ranks_within([(pk, sector, scores[pk][1]) for pk, _s, sector, *_rest in roster])
    in_committee = _ranks_within(
        [(pk, committee, scores[pk][1]) for pk, _s, _sec, committee, *_rest in roster if committee]
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    changed = []
    for pk, *_rest in roster:
        ranks = (overall[pk], in_sector[pk], in_committee.get(pk))
        if pk in rescored or stored_ranks.get(pk) != ranks:
            points, total, grade, met, missing, served, part = scores[pk]
            changed.append(
                (
                    year,
                    pk,
                    json.dumps(points),
                    total,
                    grade,
                    met,
                    json.dumps(missing),
                    served,
                    part,
                    *ranks,
                    now,
                )
            )
    # A nightly re-run mostly finds the same results: only rows that differ are written.
    _upsert(changed)
    # Members no longer in the year's roster lose a stale evaluation.
    AnnualEvaluation.objects.filter(year=year).exclude(member__in=members_of_year(year)).delete()
    points = [score[0] for score in scores.values()]
    return RollupResult(
        year=year,
        members=len(roster),
        medians=_medians(points, [score[1] for score in scores.values()]),
    )
