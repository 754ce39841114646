"""Thin Celery tasks: load by id, call a service. Retries here, never in the services."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from . import services
from .models import EvaluationRun


@shared_task(autoretry_for=(OperationalError,), retry_backoff=5, retry_backoff_max=300, max_retries=5,
             acks_late=True)
def rollup_year(run_id: int) -> str:
    """Evaluate the year of a queued run. A redelivered task finds the run no longer queued and stops."""
    run = EvaluationRun.objects.filter(pk=run_id).first()
    if run is None:
        return "missing"
    if run.status == EvaluationRun.Status.RUNNING:
        # A worker died mid-run (the database rolled its writes back): start the run over.
        EvaluationRun.objects.filter(pk=run_id, status=EvaluationRun.Status.RUNNING).update(
            status=EvaluationRun.Status.QUEUED)
        run.refresh_from_db()
    return services.evaluation_run(run).status


@shared_task
def rollup_current_year() -> str:
    """Celery beat runs this every night: evaluate the current year unless a run is already under way."""
    from django.core.exceptions import ValidationError

    try:
        run = services.evaluation_queue(year=timezone.localdate().year)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return services.evaluation_run(run).status
