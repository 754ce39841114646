"""Every write of the notices app."""

from .broadcasts import (
    AUDIENCES,
    attachment_add,
    audience_size,
    broadcast_create,
    broadcast_publish,
    broadcast_remind,
    broadcasts_publish_due,
    publish_soon,
)
from .delivery import Run, deliver, deliveries_due
from .inbox import notice_read, notice_read_all, notices_follow_accounts, preferences_save
from .notify import Contact, Message, Recipients, enqueue, notify
from .replies import meeting_remind_unanswered, meeting_reply

__all__ = [
    "AUDIENCES",
    "Contact",
    "Message",
    "Recipients",
    "Run",
    "attachment_add",
    "audience_size",
    "broadcast_create",
    "broadcast_publish",
    "broadcast_remind",
    "broadcasts_publish_due",
    "deliver",
    "deliveries_due",
    "enqueue",
    "meeting_remind_unanswered",
    "meeting_reply",
    "notice_read",
    "notice_read_all",
    "notices_follow_accounts",
    "notify",
    "preferences_save",
    "publish_soon",
]
