"""The benchmark's measuring stick: one PostgreSQL statement that computes the rollup's **full**
result — per-kind caps, category caps, 常委 points, joint-proposal shares, minimum duties (part years
included), grades with their ceiling, the three ranks, members without entries — and writes the
rows that changed into a table of its own (`bench_full_sql`), as the rollup writes its own.

It is not product code: nothing in the application reads it. The benchmark checks that it equals
the rollup for every member, so that "rollup ÷ SQL" compares two programs computing the same thing.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.db import connection

from evaluation.models import ScoringScheme
from evaluation.scoring import Scheme
from members.kinds import (
    ACTIVITY_KINDS,
    CATEGORY_OF,
    PLENARY_KINDS,
    PROPOSAL_KINDS,
    SENTIMENT_KINDS,
    ActivityKind,
)

TABLE = "bench_full_sql"
_DUTY_KINDS = (
    ("plenary", PLENARY_KINDS),
    ("activities", ACTIVITY_KINDS),
    ("proposals", PROPOSAL_KINDS),
    ("sentiments", SENTIMENT_KINDS),
)


def create_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(
            f"""CREATE TABLE {TABLE} (
                year smallint NOT NULL, member_id integer NOT NULL, points jsonb NOT NULL,
                total numeric(8, 2) NOT NULL, rank integer NOT NULL, rank_in_sector integer NOT NULL,
                rank_in_committee integer, grade varchar(10) NOT NULL, duties_met boolean NOT NULL,
                duties_missing jsonb NOT NULL, served_days integer NOT NULL, part_year boolean NOT NULL,
                computed_at timestamptz NOT NULL, PRIMARY KEY (year, member_id))"""
        )


def _num(value: Decimal | None) -> str:
    return "NULL" if value is None else f"{Decimal(value)}::numeric"


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _in(kinds: Any) -> str:
    return "(" + ", ".join(_text(str(k)) for k in kinds) + ")"


def _limit(expr: str, cap: str) -> str:
    # A cap bounds gains and deductions alike: at most `cap` points either way.
    return f"(CASE WHEN {cap} IS NULL OR abs({expr}) <= {cap} THEN {expr} ELSE sign({expr}) * {cap} END)"


def _cents_half_even(expr: str) -> str:
    # The scoring module keeps shares exact and rounds once to cents, half to even; numeric keeps
    # 16+ significant digits of a third, so a tie is anything within 1e-9 of half a cent.
    x = f"(({expr}) * 100)"
    return (
        f"((CASE WHEN abs({x} - floor({x}) - 0.5) < 1e-9 "
        f"THEN floor({x}) + abs(mod(floor({x}), 2)) ELSE round({x}) END) / 100)"
    )


def _share(scheme: Scheme) -> str:
    """The part of one entry a member earns, by the year's rule for joint proposals."""
    whole = "g.role = '' OR (g.role = 'lead' AND g.joint_size = 0)"
    mode = scheme.cosigner_mode
    if mode == ScoringScheme.CosignerMode.LEAD_ONLY:
        rest = "CASE WHEN g.role = 'lead' THEN 1 ELSE 0 END"
    elif mode == ScoringScheme.CosignerMode.COSIGN_RULE:
        rest = (
            "CASE WHEN g.role = 'lead' THEN 1 "
            f"WHEN g.kind = {_text(ActivityKind.PROPOSAL_COSIGN)} THEN 1 ELSE 0 END"
        )
    else:
        share = _num(scheme.lead_share)
        rest = f"CASE WHEN g.role = 'lead' THEN {share} ELSE (1 - {share}) / g.joint_size END"
    return f"(CASE WHEN {whole} THEN 1::numeric ELSE ({rest})::numeric END)"


def _required(scheme: Scheme) -> list[tuple[str, str]]:
    """SQL for each duty's required count, for a member who served `served` of `full` days."""
    full_year = [
        ("plenary", "1" if scheme.require_plenary else "0"),
        ("activities", str(scheme.min_activities)),
        ("proposals", str(scheme.min_proposals)),
        ("sentiments", str(scheme.min_sentiments)),
    ]
    if scheme.part_year_duties == ScoringScheme.PartYear.FULL:
        return full_year
    out = []
    for code, need in full_year:
        if scheme.part_year_duties == ScoringScheme.PartYear.EXEMPT or code == "plenary":
            part = "0"
        else:  # pro rata: the count scaled by the days served, rounded down
            part = f"(({need}) * s.served) / s.full_days"
        out.append((code, f"(CASE WHEN s.served < s.full_days THEN {part} ELSE {need} END)"))
    return out


