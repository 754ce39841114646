"""The filter of the 社情民意 list, and the links the dashboard and the figures page make into it:
`level=<tier>` (adopted at that level), `level=none` (adopted nowhere), `instructed=1`, `compiled=1` (or 0)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cppcc.lists import ListFilter, YearFilter, search_filter
from members.validators import normalize_name

from .models import (
    SentimentForwarding,
    SentimentInstruction,
    SentimentIssueItem,
    SentimentLevel,
    SentimentReport,
)


def level_choices() -> list[tuple[str, Any]]:
    return [
        *((level.tier, level.name) for level in SentimentLevel.objects.order_by("order", "pk")),
        ("none", _("未采用")),
    ]


def adopted_at(tier: str | None = None) -> Exists:
    """The report has a 采用 record (at this tier's level, when one is named)."""
    records = SentimentForwarding.objects.filter(
        report=OuterRef("pk"), action=SentimentForwarding.Action.ADOPTED
    )
    return Exists(records.filter(level__tier=tier) if tier else records)


def instructed() -> Exists:
    return Exists(SentimentInstruction.objects.filter(report=OuterRef("pk")))


def compiled() -> Exists:
    return Exists(SentimentIssueItem.objects.filter(report=OuterRef("pk")))


class SentimentFilter(ListFilter):
    q = search_filter(_("标题或反映人"))
    year = YearFilter(field_name="year")
    level = django_filters.ChoiceFilter(
        label=_("采用情况"), choices=level_choices, empty_label=_("全部"), method="filter_level"
    )
    instructed = django_filters.ChoiceFilter(
        label=_("领导批示"), choices=[("1", _("仅获批示"))], empty_label=_("全部"), method="filter_instructed"
    )

    compiled = django_filters.ChoiceFilter(
        label=_("编报"),
        choices=[("1", _("已编报")), ("0", _("未编报"))],
        empty_label=_("全部"),
        method="filter_compiled",
    )

    class Meta:
        model = SentimentReport
        fields = ["q", "year", "level", "instructed", "compiled"]

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
        if value == "none":
            return queryset.filter(~adopted_at())
        return queryset.filter(adopted_at(value))

    def filter_instructed(self, queryset: QuerySet[SentimentReport], name: str, value: str) -> QuerySet:
        return queryset.filter(instructed()) if value == "1" else queryset

    def filter_compiled(self, queryset: QuerySet[SentimentReport], name: str, value: str) -> QuerySet:
        return queryset.filter(compiled() if value == "1" else ~compiled())
