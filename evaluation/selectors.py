"""Reads of the evaluation app."""

from __future__ import annotations

from django.db.models import Max

from .models import AnnualEvaluation


def latest_evaluated_year() -> int | None:
    return AnnualEvaluation.objects.aggregate(year=Max("year"))["year"]
