"""The benchmark's synthetic committee: members (part years, no 专委会, no entries at all), a year's
rules with joint proposals split, and ~80 ledger entries a member a year (COPY on PostgreSQL)."""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from typing import Any

from django.db import connection

FIRST_YEAR = 2019


def populate(n_members: int, years: list[int], per_year: int) -> None:
    from demo.register import SECTORS, _names, _reference_data
    from evaluation import services
    from evaluation.models import ScoringScheme
    from members.models import Member

    rng = random.Random(2200)
    sectors, committees, term = _reference_data()
    sector_list = [sectors[name] for name in SECTORS]
    names = _names(rng, n_members)
    last = years[-1]
    people = []
    for i, name in enumerate(names):
        member = Member(
            name=name,
            term=term,
            joined_on=date(FIRST_YEAR - 1, 1, 1),
            sector=rng.choice(sector_list),
            # One member in twelve belongs to no 专委会 (ranked overall and in the sector only).
            committee=None if i % 12 == 5 else rng.choice(committees),
            is_standing=i < n_members // 7,
        )
        if i % 50 == 7:  # joined during the last year: part-year duties, pro rata
            member.joined_on = date(last, 1 + i % 11, 10)
        elif i % 50 == 8:  # left during the last year
            member.left_on, member.status = date(last, 1 + i % 11, 20), Member.Status.INACTIVE
        people.append(member)
    Member.objects.bulk_create(people, batch_size=2000)
    member_ids = list(Member.objects.order_by("pk").values_list("pk", flat=True))
    for year in years:
        services.scheme_create_default(year=year)
    # The measured year splits joint proposals (桐城): exact thirds, rounded once, half to even.
    ScoringScheme.objects.filter(year=last).update(cosigner_mode=ScoringScheme.CosignerMode.SPLIT)
    _ledger(rng, member_ids, years, per_year)


def _ledger(rng: random.Random, member_ids: list[int], years: list[int], per_year: int) -> None:
    from members.kinds import PROPOSAL_KINDS, ActivityKind
    from members.models import DossierEntry

    kinds = list(ActivityKind.values)
    weights = [8 if k.startswith("attend") else 1 for k in kinds]
    proposal_kinds = {*PROPOSAL_KINDS, "proposal_filed", "proposal_key", "proposal_excellent"}
    fields = [f for f in DossierEntry._meta.concrete_fields if not f.primary_key]
    template = DossierEntry(member_id=0, year=0, date=date(2000, 1, 1), kind=kinds[0], title="基准测试记录")
    now = time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime())
    defaults = {f.attname: getattr(template, f.attname) for f in fields}
    defaults["created_at"] = now

    def rows():
        for year in years:
            for index, member_id in enumerate(member_ids):
                if index % 100 == 3:
                    continue  # members without a single entry: base score, every duty missing
                for _ in range(rng.randint(per_year - 20, per_year + 20)):
                    kind = rng.choices(kinds, weights)[0]
                    role, joint = "", 0
                    if kind in proposal_kinds:
                        joint = rng.choice((0, 0, 1, 2, 3, 5))
                        role = "cosigner" if kind == "proposal_cosign" else rng.choice(("lead", "cosigner"))
                        joint = max(joint, 1) if role == "cosigner" else joint
                    yield {
                        **defaults,
                        "member_id": member_id,
                        "year": year,
                        "date": date(year, 1, 1) + timedelta(days=rng.randrange(365)),
                        "kind": kind,
                        "role": role,
                        "joint_size": joint,
                        "status": "confirmed" if rng.random() > 0.03 else "pending",
                    }

    if connection.vendor == "postgresql":
        columns = [str(f.column) for f in fields]
        _copy(DossierEntry._meta.db_table, columns, [f.attname for f in fields], rows())
        return
    batch = []
    for row in rows():
        batch.append(DossierEntry(**{k: v for k, v in row.items() if k != "created_at"}))
        if len(batch) >= 20_000:
            DossierEntry.objects.bulk_create(batch)
            batch = []
    DossierEntry.objects.bulk_create(batch)


def _copy(table: str, columns: list[str], attnames: list[str], rows: Any) -> None:
    """COPY into PostgreSQL: a city's 4.4 million ledger rows in about a minute."""
    import io

    def text(value: Any) -> str:
        if value is None:
            return "\\N"
        if isinstance(value, bool):
            return "t" if value else "f"
        return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")

    connection.ensure_connection()
    raw = connection.connection
    buffer = io.StringIO()
    count = 0
    with raw.cursor() as cursor:
        for row in rows:
            buffer.write("\t".join(text(row[a]) for a in attnames) + "\n")
            count += 1
            if count % 200_000 == 0:
                buffer.seek(0)
                cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
                buffer = io.StringIO()
        buffer.seek(0)
        cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
    raw.commit()


def member_with_entries(year: int, n: int, nth: int) -> int:
    from members.models import DossierEntry, Member

    member = Member.objects.filter(left_on__isnull=True).order_by("pk")[nth]
    have = DossierEntry.objects.filter(member=member, year=year)
    extra = list(have.order_by("pk").values_list("pk", flat=True)[n:])
    DossierEntry.objects.filter(pk__in=extra).delete()
    DossierEntry.objects.bulk_create(
        DossierEntry(
            member=member,
            year=year,
            date=date(year, 1 + i % 12, 1 + i % 28),
            kind=("attend_other", "visit", "speech_written", "sentiment_reported")[i % 4],
            title=f"基准测试记录 {i}",
        )
        for i in range(max(n - have.count(), 0))
    )
    return member.pk
