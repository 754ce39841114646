"""Thin Celery tasks: load by id, call a service. Retries here, never in the services."""

from __future__ import annotations

from celery import shared_task
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.utils import timezone

from . import services
from .models import EvaluationRun


@shared_task(
    autoretry_for=(OperationalError,), retry_backoff=5, retry_backoff_max=300, max_retries=5, acks_late=True
)
def evaluate_run(run_id: int) -> str:
    """Carry a queued run through. A redelivered task finds the run no longer queued and stops."""
    run = EvaluationRun.objects.filter(pk=run_id).first()
    if run is None:
        return "missing"
    if run.status == EvaluationRun.Status.RUNNING:
        run = services.evaluation_run_requeue(run=run)
    return services.evaluation_run(run).status


@shared_task
def evaluate_current_year() -> str:
    """Celery beat runs this every night: evaluate the current year unless a run is already under way."""
    try:
        run = services.evaluation_queue(year=timezone.localdate().year)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return services.evaluation_run(run).status
