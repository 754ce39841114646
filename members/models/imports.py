"""A roster upload between its preview and its confirmation, and the record of what it created."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cppcc.storage import private_storage


def _token() -> str:
    return secrets.token_urlsafe(24)


class ImportBatch(models.Model):
    """One uploaded roster: previewed (nothing saved yet), then imported all at once or not at all.

    The file's digest is unique among imported batches: two clerks confirming the same file at the
    same moment import it once, and the second is told when and by whom it was imported.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("待确认")
        IMPORTED = "imported", _("已导入")

    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    file = models.FileField(storage=private_storage, upload_to="imports/")
    file_name = models.CharField(_("文件名"), max_length=200)
    digest = models.CharField(_("文件摘要"), max_length=64, db_index=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    created = models.PositiveIntegerField(_("导入人数"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(_("导入时间"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("名册导入")
        verbose_name_plural = _("名册导入")
        constraints = [
            models.UniqueConstraint(
                fields=["digest"],
                condition=Q(status="imported"),
                name="roster_imported_once",
                violation_error_message=_("这个文件已经导入过。"),
            )
        ]

    def __str__(self) -> str:
        return self.file_name
