"""Thin Celery tasks: load by id, call a service."""

from __future__ import annotations

from celery import shared_task

from .models import Compilation
from .services.compilation import compilation_build


@shared_task(acks_late=True)
def build_compilation(job_id: int) -> str:
    """Lay out a queued 提案汇编; a redelivered task finds it no longer queued and stops."""
    job = Compilation.objects.filter(pk=job_id).first()
    return compilation_build(job).status if job is not None else "missing"
