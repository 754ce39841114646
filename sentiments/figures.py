"""The year's figures of 社情民意, counted the way the list filters them, so each figure equals the
rows its link shows: 报送 (reports), 编报 (issues, and reports compiled), 采用 by level (reports adopted at that level), 批示 (reports with
one or more). One query for the levels and one aggregate, whatever the number of reports."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from cppcc import prepared

from .filters import adopted_at, compiled, instructed
from .models import SentimentIssue, SentimentLevel, SentimentReport


def year_counts(years: Iterable[int]) -> tuple[list[SentimentLevel], dict[int, dict[str, Any]]]:
    years = tuple(years)
    levels = list(SentimentLevel.objects.order_by("order", "pk"))
    tiers = tuple(level.tier for level in levels)
    rows = prepared.rows(
        ("sentiments.year_counts", years, tiers),
        lambda: (
            SentimentReport.objects.filter(year__in=years)
            .values("year")
            .annotate(
                n=Count("pk"),
                instructed=Count("pk", filter=Q(instructed())),
                compiled=Count("pk", filter=Q(compiled())),
                **{f"adopted_{tier}": Count("pk", filter=Q(adopted_at(tier))) for tier in tiers},
            )
            .order_by()
        ),
    )
    found: dict[int, dict[str, Any]] = {}
    for row in rows:
        counts: dict[str, Any] = dict(row)
        found[int(counts.pop("year"))] = counts
    return levels, {y: found.get(y, {}) for y in years}


def _list_link(year: int, **params: Any) -> str:
    return f"{reverse('sentiments:list')}?{urlencode({'year': year, **params})}"


def year_figures(year: int) -> list[dict[str, Any]]:
    """The figures page: each figure with its link to the list rows it counts."""
    levels, rows = year_counts([year])
    counts = rows[year]
    issues = SentimentIssue.objects.filter(year=year).count()
    figures = [
        {"key": "reported", "label": _("报送"), "value": counts.get("n", 0), "link": _list_link(year)},
        {
            "key": "issues",
            "label": _("编报期数"),
            "value": issues,
            "link": f"{reverse('sentiments:issues')}?{urlencode({'year': year})}",
        },
        {
            "key": "compiled",
            "label": _("编报篇数"),
            "value": counts.get("compiled", 0),
            "link": _list_link(year, compiled=1),
        },
        *(
            {
                "key": f"adopted-{level.tier}",
                "label": _("%(level)s采用") % {"level": level.name},
                "value": counts.get(f"adopted_{level.tier}", 0),
                "link": _list_link(year, level=level.tier),
            }
            for level in levels
        ),
        {
            "key": "instructed",
            "label": _("获批示"),
            "value": counts.get("instructed", 0),
            "link": _list_link(year, instructed=1),
        },
    ]
    return figures
