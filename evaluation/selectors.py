"""Reads of the evaluation app."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery

from .filters import EvaluationFilter
from .models import AnnualEvaluation, Award, EvaluationSummary, GradeBand


def grade_names(year: int) -> list[str]:
    """The year's grades as the committee names them, best first."""
    return list(
        GradeBand.objects.filter(scheme__year=year).order_by("-min_total").values_list("name", flat=True)
    )


def evaluation_list(*, year: int, params: Any, grades: list[str]) -> EvaluationFilter:
    queryset = AnnualEvaluation.objects.filter(year=year).select_related(
        "member", "member__sector", "member__committee"
    )
    return EvaluationFilter(params, queryset=queryset, grades=grades)


def grade_distribution(year: int) -> tuple[Counter[str], int]:
    """Members per grade and how many missed their duties: from the year's summary, which the rollup
    writes in the transaction that writes the rows; counted by the database in one pass for a year
    without one (a city's 11,000 rows never reach Python either way)."""
    summary = EvaluationSummary.objects.filter(year=year).values_list("grades", "unmet").first()
    if summary is not None:
        return Counter(summary[0]), summary[1]
    rows = (
        AnnualEvaluation.objects.filter(year=year)
        .values_list("grade")
        .annotate(n=Count("pk"), unmet=Count("pk", filter=Q(duties_met=False)))
        .order_by()
    )
    distribution: Counter[str] = Counter()
    unmet = 0
    for grade, n, missed in rows:
        distribution[grade] = n
        unmet += missed
    return distribution, unmet


def latest_evaluated_year() -> int | None:
    return AnnualEvaluation.objects.aggregate(year=Max("year"))["year"]


def award_list(*, year: int) -> QuerySet[Award]:
    """The year's nominations, each once, with the member's rank in that same year's evaluation."""
    rank = AnnualEvaluation.objects.filter(year=OuterRef("year"), member=OuterRef("member")).values("rank")[
        :1
    ]
    return (
        Award.objects.filter(year=year)
        .select_related("kind", "member", "member__sector")
        .annotate(rank=Subquery(rank))
        .order_by("kind__order", "status", "rank", "pk")
    )
