"""The benchmark's measurements, in the process that runs against the benchmark database: the rollup
against the full SQL (interleaved, median of N, checked equal every round), pages as ratios to the
cheapest logged-in page, the PDFs."""

from __future__ import annotations

import gzip
import os
import re
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from html import unescape
from typing import Any

from django.core.management import call_command
from django.db import connection

from ..seed import planner_statistics
from .data import FIRST_YEAR, member_with_entries, populate

# The cheapest logged-in pages: the smallest median of these is the yardstick of the page budgets.
CHEAP_PAGES = ("/notices/", "/notices/preferences/", "/accounts/password/")


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def measure(n_members: int, n_years: int, per_year: int, rounds: int, keep: bool) -> dict:
    from members.models import DossierEntry, Member

    call_command("migrate", verbosity=0)
    years = [FIRST_YEAR + i for i in range(n_years)]
    year = years[-1]
    build_s = 0.0
    if not (keep and Member.objects.exists()):
        start = time.perf_counter()
        populate(n_members, years, per_year)
        build_s = time.perf_counter() - start
    heavy = member_with_entries(year, 500, 0)
    hundred = member_with_entries(year, 100, 1)
    planner_statistics()
    report: dict[str, Any] = {
        "vendor": connection.vendor,
        "cpus": os.cpu_count(),
        "members_asked": n_members,
        "members": Member.objects.count(),
        "years": n_years,
        "rows": DossierEntry.objects.count(),
        "build_s": round(build_s, 1),
        "rounds": rounds,
    }
    report.update(_rollup_against_sql(year, rounds))
    report.update(_pages(year, rounds, heavy, hundred))
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return report


def _rollup_against_sql(year: int, rounds: int) -> dict[str, Any]:
    """Both sides compute and write the year's full result, after the same change to the ledger,
    in alternating order; each round checks every member's row on both sides."""
    from evaluation import services
    from evaluation.models import AnnualEvaluation
    from members.models import DossierEntry

    from . import fullsql as bench_sql

    out: dict[str, Any] = {}
    has_sql = connection.vendor == "postgresql"
    if has_sql:
        bench_sql.create_table()
    AnnualEvaluation.objects.filter(year=year).delete()
    start = time.perf_counter()
    services.evaluation_compute(year)
    out["rollup_first_s"] = round(time.perf_counter() - start, 3)
    if has_sql:
        start = time.perf_counter()
        bench_sql.run(year)
        out["sql_first_s"] = round(time.perf_counter() - start, 3)

    ids = list(DossierEntry.objects.filter(year=year).order_by("pk").values_list("pk", flat=True))
    rollup_t: list[float] = []
    sql_t: list[float] = []
    bad_total, examples = 0, list[str]()
    previous: list[int] = []

    def change(i: int) -> None:
        # A night's changes: 1 % of the year's entries switched off, last night's back on.
        nonlocal previous
        chosen = ids[i % 100 :: 100]
        DossierEntry.objects.filter(pk__in=previous).update(disabled=False)
        DossierEntry.objects.filter(pk__in=chosen).update(disabled=True)
        previous = chosen

    def time_rollup() -> None:
        start = time.perf_counter()
        services.evaluation_compute(year)
        rollup_t.append(time.perf_counter() - start)

    def time_sql() -> None:
        start = time.perf_counter()
        bench_sql.run(year)
        sql_t.append(time.perf_counter() - start)

    for i in range(rounds):
        change(i)
        sides: list[Callable[[], None]] = [time_rollup]
        if has_sql:
            sides = [time_rollup, time_sql] if i % 2 == 0 else [time_sql, time_rollup]
        for side in sides:
            side()
        if has_sql:
            bad, found = bench_sql.mismatches(year)
            bad_total = max(bad_total, bad)
            examples = examples or found
    members = services.members_of_year(year).count()
    # Memory on its own run: tracing slows Python down, so it is never part of a timed round.
    change(rounds)
    tracemalloc.start()
    services.evaluation_compute(year)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    change(rounds + 1)
    DossierEntry.objects.filter(pk__in=previous).update(disabled=False)
    services.evaluation_compute(year)
    rollup_ms = _median_ms(rollup_t)
    out.update(
        evaluated=members,
        rollup_ms=round(rollup_ms, 1),
        rollup_us_per_member=round(rollup_ms * 1000 / members, 1),
        rollup_peak_mib=round(peak / 2**20, 1),
        mismatches=bad_total,
        mismatch_examples=examples,
    )
    if sql_t:
        out.update(sql_ms=round(_median_ms(sql_t), 1), ratio=round(rollup_ms / _median_ms(sql_t), 2))
    return out


