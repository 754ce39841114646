"""提案汇编: the year's filed proposals with their replies, one PDF built in the background."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cppcc.storage import private_storage
from cppcc.validators import plausible_year


class Compilation(models.Model):
    """One build of a year's 汇编: its state, how far it got (proposals done of total) and the file."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    year = models.PositiveSmallIntegerField(_("年度"), validators=[plausible_year])
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("已完成件数"), default=0)
    total = models.PositiveIntegerField(_("总件数"), default=0)
    file = models.FileField(_("文件"), storage=private_storage, upload_to="compilations/", blank=True)
    pages = models.PositiveIntegerField(_("页数"), default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    error = models.TextField(_("失败原因"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = verbose_name_plural = _("提案汇编")
        constraints = [
            # A second start while one is under way joins it rather than building the book twice.
            models.UniqueConstraint(
                fields=["year"], condition=Q(status__in=["queued", "running"]), name="one_active_compilation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def percent(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return round((self.finished_at - self.started_at).total_seconds(), 1)
        return None
