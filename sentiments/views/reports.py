"""社情民意信息: the list, a report's page, entering and editing it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors
from cppcc.lists import paginate
from cppcc.once import submit_once

from .. import selectors, services
from ..forms import ForwardingForm, InstructionForm, MemberSentimentForm, SentimentForm
from ..models import SentimentReport


def sentiment_list(request: HttpRequest) -> HttpResponse:
    reports = selectors.sentiment_list(user=request.user, params=request.GET)
    return render(
        request, "sentiments/report_list.html", {"list": paginate(request, reports.qs, filterset=reports)}
    )


def render_detail(
    request: HttpRequest,
    report: SentimentReport,
    *,
    forwarding_form: ForwardingForm | None = None,
    instruction_form: InstructionForm | None = None,
    open_record: tuple[str, int] | None = None,
) -> HttpResponse:
    """A report's page. Staff get an edit form under each record and an add form for each kind; after
    a refused save the bound form is shown open with what was typed and a 400."""
    context: dict[str, Any] = {"report": report, **selectors.sentiment_detail(report)}
    refused = forwarding_form is not None or instruction_form is not None
    if access.can_edit(request.user):
        levels = selectors.level_list()
        for record in context["forwardings"]:
            bound = open_record == ("forwarding", record.pk)
            record.form = (
                forwarding_form
                if bound
                else ForwardingForm(instance=record, prefix=f"f{record.pk}", levels=levels)
            )
            record.open_form = bound
        for record in context["instructions"]:
            bound = open_record == ("instruction", record.pk)
            record.form = (
                instruction_form
                if bound
                else InstructionForm(instance=record, prefix=f"i{record.pk}", levels=levels)
            )
            record.open_form = bound
        new_forwarding = open_record is None and forwarding_form is not None
        new_instruction = open_record is None and instruction_form is not None
        context.update(
            forwarding_form=forwarding_form if new_forwarding else ForwardingForm(levels=levels),
            instruction_form=instruction_form if new_instruction else InstructionForm(levels=levels),
            forwarding_open=new_forwarding,
            instruction_open=new_instruction,
        )
    return render(request, "sentiments/report_detail.html", context, status=400 if refused else 200)


def sentiment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_detail(request, access.get_sentiment_for_user(request.user, pk))


def _sentiment_form(request: HttpRequest, report: SentimentReport | None = None) -> HttpResponse:
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
    form = MemberSentimentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        today = timezone.localdate()
        try:
            report = services.sentiment_create(
                actor=request.user, authors=[member], year=today.year, reported_on=today, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
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


_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "wps": "application/vnd.ms-works",
    "jpg": "image/jpeg",
}


def sentiment_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """The report's attachment, streamed only to those who may see the report; there is no public URL."""
    report = access.get_sentiment_for_user(request.user, pk)
    if not report.attachment:
        raise Http404
    response = FileResponse(
        report.attachment.open("rb"),
        content_type=_CONTENT_TYPES.get(report.attachment_kind),
        as_attachment=report.attachment_kind != "jpg",
        filename=f"{report.title[:60]}.{report.attachment_kind}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
