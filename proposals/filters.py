"""The filters of the proposal and 社情民意 lists (and the links the dashboard makes into them)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cppcc.lists import ListFilter, YearFilter, search_filter
from members.kinds import AdoptionLevel
from members.validators import normalize_name

from .models import Proposal, SentimentReport


class ProposalFilter(ListFilter):
    q = search_filter(_("案由、领衔人或承办单位"))
    year = YearFilter(field_name="year")
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=Proposal.Status.choices, empty_label=_("全部状态")
    )
    filed = django_filters.ChoiceFilter(
        label=_("立案"),
        choices=[("1", _("已立案（含已交办、已答复）")), ("0", _("未立案"))],
        empty_label=_("全部"),
        method="filter_filed",
    )
    key = django_filters.ChoiceFilter(
        label=_("重点提案"), choices=[("1", _("仅重点提案"))], empty_label=_("全部"), method="filter_key"
    )

    class Meta:
        model = Proposal
        fields = ["q", "year", "status", "filed", "key"]

    def filter_filed(self, queryset: QuerySet[Proposal], name: str, value: str) -> QuerySet[Proposal]:
        filed = Q(status__in=Proposal.FILED_STATES)
        return queryset.filter(filed) if value == "1" else queryset.exclude(filed)

    def search(self, queryset: QuerySet[Proposal], name: str, value: str) -> QuerySet[Proposal]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(lead__name__icontains=normalize_name(value))
            | Q(handling_unit__icontains=value)
        )

    def filter_key(self, queryset: QuerySet[Proposal], name: str, value: str) -> QuerySet[Proposal]:
        return queryset.filter(is_key=True) if value == "1" else queryset


class SentimentFilter(ListFilter):
    q = search_filter(_("标题或反映人"))
    year = YearFilter(field_name="year")
    level = django_filters.ChoiceFilter(
        label=_("采用情况"),
        choices=[*AdoptionLevel.choices, ("none", _("未采用"))],
        empty_label=_("全部"),
        method="filter_level",
    )
    instructed = django_filters.ChoiceFilter(
        label=_("领导批示"), choices=[("1", _("仅获批示"))], empty_label=_("全部"), method="filter_instructed"
    )

    class Meta:
        model = SentimentReport
        fields = ["q", "year", "level", "instructed"]

    def search(self, queryset: QuerySet[SentimentReport], name: str, value: str) -> QuerySet[SentimentReport]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(authors__name__icontains=normalize_name(value))
        ).distinct()

    def filter_level(
        self, queryset: QuerySet[SentimentReport], name: str, value: str
    ) -> QuerySet[SentimentReport]:
        return queryset.filter(adoption_level="" if value == "none" else value)

    def filter_instructed(self, queryset: QuerySet[SentimentReport], name: str, value: str) -> QuerySet:
        return queryset.filter(instruction_on__isnull=False) if value == "1" else queryset
