"""The leadership dashboard: one page, a year against the one before."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cppcc import access
from cppcc.http import year_choices, year_param
from cppcc.lists import paginate
from members.selectors import latest_year

from . import panels


def dashboard(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    context = panels.dashboard(year_param(request, latest=latest_year))
    context["years"] = year_choices()
    context["proposal_handling"] = panels.proposal_handling(context["year"])
    return render(request, "dashboard/dashboard.html", context)


def inactive(request: HttpRequest) -> HttpResponse:
    """Serving members without a confirmed entry in the last 90 days: the dashboard's panel
    (`?panel=1`, fetched after the page) or the whole list, a page at a time."""
    access.ensure_can_read_all(request.user)
    year = year_param(request, latest=latest_year)
    if request.GET.get("panel"):
        return render(
            request, "dashboard/_inactive.html", {"inactive": panels.inactive_members(year), "year": year}
        )
    members, as_of = panels.inactive_queryset(year)
    listing = paginate(request, members.select_related("sector").order_by("name", "pk"), per_page=50)
    return render(
        request,
        "dashboard/inactive.html",
        {
            "list": listing,
            "year": year,
            "as_of": as_of,
            "days": panels.INACTIVE_DAYS,
            "years": year_choices(),
        },
    )
