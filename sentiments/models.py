"""社情民意信息: what members report, and (as the app grows) where it was forwarded, adopted and
instructed, and the numbered issues (编报) that compile it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.validators import check_date_order, past_work_date, plausible_year
from members.kinds import AdoptionLevel
from members.models import Member


class SentimentReport(models.Model):
    """社情民意信息: reported → adopted (市/省/全国) → instructed (批示)."""

    year = models.PositiveSmallIntegerField(_("年度"), validators=[plausible_year])
    title = models.CharField(_("标题"), max_length=200)
    content = models.TextField(_("内容摘要"), blank=True)
    suggestion = models.TextField(_("意见建议"), blank=True)
    authors = models.ManyToManyField(Member, related_name="sentiment_reports", verbose_name=_("反映人"))
    reported_on = models.DateField(_("报送日期"), validators=[past_work_date])
    adoption_level = models.CharField(_("采用级别"), max_length=10, choices=AdoptionLevel.choices, blank=True)
    adopted_on = models.DateField(_("采用日期"), validators=[past_work_date], null=True, blank=True)
    adopted_by = models.CharField(_("采用单位"), max_length=100, blank=True)
    instruction_by = models.CharField(_("批示领导"), max_length=100, blank=True)
    instruction_level = models.CharField(
        _("批示级别"), max_length=10, choices=AdoptionLevel.choices, blank=True
    )
    instruction_on = models.DateField(_("批示日期"), validators=[past_work_date], null=True, blank=True)
    instruction_content = models.TextField(_("批示内容"), blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("社情民意历史"), m2m_fields=[authors])

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("社情民意信息")
        verbose_name_plural = _("社情民意信息")
        constraints = [
            models.CheckConstraint(
                condition=Q(adoption_level="") | Q(adopted_on__isnull=False),
                name="sentiment_adoption_dated",
                violation_error_message=_("请填写采用日期。"),
            ),
            models.CheckConstraint(
                condition=Q(instruction_on__isnull=True) | ~Q(instruction_by=""),
                name="sentiment_instruction_by",
                violation_error_message=_("请填写批示领导。"),
            ),
        ]
        indexes = [models.Index(fields=["year", "adoption_level"], name="sentiment_year_level")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("sentiments:detail", args=[self.pk])

    def clean(self) -> None:
        check_date_order(self, ["reported_on", "adopted_on", "instruction_on"])

    @property
    def is_instructed(self) -> bool:
        return self.instruction_on is not None
