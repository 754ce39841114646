"""社情民意: every write saves its record and rewrites the dossier entries it gives, together.

A report's entries (报送, adoptions by level) are rewritten whenever the report or one of its
forwardings changes; each 批示 is a dossier source of its own, rewritten with it — and with the report,
whose authors it credits.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from cppcc.records import save_record, set_history_user
from cppcc.uploads import check_document, check_image
from members import dossier
from members.models import Member

from .models import (
    SentimentForwarding,
    SentimentInstruction,
    SentimentIssue,
    SentimentIssueItem,
    SentimentLevel,
    SentimentReport,
)


def _sync_all(report: SentimentReport, actor: Any) -> None:
    dossier.sync(report, actor=actor)
    for instruction in report.instructions.select_related("report"):
        dossier.sync(instruction, actor=actor)


def _attach(report: SentimentReport, upload: Any) -> None:
    """A document (PDF, DOCX, WPS) as it came, or a photo kept as a clean JPEG; anything else is refused
    by its content, whatever its name."""
    try:
        kind, data = check_document(upload, max_bytes=settings.REPORT_MAX_BYTES)
    except ValidationError as exc:
        if exc.code != "type":
            raise ValidationError({"attachment": exc.messages}) from None
        upload.seek(0)
        try:
            kind, data = "jpg", check_image(upload, max_bytes=settings.PHOTO_MAX_BYTES)
        except ValidationError:
            raise ValidationError(
                {"attachment": _("附件只接受照片或 PDF、DOCX、WPS 文档（按文件内容判断，与文件名无关）。")}
            ) from None
    old = report.attachment.name if report.attachment else ""
    report.attachment_kind, report.attachment_name = kind, (upload.name or "")[-200:]
    report.attachment.save(f"attachment.{kind}", ContentFile(data), save=False)
    if old:
        transaction.on_commit(lambda: report.attachment.storage.delete(old))


def _save_sentiment(
    report: SentimentReport, authors: list[Member], actor: Any, upload: Any = None
) -> SentimentReport:
    if upload is not None:
        _attach(report, upload)
    if not authors:
        raise ValidationError({"authors": _("至少要有一位反映人。")})
    if report.pk is not None:
        first = report.forwardings.order_by("date").first()
        if first is not None and first.date < report.reported_on:
            raise ValidationError(
                {"reported_on": _("报送日期不能晚于已登记的报送采用记录（%(day)s）。") % {"day": first.date}}
            )
    save_record(report, actor)
    report.authors.set(authors)
    _sync_all(report, actor)
    return report


@transaction.atomic
def sentiment_create(
    *, actor: Any, authors: Iterable[Member], attachment: Any = None, **fields: Any
) -> SentimentReport:
    return _save_sentiment(SentimentReport(**fields), list(authors), actor, attachment)


@transaction.atomic
def sentiment_update(
    *, report: SentimentReport, actor: Any, authors: Iterable[Member], **fields: Any
) -> SentimentReport:
    for name, value in fields.items():
        setattr(report, name, value)
    return _save_sentiment(report, list(authors), actor)


@transaction.atomic
def sentiment_delete(*, report: SentimentReport, actor: Any) -> None:
    for instruction in report.instructions.all():
        dossier.delete_source(instruction, actor=actor)
    dossier.delete_source(report, actor=actor)


def _not_before_report(record: SentimentForwarding | SentimentInstruction, report: SentimentReport) -> None:
    if record.date and record.date < report.reported_on:
        raise ValidationError({"date": _("日期不能早于报送日期（%(day)s）。") % {"day": report.reported_on}})


@transaction.atomic
def forwarding_save(
    *,
    report: SentimentReport,
    actor: Any,
    forwarding: SentimentForwarding | None = None,
    **fields: Any,
) -> SentimentForwarding:
    """Add (or change) one 报送 or 采用 record; the report's adoption entries follow."""
    # The report row is locked so two clerks adding adoptions at once each see the other's.
    report = SentimentReport.objects.select_for_update().get(pk=report.pk)
    record = forwarding or SentimentForwarding(report=report)
    for name, value in fields.items():
        setattr(record, name, value)
    _not_before_report(record, report)
    save_record(record, actor)
    dossier.sync(report, actor=actor)
    return record


@transaction.atomic
def forwarding_delete(*, forwarding: SentimentForwarding, actor: Any) -> None:
    report = SentimentReport.objects.select_for_update().get(pk=forwarding.report_id)
    set_history_user(forwarding, actor)
    forwarding.delete()
    dossier.sync(report, actor=actor)


@transaction.atomic
def instruction_save(
    *,
    report: SentimentReport,
    actor: Any,
    instruction: SentimentInstruction | None = None,
    **fields: Any,
) -> SentimentInstruction:
    """Add (or change) one 批示 and its follow-up; it gives each author one entry."""
    record = instruction or SentimentInstruction(report=report)
    for name, value in fields.items():
        setattr(record, name, value)
    _not_before_report(record, report)
    save_record(record, actor)
    dossier.sync(record, actor=actor)
    return record


