"""The leadership dashboard: one page, a year against the one before."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cppcc import access
from cppcc.http import year_choices, year_param
from members.selectors import latest_year

from . import panels


def dashboard(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    context = panels.dashboard(year_param(request, latest=latest_year))
    context["years"] = year_choices()
    context["proposal_handling"] = panels.proposal_handling(context["year"])
    return render(request, "dashboard/dashboard.html", context)
