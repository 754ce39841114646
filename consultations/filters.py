"""The filters of the meeting list."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cppcc.lists import ListFilter, YearFilter, search_filter

from .models import Meeting, MeetingKind


class MeetingFilter(ListFilter):
    q = search_filter(_("名称、议题或地点"))
    year = YearFilter(field_name="start_date__year")
    kind = django_filters.ModelChoiceFilter(
        label=_("类型"), queryset=MeetingKind.objects.all(), to_field_name="code", empty_label=_("全部类型")
    )
    group = django_filters.ChoiceFilter(
        label=_("归类"),
        choices=MeetingKind.Group.choices,
        empty_label=_("全部归类"),
        field_name="kind__group",
    )

    class Meta:
        model = Meeting
        fields = ["q", "year", "group", "kind"]

    def search(self, queryset: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(topic__icontains=value) | Q(place__icontains=value)
        )
