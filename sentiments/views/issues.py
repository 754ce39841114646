"""编报: issues of 《社情民意》 — composed from the year's uncompiled reports, reordered, printed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.documents import render_pdf
from cppcc.http import add_service_errors, pdf_response, year_choices, year_param
from cppcc.once import submit_once

from .. import selectors, services
from ..forms import IssueForm, IssueItemsForm, NewIssueForm
from ..models import SentimentIssue, SentimentReport


def _latest_year() -> int | None:
    return SentimentReport.objects.order_by("-year").values_list("year", flat=True).first()


def issue_list(request: HttpRequest) -> HttpResponse:
    access.ensure_can_see_sentiment_office(request.user)
    year = year_param(request, latest=_latest_year)
    context = {
        "year": year,
        "years": year_choices(),
        "issues": selectors.issue_list(year),
        "waiting": selectors.unpublished(year).count(),
    }
    return render(request, "sentiments/issue_list.html", context)


@submit_once
def issue_create(request: HttpRequest) -> HttpResponse:
    access.ensure_can_see_sentiment_office(request.user)
    access.ensure_can_edit(request.user)
    year = year_param(request, latest=_latest_year)
    if request.method == "POST":
        try:
            year = int(request.POST.get("year", year))
        except ValueError:
            pass
    initial = {"year": year, "number": services.issue_next_number(year), "date": timezone.localdate()}
    form = NewIssueForm(request.POST or None, initial=initial, unpublished=selectors.unpublished(year))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                issue = services.issue_create(actor=request.user, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已编发%(issue)s。") % {"issue": issue})
                return redirect(issue)
    return render(request, "sentiments/issue_form.html", {"form": form, "issue": None}, status=status)


def _issue_page(
    request: HttpRequest,
    issue: SentimentIssue,
    *,
    form: IssueForm | None = None,
    items_form: IssueItemsForm | None = None,
) -> HttpResponse:
    items = selectors.issue_items(issue)
    context: dict[str, Any] = {"issue": issue, "items": items}
    if access.can_edit(request.user):
        context["form"] = form or IssueForm(instance=issue)
        bound = items_form or IssueItemsForm(items=items, unpublished=selectors.unpublished(issue.year))
        for item in items:
            item.pos_field = bound[f"pos_{item.report_id}"]
            item.remove_field = bound[f"remove_{item.report_id}"]
        context["items_form"] = bound
    refused = form is not None or items_form is not None
    return render(request, "sentiments/issue_detail.html", context, status=400 if refused else 200)


def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _issue_page(request, access.get_issue_for_user(request.user, pk))


@require_POST
def issue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    issue = access.get_issue_for_user(request.user, pk, write=True)
    form = IssueForm(request.POST, instance=issue)
    if form.is_valid():
        try:
            services.issue_update(issue=issue, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(issue)
    return _issue_page(request, issue, form=form)


@require_POST
def issue_items(request: HttpRequest, pk: int) -> HttpResponse:
    issue = access.get_issue_for_user(request.user, pk, write=True)
    items = selectors.issue_items(issue)
    form = IssueItemsForm(request.POST, items=items, unpublished=selectors.unpublished(issue.year))
    if form.is_valid():
        try:
            services.issue_set_items(issue=issue, actor=request.user, reports=form.ordered_reports())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("本期篇目已更新。"))
            return redirect(issue)
    return _issue_page(request, issue, items_form=form)


@require_POST
def issue_delete(request: HttpRequest, pk: int) -> HttpResponse:
    issue = access.get_issue_for_user(request.user, pk, write=True)
    services.issue_delete(issue=issue, actor=request.user)
    messages.success(request, _("已删除这一期，所编信息回到未编报。"))
    return redirect("sentiments:issues")


def issue_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    issue = access.get_issue_for_user(request.user, pk)
    content = render_pdf(
        "sentiments/issue_pdf.html", {"issue": issue, "items": selectors.issue_items(issue)}, request=request
    )
    return pdf_response(content, f"sentiments-{issue.year}-{issue.number}.pdf")
