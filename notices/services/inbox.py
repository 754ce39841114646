"""A person's own notices: reading them, choosing channels, and notices following a member's login."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from members.models import Member

from ..models import ALWAYS_IN_APP, Channel, ChannelPreference, Notice, NoticeKind


def notice_read(*, notice: Notice, actor: Any) -> Notice:
    """The first opening is the read receipt; later ones change nothing."""
    if notice.read_at is None:
        now = timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=now)
        notice.read_at = now
    return notice


def notice_read_all(*, user: Any, kind: str = "") -> int:
    unread = Notice.objects.filter(user=user, in_app=True, read_at__isnull=True)
    if kind in NoticeKind.values:
        unread = unread.filter(kind=kind)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, user: Any, choices: dict[str, set[str]]) -> None:
    """Save the channels chosen per kind; a meeting notice always reaches the inbox."""
    for kind in NoticeKind.values:
        chosen = set(choices.get(kind, ()))
        if kind in ALWAYS_IN_APP:
            chosen.add(Channel.IN_APP)
        ChannelPreference.objects.update_or_create(
            user=user,
            kind=kind,
            defaults={
                "in_app": Channel.IN_APP in chosen,
                "email": Channel.EMAIL in chosen,
                "sms": Channel.SMS in chosen,
            },
        )


def notices_follow_accounts(*, members: Iterable[Member]) -> int:
    """A member's notices belong to whoever logs in as the member now: a login linked later reads the
    earlier ones, and a login unlinked reads none of them any more. One UPDATE for any number."""
    login = Member.objects.filter(pk=OuterRef("member_id")).values("user_id")[:1]
    return Notice.objects.filter(member_id__in=[m.pk for m in members]).update(user_id=Subquery(login))
