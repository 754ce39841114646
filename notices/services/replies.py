"""回执: a member answers a meeting notice 参加 or 请假; staff remind those who have not answered.

请假 is the consultations app's leave request (the same one the meeting page makes), so staff approve
it where they always do and the sign-in sheet follows; the reply only records that and when the
member answered.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations import services as meetings
from consultations.models import LeaveRequest, Meeting
from members.models import Member

from .. import events
from ..models import MeetingReply, Notice, ReplyState, reply_state
from .inbox import notice_read


def _latest_leave(meeting: Meeting, member: Member) -> LeaveRequest | None:
    return meeting.leave_requests.filter(member=member).order_by("-requested_at", "-pk").first()


@transaction.atomic
def meeting_reply(*, notice: Notice, member: Member, answer: str, reason: str = "", actor: Any) -> ReplyState:
    meeting = notice.meeting
    if meeting is None or notice.member_id != member.pk:
        raise ValidationError(_("这条消息不需要回执。"))
    if meeting.last_day < timezone.localdate():
        raise ValidationError(_("会议已经结束，不能再回执。"))
    reply, _created = MeetingReply.objects.select_for_update().get_or_create(meeting=meeting, member=member)
    state = reply_state(reply, _latest_leave(meeting, member))
    if answer == MeetingReply.Answer.ATTEND:
        if state in (ReplyState.LEAVE_PENDING, ReplyState.LEAVE_APPROVED):
            raise ValidationError(_("您已请假。如需改为参加，请联系工作人员。"))
        reply.leave_request = None
    elif answer == MeetingReply.Answer.LEAVE:
        reply.leave_request = meetings.leave_request_create(
            meeting=meeting, member=member, reason=reason, actor=actor
        )
    else:
        raise ValidationError(_("请选择参加或请假。"))
    reply.answer, reply.answered_at = answer, timezone.now()
    reply.save()
    notice_read(notice=notice, actor=actor)
    return reply_state(reply, reply.leave_request or _latest_leave(meeting, member))


@transaction.atomic
def meeting_remind_unanswered(*, meeting: Meeting, actor: Any) -> int:
    """One click: every invitee who has not answered the meeting notice is reminded (once a day)."""
    from ..selectors import reply_states

    if meeting.last_day < timezone.localdate():
        raise ValidationError(_("会议已经结束。"))
    states = reply_states(meeting)
    silent = [member_id for member_id, state in states.items() if state == ReplyState.NONE]
    return events.meeting_reminded(meeting=meeting, member_ids=silent, reason="reply")
