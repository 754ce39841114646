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
from notices import events

from .models import (
    Attendance,
    CalendarFeed,
    ConsultationOutcome,
    LeaveRequest,
    Meeting,
    MeetingKind,
    OutcomeInstruction,
)


def kind_of(kind: MeetingKind | str) -> MeetingKind:
    """A meeting kind given as itself or by its code ("plenary", "study")."""
    if isinstance(kind, MeetingKind):
        return kind
    found = MeetingKind.objects.filter(code=kind).first()
    if found is None:
        raise ValidationError({"kind": _("没有代码为“%(code)s”的会议活动类型。") % {"code": kind}})
    return found


@transaction.atomic
def kind_save(*, kind: MeetingKind, actor: Any, **fields: Any) -> MeetingKind:
    """Add a meeting kind or change one. When a kind starts counting as another dossier activity,
    every meeting of that kind is synced again, so members' points follow the change at once."""
    # Read from the row: a form has already put the new values on the instance.
    scored_as = MeetingKind.objects.filter(pk=kind.pk).values_list("activity_kind", flat=True).first()
    for name, value in fields.items():
        setattr(kind, name, value)
    kind = save_record(kind, actor)
    if scored_as is not None and scored_as != kind.activity_kind:
        for meeting in Meeting.objects.filter(kind=kind):
            meeting.kind = kind
            dossier.sync(meeting, actor=actor)
    return kind


def next_number(term: Term, kind: MeetingKind | str) -> int | None:
    """The number the next 全体会议 / 常委会会议 of a term takes (六届八次 follows 六届七次)."""
    kind = kind_of(kind)
    if not kind.numbered:
        return None
    last = Meeting.objects.filter(term=term, kind=kind).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def _save(meeting: Meeting, actor: Any) -> Meeting:
    if meeting.kind.numbered and meeting.number is None:
        meeting.number = next_number(meeting.term, meeting.kind)
    if not meeting.kind.numbered:
        meeting.number = None
    return save_record(meeting, actor)


@transaction.atomic
def meeting_create(*, actor: Any, kind: MeetingKind | str, **fields: Any) -> Meeting:
    return _save(Meeting(kind=kind_of(kind), **fields), actor)


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor: Any, **fields: Any) -> Meeting:
    if "kind" in fields:
        fields["kind"] = kind_of(fields["kind"])
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting = _save(meeting, actor)
    dossier.sync(meeting, actor=actor)  # the date or title of every entry may have changed
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, actor: Any) -> None:
    dossier.delete_source(meeting, actor=actor)


@transaction.atomic
def meeting_invite(
    *, meeting: Meeting, members: Iterable[Member], actor: Any, role: str = Attendance.Role.MEMBER
) -> int:
    """Add members to the sheet (to attend, or 列席); those already on it stay as they are."""
    before = meeting.attendances.count()
    Attendance.objects.bulk_create(
        (Attendance(meeting=meeting, member=m, role=role) for m in members),
        batch_size=500,
        ignore_conflicts=True,
    )
    events.meeting_invited(meeting=meeting)
    return meeting.attendances.count() - before


@dataclass(frozen=True)
class SheetRow:
    status: str
    leave_reason: str = ""
    speech: str = ""

    @classmethod
    def of(cls, attendance: Attendance) -> SheetRow:
        return cls(attendance.status, attendance.leave_reason, attendance.speech)

    def normalized(self) -> SheetRow:
        """A reason is kept only for a leave: switching a row to 出席 drops the old reason."""
        reason = self.leave_reason.strip() if self.status == Attendance.Status.LEAVE else ""
        return SheetRow(self.status, reason, self.speech)


class StaleSheet(ValidationError):
    """Rows the clerk changed were changed by someone else since the clerk opened the sheet."""

    def __init__(self, conflicts: dict[int, SheetRow | None]) -> None:
        self.conflicts = conflicts
        super().__init__(
            _(
                "有 %(n)s 位委员的签到在您打开签到表后已被其他人修改，本次未保存。"
                "页面已显示最新的签到情况，并保留了您的修改（标黄的行）；请核对后再次保存。"
            )
            % {"n": len(conflicts)}
        )


