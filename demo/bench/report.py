"""The benchmark's printed report: every budget of shared/DESIGN.md with its figure and ✓/✗."""

from __future__ import annotations

PAGE_RATIO = 5.0  # every measured page ≤ 5 × the cheapest logged-in page
SHEET_KIB = 150.0
ROLLUP_RATIO = 1.0
DOSSIER_PDF_S = 1.0
STATS_PDF_S = 1.5
# From 2,200 to 11,000 members (5 ×): time per member and peak memory may not grow by more than this.
FLAT = 1.25


def _mark(ok: bool | None) -> str:
    return "–" if ok is None else ("✓" if ok else "✗")


def render(r: dict) -> str:
    lines = [
        f"database          {r['vendor']}, {r['cpus']} CPUs",
        f"data              {r['members']:,} members × {r['years']} years, {r['rows']:,} ledger rows"
        + (f" (built in {r['build_s']} s)" if r["build_s"] else " (kept from an earlier run)"),
        "",
        f"rollup against one SQL statement computing and writing the same full result "
        f"(year's re-run after 1 % of its entries changed; median of {r['rounds']}, interleaved)",
        f"  rollup          {r['rollup_ms']:8.1f} ms   {r['rollup_us_per_member']} µs a member, "
        f"{r['evaluated']:,} members; first run {r['rollup_first_s']} s",
    ]
    if r.get("sql_ms") is not None:
        lines += [
            f"  full SQL        {r['sql_ms']:8.1f} ms   first run {r['sql_first_s']} s",
            f"  mismatches      {r['mismatches']} of {r['evaluated']:,} members (every round)"
            f"{'':14}{_mark(r['mismatches'] == 0)}",
            f"  rollup ÷ SQL    {r['ratio']:8.2f} ×    budget ≤ {ROLLUP_RATIO}{'':25}{_mark(r['ratio'] <= ROLLUP_RATIO)}",
        ]
        lines += [f"    {example}" for example in r["mismatch_examples"]]
    else:
        lines.append("  full SQL        PostgreSQL only (set DATABASE_URL)                        –")
    other = r.get("other")
    if other and other.get("rollup_us_per_member"):
        small, large = (other, r) if other["members"] < r["members"] else (r, other)
        time_growth = large["rollup_us_per_member"] / small["rollup_us_per_member"]
        memory_growth = large["rollup_peak_mib"] / small["rollup_peak_mib"]
        lines += [
            f"  per member      {small['rollup_us_per_member']} µs at {small['members']:,} → "
            f"{large['rollup_us_per_member']} µs at {large['members']:,}: {time_growth:.2f} ×"
            f"  budget ≤ {FLAT} ×   {_mark(time_growth <= FLAT)}",
            f"  peak memory     {small['rollup_peak_mib']} MiB → {large['rollup_peak_mib']} MiB: "
            f"{memory_growth:.2f} ×{'':12}budget ≤ {FLAT} ×   {_mark(memory_growth <= FLAT)}",
        ]
    else:
        lines.append(
            f"  peak memory     {r['rollup_peak_mib']} MiB traced (flat budgets: run the other scale too)"
        )
    lines += [
        "",
        f"pages (median of {r['rounds']}, interleaved; ratio to the cheapest logged-in page, "
        f"{r['cheap_url']} {r['cheap_ms']} ms; gzip {'on' if r['gzip'] else 'OFF'} {_mark(r['gzip'])})",
    ]
    labels = {
        "dashboard": "dashboard",
        "evaluation": "evaluation list",
        "dossier500": "dossier, 500 entries",
        "sheet": f"sign-in sheet, {r['sheet_invitees']}",
    }
    for key, label in labels.items():
        p = r[key]
        # The sheet's size is held to the budget sent and before gzip alike.
        ok = p["ratio"] <= PAGE_RATIO and (key != "sheet" or max(p["kib"], p["html_kib"]) <= SHEET_KIB)
        size = f"{p['kib']} KiB sent ({p['html_kib']} KiB HTML)"
        budget = f"≤ {PAGE_RATIO:.0f} ×" + (f", ≤ {SHEET_KIB:.0f} KiB" if key == "sheet" else "")
        lines.append(
            f"  {label:<22}{p['ms']:7.1f} ms {p['ratio']:5.2f} ×  {p['queries']:2} queries  {size:<34}"
            f"{budget:<18}{_mark(ok)}"
        )
    if "dashboard_panel" in r:
        p = r["dashboard_panel"]
        lines.append(
            f"  dashboard's inactive-members panel, fetched after the page: {p['ms']} ms, {p['ratio']:.2f} ×, "
            f"{p['queries']} queries (no budget)"
        )
    lines.append(
        f"  sign-in sheet saved     {r['sheet_save_ms']} ms, {r['sheet_save_queries']} queries at most (no budget)"
    )
    d, s = r["dossier_pdf"], r["stats_pdf"]
    lines += [
        "",
        "PDFs (median of 3 after the first of the process)",
        f"  dossier, 100 entries    {d['s']:5.2f} s (first {d['first_s']} s)    budget ≤ {DOSSIER_PDF_S} s"
        f"{'':10}{_mark(d['s'] <= DOSSIER_PDF_S)}",
        f"  meeting statistics      {s['s']:5.2f} s (first {s['first_s']} s)    budget ≤ {STATS_PDF_S} s"
        f"{'':10}{_mark(s['s'] <= STATS_PDF_S)}",
        "",
        f"process peak RSS  {r['peak_rss_mb']} MB",
    ]
    return "\n".join(lines)
