"""The 提案汇编 job: queued → running (proposals done of total) → done with its PDF, or failed with
why. One job of a year is active at a time: a second start joins the one under way."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..compilation import compilation_pdf
from ..models import Compilation

C = Compilation.Status
logger = logging.getLogger(__name__)
# A job running longer than this lost its worker (a restart): the next start replaces it.
STALE = dt.timedelta(minutes=30)


def compilation_start(*, year: int, actor: Any) -> tuple[Compilation, bool]:
    """The year's active job, or a new queued one; `True` when the caller must hand it to a worker."""
    active = Compilation.objects.filter(year=year, status__in=Compilation.ACTIVE)
    lost = _("生成中断（后台任务未完成），请重新生成。")
    active.filter(requested_at__lt=timezone.now() - STALE).update(status=C.FAILED, error=lost)
    try:
        with transaction.atomic():
            return Compilation.objects.create(year=year, requested_by=actor), True
    except IntegrityError:  # one is under way (perhaps started a moment ago): join it
        return active.get(), False


def compilation_fail(*, job: Compilation, reason: str) -> Compilation:
    """A job that could not be built or handed to a worker ends failed, with why."""
    Compilation.objects.filter(pk=job.pk, status__in=Compilation.ACTIVE).update(
        status=C.FAILED, error=reason, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def compilation_build(job: Compilation) -> Compilation:
    """Lay the year's 汇编 out, telling the job how far it got; only a queued job starts, so a task
    delivered twice builds it once. Only the newest book of a year keeps its file."""
    if not Compilation.objects.filter(pk=job.pk, status=C.QUEUED).update(
        status=C.RUNNING, started_at=timezone.now()
    ):
        job.refresh_from_db()
        return job
    try:
        progress = lambda done, total: Compilation.objects.filter(pk=job.pk).update(done=done, total=total)  # noqa: E731
        data, pages = compilation_pdf(job.year, progress)
        job.refresh_from_db()
        job.file.save(f"{job.year}.pdf", ContentFile(data), save=False)
    except Exception as exc:  # noqa: BLE001 - whatever went wrong (layout, disk), the page says it in words
        logger.exception("compilation %s failed", job.pk)
        reason = _("生成失败（%(error)s），请稍后重试或联系系统管理员。") % {"error": exc.__class__.__name__}
        return compilation_fail(job=job, reason=reason)
    job.status, job.pages, job.finished_at = C.DONE, pages, timezone.now()
    job.save(update_fields=["file", "status", "pages", "finished_at"])
    for old in Compilation.objects.filter(year=job.year).exclude(pk=job.pk).exclude(file=""):
        old.file.delete(save=False)
        Compilation.objects.filter(pk=old.pk).update(file="")
    return job
