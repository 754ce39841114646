"""Every write of the research plan; each one rewrites the participants' dossier entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cppcc.records import save_record
from cppcc.uploads import check_document
from members import dossier
from members.models import Member

from .models import Participant, ReportInstruction, ResearchReport, ResearchTopic

S = ResearchTopic.Status
_ORDER = list(S.values)


@transaction.atomic
def topic_create(*, actor: Any, **fields: Any) -> ResearchTopic:
    return save_record(ResearchTopic(**fields), actor)


@transaction.atomic
def topic_update(*, topic: ResearchTopic, actor: Any, **fields: Any) -> ResearchTopic:
    for name, value in fields.items():
        setattr(topic, name, value)
    topic = save_record(topic, actor)
    dossier.sync(topic, actor=actor)
    return topic


@transaction.atomic
def topic_set_participants(
    *,
    topic: ResearchTopic,
    leads: Iterable[Member] = (),
    authors: Iterable[Member] = (),
    members: Iterable[Member] = (),
    actor: Any,
) -> ResearchTopic:
    """Replace the team. A member named twice keeps the larger part: 牵头 over 执笔 over 参加."""
    roles: dict[int, str] = {}
    for role, people in (
        (Participant.Role.MEMBER, members),
        (Participant.Role.AUTHOR, authors),
        (Participant.Role.LEAD, leads),
    ):
        for m in people:
            roles[m.pk] = role
    topic.participants.all().delete()
    Participant.objects.bulk_create(
        Participant(topic=topic, member_id=pk, role=role) for pk, role in roles.items()
    )
    dossier.sync(topic, actor=actor)
    return topic


def _advance(topic: ResearchTopic, to: str, actor: Any) -> None:
    """Move forward to `to` when the topic is behind it (saving a report implies 形成报告, and so on)."""
    if _ORDER.index(topic.status) < _ORDER.index(to):
        topic.status = to
        save_record(topic, actor)


@transaction.atomic
def topic_transition(*, topic: ResearchTopic, to: str, actor: Any) -> ResearchTopic:
    topic = ResearchTopic.objects.select_for_update().get(pk=topic.pk)
    if to not in topic.next_states():
        raise ValidationError(
            _("课题当前为“%(now)s”，不能改为“%(to)s”。")
            % {"now": topic.get_status_display(), "to": S(to).label}
        )
    report = ResearchReport.objects.filter(topic=topic).first()
    if to == S.REPORTED and report is None:
        raise ValidationError(_("请先上传调研报告。"))
    if to == S.SUBMITTED and (report is None or not report.submitted_on):
        raise ValidationError(_("请先在报告中填写报送对象和报送日期。"))
    if to == S.INSTRUCTED and (report is None or not report.instructions.exists()):
        raise ValidationError(_("请先记录领导批示。"))
    topic.status = to
    return save_record(topic, actor)


@transaction.atomic
def report_save(
    *,
    topic: ResearchTopic,
    actor: Any,
    title: str,
    completed_on: dt.date,
    summary: str = "",
    submitted_to: str = "",
    submitted_on: dt.date | None = None,
    upload: Any = None,
) -> ResearchReport:
    report = ResearchReport.objects.filter(topic=topic).first() or ResearchReport(topic=topic)
    report.title, report.summary, report.completed_on = title, summary, completed_on
    report.submitted_to, report.submitted_on = submitted_to, submitted_on
    if submitted_on and not submitted_to:
        raise ValidationError({"submitted_to": _("请填写报送对象。")})
    if submitted_on and submitted_on < completed_on:
        raise ValidationError({"submitted_on": _("报送日期不能早于形成日期。")})
    if upload is not None:
        kind, data = check_document(upload, max_bytes=settings.REPORT_MAX_BYTES)
        old = report.file.name if report.file else ""
        report.file_kind, report.file_size = kind, len(data)
        report.file_name = (upload.name or "")[-200:]
        report.file.save(f"report.{kind}", ContentFile(data), save=False)
        if old:
            # The old file is replaced; its name stays in the report's history.
            transaction.on_commit(lambda: report.file.storage.delete(old))
    elif not report.file:
        raise ValidationError({"upload": _("请上传报告文件（PDF、DOCX 或 WPS）。")})
    save_record(report, actor)
    _advance(topic, S.SUBMITTED if submitted_on else S.REPORTED, actor)
    dossier.sync(topic, actor=actor)
    return report


@transaction.atomic
def instruction_create(*, report: ResearchReport, actor: Any, **fields: Any) -> ReportInstruction:
    instruction = ReportInstruction(report=report, **fields)
    if instruction.date and instruction.date > timezone.localdate():
        raise ValidationError({"date": _("批示日期不能晚于今天。")})
    save_record(instruction, actor)
    _advance(report.topic, S.INSTRUCTED, actor)
    dossier.sync(report.topic, actor=actor)
    return instruction


@transaction.atomic
def instruction_follow_up(
    *, instruction: ReportInstruction, assigned_to: str, follow_up: str, result: str, actor: Any
) -> ReportInstruction:
    if follow_up == ReportInstruction.FollowUp.DONE and not result.strip():
        raise ValidationError({"result": _("办结时请填写办理结果。")})
    instruction.assigned_to, instruction.follow_up, instruction.result = assigned_to, follow_up, result
    return save_record(instruction, actor)
