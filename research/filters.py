"""The filters of the year's research plan and of the instructions being followed up."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc.lists import ListFilter, YearFilter

from .models import ReportInstruction, ResearchReport, ResearchTopic

_YES_NO = [("1", _("是")), ("0", _("否"))]


class TopicFilter(ListFilter):
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=ResearchTopic.Status.choices, empty_label=_("全部")
    )
    report = django_filters.ChoiceFilter(
        label=_("形成报告"), choices=_YES_NO, empty_label=_("全部"), method="filter_report"
    )
    instructed = django_filters.ChoiceFilter(
        label=_("获领导批示"), choices=_YES_NO, empty_label=_("全部"), method="filter_instructed"
    )
    overdue = django_filters.ChoiceFilter(
        label=_("逾期"), choices=[("1", _("逾期未形成报告"))], empty_label=_("全部"), method="filter_overdue"
    )

    class Meta:
        model = ResearchTopic
        fields = ["status", "report", "instructed", "overdue"]

    def filter_report(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        has = Exists(ResearchReport.objects.filter(topic=OuterRef("pk")))
        return queryset.filter(has if value == "1" else ~has)

    def filter_instructed(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        has = Exists(ReportInstruction.objects.filter(report__topic=OuterRef("pk")))
        return queryset.filter(has if value == "1" else ~has)

    def filter_overdue(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(status__in=ResearchTopic.OPEN_STATES, planned_end__lt=timezone.localdate())


class InstructionFilter(ListFilter):
    year = YearFilter(field_name="report__topic__year")
    follow_up = django_filters.ChoiceFilter(
        label=_("办理情况"),
        empty_label=_("全部"),
        method="filter_follow_up",
        choices=[*ReportInstruction.FollowUp.choices, ("open", _("未办结"))],
    )

    class Meta:
        model = ReportInstruction
        fields = ["year", "follow_up"]

    def filter_follow_up(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "open":
            return queryset.exclude(follow_up=ReportInstruction.FollowUp.DONE)
        return queryset.filter(Q(follow_up=value))
