from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cppcc.lists import ListFilter, search_filter

from .models import Broadcast, Channel, Delivery, NoticeKind


class NoticeFilter(ListFilter):
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=NoticeKind.choices, empty_label=_("全部消息"))
    state = django_filters.ChoiceFilter(
        label=_("阅读"),
        choices=[("unread", _("未读")), ("read", _("已读"))],
        empty_label=_("全部"),
        method="by_state",
    )

    def by_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(read_at__isnull=value == "unread")


class BroadcastFilter(ListFilter):
    q = search_filter(_("标题"))
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=Broadcast.Status.choices, empty_label=_("全部状态")
    )

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(title__icontains=value.strip())


class DeliveryFilter(ListFilter):
    q = search_filter(_("姓名或标题"))
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=Delivery.Status.choices, empty_label=_("全部状态")
    )
    channel = django_filters.ChoiceFilter(
        label=_("渠道"),
        choices=[c for c in Channel.choices if c[0] != Channel.IN_APP],
        empty_label=_("全部渠道"),
    )

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(
            Q(notice__member__name__icontains=value)
            | Q(notice__user__first_name__icontains=value)
            | Q(notice__title__icontains=value)
        )
