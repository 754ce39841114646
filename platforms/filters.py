"""The filters of the platform directory and the consultation list."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc.lists import IdChoiceFilter, ListFilter, YearFilter

from .models import Platform, PlatformSession, Township

F = PlatformSession.FollowUp


def overdue() -> Q:
    """Not done and past its due date, by the committee's calendar."""
    return ~Q(follow_up=F.DONE) & Q(follow_up_due__lt=timezone.localdate())


class PlatformFilter(ListFilter):
    level = django_filters.ChoiceFilter(
        label=_("层级"), choices=Platform.Level.choices, empty_label=_("全部层级")
    )
    township = IdChoiceFilter(label=_("乡镇（街道）"), queryset=Township.objects.all(), empty_label=_("全部"))
    active = django_filters.ChoiceFilter(
        label=_("运行状态"),
        choices=[("1", _("运行中")), ("0", _("已停用"))],
        empty_label=_("全部"),
        method="filter_active",
    )

    class Meta:
        model = Platform
        fields = ["level", "township", "active"]

    def filter_active(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(is_active=value == "1")


class SessionFilter(ListFilter):
    year = YearFilter(field_name="date__year")
    setting = django_filters.ChoiceFilter(
        label=_("协商形式"), choices=PlatformSession.Setting.choices, empty_label=_("全部")
    )
    follow_up = django_filters.ChoiceFilter(
        label=_("办理落实"),
        empty_label=_("全部"),
        method="filter_follow_up",
        choices=[*F.choices, ("open", _("未办结")), ("overdue", _("逾期未办结"))],
    )
    township = IdChoiceFilter(
        label=_("乡镇（街道）"),
        queryset=Township.objects.all(),
        empty_label=_("全部"),
        field_name="platform__township",
    )

    class Meta:
        model = PlatformSession
        fields = ["year", "setting", "follow_up", "township"]

    def filter_follow_up(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "overdue":
            return queryset.filter(overdue())
        if value == "open":
            return queryset.exclude(follow_up=F.DONE)
        return queryset.filter(follow_up=value)
