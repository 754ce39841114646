"""The filters of a year's evaluation list."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cppcc.lists import IdChoiceFilter, ListFilter
from members.models import Sector, SpecialCommittee

from .models import AnnualEvaluation

SORTS = {
    "rank": ("rank", "member__name"),
    "total": ("total", "-rank"),
    "name": ("member__name",),
    "sector": ("member__sector__order", "rank_in_sector"),
    "committee": ("member__committee__order", "rank_in_committee"),
}


class EvaluationFilter(ListFilter):
    sector = IdChoiceFilter(
        label=_("界别"), queryset=Sector.objects.all(), empty_label=_("全部"), field_name="member__sector"
    )
    committee = IdChoiceFilter(
        label=_("专委会"),
        queryset=SpecialCommittee.objects.all(),
        empty_label=_("全部"),
        field_name="member__committee",
    )
    grade = django_filters.ChoiceFilter(label=_("等次"), empty_label=_("全部"))
    duties = django_filters.ChoiceFilter(
        label=_("基本要求"),
        choices=[("unmet", _("未完成")), ("met", _("已完成"))],
        empty_label=_("全部"),
        method="filter_duties",
    )
    standing = django_filters.ChoiceFilter(
        label=_("常委"), choices=[("1", _("仅常委"))], empty_label=_("全部"), method="filter_standing"
    )
    sort = django_filters.ChoiceFilter(
        label=_("排序"),
        empty_label=None,
        method="sort_by",
        choices=[
            ("rank", _("按排名")),
            ("total", _("总分由低到高")),
            ("name", _("按姓名")),
            ("sector", _("按界别")),
            ("committee", _("按专委会")),
        ],
    )

    class Meta:
        model = AnnualEvaluation
        fields = ["sector", "committee", "grade", "duties", "standing", "sort"]

    def __init__(self, *args: Any, grades: list[str] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.filters["grade"].extra["choices"] = [(g, g) for g in grades]
        self.form.fields["grade"].choices = [("", _("全部")), *((g, g) for g in grades)]

    @property
    def qs(self) -> QuerySet[AnnualEvaluation]:
        queryset = super().qs
        # Sorting is part of the list: without a valid choice it is by rank.
        if not self.form.cleaned_data.get("sort"):
            queryset = queryset.order_by(*SORTS["rank"])
        return queryset

    def filter_duties(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(duties_met=value == "met")

    def filter_standing(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(member__is_standing=True) if value == "1" else queryset

    def sort_by(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.order_by(*SORTS.get(value, SORTS["rank"]))
