"""Reads of notices: the inbox and its bell, and the delivery records — each in a fixed number of
queries, whatever the rows."""

from __future__ import annotations

from typing import Any

from cppcc import access

from .filters import DeliveryFilter, NoticeFilter
from .models import DEFAULT_CHANNELS, ChannelPreference, Delivery, NoticeKind


def unread_count(user: Any) -> int:
    return access.visible_notices(user).filter(read_at__isnull=True).count()


def inbox(*, user: Any, params: Any) -> NoticeFilter:
    return NoticeFilter(params, queryset=access.visible_notices(user).order_by("-created_at", "-pk"))


def delivery_list(*, params: Any) -> DeliveryFilter:
    queryset = Delivery.objects.select_related("notice", "notice__member", "notice__user")
    return DeliveryFilter(params, queryset=queryset.order_by("-created_at", "-pk"))


def preferences(user: Any) -> dict[str, frozenset[str]]:
    """The channels a person gets per kind: their choice, or the defaults."""
    chosen = {p.kind: p.channels() for p in ChannelPreference.objects.filter(user=user)}
    return {kind: chosen.get(kind, DEFAULT_CHANNELS[kind]) for kind in NoticeKind.values}