def statement(scheme: Scheme) -> str:
    year = scheme.year
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    full_days = (last - first).days + 1
    rules = ", ".join(
        f"({_text(kind)}, {_text(str(CATEGORY_OF[kind]))}, {_num(points)}, {_num(standing)}, {_num(cap)})"
        for kind, (points, standing, cap) in scheme.effective.items()
    )
    caps = ", ".join(f"({_text(c)}, {_num(cap)})" for c, cap in scheme.category_caps.items()) or (
        "(NULL::text, NULL::numeric)"
    )
    names = [name for name, _t in scheme.grades]
    grade_index = (
        "CASE "
        + " ".join(f"WHEN s.total >= {_num(t)} THEN {i}" for i, (_n, t) in enumerate(scheme.grades))
        + " ELSE NULL END"
        if scheme.grades
        else "NULL::int"
    )
    ceiling = names.index(scheme.duties_unmet_grade) if scheme.duties_unmet_grade in names else None
    final_index = (
        f"(CASE WHEN NOT s.met AND s.gi IS NOT NULL AND s.gi < {ceiling} THEN {ceiling} ELSE s.gi END)"
        if ceiling is not None
        else "s.gi"
    )
    grade_name = (
        "CASE "
        + " ".join(f"WHEN {final_index} = {i} THEN {_text(n)}" for i, n in enumerate(names))
        + " ELSE '' END"
        if names
        else "''"
    )
    done = ", ".join(
        f"COALESCE(SUM(k.n) FILTER (WHERE k.kind IN {_in(kinds)}), 0) AS done_{code}"
        for code, kinds in _DUTY_KINDS
    )
    required = _required(scheme)
    needs = ", ".join(f"{expr} AS need_{code}" for code, expr in required)
    missing = ", ".join(
        f"CASE WHEN s.need_{code} > 0 AND s.done_{code} < s.need_{code} THEN {_text(code)} END"
        for code, _e in required
    )
    raw = _cents_half_even("k.qty * CASE WHEN ro.is_standing THEN r.standing ELSE r.points END")
    return f"""
WITH rules(kind, category, points, standing, cap) AS (VALUES {rules}),
caps(category, cap) AS (VALUES {caps}),
roster AS (
    SELECT m.id, m.is_standing, m.sector_id, m.committee_id,
           GREATEST(LEAST(COALESCE(m.left_on, DATE '{last}'), DATE '{last}')
                    - GREATEST(COALESCE(m.joined_on, DATE '{first}'), DATE '{first}') + 1, 0) AS served,
           {full_days} AS full_days
    FROM members_member m
    WHERE m.joined_on <= DATE '{last}' AND (m.left_on IS NULL OR m.left_on >= DATE '{first}')
),
g AS (
    SELECT e.member_id, e.kind, e.role, e.joint_size, COUNT(*) AS n
    FROM members_dossierentry e
    WHERE e.year = {year} AND e.status = 'confirmed' AND NOT e.disabled
    GROUP BY e.member_id, e.kind, e.role, e.joint_size
),
k AS (
    SELECT g.member_id, g.kind, SUM(g.n) AS n, SUM(g.n * {_share(scheme)}) AS qty
    FROM g GROUP BY g.member_id, g.kind
),
kp AS (
    SELECT k.member_id, r.category, {_limit(raw, "r.cap")} AS points
    FROM k JOIN roster ro ON ro.id = k.member_id JOIN rules r ON r.kind = k.kind
),
cp AS (
    SELECT kp.member_id, kp.category, {_limit("SUM(kp.points)", "c.cap")} AS points
    FROM kp LEFT JOIN caps c ON c.category = kp.category
    GROUP BY kp.member_id, kp.category, c.cap
),
mc AS (
    SELECT member_id, SUM(points) AS points, jsonb_object_agg(category, points) AS by_category
    FROM cp GROUP BY member_id
),
dc AS (SELECT k.member_id, {done} FROM k GROUP BY k.member_id),
scored AS (
    SELECT ro.id AS member_id, ro.sector_id, ro.committee_id, ro.served, ro.full_days,
           {_num(scheme.base)} + COALESCE(mc.points, 0) AS total,
           COALESCE(mc.by_category, '{{}}'::jsonb) AS by_category,
           COALESCE(dc.done_plenary, 0) AS done_plenary, COALESCE(dc.done_activities, 0) AS done_activities,
           COALESCE(dc.done_proposals, 0) AS done_proposals, COALESCE(dc.done_sentiments, 0) AS done_sentiments
    FROM roster ro LEFT JOIN mc ON mc.member_id = ro.id LEFT JOIN dc ON dc.member_id = ro.id
),
needed AS (SELECT s.*, {needs} FROM scored s),
checked AS (
    SELECT s.*, array_remove(ARRAY[{missing}]::text[], NULL) AS missing FROM needed s
),
met AS (SELECT s.*, cardinality(s.missing) = 0 AS met FROM checked s),
graded AS (SELECT s.*, {grade_index} AS gi FROM met s),
final AS (
    SELECT s.member_id, s.by_category, s.total, {grade_name} AS grade, s.met, to_jsonb(s.missing) AS missing,
           s.served, s.served < s.full_days AS part_year,
           RANK() OVER (ORDER BY s.total DESC) AS rank,
           RANK() OVER (PARTITION BY s.sector_id ORDER BY s.total DESC) AS rank_in_sector,
           CASE WHEN s.committee_id IS NULL THEN NULL
                ELSE RANK() OVER (PARTITION BY s.committee_id ORDER BY s.total DESC) END AS rank_in_committee
    FROM graded s
),
written AS (
    INSERT INTO {TABLE} AS t (year, member_id, points, total, rank, rank_in_sector, rank_in_committee,
                              grade, duties_met, duties_missing, served_days, part_year, computed_at)
    SELECT {year}, f.member_id, f.by_category, f.total, f.rank, f.rank_in_sector, f.rank_in_committee,
           f.grade, f.met, f.missing, f.served, f.part_year, now()
    FROM final f
    ON CONFLICT (year, member_id) DO UPDATE SET
        points = EXCLUDED.points, total = EXCLUDED.total, rank = EXCLUDED.rank,
        rank_in_sector = EXCLUDED.rank_in_sector, rank_in_committee = EXCLUDED.rank_in_committee,
        grade = EXCLUDED.grade, duties_met = EXCLUDED.duties_met, duties_missing = EXCLUDED.duties_missing,
        served_days = EXCLUDED.served_days, part_year = EXCLUDED.part_year, computed_at = EXCLUDED.computed_at
    WHERE (t.points, t.total, t.rank, t.rank_in_sector, t.rank_in_committee, t.grade, t.duties_met,
           t.duties_missing, t.served_days, t.part_year)
          IS DISTINCT FROM
          (EXCLUDED.points, EXCLUDED.total, EXCLUDED.rank, EXCLUDED.rank_in_sector,
           EXCLUDED.rank_in_committee, EXCLUDED.grade, EXCLUDED.duties_met, EXCLUDED.duties_missing,
           EXCLUDED.served_days, EXCLUDED.part_year)
    RETURNING 1
),
stale AS (
    DELETE FROM {TABLE} b WHERE b.year = {year}
      AND NOT EXISTS (SELECT 1 FROM roster ro WHERE ro.id = b.member_id)
    RETURNING 1
)
SELECT (SELECT COUNT(*) FROM written), (SELECT COUNT(*) FROM stale)
"""


