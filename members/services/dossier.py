"""Entries that do not come from a source record: self-reports, staff records, reviews, disputes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cppcc.uploads import check_document, check_image
from notices import events

from ..kinds import SELF_REPORTED
from ..models import DossierEntry, EntryAttachment, EntryDispute, Member


def _save(entry: DossierEntry, actor: Any) -> DossierEntry:
    entry.full_clean()
    entry.save()
    return entry


def _check_date(date: dt.date) -> None:
    if date > timezone.localdate():
        raise ValidationError({"date": _("日期不能晚于今天。")})


def _proof(upload: Any) -> tuple[str, bytes]:
    """A photo kept as a checked, upright, metadata-free JPEG, or a PDF checked like any document."""
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        _kind, data = check_document(upload, max_bytes=settings.REPORT_MAX_BYTES, allowed=("pdf",))
        return EntryAttachment.Kind.PDF, data
    return EntryAttachment.Kind.JPG, check_image(upload, max_bytes=settings.PHOTO_MAX_BYTES)


@transaction.atomic
def entry_self_report(
    *,
    member: Member,
    kind: str,
    date: dt.date,
    title: str,
    description: str = "",
    proof: Any = (),
    actor: Any,
) -> DossierEntry:
    """A member reports a deed or a visit, with photos as proof; it counts once staff confirm it.
    Every file is checked before anything is saved: one bad photo saves nothing."""
    if kind not in SELF_REPORTED:
        raise ValidationError({"kind": _("委员只能自行填报“为群众办实事”和“委员大走访”。")})
    _check_date(date)
    kept = []
    for upload in proof:
        try:
            kept.append(_proof(upload))
        except ValidationError as exc:
            raise ValidationError(
                {"proof": _("“%(name)s”：%(why)s") % {"name": upload.name, "why": " ".join(exc.messages)}}
            ) from None
    entry = DossierEntry(
        member=member,
        kind=kind,
        date=date,
        year=date.year,
        title=title,
        description=description,
        status=DossierEntry.Status.PENDING,
        created_by=actor,
    )
    _save(entry, actor)
    for file_kind, data in kept:
        attachment = EntryAttachment(entry=entry, kind=file_kind, size=len(data))
        attachment.file.save(f"proof.{file_kind}", ContentFile(data), save=False)
        attachment.save()
    return entry


@transaction.atomic
def entry_record(
    *, member: Member, kind: str, date: dt.date, title: str, description: str = "", actor: Any
) -> DossierEntry:
    """Staff record a duty by hand (a duty no source app tracks); it counts at once."""
    _check_date(date)
    entry = DossierEntry(
        member=member,
        kind=kind,
        date=date,
        year=date.year,
        title=title,
        description=description,
        status=DossierEntry.Status.CONFIRMED,
        created_by=actor,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
    )
    return _save(entry, actor)


@transaction.atomic
def entry_review(*, entry: DossierEntry, approve: bool, note: str = "", actor: Any) -> DossierEntry:
    entry = DossierEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != DossierEntry.Status.PENDING:
        raise ValidationError(_("这条记录已经审核过了。"))
    if not approve and not note.strip():
        raise ValidationError({"note": _("退回时请写明原因，委员会看到。")})
    entry.status = DossierEntry.Status.CONFIRMED if approve else DossierEntry.Status.REJECTED
    entry.review_note = note.strip()
    entry.reviewed_by = actor
    entry.reviewed_at = timezone.now()
    entry = _save(entry, actor)
    events.self_report_reviewed(entry=entry)
    return entry


@transaction.atomic
def entry_review_bulk(*, entries: Any, actor: Any) -> int:
    """Confirm many pending reports at once (a reviewer who has looked through the queue); reports
    already reviewed by someone else meanwhile are left as they are. A fixed number of queries."""
    pending = list(
        DossierEntry.objects.select_for_update().filter(
            pk__in=[e.pk for e in entries], status=DossierEntry.Status.PENDING
        )
    )
    now = timezone.now()
    for entry in pending:
        entry.status, entry.reviewed_by, entry.reviewed_at, entry.review_note = (
            DossierEntry.Status.CONFIRMED,
            actor,
            now,
            "",
        )
    DossierEntry.objects.bulk_update(pending, ["status", "reviewed_by", "reviewed_at", "review_note"])
    events.self_reports_confirmed(entries=pending)
    return len(pending)


@transaction.atomic
def entry_dispute(*, entry: DossierEntry, comment: str, actor: Any) -> EntryDispute:
    if not comment.strip():
        raise ValidationError({"comment": _("请说明这条记录哪里不对。")})
    if entry.disputes.filter(status=EntryDispute.Status.OPEN).exists():
        raise ValidationError(_("这条记录已有待处理的异议。"))
    dispute = EntryDispute(entry=entry, comment=comment.strip(), raised_by=actor)
    dispute.full_clean()
    dispute.save()
    return dispute


@transaction.atomic
def dispute_resolve(
    *, dispute: EntryDispute, resolution: str, disable_entry: bool, actor: Any
) -> EntryDispute:
    """Answer a member's dispute; the entry may be switched off (不计分) with the answer as reason."""
    dispute = EntryDispute.objects.select_for_update().select_related("entry").get(pk=dispute.pk)
    if dispute.status != EntryDispute.Status.OPEN:
        raise ValidationError(_("这条异议已经处理过了。"))
    if not resolution.strip():
        raise ValidationError({"resolution": _("请填写处理意见，委员会看到。")})
    dispute.status = EntryDispute.Status.RESOLVED
    dispute.resolution = resolution.strip()
    dispute.resolved_by = actor
    dispute.resolved_at = timezone.now()
    dispute.save()
    entry = dispute.entry
    if disable_entry != entry.disabled:
        entry.disabled = disable_entry
        entry.disabled_reason = dispute.resolution if disable_entry else ""
        _save(entry, actor)
    events.dispute_answered(dispute=dispute)
    return dispute
