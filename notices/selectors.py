"""Reads of notices: the inbox and its bell, replies to meeting notices, broadcasts with their read
receipts, and the delivery records — each in a fixed number of queries, whatever the rows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from cppcc import access

from .filters import BroadcastFilter, DeliveryFilter, NoticeFilter
from .models import (
    DEFAULT_CHANNELS,
    Broadcast,
    ChannelPreference,
    Delivery,
    MeetingReply,
    NoticeKind,
    ReplyState,
    reply_state,
)


def unread_count(user: Any) -> int:
    return access.visible_notices(user).filter(read_at__isnull=True).count()


def inbox(*, user: Any, params: Any) -> NoticeFilter:
    return NoticeFilter(params, queryset=access.visible_notices(user).order_by("-created_at", "-pk"))


def reply_states(meeting: Any) -> dict[int, ReplyState]:
    """Per member notified of the meeting: where their answer stands (two queries)."""
    latest: dict[int, Any] = {}
    for leave in meeting.leave_requests.order_by("requested_at", "pk"):
        latest[leave.member_id] = leave
    return {
        reply.member_id: reply_state(reply, latest.get(reply.member_id))
        for reply in MeetingReply.objects.filter(meeting=meeting)
    }


@dataclass(frozen=True)
class ReplyLine:
    member_id: int
    name: str
    sector: str
    state: ReplyState


def meeting_replies(meeting: Any) -> tuple[list[ReplyLine], dict[str, int]]:
    """The invitation list with each member's answer, and the count per answer."""
    states = reply_states(meeting)
    rows = meeting.attendances.order_by(
        "-member__is_standing", "member__sector__order", "member__name"
    ).values_list("member_id", "member__name", "member__sector__name")
    lines = [ReplyLine(pk, name, sector, states[pk]) for pk, name, sector in rows if pk in states]
    counts = Counter(line.state.value for line in lines)
    return lines, {state: counts.get(state, 0) for state in ReplyState.values}


def broadcast_list(*, params: Any) -> BroadcastFilter:
    queryset = Broadcast.objects.select_related("author").annotate(
        read=Count("notices", filter=Q(notices__read_at__isnull=False))
    )
    return BroadcastFilter(params, queryset=queryset.order_by("-publish_at", "-pk"))


def receipts(broadcast: Broadcast) -> list[Any]:
    """阅读回执: every recipient with the time they first opened it (unread first)."""
    return list(
        broadcast.notices.select_related("member", "member__sector", "user").order_by(
            F("read_at").asc(nulls_first=True), "member__name", "pk"
        )
    )


def delivery_counts(notices: QuerySet[Any]) -> dict[str, dict[str, int]]:
    """channel → status → count, over the deliveries of these notices."""
    counts: dict[str, dict[str, int]] = {}
    rows = (
        Delivery.objects.filter(notice__in=notices).values_list("channel", "status").annotate(n=Count("pk"))
    )
    for channel, status, n in rows.order_by():
        counts.setdefault(channel, dict.fromkeys(Delivery.Status.values, 0))[status] = n
    return counts


def delivery_list(*, params: Any) -> DeliveryFilter:
    queryset = Delivery.objects.select_related("notice", "notice__member", "notice__user")
    return DeliveryFilter(params, queryset=queryset.order_by("-created_at", "-pk"))


def preferences(user: Any) -> dict[str, frozenset[str]]:
    """The channels a person gets per kind: their choice, or the defaults."""
    chosen = {p.kind: p.channels() for p in ChannelPreference.objects.filter(user=user)}
    return {kind: chosen.get(kind, DEFAULT_CHANNELS[kind]) for kind in NoticeKind.values}
