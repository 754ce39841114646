"""The annual evaluation rollup: the confirmed ledger of a year → one AnnualEvaluation per member.

Set-based: one aggregate query over the ledger per chunk of members, scoring in memory (the same
scoring module as the dossier page), ranks in one sort over flat arrays, bulk writes of the rows
that changed. Re-running gives the same rows.
"""

from __future__ import annotations

import json
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models.register import days_in_year, served_days

from .. import scoring
from ..models import AnnualEvaluation, EvaluationSummary
from .rollup_input import chunks, members_of_year, read_ahead_possible
from .rollup_output import Staged


@dataclass(frozen=True)
class RollupResult:
    year: int
    members: int
    medians: dict[str, str]


class _Medians:
    """Per category, every member's points as whole cents (a member without any counts as 0):
    8 bytes a value, so a city's year costs what a county's does."""

    def __init__(self) -> None:
        self.members = 0
        self.cents: dict[str, array[int]] = {}
        self.totals: array[int] = array("q")

    def add(self, points: dict[str, str], total_cents: int) -> None:
        cents = self.cents
        for category, value in points.items():
            column = cents.get(category)
            if column is None:
                column = cents[category] = array("q")
            column.append(_cents_of(value))
        self.totals.append(total_cents)
        self.members += 1

    def result(self) -> dict[str, str]:
        medians: dict[str, str] = {}
        if not self.members:
            return medians
        for category, column in self.cents.items():
            zeros = array("q", bytes(8 * (self.members - len(column))))  # members without any
            medians[category] = str(_median(column + zeros).quantize(Decimal("0.01")))
        medians["total"] = str(_median(self.totals))
        return medians


def _cents(value: Decimal) -> int:
    # Points and totals are stored with two decimals (DecimalField(decimal_places=2)).
    return int(value.scaleb(2))


def _cents_of(text: str) -> int:
    """'12.50' → 1250 without a Decimal; any other spelling goes through one."""
    if len(text) > 3 and text[-3] == ".":
        return int(text[:-3] + text[-2:])
    return _cents(Decimal(text))


def _median(column: array[int]) -> Decimal:
    values = sorted(column)
    middle = len(values) // 2
    if len(values) % 2:
        return Decimal(values[middle]).scaleb(-2)
    return Decimal(values[middle - 1] + values[middle]).scaleb(-2) / 2


def _competition_ranks(order: list[int], totals: array[int], ranks: array[int]) -> None:
    """1, 2, 2, 4: equal totals share a rank, the next rank skips. Ties are listed by member id.

    `order` holds positions (into `totals` and `ranks`) already sorted: totals high to low, ids low
    to high. The rank of the member at position i is written to ranks[i].
    """
    previous_total, previous_rank = None, 0
    for place, i in enumerate(order, start=1):
        total = totals[i]
        rank = previous_rank if total == previous_total else place
        ranks[i] = rank
        previous_total, previous_rank = total, rank


class _Ranking:
    """What ranking needs of every member, in flat integer arrays (about 50 bytes a member): the id,
    sector, committee (-1 for none), total in cents and the ranks stored before this run."""

    def __init__(self) -> None:
        self.ids, self.sectors, self.committees = array("q"), array("q"), array("q")
        self.totals = array("q")
        self.stored = array("q")  # three values a member, -1 for none

    def add(self, member_id: int, sector: int | None, committee: int | None, total: int, stored) -> None:
        self.ids.append(member_id)
        self.sectors.append(-1 if sector is None else sector)
        self.committees.append(-1 if committee is None else committee)
        self.totals.append(total)
        self.stored.extend(-1 if r is None else r for r in (stored or (None, None, None)))

    def changed(self) -> Iterator[tuple[int, int, int, int | None]]:
        """(member, rank, rank in sector, rank in committee) for each member whose ranks moved."""
        ids, totals, count = self.ids, self.totals, len(self.ids)
        # Totals high to low, then ids low to high: one sort over plain positions.
        order = sorted(range(count), key=lambda i: -totals[i] * 4_294_967_296 + ids[i])
        overall, in_sector, in_committee = (array("q", bytes(8 * count)) for _ in range(3))
        _competition_ranks(order, totals, overall)
        self._within(order, self.sectors, in_sector)
        self._within(order, self.committees, in_committee)
        del order
        stored, committees = self.stored, self.committees
        for i in range(count):
            committee = in_committee[i] if committees[i] != -1 else -1
            if (overall[i], in_sector[i], committee) != (stored[3 * i], stored[3 * i + 1], stored[3 * i + 2]):
                yield ids[i], overall[i], in_sector[i], (None if committee == -1 else committee)

    def sums(self, groups: array[int]) -> list[list[int | None]]:
        """[group (None for none), members, total in cents] per group, for the year's summary."""
        by_group: dict[int, list[int]] = {}
        for group, total in zip(groups, self.totals, strict=True):
            row = by_group.setdefault(group, [0, 0])
            row[0] += 1
            row[1] += total
        return [[None if g == -1 else g, n, cents] for g, (n, cents) in sorted(by_group.items())]

    def _within(self, order: list[int], groups: array[int], ranks: array[int]) -> None:
        by_group: dict[int, list[int]] = {}
        for i in order:
            by_group.setdefault(groups[i], []).append(i)
        for positions in by_group.values():
            _competition_ranks(positions, self.totals, ranks)


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


