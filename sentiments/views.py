"""社情民意信息: the list, a report's page, entering and editing it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors
from cppcc.lists import paginate
from cppcc.once import submit_once

from . import selectors, services
from .forms import MemberSentimentForm, SentimentForm


def sentiment_list(request: HttpRequest) -> HttpResponse:
    reports = selectors.sentiment_list(user=request.user, params=request.GET)
    return render(
        request, "sentiments/report_list.html", {"list": paginate(request, reports.qs, filterset=reports)}
    )


def sentiment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_sentiment_for_user(request.user, pk)
    history = report.history.select_related("history_user").order_by("-history_date")[:50]
    return render(
        request,
        "sentiments/report_detail.html",
        {
            "report": report,
            "authors": report.authors.select_related("sector").order_by("name"),
            "history": history,
        },
    )


def _sentiment_form(request: HttpRequest, report=None) -> HttpResponse:
    form = SentimentForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        authors = data.pop("authors")
        try:
            if report is None:
                report = services.sentiment_create(actor=request.user, authors=authors, **data)
            else:
                services.sentiment_update(report=report, actor=request.user, authors=authors, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存社情民意信息“%(t)s”。") % {"t": report.title})
            return redirect(report)
    return render(request, "sentiments/report_form.html", {"form": form, "report": report})


@submit_once
def sentiment_create(request: HttpRequest) -> HttpResponse:
    """Staff enter any report; a member sends their own (报送 today, they are its author)."""
    if access.can_edit(request.user):
        return _sentiment_form(request)
    member = access.own_member(request.user) if access.is_member_user(request.user) else None
    if member is None:
        raise PermissionDenied
    form = MemberSentimentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        today = timezone.localdate()
        report = services.sentiment_create(
            actor=request.user, authors=[member], year=today.year, reported_on=today, **form.cleaned_data
        )
        messages.success(request, _("已报送社情民意信息“%(t)s”。") % {"t": report.title})
        return redirect(report)
    return render(request, "sentiments/report_form.html", {"form": form, "report": None})


def sentiment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _sentiment_form(request, access.get_sentiment_for_user(request.user, pk, write=True))


@require_POST
def sentiment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_sentiment_for_user(request.user, pk, write=True)
    services.sentiment_delete(report=report, actor=request.user)
    messages.success(request, _("已删除该条社情民意信息及其带来的履职记录。"))
    return redirect("sentiments:list")
