"""Measure the budgets of shared/DESIGN.md on a synthetic committee in a database of its own.

    manage.py benchmark                        # 2,200 members × 5 years × ~80 entries (≈ 880k rows)
    manage.py benchmark --members 11000        # a city committee with its county committees
    manage.py benchmark --members 250 --years 2 --rounds 3

The command creates the database next to the configured one (PostgreSQL: <name>_bench_<members>;
SQLite: var/bench-<members>.sqlite3), then runs itself again against it, so the application's own code
paths (the rollup service, the pages, the PDFs) are what is timed. Every budget is printed with its
figure and ✓/✗; the command fails when the full-SQL baseline and the rollup disagree for any member.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.bench.measure import measure
from demo.bench.report import render


class Command(BaseCommand):
    help = "Build a synthetic committee in a separate database and measure every budget of DESIGN.md."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=2200)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--entries", type=int, default=80, help="ledger entries per member per year")
        parser.add_argument("--rounds", type=int, default=7, help="timed rounds (the median is reported)")
        parser.add_argument(
            "--keep", action="store_true", help="reuse the benchmark database if it is filled"
        )
        parser.add_argument("--inner", action="store_true", help="(internal) measure in this process")

    def handle(self, *args, members, years, entries, rounds, keep, inner, **options):
        if inner:
            report = measure(members, years, entries, rounds, keep)
            self.stdout.write(json.dumps(report, default=str))
            return
        url = _bench_database(keep, members)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "CELERY_BROKER_URL": "",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver",
            "LOG_LEVEL": "WARNING",
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        }
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "benchmark", "--inner"]
        command += ["--members", str(members), "--years", str(years), "--entries", str(entries)]
        command += ["--rounds", str(rounds)] + (["--keep"] if keep else [])
        self.stdout.write(f"benchmark database: {url.rsplit('@', 1)[-1]}")
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            self.stderr.write(done.stderr[-6000:])
            raise SystemExit(done.returncode)
        report = json.loads(done.stdout.strip().splitlines()[-1])
        report["other"] = _other_size(report)
        _save(report)
        self.stdout.write(render(report))
        if report["mismatches"]:
            raise CommandError(f"the full SQL and the rollup disagree for {report['mismatches']} members")


def _bench_database(keep: bool, members: int) -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        path = Path(settings.VAR_DIR) / f"bench-{members}.sqlite3"
        if path.exists() and not keep:
            path.unlink()
        return f"sqlite:///{path}"
    name = f"{db['NAME']}_bench_{members}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
        if exists and not keep:
            cursor.execute(f'DROP DATABASE "{name}"')
            exists = False
        if not exists:
            cursor.execute(f'CREATE DATABASE "{name}"')
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{db.get('PORT') or 5432}/{name}"


def _results_file(members: int) -> Path:
    return Path(settings.VAR_DIR) / f"benchmark-{members}.json"


def _save(report: dict) -> None:
    path = _results_file(report["members_asked"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({k: v for k, v in report.items() if k != "other"}, default=str))


def _other_size(report: dict) -> dict | None:
    """The last run at the other scale (2,200 ↔ 11,000), for the "flat" budgets."""
    if report["members_asked"] not in (2200, 11000):
        return None
    other = 11000 if report["members_asked"] == 2200 else 2200
    path = _results_file(other)
    if not path.exists():
        return None
    found = json.loads(path.read_text())
    return found if found.get("vendor") == report["vendor"] else None
