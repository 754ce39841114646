from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cppcc.forms import DateInput
from cppcc.lists import IdChoiceFilter, ListFilter, search_filter

from .kinds import SELF_REPORTED
from .models import DossierEntry, LiaisonGroup, Member, Sector, SpecialCommittee, Term
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


class ReviewFilter(ListFilter):
    """The queue of members' own reports waiting for review."""

    q = search_filter(_("委员姓名或事项"))
    kind = django_filters.ChoiceFilter(
        label=_("类别"), choices=[(k.value, k.label) for k in SELF_REPORTED], empty_label=_("全部类别")
    )
    since = django_filters.DateFilter(
        label=_("日期从"), field_name="date", lookup_expr="gte", widget=DateInput()
    )
    until = django_filters.DateFilter(
        label=_("日期至"), field_name="date", lookup_expr="lte", widget=DateInput()
    )
    order = django_filters.ChoiceFilter(
        label=_("排序"),
        empty_label=None,
        method="sort",
        choices=[("submitted", _("按提交先后")), ("-date", _("日期由近到远")), ("date", _("日期由远到近"))],
    )

    class Meta:
        model = DossierEntry
        fields = ["q", "kind", "since", "until", "order"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(member__name__icontains=normalize_name(value)) | Q(title__icontains=value))

    def sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.order_by({"submitted": "created_at", "-date": "-date", "date": "date"}[value], "pk")
