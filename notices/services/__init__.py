"""Every write of the notices app."""

from .delivery import Run, deliver, deliveries_due
from .inbox import notice_read, notice_read_all, notices_follow_account, preferences_save
from .notify import Contact, Message, Recipients, enqueue, notify

__all__ = [
    "Contact",
    "Message",
    "Recipients",
    "Run",
    "deliver",
    "deliveries_due",
    "enqueue",
    "notice_read",
    "notice_read_all",
    "notices_follow_account",
    "notify",
    "preferences_save",
]