S = Attendance.Status
_MARKS_ATTENDANCE = (S.PRESENT, S.ABSENT)


@transaction.atomic
def sheet_save(
    *,
    meeting: Meeting,
    rows: Mapping[int, SheetRow],
    originals: Mapping[int, SheetRow] | None = None,
    removed: Iterable[int] = (),
    actor: Any,
) -> list[int]:
    """Save what the clerk changed on the sign-in sheet, row by row, and rewrite the dossier entries.

    `originals` are the rows as the clerk's page showed them. Only rows the clerk changed (or
    removed) are written, so two clerks working on one sheet never undo each other's marks. A row the
    clerk changed that someone else changed too since the page was opened is a conflict: nothing is
    written and `StaleSheet` names the rows, with their current values. A fixed number of queries,
    whatever the size of the sheet. Returns the member ids written. Without `originals` the caller
    works from the sheet as it is now (a script that has just read it).
    """
    # One save of a sheet at a time: the second waits here and then sees the first one's rows.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk", flat=True).first()
    current = {a.member_id: a for a in meeting.attendances.all()}
    if originals is None:
        originals = {member_id: SheetRow.of(a) for member_id, a in current.items()}
    removed = {m for m in removed if m in originals}
    touched = {
        m for m, row in rows.items() if m in originals and row.normalized() != originals[m].normalized()
    }
    conflicts: dict[int, SheetRow | None] = {}
    for member_id in touched | removed:
        now = current.get(member_id)
        if now is None:
            conflicts[member_id] = None
        elif SheetRow.of(now) not in (originals[member_id].normalized(), rows[member_id].normalized()):
            # Someone else changed the row to something other than what this clerk chose. (A member who
            # scanned in while the clerk also marked them 出席 is agreement, not a conflict.)
            conflicts[member_id] = SheetRow.of(now)
    if conflicts:
        raise StaleSheet(conflicts)
    started = meeting.start_date <= timezone.localdate()
    changed = []
    for member_id in touched - removed:
        row = rows[member_id].normalized()
        if row.status not in S.values or row.speech not in Attendance.Speech.values:
            raise ValidationError(_("签到表中有无法识别的选项。"))
        if row.status in _MARKS_ATTENDANCE and not started:
            raise ValidationError(
                _("会议 %(day)s 才开始，现在还不能标记出席或缺席（可以先登记请假）。")
                % {"day": meeting.start_date}
            )
        attendance = current[member_id]
        attendance.status, attendance.leave_reason, attendance.speech = (
            row.status,
            row.leave_reason,
            row.speech,
        )
        changed.append(attendance)
    if removed:
        meeting.attendances.filter(member_id__in=removed).delete()
    if changed:
        Attendance.objects.bulk_update(changed, ["status", "leave_reason", "speech"], batch_size=500)
        no_longer_present = [a.pk for a in changed if a.status != S.PRESENT]
        if no_longer_present:  # a clerk who unmarks a scan also takes back its time and 迟到
            Attendance.objects.filter(pk__in=no_longer_present).update(checked_in_at=None, late=False)
    Meeting.objects.filter(pk=meeting.pk).update(sheet_version=F("sheet_version") + 1)
    dossier.sync(meeting, actor=actor)
    return sorted(touched | removed)


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
    events.leave_decided(leave=request)
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


# QR self check-in and participants who are not members live in their own module; callers use them
# through this one, like every other write of the app.
from .attendance import (  # noqa: E402, F401 - re-exported
    CheckIn,
    CheckInRefused,
    check_in,
    checkin_close,
    checkin_is_open,
    checkin_open,
    guest_add,
    guest_mark,
    guest_remove,
    speech_mark,
    speech_submit,
    speeches_open,
)
