"""The demo committee, modelled on the Xingyang CPPCC's 2023 work report (第六届).

Deterministic (fixed random seeds) and idempotent (each part looks for what it made before it makes
anything), so running it twice changes nothing.
"""

from __future__ import annotations

from django.db import connection, transaction

from evaluation import services
from evaluation.models import EvaluationRun

from .meetings import seed_checkin_today, seed_meetings
from .notices import seed_notices
from .platforms import seed_platforms
from .register import DEMO_PASSWORD, seed_register
from .research import seed_research
from .submissions import seed_submissions

YEARS = (2022, 2023)

__all__ = ["DEMO_PASSWORD", "YEARS", "planner_statistics", "seed"]


def planner_statistics() -> None:
    """What autovacuum does some time after a bulk load, done at once: the planner's statistics and
    the visibility map. Without them PostgreSQL guesses one row per table, and the dashboard's
    inactive-members probe took 40 ms instead of 2 on the freshly seeded demo committee (and on a
    server where autovacuum is off, it stays that way). Inside a caller's transaction only the
    statistics: VACUUM cannot run in one."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


@transaction.atomic
def seed(stdout) -> None:
    login_member = seed_register(stdout)
    seed_submissions(stdout, YEARS, login_member)
    seed_meetings(stdout, login_member)
    seed_research(stdout)
    seed_platforms(stdout)
    seed_notices(stdout, login_member)
    seed_checkin_today(stdout, login_member)
    for year in YEARS:
        # A year already evaluated from the same demo data would come out the same; skip it.
        if not EvaluationRun.objects.filter(year=year, status=EvaluationRun.Status.DONE).exists():
            result = services.evaluation_rollup(year=year)
            stdout.write(f"{year} 年度考评：{result.members} 名委员")
