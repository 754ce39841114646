"""The research plan of a year and the figures the work report quotes (topics / reports / instructed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from cppcc import access

from .filters import InstructionFilter, TopicFilter
from .models import Participant, ReportInstruction, ResearchReport, ResearchTopic


def topic_list(*, user: Any, year: int, params: Any) -> TopicFilter:
    """The year's plan as the user may see it, filtered by the query string."""
    return TopicFilter(params, queryset=topics_of_year(access.visible_topics(user), year))


def instruction_list(*, params: Any) -> InstructionFilter:
    queryset = ReportInstruction.objects.select_related("report", "report__topic").order_by("-date", "-pk")
    return InstructionFilter(params, queryset=queryset)


def topics_of_year(queryset: QuerySet[ResearchTopic], year: int) -> QuerySet[Any]:
    return (
        queryset.filter(year=year)
        .select_related("committee", "report")
        .annotate(
            team=Count("participants", distinct=True),
            instructed=Exists(ReportInstruction.objects.filter(report__topic=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("member").filter(
                    role__in=[Participant.Role.LEAD, Participant.Role.AUTHOR]
                ),
            )
        )
        .order_by("pk")
    )


@dataclass(frozen=True)
class YearFigures:
    topics: int
    reports: int
    instructed: int
    overdue: int
    by_owner: list[dict[str, Any]]
    by_leader: list[dict[str, Any]]


def year_figures(queryset: QuerySet[ResearchTopic], year: int) -> YearFigures:
    """Three aggregate queries, whatever the size of the plan."""
    from django.utils import timezone

    topics = queryset.filter(year=year)
    has_report = Exists(ResearchReport.objects.filter(topic=OuterRef("pk")))
    has_instruction = Exists(ReportInstruction.objects.filter(report__topic=OuterRef("pk")))
    annotated = topics.annotate(has_report=has_report, has_instruction=has_instruction)
    totals = annotated.aggregate(
        topics=Count("pk"),
        reports=Count("pk", filter=Q(has_report=True)),
        instructed=Count("pk", filter=Q(has_instruction=True)),
        overdue=Count(
            "pk", filter=Q(status__in=ResearchTopic.OPEN_STATES, planned_end__lt=timezone.localdate())
        ),
    )

    def grouped(field: str) -> list[dict[str, Any]]:
        return list(
            annotated.values(field)
            .annotate(
                topics=Count("pk"),
                reports=Count("pk", filter=Q(has_report=True)),
                instructed=Count("pk", filter=Q(has_instruction=True)),
            )
            .order_by("-topics", field)
        )

    owners = grouped("committee__name")
    return YearFigures(
        totals["topics"],
        totals["reports"],
        totals["instructed"],
        totals["overdue"],
        owners,
        grouped("leader"),
    )
