"""The dossier ledger: every line of every member's dossier, and members' disputes of them."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cppcc.storage import private_storage

from ..kinds import ActivityKind
from .register import Member


class EntryRole(models.TextChoices):
    """A member's part in a joint item (a proposal with co-signers)."""

    SOLE = "", _("—")
    LEAD = "lead", _("领衔")
    COSIGNER = "cosigner", _("附议")


ROLLUP_GROUPS = ["year", "member", "kind", "role", "joint_size"]  # the rollup GROUPs BY the rest of a year


class DossierEntry(models.Model):
    """履职记录: one line of a member's dossier.

    Entries derived from a source record (a proposal, a sign-in sheet, …) are written only by
    `members.dossier.sync(source)`; self-reported ones wait as pending until staff review them.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("已确认")
        PENDING = "pending", _("待审核")
        REJECTED = "rejected", _("未通过")

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="entries", verbose_name=_("委员")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    date = models.DateField(_("日期"))
    kind = models.CharField(_("类别"), max_length=40, choices=ActivityKind.choices)
    title = models.CharField(_("事项"), max_length=200)
    description = models.TextField(_("具体内容"), blank=True)
    role = models.CharField(_("角色"), max_length=10, choices=EntryRole.choices, blank=True, default="")
    # Number of co-signers of the joint item, so scoring can split its value without reading the source.
    joint_size = models.PositiveSmallIntegerField(_("附议人数"), default=0)
    source_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    status = models.CharField(_("审核状态"), max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    review_note = models.CharField(_("审核意见"), max_length=200, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审核人"),
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    disabled = models.BooleanField(_("不计分"), default=False)
    disabled_reason = models.CharField(_("不计分原因"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("录入人"),
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    # Set by the dossier selector for the page, never stored.
    source_url: str
    open_dispute: EntryDispute | None
    last_dispute: EntryDispute | None

    # No history table here: the ledger is derived. Its sources keep their own history, and the
    # entry itself records who entered, reviewed or disputed it (a copy of ~1M rows would buy nothing).

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("履职记录")
        verbose_name_plural = _("履职记录")
        constraints = [
            # Re-syncing a source rewrites, never duplicates, its entries.
            models.UniqueConstraint(
                fields=["member", "kind", "source_type", "source_id"],
                condition=Q(source_id__isnull=False),
                name="entry_unique_per_source",
            ),
            models.CheckConstraint(
                condition=Q(source_id__isnull=True) | Q(source_type__isnull=False),
                name="entry_source_complete",
            ),
        ]
        indexes = [
            # The rollup groups a year's counted entries from this index alone, without the table.
            models.Index(fields=ROLLUP_GROUPS, include=["status", "disabled"], name="entry_rollup_groups"),
            models.Index(fields=["member", "year", "date"], name="entry_member_year_date"),
            models.Index(fields=["source_type", "source_id"], name="entry_source"),
            models.Index(fields=["status"], name="entry_status", condition=~Q(status="confirmed")),
            # The dashboard's members without a confirmed entry in 90 days: one index-only probe each.
            models.Index(
                fields=["member", "date"], name="entry_confirmed_member_date", condition=Q(status="confirmed")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.kind_label} {self.title}"

    # get_kind_display() hashes every label of the field's choices, translating each (≈ 1 ms a call
    # for the 28 kinds): a 50-entry page or a 100-entry PDF reads the label from the enum instead.
    @property
    def kind_label(self) -> str:
        return str(ActivityKind(self.kind).label) if self.kind in ActivityKind.values else self.kind

    @property
    def role_label(self) -> str:
        return str(EntryRole(self.role).label) if self.role in EntryRole.values else self.role

    @property
    def counts(self) -> bool:
        return self.status == self.Status.CONFIRMED and not self.disabled


class EntryDispute(models.Model):
    """争议: a member says an entry of their dossier is wrong; staff resolve it."""

    class Status(models.TextChoices):
        OPEN = "open", _("待处理")
        RESOLVED = "resolved", _("已处理")

    entry = models.ForeignKey(DossierEntry, on_delete=models.CASCADE, related_name="disputes")
    comment = models.TextField(_("异议说明"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    raised_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.CharField(_("处理意见"), max_length=300, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]
        verbose_name = _("履职记录异议")
        verbose_name_plural = _("履职记录异议")
        constraints = [
            models.UniqueConstraint(
                fields=["entry"],
                condition=Q(status="open"),
                name="one_open_dispute_per_entry",
                violation_error_message=_("这条记录已有待处理的异议。"),
            ),
        ]
        indexes = [models.Index(fields=["status"], name="dispute_status")]

    def __str__(self) -> str:
        return f"{self.entry}: {self.comment[:30]}"


def attachment_path(instance: EntryAttachment, filename: str) -> str:
    # The stored name is not the uploaded one: nothing a member types ends up in a path.
    return f"proof/{instance.entry.year}/{instance.entry_id}-{secrets.token_hex(6)}.{instance.kind}"


class EntryAttachment(models.Model):
    """A photo (or a PDF) a member attaches to a self-reported deed or visit, as proof for review."""

    class Kind(models.TextChoices):
        JPG = "jpg", _("照片")
        PDF = "pdf", _("PDF 文件")

    entry = models.ForeignKey(DossierEntry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=attachment_path)
    kind = models.CharField(_("类型"), max_length=3, choices=Kind.choices)
    size = models.PositiveIntegerField(_("大小"))
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["entry", "pk"]
        verbose_name = _("履职佐证材料")
        verbose_name_plural = _("履职佐证材料")

    def __str__(self) -> str:
        return f"{self.entry_id}-{self.pk}.{self.kind}"
