"""What the rollup writes: each evaluation row whose score or ranks changed, once.

Scores are known chunk by chunk, ranks only once every member is scored. The rows whose score
changed are staged in a temporary table as their chunk is scored (memory stays that of one chunk),
the ranks that moved in another; one statement then writes each staged row with its final ranks,
and a second sets the ranks of the rows whose score stayed. Before, a row whose score and rank both
moved — most of them after a night's changes — was written twice.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from ..models import AnnualEvaluation

_BATCH = 500
SCORES, RANKS = "rollup_scores", "rollup_ranks"


class Staged:
    """`columns`: the compared columns of a row in order, the three ranks last."""

    def __init__(self, year: int, now: Any, columns: Sequence[str]) -> None:
        self.year, self.now = year, now
        self.table = connection.ops.quote_name(AnnualEvaluation._meta.db_table)
        self.columns = [connection.ops.quote_name(c) for c in columns]
        with connection.cursor() as cursor:
            for name in (SCORES, RANKS):
                cursor.execute(f"DROP TABLE IF EXISTS {name}")
            # The same column types as the table itself, on both databases.
            cursor.execute(
                f"CREATE TEMPORARY TABLE {SCORES} AS SELECT member_id, {', '.join(self.columns)} "
                f"FROM {self.table} WHERE 1 = 0",
            )
            cursor.execute(
                f"CREATE TEMPORARY TABLE {RANKS} AS SELECT member_id, rank, rank_in_sector, "
                f"rank_in_committee FROM {self.table} WHERE 1 = 0",
            )

    def scores(self, rows: list[tuple]) -> None:
        """Stage (member, *columns) rows whose score changed, with the ranks they had."""
        self._insert(SCORES, 1 + len(self.columns), rows)

    def ranks(self, rows: Iterable[tuple[int, int, int, int | None]]) -> None:
        """Stage (member, rank, rank in sector, rank in committee) for each member whose ranks moved."""
        rows = iter(rows)
        while batch := list(itertools.islice(rows, _BATCH)):
            self._insert(RANKS, 4, batch)

    def write(self) -> None:
        """Every staged row once, with its final ranks; then the ranks of rows whose score stayed."""
        table, columns = self.table, self.columns
        scored, ranked = columns[:-3], columns[-3:]
        picks = [f"s.{c}" for c in scored] + [
            f"CASE WHEN r.member_id IS NULL THEN s.{c} ELSE r.{c} END" for c in ranked
        ]
        updates = ", ".join(f"{c} = excluded.{c}" for c in [*columns, "computed_at"])
        with connection.cursor() as cursor:
            # "WHERE 1 = 1": SQLite reads ON CONFLICT after a bare FROM as part of a join.
            cursor.execute(
                f"INSERT INTO {table} (year, member_id, {', '.join(columns)}, computed_at) "
                f"SELECT %s, s.member_id, {', '.join(picks)}, %s "
                f"FROM {SCORES} s LEFT JOIN {RANKS} r ON r.member_id = s.member_id WHERE 1 = 1 "
                f"ON CONFLICT (year, member_id) DO UPDATE SET {updates}",
                [self.year, self.now],
            )
            cursor.execute(
                f"UPDATE {table} SET rank = r.rank, rank_in_sector = r.rank_in_sector, "
                f"rank_in_committee = r.rank_in_committee, computed_at = %s FROM {RANKS} r "
                f"WHERE {table}.year = %s AND {table}.member_id = r.member_id "
                f"AND NOT EXISTS (SELECT 1 FROM {SCORES} s WHERE s.member_id = r.member_id)",
                [self.now, self.year],
            )
            for name in (SCORES, RANKS):
                cursor.execute(f"DROP TABLE {name}")

    def _insert(self, name: str, width: int, rows: list[tuple]) -> None:
        one = "(" + ", ".join(["%s"] * width) + ")"
        with connection.cursor() as cursor:
            for start in range(0, len(rows), _BATCH):
                batch = rows[start : start + _BATCH]
                cursor.execute(
                    f"INSERT INTO {name} VALUES {', '.join([one] * len(batch))}",
                    [value for row in batch for value in row],
                )
