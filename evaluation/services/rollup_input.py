"""What the rollup reads, a chunk of members at a time: the roster, their ledger groups and the rows
stored for them. On PostgreSQL the next chunk is read on a second connection while the rollup scores
the current one, so the database's aggregate and Python's scoring run side by side on two cores.
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from django.db import connection, connections
from django.db.models import Q, QuerySet

from members.models import DossierEntry, Member

from .. import scoring
from ..models import AnnualEvaluation

# Members scored per pass: the ledger's groups and the stored rows of one chunk are in memory at a
# time, so a city's 11,000 members cost what five national committees' would, one after the other.
CHUNK = 500
# Connections reading ahead. One keeps PostgreSQL's aggregate of the next chunk running on the other
# core while this process scores; a second was no faster on two cores, and the chunks it holds
# waiting made the peak memory grow with the committee (11.5 → 14.8 MiB from 2,200 to 11,000).
READERS = 1

Roster = list[tuple[int, bool, int | None, int | None, dt.date, dt.date | None]]
Chunk = tuple[Roster, dict[int, list[scoring.Group]], dict[int, tuple[Any, ...]]]


def members_of_year(year: int) -> QuerySet[Member]:
    """Exactly the members who served during the year: joined by 31 December, not left before 1 January.

    A member who joined in a later year is not evaluated for this one (and shifts none of its ranks).
    """
    return Member.objects.filter(joined_on__lte=dt.date(year, 12, 31)).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=dt.date(year, 1, 1))
    )


def _ranges(year: int) -> list[tuple[int, int]]:
    """The year's members as id ranges of CHUNK members each (first id, last id)."""
    ids = list(members_of_year(year).order_by("pk").values_list("pk", flat=True))
    return [(ids[i], ids[min(i + CHUNK, len(ids)) - 1]) for i in range(0, len(ids), CHUNK)]


def _chunk(year: int, first: int, last: int, compared: Sequence[str]) -> Chunk:
    """The members with ids first..last, their counted ledger groups and their stored rows."""
    roster: Roster = list(
        members_of_year(year)
        .filter(pk__gte=first, pk__lte=last)
        .order_by("pk")
        .values_list("pk", "is_standing", "sector_id", "committee_id", "joined_on", "left_on")
    )
    bounds = {"member_id__gte": first, "member_id__lte": last}
    groups = scoring.entry_groups(DossierEntry.objects.filter(year=year, **bounds))
    stored = {
        row[0]: row[1:]
        for row in AnnualEvaluation.objects.filter(year=year, **bounds).values_list("member_id", *compared)
    }
    return roster, groups, stored


def read_ahead_possible() -> bool:
    """Reading on a second connection sees only what is committed: PostgreSQL, and only when no
    outer transaction holds ledger changes the rollup must see (a caller's atomic block, a test's)."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def chunks(year: int, compared: Sequence[str], *, ahead: bool) -> Iterator[Chunk]:
    """The year's members a chunk at a time, with their ledger groups and stored rows (`compared`).

    With `ahead`, READERS threads, each on a connection of its own, read the chunks after the one
    the caller works on. The rollup writes only the rows of chunks it has been given, so what is read
    ahead is what a read in its own transaction would find (READ COMMITTED: each statement sees what
    is committed).
    """
    ranges = _ranges(year)
    if not ahead or len(ranges) < 2:
        for first, last in ranges:
            yield _chunk(year, first, last, compared)
        return
    readers = min(READERS, len(ranges))
    handoffs: list[queue.Queue[Any]] = [queue.Queue(maxsize=1) for _ in range(readers)]
    stop = threading.Event()

    def put(handoff: queue.Queue[Any], item: Any) -> bool:
        while not stop.is_set():
            try:
                handoff.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def read(reader: int) -> None:
        try:
            for first, last in ranges[reader::readers]:
                if not put(handoffs[reader], _chunk(year, first, last, compared)):
                    return
        except BaseException as exc:  # handed to the rollup, which raises it in its own thread
            put(handoffs[reader], exc)
        finally:
            connections.close_all()  # this thread's connection only

    threads = [
        threading.Thread(target=read, args=(r,), name=f"rollup-read-{year}-{r}", daemon=True)
        for r in range(readers)
    ]
    for thread in threads:
        thread.start()
    try:
        for i in range(len(ranges)):  # chunk i comes from reader i mod readers, in order
            item = handoffs[i % readers].get()
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        for thread in threads:
            thread.join()
