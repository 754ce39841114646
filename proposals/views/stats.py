"""The year's proposal figures (each a link to its list) and the workbook of every proposal."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cppcc import access
from cppcc.http import xlsx_response, year_choices, year_param

from ..exports import proposals_workbook
from ..figures import STAGE_LABELS, year_figures
from ..models import Proposal


def _latest_year() -> int | None:
    return Proposal.objects.order_by("-year").values_list("year", flat=True).first()


def proposal_stats(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_param(request, latest=_latest_year)
    context = year_figures(year)
    links = {stage: context["total"].link(stage) for stage in ("filed", "replied", "satisfied", "basic")}
    context.update({"year": year, "years": year_choices(), "labels": STAGE_LABELS, "links": links})
    return render(request, "proposals/proposal_stats.html", context)


def proposal_export(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_param(request, latest=_latest_year)
    return xlsx_response(proposals_workbook(year=year), f"proposals-{year}.xlsx")
