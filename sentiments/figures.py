"""The year's figures of 社情民意, counted the way the list filters them, so each figure equals the
rows its link shows: 报送 (reports), 采用 by level (reports adopted at that level), 批示 (reports with
one or more). One query for the levels and one aggregate, whatever the number of reports."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q

from .filters import adopted_at, instructed
from .models import SentimentLevel, SentimentReport


def year_counts(years: Iterable[int]) -> tuple[list[SentimentLevel], dict[int, dict[str, Any]]]:
    years = tuple(years)
    levels = list(SentimentLevel.objects.order_by("order", "pk"))
    rows = (
        SentimentReport.objects.filter(year__in=years)
        .values("year")
        .annotate(
            n=Count("pk"),
            instructed=Count("pk", filter=Q(instructed())),
            **{f"adopted_{level.tier}": Count("pk", filter=Q(adopted_at(level.tier))) for level in levels},
        )
        .order_by()
    )
    found: dict[int, dict[str, Any]] = {}
    for row in rows:
        counts: dict[str, Any] = dict(row)
        found[int(counts.pop("year"))] = counts
    return levels, {y: found.get(y, {}) for y in years}
