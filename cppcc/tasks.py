from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from .models import SubmitToken


@shared_task
def purge_submit_tokens() -> int:
    """Tokens only guard against resends within minutes; a week's worth is plenty to keep."""
    deleted, _ = SubmitToken.objects.filter(created_at__lt=timezone.now() - dt.timedelta(days=7)).delete()
    return deleted
