"""社情民意信息: what members report, every forwarding (报送) and adoption (采用) as its own dated
record at a configurable level, and any number of leaders' instructions (批示) with their follow-up."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.storage import private_storage
from cppcc.validators import check_date_order, past_work_date, plausible_year
from members.models import Member


class SentimentLevel(models.Model):
    """A level a report goes to (本级, 上级市, 省, 全国). The committee names them as it likes (a
    county-level city says 郑州市 for 上级市); the fixed tier decides which dossier kind an adoption
    at that level scores as."""

    class Tier(models.TextChoices):
        LOCAL = "local", _("本级")
        CITY = "city", _("上级市")
        PROVINCE = "province", _("省级")
        NATIONAL = "national", _("全国")

    name = models.CharField(_("级别名称"), max_length=30, unique=True)
    tier = models.CharField(_("层级"), max_length=10, choices=Tier.choices, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    history = HistoricalRecords(verbose_name=_("社情民意级别历史"))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("社情民意级别")
        verbose_name_plural = _("社情民意级别")

    def __str__(self) -> str:
        return self.name


def attachment_path(instance: SentimentReport, filename: str) -> str:
    # The stored name is not the uploaded one: nothing a user types ends up in a path.
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    return f"sentiments/{instance.year}/{stamp}.{instance.attachment_kind}"


class SentimentReport(models.Model):
    """社情民意信息: one or more members report it; forwardings, adoptions and 批示 hang below it."""

    year = models.PositiveSmallIntegerField(_("年度"), validators=[plausible_year])
    title = models.CharField(_("标题"), max_length=200)
    content = models.TextField(_("内容摘要"), blank=True)
    suggestion = models.TextField(_("意见建议"), blank=True)
    authors = models.ManyToManyField(Member, related_name="sentiment_reports", verbose_name=_("反映人"))
    reported_on = models.DateField(_("报送日期"), validators=[past_work_date])
    # A photo or a document the member adds from the phone; served only through access.
    attachment = models.FileField(_("附件"), storage=private_storage, upload_to=attachment_path, blank=True)
    attachment_name = models.CharField(_("附件原文件名"), max_length=200, blank=True)
    attachment_kind = models.CharField(_("附件类型"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("社情民意历史"), m2m_fields=[authors])

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("社情民意信息")
        verbose_name_plural = _("社情民意信息")
        indexes = [models.Index(fields=["year", "reported_on"], name="sentiment_year_reported")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("sentiments:detail", args=[self.pk])


class SentimentForwarding(models.Model):
    """One dated step of a report upward: 报送 to a level, or 采用 by it. A report adopted by the city
    and then by the province has two 采用 records."""

    class Action(models.TextChoices):
        FORWARDED = "forwarded", _("报送")
        ADOPTED = "adopted", _("采用")

    # Set for the report's page, never stored: this record's edit form, open after a refused save.
    form: Any
    open_form: bool

    report = models.ForeignKey(
        SentimentReport, on_delete=models.CASCADE, related_name="forwardings", verbose_name=_("社情民意信息")
    )
    action = models.CharField(_("类型"), max_length=10, choices=Action.choices)
    level = models.ForeignKey(
        SentimentLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("级别")
    )
    date = models.DateField(_("日期"), validators=[past_work_date])
    body = models.CharField(_("报送或采用单位"), max_length=100, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    history = HistoricalRecords(verbose_name=_("报送采用历史"))

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("报送采用记录")
        verbose_name_plural = _("报送采用记录")
        indexes = [models.Index(fields=["action", "level"], name="sentiment_fwd_action_level")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.level} {self.date}"


class SentimentInstruction(models.Model):
    """批示 on a report: who, at what level, when, what; the department that follows it up and its
    feedback. Each 批示 scores on its own, so it is a dossier source of its own."""

    # Set for the report's page, never stored: this record's edit form, open after a refused save.
    form: Any
    open_form: bool

    report = models.ForeignKey(
        SentimentReport, on_delete=models.CASCADE, related_name="instructions", verbose_name=_("社情民意信息")
    )
    leader = models.CharField(_("批示领导"), max_length=100)
    level = models.ForeignKey(
        SentimentLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("批示级别")
    )
    date = models.DateField(_("批示日期"), validators=[past_work_date])
    content = models.TextField(_("批示内容"), blank=True)
    department = models.CharField(_("落实部门"), max_length=100, blank=True)
    feedback = models.TextField(_("落实反馈"), blank=True)
    feedback_on = models.DateField(_("反馈日期"), validators=[past_work_date], null=True, blank=True)

    history = HistoricalRecords(verbose_name=_("社情民意批示历史"))

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("社情民意批示")
        verbose_name_plural = _("社情民意批示")

    def __str__(self) -> str:
        return f"{self.leader} {self.date}"

    def get_absolute_url(self) -> str:
        return f"{reverse('sentiments:detail', args=[self.report_id])}#instruction-{self.pk}"

    def clean(self) -> None:
        check_date_order(self, ["date", "feedback_on"])


class SentimentIssue(models.Model):
    """编报: a numbered issue of 《社情民意》 compiling selected reports (第 N 期, numbered per year)."""

    year = models.PositiveSmallIntegerField(_("年度"), validators=[plausible_year])
    number = models.PositiveSmallIntegerField(_("期号"))
    date = models.DateField(_("编发日期"), validators=[past_work_date])
    title = models.CharField(_("本期标题"), max_length=200, blank=True)
    note = models.TextField(_("编者按"), blank=True)
    reports = models.ManyToManyField(
        SentimentReport, through="SentimentIssueItem", related_name="issues", verbose_name=_("所编信息")
    )

    history = HistoricalRecords(verbose_name=_("编报历史"))

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("社情民意编报")
        verbose_name_plural = _("社情民意编报")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"],
                name="sentiment_issue_unique_number",
                violation_error_message=_("本年度已有这一期，请换一个期号。"),
            )
        ]

    def __str__(self) -> str:
        return str(_("《社情民意》%(year)s年第%(n)s期") % {"year": self.year, "n": self.number})

    def get_absolute_url(self) -> str:
        return reverse("sentiments:issue", args=[self.pk])


class SentimentIssueItem(models.Model):
    """A report's place in an issue. A report is compiled once: it then leaves the 未编报 list."""

    issue = models.ForeignKey(SentimentIssue, on_delete=models.CASCADE, related_name="items")
    report = models.ForeignKey(SentimentReport, on_delete=models.PROTECT, related_name="issue_items")
    position = models.PositiveSmallIntegerField(_("顺序"))

    # Set for the issue's page, never stored: this item's fields of the contents form.
    pos_field: Any
    remove_field: Any

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("编报篇目")
        verbose_name_plural = _("编报篇目")
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                name="sentiment_item_compiled_once",
                violation_error_message=_("这篇信息已编入其他一期。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.issue_id}-{self.position}"
