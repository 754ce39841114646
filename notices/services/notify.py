"""The one way a notice is made: `notify` turns an event into one notice per recipient and one queued
delivery per channel they chose, in a fixed number of queries whatever the number of recipients, and
hands the deliveries to the worker after the transaction commits.

Each event has a key ("meeting:12"); the database holds at most one notice per key and recipient and
one delivery per notice and channel, so sending an event twice (a second click, a task redelivered,
two clerks at once) reaches nobody twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation

from members.models import Member

from ..models import ALWAYS_IN_APP, DEFAULT_CHANNELS, Broadcast, Channel, ChannelPreference, Delivery, Notice

logger = logging.getLogger(__name__)
User = get_user_model()


@dataclass(frozen=True)
class Message:
    """What one recipient reads: a title (also the email subject and the SMS), text and a link."""

    title: str
    body: str = ""
    url: str = ""


@dataclass(frozen=True)
class Contact:
    member_id: int | None
    user_id: int | None
    name: str
    email: str = ""
    phone: str = ""


@dataclass
class Recipients:
    """Members (with or without a login) and other users (staff, and later handling units)."""

    members: QuerySet[Member] | Iterable[Member] = ()
    users: QuerySet[Any] | Iterable[Any] = ()

    def count(self) -> int:
        return sum(
            group.count() if isinstance(group, QuerySet) else len(list(group))
            for group in (self.members, self.users)
        )


def email_enabled() -> bool:
    return bool(settings.EMAIL_HOST)


def _member_rows(members: QuerySet[Member] | Iterable[Member]) -> QuerySet[Member]:
    if not isinstance(members, QuerySet):
        members = Member.objects.filter(pk__in=[m.pk for m in members])
    return members


def contacts_of(recipients: Recipients) -> list[Contact]:
    """Each person once, with the addresses the channels need: one query for members, one for users."""
    found: dict[tuple[str, int], Contact] = {}
    rows = (
        _member_rows(recipients.members)
        .order_by()
        .values_list("pk", "user_id", "name", "phone", "user__email", "user__is_active")
    )
    for pk, user_id, name, phone, email, active in rows:
        # A login switched off takes no notices; the member is still reached by SMS.
        found[("m", pk)] = Contact(pk, user_id if active else None, name, email or "", phone or "")
    users = recipients.users
    user_qs = users if isinstance(users, QuerySet) else User.objects.filter(pk__in=[u.pk for u in users])
    if isinstance(users, QuerySet) or users:
        for pk, first, username, email, member_id, member_name, phone in user_qs.filter(
            is_active=True
        ).values_list("pk", "first_name", "username", "email", "member__pk", "member__name", "member__phone"):
            key = ("m", member_id) if member_id else ("u", pk)
            found.setdefault(
                key, Contact(member_id, pk, member_name or first or username, email, phone or "")
            )
    return list(found.values())


def channels_for(kind: str, contacts: list[Contact]) -> dict[int, frozenset[str]]:
    """Per user: the channels chosen for this kind (one query), the defaults where none were chosen."""
    user_ids = [c.user_id for c in contacts if c.user_id]
    if not user_ids:
        return {}
    return {
        p.user_id: p.channels() for p in ChannelPreference.objects.filter(kind=kind, user_id__in=user_ids)
    }


def _wanted(kind: str, contact: Contact, chosen: dict[int, frozenset[str]]) -> frozenset[str]:
    channels = chosen.get(contact.user_id or 0, DEFAULT_CHANNELS[kind])
    if kind in ALWAYS_IN_APP:
        channels |= {Channel.IN_APP}
    # The inbox copy is kept for a member without a login too: it is theirs once they are given one.
    usable = set(channels)
    if not (contact.email and email_enabled()):
        usable.discard(Channel.EMAIL)
    if not contact.phone:
        usable.discard(Channel.SMS)
    return frozenset(usable)


@transaction.atomic
def notify(
    *,
    kind: str,
    key: str,
    to: Recipients,
    message: Message | Callable[[Contact], Message | None],
    meeting: Any = None,
    broadcast: Broadcast | None = None,
) -> list[int]:
    """Make the event's notices and queue their deliveries; returns the ids of the notices made now.

    `message` is the same for everyone or a function of the recipient (a grade, what is missing);
    a function answering None leaves that person out. Recipients who already have this event's notice
    are left out too.
    """
    contacts = contacts_of(to)
    chosen = channels_for(kind, contacts)
    existing = Notice.objects.filter(key=key).values_list("member_id", "user_id")
    had = {("m", m) if m else ("u", u) for m, u in existing}
    now = timezone.now()
    notices, wanted = [], {}
    with translation.override(settings.LANGUAGE_CODE):
        for contact in contacts:
            ident = ("m", contact.member_id) if contact.member_id else ("u", contact.user_id)
            if ident in had:
                continue
            text = message(contact) if callable(message) else message
            channels = _wanted(kind, contact, chosen)
            if text is None or not channels:
                continue
            wanted[ident] = channels
            notices.append(
                Notice(
                    kind=kind,
                    key=key,
                    user_id=contact.user_id,
                    member_id=contact.member_id,
                    title=text.title[:200],
                    body=text.body,
                    url=text.url[:300],
                    meeting=meeting,
                    broadcast=broadcast,
                    in_app=Channel.IN_APP in channels,
                    created_at=now,
                )
            )
    if not notices:
        return []
    # A concurrent send of the same event may have won some rows: the constraint keeps one of each.
    Notice.objects.bulk_create(notices, batch_size=500, ignore_conflicts=True)
    made = Notice.objects.filter(key=key, created_at=now).values_list("pk", "member_id", "user_id")
    deliveries, ids = [], []
    for pk, member_id, user_id in made:
        ids.append(pk)
        for channel in wanted.get(("m", member_id) if member_id else ("u", user_id), ()):
            if channel != Channel.IN_APP:
                deliveries.append(Delivery(notice_id=pk, channel=channel, created_at=now, updated_at=now))
    if deliveries:
        Delivery.objects.bulk_create(deliveries, batch_size=500, ignore_conflicts=True)
        queued = sorted({d.notice_id for d in deliveries})
        transaction.on_commit(lambda: enqueue(queued))
    return ids


def enqueue(notice_ids: list[int]) -> None:
    """Hand the deliveries to the worker, a batch a task. A broker that cannot be reached loses
    nothing: the deliveries stay queued and the periodic sweep (`deliver_due`) sends them later."""
    from ..tasks import deliver_notices

    size = settings.NOTICE_BATCH_SIZE
    for start in range(0, len(notice_ids), size):
        batch = notice_ids[start : start + size]
        try:
            deliver_notices.apply_async(args=(batch,), retry=False)
        except Exception as exc:  # noqa: BLE001 - the sweep sends them once the broker is back
            logger.warning("notices %s..%s left for the sweep: %s", batch[0], batch[-1], exc)
