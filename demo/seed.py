"""The demo committee, modelled on the Xingyang CPPCC's 2023 work report (第六届).

Deterministic (fixed random seeds) and idempotent (each part looks for what it made before it makes
anything), so running it twice changes nothing.
"""

from __future__ import annotations

from django.db import transaction

from evaluation import services
from evaluation.models import EvaluationRun

from .meetings import seed_checkin_today, seed_meetings
from .notices import seed_notices
from .platforms import seed_platforms
from .register import DEMO_PASSWORD, seed_register
from .research import seed_research
from .submissions import seed_submissions

YEARS = (2022, 2023)

__all__ = ["DEMO_PASSWORD", "YEARS", "seed"]


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
