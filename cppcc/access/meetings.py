"""Who may see meetings and what hangs on them: sign-in sheets and their participants, speeches, leave
requests, outcomes, a member's QR check-in and calendar feed. Part of `cppcc.access`, re-exported there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from . import _fetch, can_read_all, ensure_can_read_all, own_member

if TYPE_CHECKING:
    from . import AnyUser


def visible_meetings(user: AnyUser) -> QuerySet:
    """Meetings are committee business every member may know of; sheets and statistics are not."""
    from consultations.models import Meeting

    return Meeting.objects.all() if user.is_authenticated else Meeting.objects.none()


def get_meeting_for_user(user: AnyUser, pk: int, *, write: bool = False):
    return _fetch(visible_meetings(user).select_related("term", "organiser_committee"), pk, user, write)


def get_meeting_for_checkin(user: AnyUser, pk: int):
    """A member's scan: any meeting (not invited is the check-in's worded refusal); no member, 404."""
    if own_member(user) is None:
        raise Http404
    return get_meeting_for_user(user, pk)


def get_guest_for_user(user: AnyUser, pk: int, *, write: bool = False):
    """A non-member participant on a sheet: seen by those who see sheets (staff and leaders)."""
    from consultations.models import Guest

    ensure_can_read_all(user)
    return _fetch(Guest.objects.select_related("meeting"), pk, user, write)


def get_speech_for_user(user: AnyUser, pk: int, *, write: bool = False):
    """A submitted speech: staff and leaders read every one; its author reaches it from the meeting."""
    from consultations.models import Speech

    ensure_can_read_all(user)
    return _fetch(Speech.objects.select_related("meeting", "meeting__kind", "member"), pk, user, write)


def get_leave_request_for_user(user: AnyUser, pk: int, *, write: bool = False):
    """Staff and leaders see every leave request; a member only their own (another's is a 404)."""
    from consultations.models import LeaveRequest

    qs = LeaveRequest.objects.select_related("meeting", "meeting__kind", "member")
    if not can_read_all(user):
        qs = qs.filter(member__user=user) if user.is_authenticated else qs.none()
    return _fetch(qs, pk, user, write)


def get_outcome_for_user(user: AnyUser, pk: int, *, write: bool = False):
    """A consultation outcome, as its meeting's readers see it (staff and leaders)."""
    from consultations.models import ConsultationOutcome

    ensure_can_read_all(user)
    return _fetch(ConsultationOutcome.objects.select_related("meeting", "meeting__kind"), pk, user, write)


def get_calendar_feed(token: str):
    """A member's private iCal feed: the token is the only key, and a member who left loses it."""
    from consultations.models import CalendarFeed

    feed = CalendarFeed.objects.select_related("member").filter(token=token[:64]).first()
    if feed is None or not feed.member.is_active:
        raise Http404
    return feed


__all__ = [
    "visible_meetings",
    "get_meeting_for_user",
    "get_meeting_for_checkin",
    "get_guest_for_user",
    "get_speech_for_user",
    "get_leave_request_for_user",
    "get_outcome_for_user",
    "get_calendar_feed",
]
