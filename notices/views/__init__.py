"""The views of the notices app, by page family."""

from .broadcasts import broadcast_create, broadcast_detail, broadcast_list, broadcast_remind, delivery_list
from .inbox import attachment, inbox, notice_detail, notice_read, notice_read_all, preferences

__all__ = [
    "attachment",
    "broadcast_create",
    "broadcast_detail",
    "broadcast_list",
    "broadcast_remind",
    "delivery_list",
    "inbox",
    "notice_detail",
    "notice_read",
    "notice_read_all",
    "preferences",
]