@transaction.atomic
def instruction_delete(*, instruction: SentimentInstruction, actor: Any) -> None:
    dossier.delete_source(instruction, actor=actor)


@transaction.atomic
def level_rename(*, names: dict[int, str], actor: Any) -> list[SentimentLevel]:
    """Rename the levels (a county-level city calls 上级市 by its city's name); tiers never change."""
    levels = list(SentimentLevel.objects.select_for_update().filter(pk__in=names).order_by("order"))
    wanted = [names[level.pk].strip() for level in levels]
    if len(set(wanted)) != len(wanted):
        raise ValidationError(_("各级别的名称不能相同。"))
    changed = [level for level, name in zip(levels, wanted, strict=True) if level.name != name]
    # Two names swapped would collide on the unique name for a moment: park them first.
    for level in changed:
        level.name = f"~{level.pk}"
        level.save(update_fields=["name"])
    for level in changed:
        level.name = names[level.pk].strip()
        save_record(level, actor)
    return levels


def issue_next_number(year: int) -> int:
    """The number a new issue of this year is offered: one past the highest."""
    return (SentimentIssue.objects.filter(year=year).aggregate(n=Max("number"))["n"] or 0) + 1


def _taken(issue: SentimentIssue) -> ValidationError:
    return ValidationError(
        {"number": _("%(year)s年已有第 %(n)s 期，请换一个期号。") % {"year": issue.year, "n": issue.number}}
    )


def _store_issue(issue: SentimentIssue, actor: Any) -> None:
    # Two clerks may offer the same next number at once: the second save meets the unique constraint
    # (in full_clean, or at the insert when both checked first) and is refused like any taken number.
    if SentimentIssue.objects.filter(year=issue.year, number=issue.number).exclude(pk=issue.pk).exists():
        raise _taken(issue)
    try:
        with transaction.atomic():
            save_record(issue, actor)
    except IntegrityError:
        raise _taken(issue) from None


def _set_items(issue: SentimentIssue, reports: list[SentimentReport]) -> None:
    if len({r.pk for r in reports}) != len(reports):
        raise ValidationError({"reports": _("同一篇信息不能在一期中出现两次。")})
    wrong_year = [r.title for r in reports if r.year != issue.year]
    if wrong_year:
        raise ValidationError({"reports": _("只能编入本年度的信息：%(t)s") % {"t": "、".join(wrong_year)}})
    elsewhere = SentimentIssueItem.objects.filter(report__in=reports).exclude(issue=issue)
    titles = list(elsewhere.values_list("report__title", flat=True))
    if titles:
        raise ValidationError({"reports": _("已编入其他一期：%(t)s") % {"t": "、".join(titles)}})
    issue.items.all().delete()
    SentimentIssueItem.objects.bulk_create(
        SentimentIssueItem(issue=issue, report=report, position=index)
        for index, report in enumerate(reports, start=1)
    )


@transaction.atomic
def issue_create(*, actor: Any, reports: Iterable[SentimentReport] = (), **fields: Any) -> SentimentIssue:
    """编报 a new issue of 《社情民意》 with the chosen reports in the order given."""
    issue = SentimentIssue(**fields)
    _store_issue(issue, actor)
    _set_items(issue, list(reports))
    return issue


@transaction.atomic
def issue_update(*, issue: SentimentIssue, actor: Any, **fields: Any) -> SentimentIssue:
    for name, value in fields.items():
        setattr(issue, name, value)
    _store_issue(issue, actor)
    return issue


@transaction.atomic
def issue_set_items(
    *, issue: SentimentIssue, actor: Any, reports: Iterable[SentimentReport]
) -> SentimentIssue:
    """The issue's contents, in order: reorder, remove and add in one step. Compiling gives no dossier
    entry (the scoring rules count adoptions and 批示, not 编报)."""
    issue = SentimentIssue.objects.select_for_update().get(pk=issue.pk)
    _set_items(issue, list(reports))
    set_history_user(issue, actor)
    return issue


@transaction.atomic
def issue_delete(*, issue: SentimentIssue, actor: Any) -> None:
    set_history_user(issue, actor)
    issue.delete()


DEFAULT_LEVELS = (("本级", "local", 1), ("上级市", "city", 2), ("省", "province", 3), ("全国", "national", 4))


def install_default_levels() -> int:
    """Add the shipped levels that are missing (by tier), as migration 0003 does; a level staff renamed
    is left as it is. A transactional test empties the table, and the demo needs every tier."""
    have = set(SentimentLevel.objects.values_list("tier", flat=True))
    missing = [SentimentLevel(name=n, tier=t, order=o) for n, t, o in DEFAULT_LEVELS if t not in have]
    SentimentLevel.objects.bulk_create(missing)
    return len(missing)
