"""The dossier ledger and the rules that score it."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..kinds import ActivityKind, Category
from .register import Member


class EntryRole(models.TextChoices):
    """A member's part in a joint item (a proposal with co-signers)."""

    SOLE = "", _("—")
    LEAD = "lead", _("领衔")
    COSIGNER = "cosigner", _("附议")


class DossierEntry(models.Model):
    """履职记录: one line of a member's dossier.

    Entries derived from a source record (a proposal, a sign-in sheet, …) are written only by
    `members.dossier.sync(source)`; self-reported ones wait as pending until staff review them.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("已确认")
        PENDING = "pending", _("待审核")
        REJECTED = "rejected", _("未通过")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="entries", verbose_name=_("委员"))
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
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("审核人"),
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    disabled = models.BooleanField(_("不计分"), default=False)
    disabled_reason = models.CharField(_("不计分原因"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("录入人"),
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

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
                condition=Q(source_id__isnull=True) | Q(source_type__isnull=False), name="entry_source_complete"
            ),
        ]
        indexes = [
            # The rollup aggregates a year; the dossier reads one member's year.
            models.Index(fields=["year", "member", "kind"], name="entry_year_member_kind"),
            models.Index(fields=["member", "year", "date"], name="entry_member_year_date"),
            models.Index(fields=["source_type", "source_id"], name="entry_source"),
            models.Index(fields=["status"], name="entry_status", condition=~Q(status="confirmed")),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.get_kind_display()} {self.title}"

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
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
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
            models.UniqueConstraint(fields=["entry"], condition=Q(status="open"), name="one_open_dispute_per_entry",
                                    violation_error_message=_("这条记录已有待处理的异议。")),
        ]
        indexes = [models.Index(fields=["status"], name="dispute_status")]

    def __str__(self) -> str:
        return f"{self.entry}: {self.comment[:30]}"


class ScoringScheme(models.Model):
    """履职积分规则 of one year: base score, joint-proposal split and minimum duties."""

    class CosignerMode(models.TextChoices):
        COSIGN_RULE = "cosign_rule", _("领衔人计全部分值，附议人按“附议提案”计分")
        SPLIT = "split", _("领衔人得一定比例，其余由附议人均分")
        LEAD_ONLY = "lead_only", _("只计领衔人")

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    base_score = models.DecimalField(_("基础分"), max_digits=6, decimal_places=2, default=0)
    cosigner_mode = models.CharField(
        _("联名提案计分"), max_length=12, choices=CosignerMode.choices, default=CosignerMode.COSIGN_RULE
    )
    lead_share = models.DecimalField(
        _("领衔人所占比例"), max_digits=3, decimal_places=2, default=Decimal("0.50"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("仅在“按比例分配”时使用，例如 0.5 表示领衔人得一半。"),
    )
    require_plenary = models.BooleanField(_("须出席全体会议"), default=True)
    min_activities = models.PositiveSmallIntegerField(_("最少参加活动次数"), default=3)
    min_proposals = models.PositiveSmallIntegerField(_("最少提案件数"), default=1)
    min_sentiments = models.PositiveSmallIntegerField(_("最少社情民意篇数"), default=1)
    duties_unmet_grade = models.CharField(
        _("未完成基本要求时最高等次"), max_length=10, blank=True,
        help_text=_("留空表示不影响等次；例如填“基本称职”。"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords(verbose_name=_("积分规则历史"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度积分规则")
        verbose_name_plural = _("年度积分规则")

    def __str__(self) -> str:
        return f"{self.year}"


class ScoringRule(models.Model):
    """Points for one activity kind in one year, with an optional annual cap."""

    scheme = models.ForeignKey(ScoringScheme, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("类别"), max_length=40, choices=ActivityKind.choices)
    points = models.DecimalField(_("每次分值"), max_digits=6, decimal_places=2, default=0,
                                 help_text=_("负数表示扣分。"))
    standing_points = models.DecimalField(
        _("常委分值"), max_digits=6, decimal_places=2, null=True, blank=True,
        help_text=_("常委另有标准时填写，留空则与委员相同。"),
    )
    cap = models.DecimalField(_("年度上限"), max_digits=6, decimal_places=2, null=True, blank=True,
                              validators=[MinValueValidator(0)], help_text=_("留空表示不设上限。"))

    history = HistoricalRecords(verbose_name=_("积分规则明细历史"))

    class Meta:
        ordering = ["scheme", "kind"]
        verbose_name = _("积分规则")
        verbose_name_plural = _("积分规则")
        constraints = [models.UniqueConstraint(fields=["scheme", "kind"], name="rule_unique_kind")]

    def __str__(self) -> str:
        return f"{self.scheme.year} {self.get_kind_display()}"


class CategoryCap(models.Model):
    """An annual cap over a whole category (e.g. all proposal points ≤ 25)."""

    scheme = models.ForeignKey(ScoringScheme, on_delete=models.CASCADE, related_name="category_caps")
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    cap = models.DecimalField(_("年度上限"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])

    history = HistoricalRecords(verbose_name=_("分类上限历史"))

    class Meta:
        verbose_name = _("分类上限")
        verbose_name_plural = _("分类上限")
        constraints = [models.UniqueConstraint(fields=["scheme", "category"], name="cap_unique_category")]

    def __str__(self) -> str:
        return f"{self.scheme.year} {self.get_category_display()}"


class GradeBand(models.Model):
    """等次: the lowest total that earns a grade in a year (优秀 ≥ 90, …)."""

    scheme = models.ForeignKey(ScoringScheme, on_delete=models.CASCADE, related_name="grades")
    name = models.CharField(_("等次"), max_length=10)
    min_total = models.DecimalField(_("最低总分"), max_digits=6, decimal_places=2)

    history = HistoricalRecords(verbose_name=_("等次历史"))

    class Meta:
        ordering = ["scheme", "-min_total"]
        verbose_name = _("考评等次")
        verbose_name_plural = _("考评等次")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "name"], name="grade_unique_name"),
            models.UniqueConstraint(fields=["scheme", "min_total"], name="grade_unique_threshold"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ≥ {self.min_total}"


class AnnualEvaluation(models.Model):
    """年度履职考评: a member's points, ranks and grade for a year, written by the rollup."""

    year = models.PositiveSmallIntegerField(_("年度"))
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("委员"))
    points_by_category = models.JSONField(_("分类得分"), default=dict)
    total = models.DecimalField(_("总分"), max_digits=8, decimal_places=2)
    rank = models.PositiveIntegerField(_("全体排名"))
    rank_in_sector = models.PositiveIntegerField(_("界别内排名"))
    rank_in_committee = models.PositiveIntegerField(_("专委会内排名"), null=True, blank=True)
    grade = models.CharField(_("等次"), max_length=10, blank=True)
    duties_met = models.BooleanField(_("完成基本履职要求"), default=True)
    duties_missing = models.JSONField(_("未完成的要求"), default=list)
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        ordering = ["year", "rank"]
        verbose_name = _("年度履职考评")
        verbose_name_plural = _("年度履职考评")
        constraints = [models.UniqueConstraint(fields=["year", "member"], name="evaluation_unique_member_year")]
        indexes = [models.Index(fields=["year", "rank"], name="evaluation_year_rank")]

    def __str__(self) -> str:
        return f"{self.year} {self.member}"


