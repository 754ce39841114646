"""Reads of notices: the inbox and its bell, broadcasts with their read receipts, and the delivery
records — each in a fixed number of queries, whatever the rows."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q, QuerySet

from cppcc import access

from .filters import BroadcastFilter, DeliveryFilter, NoticeFilter
from .models import DEFAULT_CHANNELS, Broadcast, ChannelPreference, Delivery, NoticeKind


def unread_count(user: Any) -> int:
    return access.visible_notices(user).filter(read_at__isnull=True).count()


def inbox(*, user: Any, params: Any) -> NoticeFilter:
    return NoticeFilter(params, queryset=access.visible_notices(user).order_by("-created_at", "-pk"))


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
