"""The views of the notices app, by page family."""

from .broadcasts import (
    broadcast_create,
    broadcast_detail,
    broadcast_list,
    broadcast_remind,
    delivery_list,
    meeting_paper,
    meeting_remind,
)
from .inbox import attachment, inbox, notice_detail, notice_read, notice_read_all, notice_reply, preferences

__all__ = [
    "attachment",
    "broadcast_create",
    "broadcast_detail",
    "broadcast_list",
    "broadcast_remind",
    "delivery_list",
    "inbox",
    "meeting_paper",
    "meeting_remind",
    "notice_detail",
    "notice_read",
    "notice_read_all",
    "notice_reply",
    "preferences",
]