class EvaluationRun(models.Model):
    """One run of a year's rollup: its state, how long it took, and the committee's medians."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("计算中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    members = models.PositiveIntegerField(_("考评人数"), default=0)
    # Median points per category over the year's members, for the dossier's comparison chart.
    medians = models.JSONField(_("分类中位数"), default=dict)
    error = models.TextField(_("失败原因"), blank=True)
    worker = models.CharField(_("执行进程"), max_length=100, blank=True)

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("考评计算")
        verbose_name_plural = _("考评计算")
        indexes = [models.Index(fields=["year", "status"], name="run_year_status")]
        constraints = [
            # Two runs of the same year must never interleave: at most one is queued or running.
            models.UniqueConstraint(fields=["year"], condition=Q(status__in=["queued", "running"]),
                                    name="one_active_run_per_year",
                                    violation_error_message=_("这一年度的考评正在计算中，请等待完成。")),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_status_display()}"

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return round((self.finished_at - self.started_at).total_seconds(), 2)
        return None


class AwardKind(models.Model):
    """表彰 the committee gives each year, with the criteria that propose nominees from the evaluation."""

    class Basis(models.TextChoices):
        TOTAL = "total", _("总分")
        PROPOSAL = "proposal", _("提案得分")
        SENTIMENT = "sentiment", _("社情民意信息得分")
        RESEARCH = "research", _("调研得分")
        PLATFORM = "platform", _("协商议事得分")
        SERVICE = "service", _("为群众办实事得分")

    name = models.CharField(_("表彰名称"), max_length=40, unique=True)
    basis = models.CharField(_("依据"), max_length=12, choices=Basis.choices, default=Basis.TOTAL)
    top_n = models.PositiveSmallIntegerField(_("提名人数"), default=10)
    min_grade = models.CharField(_("最低等次"), max_length=10, blank=True,
                                 help_text=_("留空表示不限等次，例如“优秀”。"))
    require_duties = models.BooleanField(_("须完成基本履职要求"), default=True)
    is_active = models.BooleanField(_("启用"), default=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    history = HistoricalRecords(verbose_name=_("表彰类别历史"))

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("表彰类别")
        verbose_name_plural = _("表彰类别")

    def __str__(self) -> str:
        return self.name


class Award(models.Model):
    """A nomination proposed from the evaluation; it appears on the dossier once staff confirm it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("提名")
        CONFIRMED = "confirmed", _("已确认")
        REJECTED = "rejected", _("未采纳")

    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="awards", verbose_name=_("表彰"))
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="awards", verbose_name=_("委员"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    reason = models.CharField(_("提名依据"), max_length=200, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    history = HistoricalRecords(verbose_name=_("表彰历史"))

    class Meta:
        ordering = ["year", "kind", "pk"]
        verbose_name = _("表彰")
        verbose_name_plural = _("表彰")
        constraints = [models.UniqueConstraint(fields=["year", "kind", "member"], name="award_unique")]
        indexes = [models.Index(fields=["member", "status"], name="award_member_status")]

    def __str__(self) -> str:
        return f"{self.year} {self.kind} {self.member}"
