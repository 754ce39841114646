"""Every write of meetings and sign-in sheets. A sheet save rewrites everyone's dossier entries at once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cppcc.records import save_record
from members import dossier
from members.models import Member, Term

from .models import (
    NUMBERED_KINDS,
    Attendance,
    CalendarFeed,
    ConsultationOutcome,
    LeaveRequest,
    Meeting,
    OutcomeInstruction,
)


def next_number(term: Term, kind: str) -> int | None:
    """The number the next 全体会议 / 常委会会议 of a term takes (六届八次 follows 六届七次)."""
    if kind not in NUMBERED_KINDS:
        return None
    last = Meeting.objects.filter(term=term, kind=kind).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def _save(meeting: Meeting, actor: Any) -> Meeting:
    if meeting.kind in NUMBERED_KINDS and meeting.number is None:
        meeting.number = next_number(meeting.term, meeting.kind)
    if meeting.kind not in NUMBERED_KINDS:
        meeting.number = None
    return save_record(meeting, actor)


@transaction.atomic
def meeting_create(*, actor: Any, **fields: Any) -> Meeting:
    return _save(Meeting(**fields), actor)


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor: Any, **fields: Any) -> Meeting:
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting = _save(meeting, actor)
    dossier.sync(meeting, actor=actor)  # the date or title of every entry may have changed
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, actor: Any) -> None:
    dossier.delete_source(meeting, actor=actor)


@transaction.atomic
def meeting_invite(*, meeting: Meeting, members: Iterable[Member], actor: Any) -> int:
    """Add members to the sheet; those already on it stay as they are."""
    before = meeting.attendances.count()
    Attendance.objects.bulk_create(
        (Attendance(meeting=meeting, member=m) for m in members), batch_size=500, ignore_conflicts=True
    )
    return meeting.attendances.count() - before


@dataclass(frozen=True)
class SheetRow:
    status: str
    leave_reason: str = ""
    speech: str = ""


class StaleSheet(ValidationError):
    pass


@transaction.atomic
def sheet_save(
    *, meeting: Meeting, rows: Mapping[int, SheetRow], removed: Iterable[int] = (), version: int, actor: Any
) -> Meeting:
    """Save the whole sign-in sheet in a fixed number of queries and rewrite the dossier entries.

    `version` is the sheet version the clerk's form was built from: if someone saved the sheet since,
    nothing is written and the clerk is told (their form keeps what they typed).
    """
    updated = Meeting.objects.filter(pk=meeting.pk, sheet_version=version).update(
        sheet_version=F("sheet_version") + 1
    )
    if not updated:
        raise StaleSheet(
            _(
                "签到表已被其他工作人员修改并保存。为避免覆盖，本次未保存；请刷新页面，在最新的签到表上重新修改。"
            )
        )
    removed = set(removed)
    attendances = list(meeting.attendances.exclude(member_id__in=removed))
    changed = []
    for attendance in attendances:
        row = rows.get(attendance.member_id)
        if row is None:
            continue
        if row.status not in Attendance.Status.values or row.speech not in Attendance.Speech.values:
            raise ValidationError(_("签到表中有无法识别的选项。"))
        reason = row.leave_reason.strip() if row.status == Attendance.Status.LEAVE else ""
        if (attendance.status, attendance.leave_reason, attendance.speech) != (
            row.status,
            reason,
            row.speech,
        ):
            attendance.status, attendance.leave_reason, attendance.speech = row.status, reason, row.speech
            changed.append(attendance)
    if removed:
        meeting.attendances.filter(member_id__in=removed).delete()
    if changed:
        Attendance.objects.bulk_update(changed, ["status", "leave_reason", "speech"], batch_size=500)
    dossier.sync(meeting, actor=actor)
    meeting.refresh_from_db(fields=["sheet_version"])
    return meeting


@transaction.atomic
def leave_request_create(*, meeting: Meeting, member: Member, reason: str, actor: Any) -> LeaveRequest:
    if not meeting.attendances.filter(member=member).exists():
        raise ValidationError(_("您不在这次会议的参会名单中。"))
    if meeting.last_day < timezone.localdate():
        raise ValidationError(_("会议已经结束，不能再请假。"))
    if not reason.strip():
        raise ValidationError({"reason": _("请填写请假事由。")})
    request = LeaveRequest(meeting=meeting, member=member, reason=reason.strip())
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def leave_request_decide(*, request: LeaveRequest, approve: bool, note: str = "", actor: Any) -> LeaveRequest:
    request = LeaveRequest.objects.select_for_update().select_related("meeting").get(pk=request.pk)
    if request.status != LeaveRequest.Status.PENDING:
        raise ValidationError(_("这条请假申请已经审批过了。"))
    request.status = LeaveRequest.Status.APPROVED if approve else LeaveRequest.Status.REFUSED
    request.note = note.strip()
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.save()
    if approve:
        request.meeting.attendances.filter(member_id=request.member_id).update(
            status=Attendance.Status.LEAVE, leave_reason=request.reason
        )
        Meeting.objects.filter(pk=request.meeting_id).update(sheet_version=F("sheet_version") + 1)
        dossier.sync(request.meeting, actor=actor)
    return request


@transaction.atomic
def outcome_create(*, meeting: Meeting, actor: Any, **fields: Any) -> ConsultationOutcome:
    return save_record(ConsultationOutcome(meeting=meeting, **fields), actor)


@transaction.atomic
def instruction_create(*, outcome: ConsultationOutcome, actor: Any, **fields: Any) -> OutcomeInstruction:
    instruction = OutcomeInstruction(outcome=outcome, **fields)
    if instruction.date and instruction.date > timezone.localdate():
        raise ValidationError({"date": _("批示日期不能晚于今天。")})
    return save_record(instruction, actor)


def calendar_feed_for(member: Member) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(member=member)
    return feed


@transaction.atomic
def calendar_feed_reset(*, member: Member) -> CalendarFeed:
    feed = calendar_feed_for(member)
    feed.reset()
    feed.save()
    return feed