def run(year: int) -> int:
    """Compute and write the year's full result in one statement; returns the rows written."""
    from django.db import transaction

    from evaluation.scoring import load_scheme

    scheme = load_scheme(year)
    assert scheme is not None
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement(scheme))
        written, _stale = cursor.fetchone()
    return int(written)


Row = tuple[Any, ...]


def _json(value: Any) -> Any:
    # Django's connection hands jsonb over as text.
    return json.loads(value, parse_float=Decimal) if isinstance(value, str) else value


def _normal_points(points: dict[str, Any]) -> dict[str, Decimal]:
    return {category: Decimal(str(value)) for category, value in points.items()}


def mismatches(year: int) -> tuple[int, list[str]]:
    """Members whose full SQL row differs from the rollup's AnnualEvaluation (or exists on one side)."""
    from evaluation.models import AnnualEvaluation

    fields = (
        "points_by_category",
        "total",
        "grade",
        "duties_met",
        "duties_missing",
        "served_days",
        "part_year",
        "rank",
        "rank_in_sector",
        "rank_in_committee",
    )
    rollup: dict[int, Row] = {}
    for member_id, points, *rest in AnnualEvaluation.objects.filter(year=year).values_list(
        "member_id", *fields
    ):
        rollup[member_id] = (_normal_points(points), *rest)
    sql: dict[int, Row] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT member_id, points, total, grade, duties_met, duties_missing, served_days, part_year, "
            f"rank, rank_in_sector, rank_in_committee FROM {TABLE} WHERE year = %s",
            [year],
        )
        for member_id, points, total, grade, met, missing, *rest in cursor.fetchall():
            sql[member_id] = (_normal_points(_json(points)), total, grade, met, _json(missing), *rest)
    bad = [pk for pk in rollup.keys() | sql.keys() if rollup.get(pk) != sql.get(pk)]
    examples = [f"member {pk}: rollup {rollup.get(pk)} ≠ SQL {sql.get(pk)}" for pk in sorted(bad)[:3]]
    return len(bad), examples
