from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cppcc.lists import IdChoiceFilter, ListFilter, search_filter

from .models import LiaisonGroup, Member, Sector, SpecialCommittee, Term
from .roster.columns import PARTY_NAMES
from .validators import normalize_name

PARTY_CHOICES = [(name, name) for name in PARTY_NAMES]


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
    office = django_filters.ChoiceFilter(
        label=_("政协职务"), choices=Member.Office.choices, empty_label=_("全部职务")
    )
    party = django_filters.ChoiceFilter(label=_("党派"), choices=PARTY_CHOICES, empty_label=_("全部党派"))
    education = django_filters.ChoiceFilter(
        label=_("学历"), choices=Member.Education.choices, empty_label=_("全部学历")
    )
    liaison_group = IdChoiceFilter(
        label=_("联络组"), queryset=LiaisonGroup.objects.all(), empty_label=_("全部联络组")
    )

    class Meta:
        model = Member
        fields = [
            "q",
            "sector",
            "committee",
            "is_standing",
            "status",
            "term",
            "office",
            "party",
            "education",
            "liaison_group",
        ]

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
