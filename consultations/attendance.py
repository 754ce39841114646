"""Attendance beyond the clerk's sheet: members signing themselves in by scanning the meeting's QR
code (扫码签到), and participants who are not members (机关干部, 特邀人员, 部门负责人)."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cppcc.records import save_record, set_history_user
from members import dossier
from members.models import Member

from . import checkin
from .models import Attendance, Guest, Meeting, Speech

S = Attendance.Status


# QR self check-in ---------------------------------------------------------------------------------


class CheckInRefused(ValidationError):
    """A scan that does not sign the member in; the message says why, in words a member understands."""


@dataclass(frozen=True)
class CheckIn:
    attendance: Attendance
    already: bool


@transaction.atomic
def checkin_open(
    *, meeting: Meeting, closes_at: dt.datetime, late_after: dt.datetime | None, actor: Any
) -> Meeting:
    """Open QR check-in now until `closes_at`, with a new key: codes from an earlier opening stop working."""
    now = timezone.now()
    today = timezone.localdate()
    if not meeting.start_date <= today <= meeting.last_day:
        raise ValidationError(
            _("扫码签到只能在会议当天开放（本次会议日期：%(day)s）。") % {"day": meeting.start_date}
        )
    if closes_at <= now:
        raise ValidationError({"closes_at": _("签到截止时间应晚于现在。")})
    if late_after is not None and not now - dt.timedelta(hours=12) <= late_after <= closes_at:
        raise ValidationError({"late_after": _("迟到时间应在签到截止之前。")})
    meeting.checkin_opens_at, meeting.checkin_closes_at, meeting.late_after = now, closes_at, late_after
    meeting.checkin_key = secrets.token_hex(16)
    return save_record(meeting, actor)


@transaction.atomic
def checkin_close(*, meeting: Meeting, actor: Any) -> Meeting:
    meeting.checkin_closes_at = timezone.now()
    return save_record(meeting, actor)


def checkin_is_open(meeting: Meeting, at: dt.datetime | None = None) -> bool:
    at = at or timezone.now()
    return bool(
        meeting.checkin_opens_at
        and meeting.checkin_closes_at
        and meeting.checkin_opens_at <= at < meeting.checkin_closes_at
    )


@transaction.atomic
def check_in(*, meeting: Meeting, member: Member, code: str, at: dt.datetime | None = None) -> CheckIn:
    """Sign a member in from a scan of the check-in screen: only an invited member, only with a code of
    this meeting shown in the last minutes, only while check-in is open. Scanning twice is harmless."""
    at = at or timezone.now()
    # Read the window and key under the meeting's lock: a sheet save or a reopening waits, or is seen.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    verdict = checkin.verify(meeting, code, at)
    if verdict is checkin.Verdict.FOREIGN:
        raise CheckInRefused(_("这个二维码不是本次会议当前的签到码，请扫描会场屏幕上的二维码。"))
    if not checkin_is_open(meeting, at):
        if meeting.checkin_opens_at and at < meeting.checkin_opens_at:
            raise CheckInRefused(_("签到尚未开始。"))
        raise CheckInRefused(_("本次会议的扫码签到已经结束，请与会务工作人员联系签到。"))
    if verdict is checkin.Verdict.EXPIRED:
        raise CheckInRefused(_("二维码已过期（每分钟更换一次），请重新扫描会场屏幕上的二维码。"))
    attendance = meeting.attendances.filter(member=member).first()
    if attendance is None:
        raise CheckInRefused(_("您不在本次会议的参会名单中，如需参会请与会务工作人员联系。"))
    if attendance.status == S.PRESENT:
        return CheckIn(attendance, already=True)
    attendance.status, attendance.leave_reason = S.PRESENT, ""
    attendance.checked_in_at = at
    attendance.late = bool(meeting.late_after and at > meeting.late_after)
    attendance.save(update_fields=["status", "leave_reason", "checked_in_at", "late"])
    Meeting.objects.filter(pk=meeting.pk).update(sheet_version=F("sheet_version") + 1)
    dossier.sync(meeting, actor=None)
    return CheckIn(attendance, already=False)


# Participants who are not members ------------------------------------------------------------------


def guest_add(*, meeting: Meeting, actor: Any, **fields: Any) -> Guest:
    return save_record(Guest(meeting=meeting, **fields), actor)


def guest_mark(*, guest: Guest, present: bool, actor: Any) -> Guest:
    guest.present = present
    return save_record(guest, actor)


def guest_remove(*, guest: Guest, actor: Any) -> None:
    set_history_user(guest, actor)
    guest.delete()


# 大会发言材料 ------------------------------------------------------------------------------------------


def speeches_open(meeting: Meeting) -> bool:
    """Speeches are submitted for the numbered sessions (全体会议, 常委会会议), up to their last day."""
    return meeting.kind.numbered and meeting.last_day >= timezone.localdate()


@transaction.atomic
def speech_submit(*, meeting: Meeting, member: Member, title: str, text: str, actor: Any) -> Speech:
    """A member submits (or revises, until staff have marked it) their speech for a session they are
    invited to."""
    if not meeting.attendances.filter(member=member).exists():
        raise ValidationError(_("您不在本次会议的参会名单中，不能提交发言材料。"))
    if not speeches_open(meeting):
        raise ValidationError(_("本次会议不收发言材料，或会议已经结束。"))
    speech = Speech.objects.select_for_update().filter(meeting=meeting, member=member).first()
    if speech is not None and speech.delivered:
        raise ValidationError(_("工作人员已确定这篇发言的采用情况，不能再修改。"))
    speech = speech or Speech(meeting=meeting, member=member)
    speech.title, speech.text = title, text
    return save_record(speech, actor)


@transaction.atomic
def speech_mark(*, speech: Speech, delivered: str, actor: Any) -> Speech:
    """Staff record how a speech was used (大会发言 / 书面发言, or not yet); the member's line on the
    sign-in sheet carries it, and the dossier scores it."""
    if delivered not in Attendance.Speech.values:
        raise ValidationError(_("无法识别的采用情况。"))
    speech.delivered = delivered
    speech = save_record(speech, actor)
    Attendance.objects.filter(meeting=speech.meeting_id, member=speech.member_id).update(speech=delivered)
    Meeting.objects.filter(pk=speech.meeting_id).update(sheet_version=F("sheet_version") + 1)
    dossier.sync(speech.meeting, actor=actor)
    return speech
