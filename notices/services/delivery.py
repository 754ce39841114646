"""Sending queued deliveries: what the worker does with a batch of notices.

Exactly once: a run first *claims* the deliveries that are due with one conditional UPDATE
(queued → sending, stamped with the run's token), then sends only what it claimed. A second run of
the same batch — a redelivered task, a second click, the periodic sweep — finds nothing due and
sends nothing. A channel failure leaves the delivery failed with the reason and a time for the next
try (doubling each time, up to `NOTICE_MAX_ATTEMPTS`); a refusal that would only repeat (a 4xx from
the SMS gateway, a refused address) is not tried again. SMS waits out the quiet hours.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Min, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..channels import ChannelError, sms
from ..channels.email import Mailer
from ..models import Channel, Delivery

S = Delivery.Status
# A delivery still "sending" this long after it was claimed lost its worker mid-way.
STUCK_AFTER = dt.timedelta(minutes=30)
# Fresh deliveries belong to the task queued with them; the sweep leaves them that long.
SWEEP_GRACE = dt.timedelta(minutes=2)


@dataclass(frozen=True)
class Run:
    sent: int = 0
    failed: int = 0
    next_due: dt.datetime | None = None


def _due(now: dt.datetime) -> Q:
    return Q(status=S.QUEUED) & (Q(due_at__isnull=True) | Q(due_at__lte=now)) | Q(
        status=S.FAILED, due_at__lte=now
    )


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=settings.NOTICE_RETRY_SECONDS * 2 ** max(attempts - 1, 0))


def _send(delivery: Delivery, mailer: Mailer, texts: sms.SmsBackend) -> None:
    notice = delivery.notice
    member, user = notice.member, notice.user
    name = member.name if member else (user.get_full_name() or user.username if user else "")
    if delivery.channel == Channel.EMAIL:
        mailer.send(notice, name=name, address=user.email if user else "")
    elif delivery.channel == Channel.SMS:
        if not (member and member.phone):
            raise ChannelError(_("没有手机号。"), permanent=True)
        texts.send(sms.compose(kind=notice.kind, phone=member.phone, name=name, title=notice.title))
    else:
        raise ChannelError(_("无法识别的发送渠道。"), permanent=True)


def deliver(notice_ids: Iterable[int], *, now: dt.datetime | None = None) -> Run:
    """Send every due delivery of these notices once; say when the next one falls due, if any."""
    now = now or timezone.now()
    scope = Delivery.objects.filter(notice_id__in=list(notice_ids))
    quiet_end = sms.quiet_until(now)
    if quiet_end is not None:
        scope.filter(_due(now), channel=Channel.SMS).update(due_at=quiet_end, updated_at=now)
    token = uuid.uuid4().hex
    claimed = scope.filter(_due(now)).update(
        status=S.SENDING, claim=token, attempts=F("attempts") + 1, updated_at=now
    )
    sent: list[int] = []
    failures: list[tuple[Delivery, ChannelError]] = []
    if claimed:
        batch = Delivery.objects.filter(claim=token, status=S.SENDING).select_related(
            "notice__member", "notice__user", "notice__broadcast"
        )
        mailer, texts = Mailer(), sms.get_backend()
        with translation.override(settings.LANGUAGE_CODE):
            try:
                for delivery in batch:
                    try:
                        _send(delivery, mailer, texts)
                    except ChannelError as exc:
                        failures.append((delivery, exc))
                    else:
                        sent.append(delivery.pk)
            finally:
                mailer.close()
        _record(sent, failures, now)
    upcoming = scope.filter(status__in=(S.QUEUED, S.FAILED), due_at__isnull=False).aggregate(t=Min("due_at"))
    return Run(sent=len(sent), failed=len(failures), next_due=upcoming["t"])


def _record(sent: list[int], failures: list[tuple[Delivery, ChannelError]], now: dt.datetime) -> None:
    if sent:
        Delivery.objects.filter(pk__in=sent).update(
            status=S.SENT, sent_at=now, error="", due_at=None, updated_at=now
        )
    for delivery, exc in failures:
        retry = not exc.permanent and delivery.attempts < settings.NOTICE_MAX_ATTEMPTS
        Delivery.objects.filter(pk=delivery.pk).update(
            status=S.FAILED,
            error=exc.reason,
            due_at=now + backoff(delivery.attempts) if retry else None,
            updated_at=now,
        )


def deliveries_due(*, now: dt.datetime | None = None) -> list[int]:
    """The sweep: notices with a delivery due that no task will send (the broker was down when they
    were queued, a retry fell due, the quiet hours ended). Deliveries a lost worker left "sending"
    are marked failed — sending them again could send them twice."""
    now = now or timezone.now()
    Delivery.objects.filter(status=S.SENDING, updated_at__lt=now - STUCK_AFTER).update(
        status=S.FAILED, error=_("发送过程中断，无法确认是否送达，未再重发。"), due_at=None, updated_at=now
    )
    waiting = Delivery.objects.filter(_due(now)).filter(
        Q(due_at__isnull=False) | Q(created_at__lt=now - SWEEP_GRACE)
    )
    return sorted(set(waiting.values_list("notice_id", flat=True)))
