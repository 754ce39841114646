"""Runs of the annual evaluation: queued → running → done or failed, whoever starts them.

A run is the unit staff watch on the evaluation page; the Celery task and the management command
both carry a queued run through `evaluation_run`. At most one run of a year is queued or running
(a partial unique constraint), so two rollups of one year never interleave.
"""

from __future__ import annotations

import os
import socket
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notices import events

from ..models import EvaluationRun, ScoringScheme
from .rollup import RollupResult, evaluation_compute


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def evaluation_run(run: EvaluationRun) -> EvaluationRun:
    """Carry a queued run through: running → done (with time and head count) or failed (with why).

    Safe to call twice for the same run (a task redelivered after a crash): only a queued run starts.
    """
    started = EvaluationRun.objects.filter(pk=run.pk, status=EvaluationRun.Status.QUEUED).update(
        status=EvaluationRun.Status.RUNNING, started_at=timezone.now(), worker=_worker_name()
    )
    run.refresh_from_db()
    if not started:
        return run
    try:
        result = evaluation_compute(run.year)
    except ValidationError as exc:
        _finish(run, EvaluationRun.Status.FAILED, error=" ".join(exc.messages))
        return run
    except Exception as exc:
        _finish(
            run,
            EvaluationRun.Status.FAILED,
            error=_("计算出错：%(error)s") % {"error": exc.__class__.__name__},
        )
        raise
    _finish(run, EvaluationRun.Status.DONE, members=result.members, medians=result.medians)
    return run


def _finish(run: EvaluationRun, status: str, **fields) -> None:
    run.status, run.finished_at = status, timezone.now()
    for name, value in fields.items():
        setattr(run, name, value)
    run.save(update_fields=["status", "finished_at", *fields])


def evaluation_queue(*, year: int, actor: Any = None) -> EvaluationRun:
    """Record a queued run; refused while another run of the year is queued or running."""
    if not ScoringScheme.objects.filter(year=year).exists():
        raise ValidationError(_("%(year)s 年度尚未设置积分规则，无法考评。") % {"year": year})
    try:
        with transaction.atomic():
            return EvaluationRun.objects.create(year=year, requested_by=actor)
    except IntegrityError:
        raise ValidationError(_("这一年度的考评正在计算中，请等待完成。")) from None


def evaluation_rollup(*, year: int) -> RollupResult:
    """Evaluate a year synchronously (the demo, the management command, tests), recorded as a run."""
    run = evaluation_run(evaluation_queue(year=year))
    if run.status != EvaluationRun.Status.DONE:
        raise ValidationError(run.error)
    return RollupResult(year=year, members=run.members, medians=run.medians)


def evaluation_run_fail(*, run: EvaluationRun, reason: str) -> EvaluationRun:
    """A run that could not even be handed to a worker (the broker is down) ends failed, with why."""
    EvaluationRun.objects.filter(pk=run.pk, status__in=EvaluationRun.ACTIVE).update(
        status=EvaluationRun.Status.FAILED, error=reason, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


def evaluation_run_requeue(*, run: EvaluationRun) -> EvaluationRun:
    """A run found 'running' when its task is delivered again lost its worker mid-way (the database
    rolled its writes back): it goes back to the queue so that `evaluation_run` starts it over."""
    EvaluationRun.objects.filter(pk=run.pk, status=EvaluationRun.Status.RUNNING).update(
        status=EvaluationRun.Status.QUEUED
    )
    run.refresh_from_db()
    return run


def evaluation_publish(*, year: int, actor: Any) -> int:
    """公布: each evaluated member in office is told their grade and rank (the year's latest completed
    run). Publishing the same run again tells nobody twice; a new run's results go out anew."""
    if EvaluationRun.objects.filter(year=year, status__in=EvaluationRun.ACTIVE).exists():
        raise ValidationError(_("这一年度的考评正在计算中，请等待完成后再公布。"))
    run = (
        EvaluationRun.objects.filter(year=year, status=EvaluationRun.Status.DONE)
        .order_by("-finished_at", "-pk")
        .first()
    )
    if run is None:
        raise ValidationError(_("%(year)s 年度尚未完成考评，不能公布。") % {"year": year})
    return events.evaluation_published(year=year, run_id=run.pk)
