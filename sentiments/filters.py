"""The filter of the 社情民意 list (and the links the dashboard and the figures page make into it)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cppcc.lists import ListFilter, YearFilter, search_filter
from members.kinds import AdoptionLevel
from members.validators import normalize_name

from .models import SentimentReport


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
