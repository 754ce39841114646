"""The ledger as scoring reads it: counted entries grouped by (kind, role, joint size). Part of
`evaluation.scoring`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connections
from django.db.models import Count, QuerySet

from members.models import DossierEntry
from members.models.dossier import ROLLUP_GROUPS

from .rules import Group


def counted_entries(queryset: QuerySet[DossierEntry]) -> QuerySet[DossierEntry]:
    """Only confirmed entries that are not switched off score."""
    return queryset.filter(status=DossierEntry.Status.CONFIRMED, disabled=False)


def entry_groups(queryset: QuerySet[DossierEntry]) -> dict[int, list[Group]]:
    """One aggregate query: per member, the counted entries grouped by kind, role and joint size."""
    query = (
        counted_entries(queryset)
        .order_by()
        # The columns of the index that answers this without the table, after its leading year.
        .values_list(*ROLLUP_GROUPS[1:])
        .annotate(n=Count("*"))
    )
    # The rows are plain values: reading them through a cursor skips the ORM's per-row work, which
    # for a national committee's year (≈ 45,000 groups) costs as much as the query itself.
    sql, params = query.query.sql_with_params()
    groups: dict[int, list[Group]] = defaultdict(list)
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        for member_id, kind, role, joint_size, n in cursor.fetchall():
            groups[member_id].append((kind, role, joint_size, n))
    return groups


def groups_of(entries: Iterable[DossierEntry]) -> list[Group]:
    """The same groups as `entry_groups`, from entries already loaded (the dossier page has them)."""
    counter: dict[tuple[str, str, int], int] = defaultdict(int)
    for e in entries:
        if e.counts:
            counter[(e.kind, e.role, e.joint_size)] += 1
    return [(kind, role, joint_size, n) for (kind, role, joint_size), n in counter.items()]