def evaluation_compute(year: int) -> RollupResult:
    """Write every member's AnnualEvaluation for the year from the confirmed ledger.

    A chunk of members at a time: their ledger groups are scored and the rows whose score changed
    are staged (with the ranks they had); what ranking needs of every member is kept in flat
    arrays, and once all are scored the ranks that moved are staged too, and each changed row is
    written once (`rollup_output.Staged`). Memory stays that of one chunk whether the year has 2,200
    members or 11,000. On PostgreSQL the next chunk is read while this one is scored
    (`rollup_input.chunks`).
    """
    ahead = read_ahead_possible()
    with transaction.atomic():
        return _compute(year, ahead=ahead)


def _compute(year: int, *, ahead: bool) -> RollupResult:
    scheme = scoring.load_scheme(year)
    if scheme is None:
        raise ValidationError(_("%(year)s 年度尚未设置积分规则，无法考评。") % {"year": year})
    full = days_in_year(year)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    ranking, medians, grades = _Ranking(), _Medians(), Counter[str]()
    unmet = 0
    staged = Staged(year, now, _COMPARED)
    shares: dict[int, Fraction] = {}  # days served → part of the year (most members: all of it)
    for chunk, groups, stored in chunks(year, _COMPARED, ahead=ahead):
        rescored = []
        for member_id, is_standing, sector, committee, joined, left in chunk:
            served = served_days(joined, left, year)
            result = scoring.evaluate(
                scheme,
                groups.get(member_id, ()),
                is_standing=is_standing,
                detail=False,
                served=shares.get(served) or shares.setdefault(served, Fraction(served, full)),
            )
            points = result.points_by_category()
            score = (
                points,
                result.total,
                result.grade,
                result.duties_met,
                result.missing_duties,
                served,
                served < full,
            )
            before = stored.get(member_id)
            ranks = before[len(_SCORED) :] if before is not None else None
            if before is None or before[: len(_SCORED)] != score:
                # Staged with the ranks it had (a new row: 0 until ranked below).
                old = ranks or (0, 0, None)
                rescored.append(
                    (
                        member_id,
                        json.dumps(points),
                        result.total,
                        result.grade,
                        result.duties_met,
                        json.dumps(result.missing_duties),
                        served,
                        served < full,
                        *old,
                    )
                )
            total = _cents(result.total)
            ranking.add(member_id, sector, committee, total, ranks)
            medians.add(points, total)
            grades[result.grade] += 1
            unmet += not result.duties_met
        # A nightly re-run mostly finds the same results: only rows that differ are staged.
        staged.scores(rescored)
    staged.ranks(ranking.changed())
    staged.write()
    # Members no longer in the year's roster lose a stale evaluation.
    AnnualEvaluation.objects.filter(year=year).exclude(member__in=members_of_year(year)).delete()
    # The year's figures for the dashboard, in the same transaction as the rows they sum.
    summary = EvaluationSummary(
        year=year,
        grades=dict(grades),
        by_sector=ranking.sums(ranking.sectors),
        by_committee=ranking.sums(ranking.committees),
        unmet=unmet,
        computed_at=timezone.now(),
    )
    EvaluationSummary.objects.bulk_create(
        [summary],
        update_conflicts=True,
        unique_fields=["year"],
        update_fields=["grades", "by_sector", "by_committee", "unmet", "computed_at"],
    )
    return RollupResult(year=year, members=medians.members, medians=medians.result())
