"""Thin Celery tasks: load by id, call a service. Retries here, never in the services."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from . import events, services
from .models import Broadcast


@shared_task(
    bind=True,
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    retry_backoff_max=300,
    max_retries=5,
    acks_late=True,
)
def deliver_notices(self: Any, notice_ids: list[int]) -> dict[str, int]:
    """Send a batch's due deliveries. A failure due again within minutes is retried by this task, with
    backoff; later ones (quiet hours, long backoffs) are left to the sweep."""
    run = services.deliver(notice_ids)
    if run.next_due is not None and not self.request.is_eager:
        wait = (run.next_due - timezone.now()).total_seconds()
        if wait <= settings.NOTICE_RETRY_SECONDS * 16:
            deliver_notices.apply_async(args=(notice_ids,), countdown=max(wait, 1))
    return {"sent": run.sent, "failed": run.failed}


@shared_task
def deliver_due() -> int:
    """Celery beat, every few minutes: queue what is due and has no task of its own."""
    notice_ids = services.deliveries_due()
    services.enqueue(notice_ids)
    return len(notice_ids)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=5, max_retries=5, acks_late=True)
def publish_broadcast(broadcast_id: int) -> int:
    """Fan a broadcast out to its audience. Delivered twice, the second run finds it published."""
    broadcast = Broadcast.objects.filter(pk=broadcast_id).first()
    return services.broadcast_publish(broadcast=broadcast) if broadcast else 0


@shared_task
def publish_due_broadcasts() -> int:
    """Celery beat, every minute: publish the broadcasts whose time has come."""
    return services.broadcasts_publish_due()


@shared_task
def remind_tomorrows_meetings() -> int:
    """Celery beat, daily at `MEETING_REMINDER_HOUR`: remind the invitees of tomorrow's meetings."""
    return events.meetings_eve()


@shared_task
def remind_short_duties() -> int:
    """Celery beat, 1 July and 1 October: tell members what they still owe of the year's minimum duties."""
    today = timezone.localdate()
    return events.duties_short(year=today.year, period="mid" if today.month <= 9 else "q4")
