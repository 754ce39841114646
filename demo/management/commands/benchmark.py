"""Measure the budgets of shared/DESIGN.md on a synthetic committee in a database of its own.

    manage.py benchmark                        # 2,200 members × 5 years × ~80 entries (≈ 880k rows)
    manage.py benchmark --members 250 --years 2

The command creates the database next to the configured one (PostgreSQL: <name>_bench; SQLite:
var/bench.sqlite3), then runs itself again against it, so the application's own code paths (the
rollup service, the dashboard and dossier views) are what is timed.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

FIRST_YEAR = 2019
TARGETS = {"rollup_s": 3.0, "ratio": 2.0, "dashboard_ms": 300.0, "dossier_ms": 150.0}


class Command(BaseCommand):
    help = "Build a synthetic committee in a separate database and time the rollup, dashboard and dossier."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=2200)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--entries", type=int, default=80, help="ledger entries per member per year")
        parser.add_argument(
            "--keep", action="store_true", help="reuse the benchmark database if it is filled"
        )
        parser.add_argument("--inner", action="store_true", help="(internal) measure in this process")

    def handle(self, *args, members: int, years: int, entries: int, keep: bool, inner: bool, **options):
        if inner:
            report = _measure(members, years, entries, keep)
            self.stdout.write(json.dumps(report))
            return
        url = _bench_database(keep)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "CELERY_BROKER_URL": "",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver",
            "LOG_LEVEL": "WARNING",
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        }
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "benchmark",
            "--inner",
            "--members",
            str(members),
            "--years",
            str(years),
            "--entries",
            str(entries),
        ]
        if keep:
            command.append("--keep")
        self.stdout.write(f"benchmark database: {url.rsplit('@', 1)[-1]}")
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            self.stderr.write(done.stderr[-4000:])
            raise SystemExit(done.returncode)
        report = json.loads(done.stdout.strip().splitlines()[-1])
        self.stdout.write(_render(report))


def _bench_database(keep: bool) -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        path = Path(settings.VAR_DIR) / "bench.sqlite3"
        if path.exists() and not keep:
            path.unlink()
        return f"sqlite:///{path}"
    name = f"{db['NAME']}_bench"
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


def _timed(func, repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _populate(n_members: int, years: list[int], per_year: int) -> None:
    from demo.register import SECTORS, _names, _reference_data
    from evaluation import services
    from members.kinds import ActivityKind
    from members.models import DossierEntry, Member

    rng = random.Random(2200)
    sectors, committees, term = _reference_data()
    sector_list = [sectors[name] for name in SECTORS]
    names = _names(rng, n_members)
    Member.objects.bulk_create(
        (
            Member(
                name=f"{name}{i}" if i >= len(names) else name,
                term=term,
                joined_on=term.start_date,
                sector=rng.choice(sector_list),
                committee=rng.choice(committees),
                is_standing=i < n_members // 7,
            )
            for i, name in enumerate(names)
        ),
        batch_size=2000,
    )
    member_ids = list(Member.objects.values_list("pk", flat=True))
    kinds = list(ActivityKind.values)
    weights = [8 if k.startswith("attend") else 1 for k in kinds]
    for year in years:
        services.scheme_create_default(year=year)
        batch = []
        for member_id in member_ids:
            for _ in range(rng.randint(per_year - 20, per_year + 20)):
                batch.append(
                    DossierEntry(
                        member_id=member_id,
                        year=year,
                        date=date(year, 1, 1) + timedelta(days=rng.randrange(365)),
                        kind=rng.choices(kinds, weights)[0],
                        title="基准测试记录",
                        status="confirmed" if rng.random() > 0.03 else "pending",
                    )
                )
            if len(batch) >= 50_000:
                DossierEntry.objects.bulk_create(batch, batch_size=10_000)
                batch = []
        DossierEntry.objects.bulk_create(batch, batch_size=10_000)


RAW_SQL = """
WITH per_kind AS (
    SELECT e.member_id, e.kind, COUNT(*) AS n
    FROM members_dossierentry e
    WHERE e.year = %(year)s AND e.status = 'confirmed' AND NOT e.disabled
    GROUP BY e.member_id, e.kind
)
SELECT p.member_id, s.base_score + SUM(
    CASE WHEN r.cap IS NULL THEN p.n * r.points ELSE {least}(p.n * r.points, r.cap) END
) AS total
FROM per_kind p
JOIN evaluation_scoringrule r ON r.kind = p.kind
JOIN evaluation_scoringscheme s ON s.id = r.scheme_id AND s.year = %(year)s
GROUP BY p.member_id, s.base_score
"""


def _measure(n_members: int, n_years: int, per_year: int, keep: bool) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cppcc.access import STAFF_GROUP
    from evaluation import services
    from members.models import DossierEntry, Member

    call_command("migrate", verbosity=0)
    years = [FIRST_YEAR + i for i in range(n_years)]
    build_s = 0.0
    if not (keep and Member.objects.exists()):
        start = time.perf_counter()
        _populate(n_members, years, per_year)
        build_s = time.perf_counter() - start
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk load: give the planner its statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    year = years[-1]
    rows = DossierEntry.objects.count()

    from evaluation.models import AnnualEvaluation

    AnnualEvaluation.objects.filter(year=year).delete()
    first_s, _first = _timed(lambda: services.evaluation_compute(year), 1)  # writes every row
    # A nightly re-run: the ledger changed a little since the last run (1 % of entries switched off).
    changed_ids = list(DossierEntry.objects.filter(year=year).values_list("pk", flat=True)[::100])
    DossierEntry.objects.filter(pk__in=changed_ids).update(disabled=True)
    rollup_s, result = _timed(lambda: services.evaluation_compute(year), 1)
    DossierEntry.objects.filter(pk__in=changed_ids).update(disabled=False)
    again_s, _again = _timed(lambda: services.evaluation_compute(year), 3)
    rollup_s = max(rollup_s, again_s)

    least = "LEAST" if connection.vendor == "postgresql" else "MIN"
    sql = RAW_SQL.format(least=least).replace("%(year)s", str(int(year)))

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    raw_s, raw_rows = _timed(raw, 3)

    user, _ = get_user_model().objects.get_or_create(username="bench-staff")
    user.groups.add(Group.objects.get_or_create(name=STAFF_GROUP)[0])
    client = Client()
    client.force_login(user)

    def page(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            seconds, response = _timed(lambda: client.get(url), 5)
        assert response.status_code == 200, (url, response.status_code)
        return seconds * 1000, len(queries) // 5

    dashboard_ms, dashboard_q = page(f"/dashboard/?year={year}")
    # A typical member: the median number of entries (the 500-entry member is timed separately).
    counts = list(
        DossierEntry.objects.filter(year=year)
        .values("member_id")
        .annotate(n=Count("pk"))
        .order_by("n")
        .values_list("member_id", flat=True)
    )
    busiest = counts[len(counts) // 2]
    dossier_entries = DossierEntry.objects.filter(year=year, member_id=busiest).count()
    dossier_ms, dossier_q = page(f"/members/{busiest}/?year={year}")
    sheet_ms, sheet_q, invitees = _sheet_save(client, year)
    heavy = _member_with_entries(year, 500)
    heavy_ms, heavy_q = page(f"/members/{heavy}/?year={year}")
    return {
        "sheet_ms": round(sheet_ms, 1),
        "sheet_queries": sheet_q,
        "sheet_invitees": invitees,
        "dossier500_ms": round(heavy_ms, 1),
        "dossier500_queries": heavy_q,
        "vendor": connection.vendor,
        "members": Member.objects.count(),
        "years": n_years,
        "rows": rows,
        "build_s": round(build_s, 1),
        "rollup_s": round(rollup_s, 3),
        "rollup_members": result.members,
        "rollup_first_s": round(first_s, 3),
        "raw_sql_s": round(raw_s, 3),
        "raw_rows": len(raw_rows),
        "ratio": round(rollup_s / raw_s, 2) if raw_s else None,
        "dashboard_ms": round(dashboard_ms, 1),
        "dashboard_queries": dashboard_q,
        "dossier_ms": round(dossier_ms, 1),
        "dossier_queries": dossier_q,
        "dossier_entries": dossier_entries,
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "cpus": os.cpu_count(),
    }


def _sheet_save(client, year: int) -> tuple[float, int, int]:
    """Save the sign-in sheet of a 250-person plenary through the page, as a clerk would."""

    from django.test.utils import CaptureQueriesContext

    from consultations import services as meetings
    from members.models import Member, Term

    term = Term.objects.get(is_current=True)
    meeting = meetings.meeting_create(
        actor=None, kind="activity", term=term, title="基准测试会议", start_date=date(year, 12, 20)
    )
    people = list(Member.objects.order_by("pk")[:250])
    meetings.meeting_invite(meeting=meeting, members=people, actor=None)
    url = f"/meetings/{meeting.pk}/sheet/"
    times, counts = [], []
    for round_ in range(5):
        data = {"was": client.get(url).context["was"]}
        for i, m in enumerate(people):
            data[f"status-{m.pk}"] = "absent" if (i + round_) % 13 == 0 else "present"
            data[f"reason-{m.pk}"] = data[f"speech-{m.pk}"] = ""
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.post(url, data)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 302, response.status_code
        counts.append(len(queries))
    meetings.meeting_delete(meeting=meeting, actor=None)
    return statistics.median(times), max(counts), len(people)


def _member_with_entries(year: int, n: int) -> int:
    from members.models import DossierEntry, Member

    member = Member.objects.order_by("pk").first()
    assert member is not None
    missing = n - DossierEntry.objects.filter(member=member, year=year).count()
    DossierEntry.objects.bulk_create(
        DossierEntry(
            member=member,
            year=year,
            date=date(year, 1 + i % 12, 1 + i % 28),
            kind="attend_other",
            title="基准测试记录",
        )
        for i in range(max(missing, 0))
    )
    return member.pk


def _render(r: dict) -> str:
    def mark(key):
        return "ok" if r[key] is not None and r[key] <= TARGETS[key] else "OVER"

    return "\n".join(
        [
            f"database        {r['vendor']}, {r['cpus']} CPUs",
            f"data            {r['members']} members × {r['years']} years, {r['rows']:,} ledger rows"
            + (f" (built in {r['build_s']} s)" if r["build_s"] else ""),
            f"rollup          {r['rollup_s']} s for {r['rollup_members']} members, re-run after a day's changes "
            f"(target ≤ {TARGETS['rollup_s']} s: {mark('rollup_s')})",
            f"first rollup    {r['rollup_first_s']} s (every evaluation row written)",
            f"raw SQL         {r['raw_sql_s']} s for the same aggregation in one statement ({r['raw_rows']} rows)",
            f"ratio           {r['ratio']} × raw SQL (target ≤ {TARGETS['ratio']}: {mark('ratio')})",
            f"dashboard       {r['dashboard_ms']} ms, {r['dashboard_queries']} queries "
            f"(target ≤ {TARGETS['dashboard_ms']:.0f} ms: {mark('dashboard_ms')})",
            f"dossier         {r['dossier_ms']} ms, {r['dossier_queries']} queries, {r['dossier_entries']} entries (median member) "
            f"(target ≤ {TARGETS['dossier_ms']:.0f} ms: {mark('dossier_ms')})",
            f"dossier (500)   {r['dossier500_ms']} ms, {r['dossier500_queries']} queries, 500 entries",
            f"sign-in save    {r['sheet_ms']} ms for {r['sheet_invitees']} invitees, {r['sheet_queries']} queries at most",
            f"peak memory     {r['peak_memory_mb']} MB",
        ]
    )
