"""After the demo (or the benchmark) is loaded, PostgreSQL plans with real row counts at once, not
when autovacuum gets round to it (never, on a server where it is off)."""

from __future__ import annotations

import pytest
from django.db import connection

from demo.seed import planner_statistics
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _planned_rows(table: str) -> float | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


def test_the_loaded_tables_have_statistics_for_the_planner():
    MemberFactory.create_batch(30)
    # Inside the test's transaction only ANALYZE can run (VACUUM cannot): it must not fail there.
    planner_statistics()
    if connection.vendor == "postgresql":
        # Never analysed, a table counts -1 rows and the planner guesses: the inactive-members
        # probe chose a nested loop over every recent entry for each member (40 ms instead of 2).
        assert _planned_rows("members_member") == 30
    else:
        assert connection.vendor == "sqlite"  # nothing to do: SQLite plans from its indexes alone
