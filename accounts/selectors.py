from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from members.models import Member
from proposals.models import Assignment, HandlingUnit, Reply

from .models import PasswordChangeRequired


def must_change_password(user: Any) -> bool:
    return PasswordChangeRequired.objects.filter(user=user).exists()


def without_account_count() -> int:
    return Member.objects.filter(status=Member.Status.ACTIVE, user__isnull=True).count()


def _count(queryset: Any) -> Coalesce:
    return Coalesce(Subquery(queryset.order_by().values("unit").annotate(n=Count("pk")).values("n")[:1]), 0)


def unit_list(*, year: int) -> QuerySet[HandlingUnit]:
    """Every handling unit with the year's work: the proposals it answers for (主办 or 分办, still its
    own: as the figures and the proposal list count them), those it replied to, those overdue, its
    会办; and its working logins. One query."""
    from proposals.filters import overdue_q

    mine = Assignment.objects.filter(unit=OuterRef("pk"), is_active=True, proposal__year=year)
    assigned = mine.filter(role__in=Assignment.REPLYING_ROLES).annotate(
        replied=Exists(Reply.objects.filter(assignment=OuterRef("pk")))
    )
    return HandlingUnit.objects.annotate(
        assigned=_count(assigned),
        answered=_count(assigned.filter(replied=True)),
        overdue=_count(assigned.filter(overdue_q(timezone.localdate()))),
        co=_count(mine.filter(role=Assignment.Role.CO)),
        logins=Count("users", filter=Q(users__is_active=True), distinct=True),
    ).order_by("-is_active", "name")


def unit_page(*, unit: HandlingUnit) -> dict[str, Any]:
    return {
        "logins": list(unit.users.select_related("contact").order_by("-is_active", "username")),
        "history": unit.history.select_related("history_user").order_by("-history_date")[:50],
    }
