"""社情民意: every write saves its record and rewrites the dossier entries it gives, together.

A report's entries (报送, adoptions by level) are rewritten whenever the report or one of its
forwardings changes; each 批示 is a dossier source of its own, rewritten with it — and with the report,
whose authors it credits.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cppcc.records import save_record, set_history_user
from members import dossier
from members.models import Member

from .models import SentimentForwarding, SentimentInstruction, SentimentLevel, SentimentReport


def _sync_all(report: SentimentReport, actor: Any) -> None:
    dossier.sync(report, actor=actor)
    for instruction in report.instructions.select_related("report"):
        dossier.sync(instruction, actor=actor)


def _save_sentiment(report: SentimentReport, authors: list[Member], actor: Any) -> SentimentReport:
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
def sentiment_create(*, actor: Any, authors: Iterable[Member], **fields: Any) -> SentimentReport:
    return _save_sentiment(SentimentReport(**fields), list(authors), actor)


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
