"""The views of the notices app, by page family."""

from .broadcasts import delivery_list
from .inbox import inbox, notice_detail, notice_read, notice_read_all, preferences

__all__ = [
    "delivery_list",
    "inbox",
    "notice_detail",
    "notice_read",
    "notice_read_all",
    "preferences",
]
