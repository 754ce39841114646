"""`sync(source)`: the one way a source record's dossier entries are written.

Every app registers a builder that says which entries a record of its own implies (who, which kind,
when, under which title). `sync` compares that with the entries the ledger holds for the record and
writes the difference in a fixed number of queries, so saving a 250-person sign-in sheet costs the
same as saving a proposal. Running it twice gives the same entries; a member dropped from the record
loses their entry. Review status and "不计分" flags of surviving entries are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import reverse

from cppcc.records import set_history_user

from .models import DossierEntry


@dataclass(frozen=True)
class EntrySpec:
    member_id: int
    kind: str
    date: dt.date
    year: int
    title: str
    role: str = ""
    joint_size: int = 0


@dataclass(frozen=True)
class SyncResult:
    created: int
    updated: int
    deleted: int


Builder = Callable[[Any], Iterable[EntrySpec]]
_BUILDERS: dict[type[models.Model], Builder] = {}
_URL_NAMES: dict[type[models.Model], str] = {}
_SYNCED_FIELDS = ("date", "year", "title", "role", "joint_size")


def builder(model: type[models.Model], *, url_name: str) -> Callable[[Builder], Builder]:
    """Register the function that lists the entries a record of `model` implies, and the URL name
    (taking the record's pk) of the page a dossier links its entries to."""

    def register(func: Builder) -> Builder:
        _BUILDERS[model] = func
        _URL_NAMES[model] = url_name
        return func

    return register


def source_url(entry: DossierEntry) -> str:
    """The page of the record an entry came from ('' for a self-reported or hand-recorded entry)."""
    if entry.source_type_id is None:
        return ""
    model = ContentType.objects.get_for_id(entry.source_type_id).model_class()
    url_name = _URL_NAMES.get(model) if model is not None else None
    return reverse(url_name, args=[entry.source_id]) if url_name else ""


@transaction.atomic
def sync(source: models.Model, *, actor: Any = None) -> SyncResult:
    try:
        build = _BUILDERS[type(source)]
    except KeyError:
        raise TypeError(f"no dossier builder registered for {type(source).__name__}") from None
    wanted = {(s.member_id, s.kind): s for s in build(source)}
    source_type = ContentType.objects.get_for_model(source)
    existing = {
        (e.member_id, e.kind): e
        for e in DossierEntry.objects.filter(source_type=source_type, source_id=source.pk)
    }

    stale = [e for key, e in existing.items() if key not in wanted]
    changed: list[DossierEntry] = []
    new: list[DossierEntry] = []
    for key, spec in wanted.items():
        entry = existing.get(key)
        if entry is None:
            new.append(
                DossierEntry(
                    member_id=spec.member_id,
                    kind=spec.kind,
                    date=spec.date,
                    year=spec.year,
                    title=spec.title,
                    role=spec.role,
                    joint_size=spec.joint_size,
                    source_type=source_type,
                    source_id=source.pk,
                    created_by=actor,
                )
            )
        elif any(getattr(entry, f) != getattr(spec, f) for f in _SYNCED_FIELDS):
            for f in _SYNCED_FIELDS:
                setattr(entry, f, getattr(spec, f))
            changed.append(entry)

    if stale:
        DossierEntry.objects.filter(pk__in=[e.pk for e in stale]).delete()
    if changed:
        DossierEntry.objects.bulk_update(changed, list(_SYNCED_FIELDS), batch_size=500)
    if new:
        DossierEntry.objects.bulk_create(new, batch_size=500)
    return SyncResult(created=len(new), updated=len(changed), deleted=len(stale))


@transaction.atomic
def forget(source: models.Model, *, actor: Any = None) -> int:
    """Remove every entry of a source that is being deleted."""
    source_type = ContentType.objects.get_for_model(source)
    deleted, _by_model = DossierEntry.objects.filter(source_type=source_type, source_id=source.pk).delete()
    return deleted


@transaction.atomic
def delete_source(source: models.Model, *, actor: Any = None) -> None:
    """Delete a source record and every entry it gave; its history keeps the deleted row and who."""
    forget(source, actor=actor)
    set_history_user(source, actor)
    source.delete()
