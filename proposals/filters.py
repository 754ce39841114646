"""The filters of the proposal lists (and the links the dashboard makes into them)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc.lists import IdChoiceFilter, ListFilter, YearFilter, search_filter
from members.models import Sector
from members.validators import normalize_name

from .figures import STAGE_LABELS, STAGES, answering_unit, with_overdue, with_reply
from .models import Assignment, HandlingUnit, Proposal


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
    # What the figures count (提交, 立案, 交办, 已办复, 测评) and by what (类别, 界别, 承办单位):
    # each figure of the stats page and the dashboard links here with these.
    stage = django_filters.ChoiceFilter(
        label=_("办理环节"), choices=list(STAGE_LABELS.items()), empty_label=_("全部"), method="filter_stage"
    )
    category = django_filters.ChoiceFilter(
        label=_("类别"),
        choices=[*Proposal.Category.choices, ("none", _("未分类"))],
        empty_label=_("全部类别"),
        method="filter_category",
    )
    sector = IdChoiceFilter(
        label=_("界别"),
        queryset=Sector.objects.order_by("name"),
        empty_label=_("全部界别"),
        method="filter_sector",
    )
    author = django_filters.ChoiceFilter(
        label=_("提案者"),
        choices=[("member", _("委员个人提案")), ("collective", _("集体提案"))],
        empty_label=_("全部"),
        method="filter_author",
    )
    unit = IdChoiceFilter(
        label=_("承办单位"),
        queryset=HandlingUnit.objects.order_by("name"),
        empty_label=_("全部单位"),
        method="filter_unit",
    )
    overdue = django_filters.ChoiceFilter(
        label=_("超期"), choices=[("1", _("仅超期未答复"))], empty_label=_("全部"), method="filter_overdue"
    )

    class Meta:
        model = Proposal
        fields = ["q", "year", "status", "filed", "key", "stage", "category", "sector", "author", "unit"]

    def filter_queryset(self, queryset: QuerySet[Proposal]) -> QuerySet[Proposal]:
        # 已办复 of a unit's list means that unit's own reply.
        unit = self.form.cleaned_data.get("unit")
        return super().filter_queryset(with_overdue(with_reply(queryset, unit)))

    def filter_stage(self, queryset: QuerySet[Proposal], name: str, value: str) -> QuerySet[Proposal]:
        return queryset.filter(STAGES[value])

    def filter_category(self, queryset: QuerySet[Proposal], name: str, value: str) -> QuerySet[Proposal]:
        return queryset.filter(category="" if value == "none" else value)

    def filter_sector(self, queryset: QuerySet[Proposal], name: str, value: Sector) -> QuerySet[Proposal]:
        # The lead's 界别, or the 界别 a 集体提案 comes from (as the figures count them).
        return queryset.filter(Q(lead__sector=value) | Q(author_sector=value))

    def filter_author(self, queryset: QuerySet[Proposal], name: str, value: str) -> QuerySet[Proposal]:
        individual = Q(author_kind=Proposal.Author.MEMBER)
        return queryset.filter(individual) if value == "member" else queryset.exclude(individual)

    def filter_unit(self, queryset: QuerySet[Proposal], name: str, value: HandlingUnit) -> QuerySet[Proposal]:
        return queryset.filter(answering_unit(value))

    def filter_overdue(self, queryset: QuerySet[Proposal], name: str, value: str) -> QuerySet[Proposal]:
        return queryset.filter(**{"has_overdue": True}) if value == "1" else queryset

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
            | Q(author_sector__name__icontains=value)
            | Q(author_committee__name__icontains=value)
            | Q(author_group__icontains=value)
            | Q(handling_unit__icontains=value)
        )

    def filter_key(self, queryset: QuerySet[Proposal], name: str, value: str) -> QuerySet[Proposal]:
        return queryset.filter(is_key=True) if value == "1" else queryset


def overdue_q(today: dt.date) -> Q:
    """An assignment that owes a reply past its deadline: a 主办 or 分办 still active, the proposal
    waiting for an answer, and no reply yet."""
    return Q(
        is_active=True,
        role__in=Assignment.REPLYING_ROLES,
        proposal__status=Proposal.Status.ASSIGNED,
        deadline__lt=today,
        **{"replied": False},  # annotated by the selector (an EXISTS on its replies)
    )


class AssignmentFilter(ListFilter):
    """The units' list: what to sign for, what to answer, what is overdue."""

    STATES = [
        ("to_sign", _("待签收")),
        ("to_reply", _("待答复")),
        ("overdue", _("已超期")),
        ("replied", _("已答复")),
        ("returned", _("已退回")),
    ]
    q = search_filter(_("案由或领衔人"))
    year = YearFilter(field_name="proposal__year")
    state = django_filters.ChoiceFilter(
        label=_("办理状态"), choices=STATES, empty_label=_("全部"), method="filter_state"
    )
    role = django_filters.ChoiceFilter(
        label=_("办理方式"), choices=Assignment.Role.choices, empty_label=_("全部")
    )

    class Meta:
        model = Assignment
        fields = ["q", "year", "state", "role"]

    def search(self, queryset: QuerySet[Assignment], name: str, value: str) -> QuerySet[Assignment]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(proposal__title__icontains=value) | Q(proposal__lead__name__icontains=normalize_name(value))
        )

    def filter_state(self, queryset: QuerySet[Assignment], name: str, value: str) -> QuerySet[Assignment]:
        today = timezone.localdate()
        if value == "to_sign":
            return queryset.filter(is_active=True, signed_on__isnull=True)
        if value == "to_reply":
            return queryset.filter(
                is_active=True, role__in=Assignment.REPLYING_ROLES, proposal__status=Proposal.Status.ASSIGNED
            )
        if value == "overdue":
            return queryset.filter(overdue_q(today))
        if value == "replied":
            return queryset.filter(**{"replied": True})
        if value == "returned":
            return queryset.filter(is_active=False)
        return queryset
