"""The year's figures of 社情民意, each a link to exactly the list rows it counts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cppcc import access
from cppcc.http import year_choices, year_param

from ..figures import year_figures
from ..models import SentimentReport


def _latest_year() -> int | None:
    return SentimentReport.objects.order_by("-year").values_list("year", flat=True).first()


def sentiment_stats(request: HttpRequest) -> HttpResponse:
    access.ensure_can_see_sentiment_office(request.user)
    year = year_param(request, latest=_latest_year)
    context = {"year": year, "years": year_choices(), "figures": year_figures(year)}
    return render(request, "sentiments/stats.html", context)
