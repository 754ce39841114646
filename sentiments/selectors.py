"""Reads of 社情民意, always through what `cppcc.access` lets the user see; a fixed number of queries
whatever the number of reports, records or 批示."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from cppcc import access
from members.models import Member

from .filters import SentimentFilter
from .models import (
    SentimentForwarding,
    SentimentInstruction,
    SentimentIssue,
    SentimentIssueItem,
    SentimentLevel,
    SentimentReport,
)


def sentiment_list(*, user: Any, params: Any) -> SentimentFilter:
    queryset = (
        access.visible_sentiments(user)
        .prefetch_related(
            Prefetch("authors", queryset=Member.objects.order_by("name")),
            Prefetch(
                "forwardings",
                queryset=SentimentForwarding.objects.filter(action=SentimentForwarding.Action.ADOPTED)
                .select_related("level")
                .order_by("level__order", "date"),
                to_attr="adoptions",
            ),
            Prefetch("instructions", queryset=SentimentInstruction.objects.order_by("date", "pk")),
        )
        .order_by("-reported_on", "-pk")
    )
    return SentimentFilter(params, queryset=queryset)


def sentiment_detail(report: SentimentReport) -> dict[str, Any]:
    """What a report's page shows besides the report: authors, records, 批示 and history."""
    return {
        "authors": list(report.authors.select_related("sector").order_by("name")),
        "forwardings": list(report.forwardings.select_related("level").order_by("date", "pk")),
        "instructions": list(report.instructions.select_related("level").order_by("date", "pk")),
        "history": report.history.select_related("history_user").order_by("-history_date")[:50],
    }


def level_list() -> list[SentimentLevel]:
    return list(SentimentLevel.objects.order_by("order", "pk"))


def unpublished(year: int) -> QuerySet[SentimentReport]:
    """The year's reports not yet compiled into any issue: what an issue may take in."""
    return SentimentReport.objects.filter(year=year, issue_items__isnull=True).order_by("reported_on", "pk")


def issue_list(year: int) -> list[SentimentIssue]:
    return list(
        SentimentIssue.objects.filter(year=year).annotate(item_count=Count("items")).order_by("-number")
    )


def issue_items(issue: SentimentIssue) -> list[SentimentIssueItem]:
    """The issue's items in order, each with its report and authors (for the page and the PDF)."""
    return list(
        issue.items.select_related("report")
        .prefetch_related(Prefetch("report__authors", queryset=Member.objects.order_by("name")))
        .order_by("position", "pk")
    )
