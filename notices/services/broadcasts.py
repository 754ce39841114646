"""通知公告: staff write a notice to a group, now or at a set time; each recipient gets a notice of
their own (its read time is the receipt); the sender reminds those who have not read it.

Who is in an audience is decided by one function per audience in `AUDIENCES`. A new audience — the
handling units (承办单位) once that role exists — is one choice on `Broadcast.Audience` and one entry
here answering `Recipients(users=…)`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cppcc.uploads import check_document, check_image
from members.models import Member

from ..models import Attachment, Broadcast, Notice, NoticeKind
from .notify import Message, Recipients, notify

A = Broadcast.Audience
logger = logging.getLogger(__name__)


def _serving() -> QuerySet[Member]:
    return Member.objects.filter(status=Member.Status.ACTIVE)


AUDIENCES: dict[str, Callable[[Broadcast], Recipients]] = {
    A.ALL: lambda b: Recipients(members=_serving()),
    A.STANDING: lambda b: Recipients(members=_serving().filter(is_standing=True)),
    A.COMMITTEE: lambda b: Recipients(members=_serving().filter(Q(committee_id=b.committee_id))),
    A.SECTOR: lambda b: Recipients(members=_serving().filter(Q(sector_id=b.sector_id))),
    A.HAND: lambda b: Recipients(members=_serving().filter(pk__in=b.members.values("pk"))),
}


_IMAGE_HEADS = (b"\xff\xd8\xff", b"\x89PNG")


def _checked(upload: Any, *, images: bool = False) -> tuple[str, str, bytes]:
    """(name, kind, content) of an upload judged by its content: PDF, DOCX or WPS; with `images`
    (a meeting's papers: a photographed seating plan, a map) also a photo, kept as a clean JPEG."""
    try:
        head = upload.read(8)
        upload.seek(0)
        if images and head.startswith(_IMAGE_HEADS):
            data = check_image(upload, max_bytes=settings.NOTICE_ATTACHMENT_MAX_BYTES, max_side=2400)
            stem = (upload.name or "image").rsplit(".", 1)[0]
            return f"{stem[:190]}.jpg", "jpg", data
        kind, data = check_document(upload, max_bytes=settings.NOTICE_ATTACHMENT_MAX_BYTES)
    except ValidationError as exc:
        raise ValidationError(
            _("%(name)s：%(error)s") % {"name": upload.name, "error": " ".join(exc.messages)}
        ) from exc
    return (upload.name or f"attachment.{kind}")[-200:], kind, data


def _store(
    checked: tuple[str, str, bytes], *, actor: Any, broadcast: Any = None, meeting: Any = None
) -> Attachment:
    name, kind, data = checked
    attachment = Attachment(
        broadcast=broadcast, meeting=meeting, name=name, kind=kind, size=len(data), uploaded_by=actor
    )
    # Stored privately under a name of our own, never under a public URL.
    attachment.file.save(f"attachment.{kind}", ContentFile(data), save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_add(*, upload: Any, actor: Any, broadcast: Any = None, meeting: Any = None) -> Attachment:
    """Attach a file to a broadcast, or a paper (会议材料) to a meeting for its notice."""
    return _store(
        _checked(upload, images=meeting is not None), actor=actor, broadcast=broadcast, meeting=meeting
    )


@transaction.atomic
def broadcast_create(
    *,
    title: str,
    body: str,
    audience: str,
    actor: Any,
    committee: Any = None,
    sector: Any = None,
    members: Iterable[Member] = (),
    publish_at: dt.datetime | None = None,
    uploads: Iterable[Any] = (),
) -> Broadcast:
    """Write a broadcast; without a time (or with a time already past) it goes out at once."""
    now = timezone.now()
    members = list(members)
    try:
        files = [_checked(upload) for upload in uploads]
    except ValidationError as exc:
        raise ValidationError({"attachments": exc.messages}) from exc
    if audience == A.COMMITTEE and committee is None:
        raise ValidationError({"committee": _("请选择专委会。")})
    if audience == A.SECTOR and sector is None:
        raise ValidationError({"sector": _("请选择界别。")})
    if audience == A.HAND and not members:
        raise ValidationError({"members": _("请至少选择一位委员。")})
    broadcast = Broadcast(
        title=title.strip(),
        body=body.strip(),
        audience=audience,
        author=actor,
        committee=committee if audience == A.COMMITTEE else None,
        sector=sector if audience == A.SECTOR else None,
        publish_at=publish_at if publish_at and publish_at > now else now,
    )
    broadcast.full_clean()
    broadcast.save()
    if audience == A.HAND:
        broadcast.members.set(members)
    for checked in files:
        _store(checked, actor=actor, broadcast=broadcast)
    if broadcast.publish_at <= now:
        # The worker fans it out, so a request costs the same for 25 recipients or 11,000.
        transaction.on_commit(lambda: publish_soon(broadcast.pk))
    return broadcast


def publish_soon(broadcast_id: int) -> None:
    """Hand a due broadcast to the worker. If the broker cannot be reached, the beat task that
    publishes due broadcasts every minute sends it."""
    from ..tasks import publish_broadcast

    try:
        publish_broadcast.apply_async(args=(broadcast_id,), retry=False)
    except Exception as exc:  # noqa: BLE001 - publish_due_broadcasts sends it once the broker is back
        logger.warning("broadcast %s left for the beat: %s", broadcast_id, exc)


def audience_size(broadcast: Broadcast) -> int:
    """How many people a broadcast is for (one count), before the worker sends it to them."""
    return AUDIENCES[broadcast.audience](broadcast).count()


@transaction.atomic
def broadcast_publish(*, broadcast: Broadcast) -> int:
    """Send a broadcast to its audience once: only the run that moves it out of "scheduled" sends."""
    now = timezone.now()
    if not Broadcast.objects.filter(pk=broadcast.pk, status=Broadcast.Status.SCHEDULED).update(
        status=Broadcast.Status.PUBLISHED, published_at=now
    ):
        return 0
    made = notify(
        kind=NoticeKind.BROADCAST,
        key=f"broadcast:{broadcast.pk}",
        to=AUDIENCES[broadcast.audience](broadcast),
        message=Message(broadcast.title),
        broadcast=broadcast,
    )
    Broadcast.objects.filter(pk=broadcast.pk).update(recipients=len(made))
    broadcast.refresh_from_db()
    return len(made)


def broadcasts_publish_due(*, now: dt.datetime | None = None) -> int:
    due = Broadcast.objects.filter(status=Broadcast.Status.SCHEDULED, publish_at__lte=now or timezone.now())
    return sum(broadcast_publish(broadcast=b) for b in due)


@transaction.atomic
def broadcast_remind(*, broadcast: Broadcast, actor: Any) -> int:
    """Remind everyone who has not read the broadcast, pointing at their own copy. Once a day at most,
    however often the sender clicks."""
    if broadcast.status != Broadcast.Status.PUBLISHED:
        raise ValidationError(_("通知公告尚未发布。"))
    unread = Notice.objects.filter(broadcast=broadcast, read_at__isnull=True)
    copies = {(m or 0, u or 0): pk for pk, m, u in unread.values_list("pk", "member_id", "user_id")}
    by_member = {m: pk for (m, _u), pk in copies.items() if m}
    by_user = {u: pk for (m, u), pk in copies.items() if not m}

    def message(contact: Any) -> Message | None:
        pk = by_member.get(contact.member_id) if contact.member_id else by_user.get(contact.user_id)
        if pk is None:
            return None
        title = _("提醒：请阅读通知公告《%(title)s》") % {"title": broadcast.title}
        return Message(title, _("这份通知公告您尚未阅读。"), reverse("notices:detail", args=[pk]))

    return len(
        notify(
            kind=NoticeKind.BROADCAST,
            key=f"broadcast-remind:{broadcast.pk}:{timezone.localdate():%Y%m%d}",
            to=Recipients(
                members=Member.objects.filter(pk__in=list(by_member)),
                users=get_user_model().objects.filter(pk__in=list(by_user)),
            ),
            message=message,
        )
    )
