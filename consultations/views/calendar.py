"""The meeting calendar, a member's own meetings and their private iCal feed."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access

from .. import documents, selectors, services


def calendar_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        first = dt.date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    weeks, by_day = selectors.month_grid(first.year, first.month)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "consultations/calendar.html",
        {
            "first": first,
            "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
            "today": today,
            "previous": previous,
            "following": following,
        },
    )


def my_meetings(request: HttpRequest) -> HttpResponse:
    member = access.own_member(request.user)
    if member is None:
        raise Http404
    feed = services.calendar_feed_for(member)
    attendances = selectors.my_meetings(member)
    latest = {r.meeting_id: r for r in member.leave_requests.order_by("requested_at")}
    for a in attendances:
        a.leave_request = latest.get(a.meeting_id)
    return render(
        request,
        "consultations/my_meetings.html",
        {
            "member": member,
            "attendances": attendances,
            "feed_url": request.build_absolute_uri(reverse("consultations:feed", args=[feed.token])),
        },
    )


@require_POST
def calendar_reset(request: HttpRequest) -> HttpResponse:
    member = access.own_member(request.user)
    if member is None:
        raise Http404
    services.calendar_feed_reset(member=member)
    messages.success(request, _("订阅地址已更换，旧地址立即失效。"))
    return redirect("consultations:mine")


@login_not_required
def ical_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A member's meetings as iCalendar, for a phone's calendar app. The token is the only key."""
    feed = access.get_calendar_feed(token)
    response = HttpResponse(
        documents.ical(feed.member, request=request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = "inline; filename=meetings.ics"
    return response