def _pages(year: int, rounds: int, heavy: int, hundred: int) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cppcc.access import STAFF_GROUP

    user, _ = get_user_model().objects.get_or_create(username="bench-staff")
    user.groups.add(Group.objects.get_or_create(name=STAFF_GROUP)[0])
    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    client.force_login(user)
    meeting, invitees, save_ms, save_q = _sheet(client, year)
    pages = {
        "dashboard": f"/dashboard/?year={year}",
        # The panel the dashboard fetches right after it arrives (it probes every serving member).
        "dashboard_panel": f"/dashboard/inactive/?year={year}&panel=1",
        "evaluation": f"/evaluations/{year}/",
        "dossier500": f"/members/{heavy}/?year={year}",
        "sheet": f"/meetings/{meeting}/sheet/",
    }
    for i, url in enumerate(CHEAP_PAGES):
        pages[f"cheap{i}"] = url
    times: dict[str, list[float]] = {name: [] for name in pages}
    facts: dict[str, dict[str, Any]] = {}
    for name, url in pages.items():  # once untimed: the caches every page would have warm
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        body = response.content
        encoded = response.get("Content-Encoding", "")
        html = gzip.decompress(body) if encoded == "gzip" else body
        facts[name] = {"queries": len(queries), "kib": len(body) / 1024, "html_kib": len(html) / 1024}
        facts[name]["gzip"] = encoded == "gzip"
    for _ in range(rounds):  # interleaved: a slow moment of the machine hits every page alike
        for name, url in pages.items():
            start = time.perf_counter()
            client.get(url)
            times[name].append(time.perf_counter() - start)
    cheap_name = min((n for n in pages if n.startswith("cheap")), key=lambda n: statistics.median(times[n]))
    cheap_ms = _median_ms(times[cheap_name])
    out: dict[str, Any] = {
        "cheap_url": pages[cheap_name],
        "cheap_ms": round(cheap_ms, 1),
        "sheet_invitees": invitees,
        "sheet_save_ms": round(save_ms, 1),
        "sheet_save_queries": save_q,
        "gzip": all(facts[n]["gzip"] for n in ("dashboard", "evaluation", "dossier500", "sheet")),
    }
    for name in ("dashboard", "dashboard_panel", "evaluation", "dossier500", "sheet"):
        ms = _median_ms(times[name])
        out[name] = {
            "ms": round(ms, 1),
            "ratio": round(ms / cheap_ms, 2),
            "queries": facts[name]["queries"],
            "kib": round(facts[name]["kib"], 1),
            "html_kib": round(facts[name]["html_kib"], 1),
        }
    out["dossier_pdf"] = _pdf(client, f"/members/{hundred}/report/{year}.pdf")
    out["stats_pdf"] = _pdf(client, f"/meetings/stats.pdf?year={year}")
    return out


def _pdf(client: Any, url: str) -> dict[str, Any]:
    samples = []
    for _ in range(4):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    # The first one in a process includes loading the fonts; the web workers load them at start.
    return {"s": round(statistics.median(samples[1:]), 2), "first_s": round(samples[0], 2)}


def _sheet(client: Any, year: int) -> tuple[int, int, float, int]:
    """A 250-person plenary's sign-in sheet, saved through the page as a clerk would (5 times)."""
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
        page = client.get(url)
        html = gzip.decompress(page.content) if page.get("Content-Encoding") == "gzip" else page.content
        found = re.search(rb'name="was" value="([^"]*)"', html)
        assert found, "the sign-in sheet has no 'was' field"
        data = {"was": unescape(found.group(1).decode())}
        for i, m in enumerate(people):
            data[f"status-{m.pk}"] = "absent" if (i + round_) % 13 == 0 else "present"
            data[f"reason-{m.pk}"] = data[f"speech-{m.pk}"] = ""
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.post(url, data)
            times.append(time.perf_counter() - start)
        assert response.status_code == 302, response.status_code
        counts.append(len(queries))
    return meeting.pk, len(people), _median_ms(times), max(counts)
