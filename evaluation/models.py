"""The annual evaluation: each year's scoring rules, the evaluations the rollup writes, its runs, awards.

The tables were created by the members app and moved here without copying a row (see migrations).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.validators import plausible_year
from members.kinds import ActivityKind, Category
from members.models import Member


class ScoringScheme(models.Model):
    """履职积分规则 of one year: base score, joint-proposal split and minimum duties."""

    class PartYear(models.TextChoices):
        PRO_RATA = "pro_rata", _("按任职时间折算")
        EXEMPT = "exempt", _("不作要求")
        FULL = "full", _("与全年相同")

    class CosignerMode(models.TextChoices):
        COSIGN_RULE = "cosign_rule", _("领衔人计全部分值，附议人按“附议提案”计分")
        SPLIT = "split", _("领衔人得一定比例，其余由附议人均分")
        LEAD_ONLY = "lead_only", _("只计领衔人")

    year = models.PositiveSmallIntegerField(_("年度"), validators=[plausible_year], unique=True)
    base_score = models.DecimalField(_("基础分"), max_digits=6, decimal_places=2, default=0)
    cosigner_mode = models.CharField(
        _("联名提案计分"), max_length=12, choices=CosignerMode.choices, default=CosignerMode.COSIGN_RULE
    )
    lead_share = models.DecimalField(
        _("领衔人所占比例"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("仅在“按比例分配”时使用，例如 0.5 表示领衔人得一半。"),
    )
    require_plenary = models.BooleanField(_("须出席全体会议"), default=True)
    min_activities = models.PositiveSmallIntegerField(_("最少参加活动次数"), default=3)
    min_proposals = models.PositiveSmallIntegerField(_("最少提案件数"), default=1)
    min_sentiments = models.PositiveSmallIntegerField(_("最少社情民意篇数"), default=1)
    part_year_duties = models.CharField(
        _("年中任职或离任委员的基本要求"),
        max_length=10,
        choices=PartYear.choices,
        default=PartYear.PRO_RATA,
        help_text=_(
            "折算：活动、提案、社情民意的最少次数按任职天数比例计（向下取整），不要求出席年初的全体会议。"
        ),
    )
    duties_unmet_grade = models.CharField(
        _("未完成基本要求时最高等次"),
        max_length=10,
        blank=True,
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
    points = models.DecimalField(
        _("每次分值"), max_digits=6, decimal_places=2, default=0, help_text=_("负数表示扣分。")
    )
    standing_points = models.DecimalField(
        _("常委分值"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("常委另有标准时填写，留空则与委员相同。"),
    )
    cap = models.DecimalField(
        _("年度上限"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("留空表示不设上限。"),
    )

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
    cap = models.DecimalField(
        _("年度上限"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )

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

    year = models.PositiveSmallIntegerField(_("年度"), validators=[plausible_year])
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("委员")
    )
    points_by_category = models.JSONField(_("分类得分"), default=dict)
    total = models.DecimalField(_("总分"), max_digits=8, decimal_places=2)
    rank = models.PositiveIntegerField(_("全体排名"))
    rank_in_sector = models.PositiveIntegerField(_("界别内排名"))
    rank_in_committee = models.PositiveIntegerField(_("专委会内排名"), null=True, blank=True)
    grade = models.CharField(_("等次"), max_length=10, blank=True)
    duties_met = models.BooleanField(_("完成基本履职要求"), default=True)
    duties_missing = models.JSONField(_("未完成的要求"), default=list)
    # Days of the year the member served: fewer than the year has means a part year (年中任职或离任).
    served_days = models.PositiveSmallIntegerField(_("任职天数"), default=365)
    part_year = models.BooleanField(_("部分年度"), default=False)
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        ordering = ["year", "rank"]
        verbose_name = _("年度履职考评")
        verbose_name_plural = _("年度履职考评")
        constraints = [
            models.UniqueConstraint(fields=["year", "member"], name="evaluation_unique_member_year")
        ]
        indexes = [models.Index(fields=["year", "rank"], name="evaluation_year_rank")]

    def __str__(self) -> str:
        return f"{self.year} {self.member}"


class EvaluationSummary(models.Model):
    """The year's evaluation in figures, written by the rollup in the transaction that writes the rows
    it sums — so the dashboard reads a city's grades and averages from one row, equal to the list."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True, validators=[plausible_year])
    grades = models.JSONField(_("各等次人数"), default=dict)  # grade → members
    by_sector = models.JSONField(_("各界别总分"), default=list)  # [sector id, members, total in cents]
    by_committee = models.JSONField(_("各专委会总分"), default=list)  # [committee id or null, members, cents]
    unmet = models.PositiveIntegerField(_("未达基本履职要求人数"), default=0)
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        verbose_name = _("年度考评汇总")
        verbose_name_plural = _("年度考评汇总")

    def __str__(self) -> str:
        return str(self.year)


class EvaluationRun(models.Model):
    """One run of a year's rollup: its state, how long it took, and the committee's medians."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("计算中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    year = models.PositiveSmallIntegerField(_("年度"), validators=[plausible_year])
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
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(status__in=["queued", "running"]),
                name="one_active_run_per_year",
                violation_error_message=_("这一年度的考评正在计算中，请等待完成。"),
            ),
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
    min_grade = models.CharField(
        _("最低等次"), max_length=10, blank=True, help_text=_("留空表示不限等次，例如“优秀”。")
    )
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

    year = models.PositiveSmallIntegerField(_("年度"), validators=[plausible_year])
    kind = models.ForeignKey(
        AwardKind, on_delete=models.PROTECT, related_name="awards", verbose_name=_("表彰")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="awards", verbose_name=_("委员")
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    reason = models.CharField(_("提名依据"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
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
