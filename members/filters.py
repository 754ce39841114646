from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cppcc.lists import IdChoiceFilter, ListFilter, search_filter

from .models import Member, Sector, SpecialCommittee, Term
from .validators import normalize_name


class MemberFilter(ListFilter):
    q = search_filter(_("姓名、手机号或工作单位"))
    sector = IdChoiceFilter(label=_("界别"), queryset=Sector.objects.all(), empty_label=_("全部界别"))
    committee = IdChoiceFilter(
        label=_("专委会"), queryset=SpecialCommittee.objects.all(), empty_label=_("全部专委会")
    )
    is_standing = django_filters.ChoiceFilter(
        label=_("常委"),
        choices=[("1", _("仅常委")), ("0", _("非常委"))],
        method="filter_standing",
        empty_label=_("常委与委员"),
    )
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=Member.Status.choices, empty_label=_("全部状态")
    )
    term = IdChoiceFilter(label=_("届别"), queryset=Term.objects.all(), empty_label=_("全部届别"))

    class Meta:
        model = Member
        fields = ["q", "sector", "committee", "is_standing", "status", "term"]

    def search(self, queryset: QuerySet[Member], name: str, value: str) -> QuerySet[Member]:
        value = value.strip()
        if not value:
            return queryset
        # Names are stored without the spaces offices pad them with; a query typed with them still finds.
        return queryset.filter(
            Q(name__icontains=normalize_name(value))
            | Q(phone__startswith=value)
            | Q(employer__icontains=value)
        )

    def filter_standing(self, queryset: QuerySet[Member], name: str, value: str) -> QuerySet[Member]:
        return queryset.filter(is_standing=value == "1")
