"""A year's proposal figures (提交, 立案, 立案率, 交办, 办复率, 满意率, 基本满意率), overall and by unit,
category and 界别. Each count is defined once here, as a condition the proposal list filters by too,
so every figure links to a list of exactly its rows. A fixed number of queries whatever the data.

集体提案 (from a 界别, 专委会 or 党派团体) count in every stage like a member's; `collective` is their own
figure. 办复率 = proposals answered (or reopened after a reply) ÷ proposals assigned; 满意率 and 基本满意率 = the lead proposer's
verdict (满意 / 基本满意) ÷ proposals rated. A unit's figures count the proposals it answers for
(主办 or 分办), a reply being its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc import prepared

from .models import Assignment, Proposal, Reply

P = Proposal.Status


def stages(prefix: str = "", reply: str = "has_reply") -> dict[str, Q]:
    """Each counted stage as a condition on a proposal (reached through `prefix`)."""

    def q(**lookups: Any) -> Q:
        return Q(**{(k if k == reply else prefix + k): v for k, v in lookups.items()})

    return {
        # 提交: everything that reached the committee (a draft, a withdrawn or returned one has not).
        "submitted": ~q(status__in=[P.DRAFT, P.WITHDRAWN, P.RETURNED]),
        "filed": q(status__in=Proposal.FILED_STATES),
        "assigned": q(status__in=[P.ASSIGNED, P.ANSWERED]),
        # 已办复: answered (every unit that owes a reply gave it; records typed in before replies were
        # kept count too), or sent back for 重新办理 after a first reply.
        "replied": q(status=P.ANSWERED) | q(status=P.ASSIGNED, **{reply: True}),
        "rated": ~q(verdict=""),
        "satisfied": q(verdict=Proposal.Verdict.SATISFIED),
        "basic": q(verdict=Proposal.Verdict.BASIC),
        "unsatisfied": q(verdict=Proposal.Verdict.UNSATISFIED),
    }


STAGES = stages()
STAGE_LABELS = {
    "submitted": _("提交"),
    "filed": _("立案"),
    "assigned": _("交办"),
    "replied": _("已办复"),
    "rated": _("已测评"),
    "satisfied": _("满意"),
    "basic": _("基本满意"),
    "unsatisfied": _("不满意"),
}


def with_reply(queryset: Any, unit: Any = None) -> Any:
    """Annotate `has_reply`: the proposal has a reply (from `unit`, when the figures are a unit's)."""
    replies = Reply.objects.filter(proposal=OuterRef("pk"))
    if unit is not None:
        replies = replies.filter(assignment__unit=unit)
    return queryset.annotate(has_reply=Exists(replies))


def answering_unit(unit: Any) -> Q:
    """Proposals a unit answers for now: an active 主办 or 分办 assignment."""
    return Q(
        pk__in=Assignment.objects.filter(
            unit=unit, is_active=True, role__in=Assignment.REPLYING_ROLES
        ).values("proposal_id")
    )


def _counts() -> dict[str, Any]:
    return {stage: Count("pk", filter=condition) for stage, condition in STAGES.items()}


def _pct(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


@dataclass
class Row:
    """One line of figures: the counts, the rates, and the list each count links to."""

    label: Any
    counts: dict[str, int]
    params: dict[str, Any]

    def rate(self, part: str, whole: str) -> float | None:
        return _pct(self.counts.get(part, 0), self.counts.get(whole, 0))

    @property
    def filed_rate(self) -> float | None:
        return self.rate("filed", "submitted")

    @property
    def reply_rate(self) -> float | None:
        return self.rate("replied", "assigned")

    @property
    def satisfied_rate(self) -> float | None:
        return self.rate("satisfied", "rated")

    @property
    def basic_rate(self) -> float | None:
        return self.rate("basic", "rated")

    def link(self, stage: str) -> str:
        query = "&".join(f"{k}={v}" for k, v in {**self.params, "stage": stage}.items())
        return f"{reverse('proposals:list')}?{query}"

    def cells(self) -> list[tuple[str, int, str]]:
        return [(stage, self.counts.get(stage, 0), self.link(stage)) for stage in STAGES]


def with_overdue(queryset: Any, today: dt.date | None = None) -> Any:
    """Annotate `has_overdue`: a unit owes its reply past the deadline (see `filters.overdue_q`)."""
    from .filters import overdue_q

    late = Assignment.objects.annotate(
        replied=Exists(Reply.objects.filter(assignment=OuterRef("pk")))
    ).filter(overdue_q(today or timezone.localdate()), proposal=OuterRef("pk"))
    return queryset.annotate(has_overdue=Exists(late))


def year_figures_total(year: int) -> Row:
    """The year's totals (also the dashboard's): one query."""
    today = timezone.localdate()  # what is overdue depends on the day
    counts = prepared.aggregate(
        ("proposals.year_figures_total", year, today),
        lambda: with_overdue(with_reply(Proposal.objects.filter(year=year)), today),
        **_counts(),
        key=Count("pk", filter=Q(is_key=True)),
        overdue=Count("pk", filter=Q(has_overdue=True)),
        collective=Count("pk", filter=STAGES["submitted"] & ~Q(author_kind=Proposal.Author.MEMBER)),
    )
    return Row(_("全年"), counts, {"year": year})


def year_figures(year: int) -> dict[str, Any]:
    """The stats page: the year's totals, then by unit (ranked), by category and by 界别. Four queries."""
    total = year_figures_total(year)
    base = with_reply(Proposal.objects.filter(year=year))
    categories = dict(Proposal.Category.choices)
    by_category = []
    for r in base.values("category").annotate(**_counts()).order_by("category"):
        counts: dict[str, Any] = dict(r)
        category = counts.pop("category")
        label = categories.get(category, _("未分类"))
        by_category.append(Row(label, counts, {"year": year, "category": category or "none"}))
    by_sector = []
    # A 集体提案 from a 界别 counts under that 界别, a member's proposal under its lead's.
    rows = (
        base.annotate(
            sector_pk=Coalesce("lead__sector", "author_sector"),
            sector_name=Coalesce("lead__sector__name", "author_sector__name"),
        )
        .values("sector_pk", "sector_name")
        .annotate(**_counts())
        .order_by("sector_name")
    )
    for r in rows:
        counts = dict(r)
        sector, name = counts.pop("sector_pk"), counts.pop("sector_name")
        by_sector.append(Row(name or _("未填界别"), counts, {"year": year, "sector": sector or "none"}))
    return {"total": total, "by_unit": unit_rows(year), "by_category": by_category, "by_sector": by_sector}


def unit_rows(year: int) -> list[Row]:
    """Each unit's figures over the proposals it answers for (主办 or 分办), its own reply counting,
    ranked by 办复率 then 满意率. One query, grouped by unit."""
    own_reply = Reply.objects.filter(assignment=OuterRef("pk"))
    conditions = stages(prefix="proposal__", reply="own_reply")
    rows = []
    grouped = (
        Assignment.objects.filter(is_active=True, role__in=Assignment.REPLYING_ROLES, proposal__year=year)
        .annotate(own_reply=Exists(own_reply))
        .values("unit", "unit__name")
        .annotate(**{stage: Count("pk", filter=condition) for stage, condition in conditions.items()})
        .order_by("unit__name")
    )
    for r in grouped:
        counts: dict[str, Any] = dict(r)
        pk, name = counts.pop("unit"), counts.pop("unit__name")
        rows.append(Row(name, counts, {"year": year, "unit": pk}))
    rows.sort(key=lambda row: (-(row.reply_rate or 0), -(row.satisfied_rate or 0), str(row.label)))
    return rows
