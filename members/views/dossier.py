"""The dossier page, the member's own reports and disputes, and the staff review queues."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors, pdf_response, xlsx_response, year_or_404, year_param
from cppcc.once import submit_once

from .. import reports, selectors, services
from ..forms import DisputeForm, EntryRecordForm, ResolveForm, ReviewForm, SelfReportForm


def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = access.get_member_for_user(request.user, pk)
    year = year_param(request, latest=lambda: selectors.latest_year(member))
    view = selectors.member_dossier(member=member, year=year)
    history = selectors.member_history(member=member) if access.can_read_all(request.user) else None
    return render(
        request,
        "members/member_detail.html",
        {
            "member": member,
            "dossier": view,
            "history": history,
            "is_own": access.can_report_own(request.user, member),
        },
    )


def me(request: HttpRequest) -> HttpResponse:
    member = access.own_member(request.user)
    if member is None:
        return render(request, "members/me_unlinked.html", status=404)
    return member_detail(request, member.pk)


@submit_once
def self_report(request: HttpRequest) -> HttpResponse:
    member = access.own_member(request.user)
    if member is None or not access.can_report_own(request.user, member):
        raise Http404
    form = SelfReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_self_report(member=member, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已提交，等待工作人员审核。"))
            return redirect(f"{reverse('me')}?year={entry.year}")
    return render(request, "members/self_report.html", {"form": form, "member": member})


@require_POST
def entry_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    entry = access.get_own_entry(request.user, pk)
    form = DisputeForm(request.POST)
    if form.is_valid():
        try:
            services.entry_dispute(entry=entry, comment=form.cleaned_data["comment"], actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("异议已提交，工作人员处理后会在此显示处理意见。"))
    else:
        messages.error(request, _("请说明这条记录哪里不对。"))
    return redirect(f"{reverse('me')}?year={entry.year}#entry-{entry.pk}")


@submit_once
def entry_record(request: HttpRequest, pk: int) -> HttpResponse:
    member = access.get_member_for_user(request.user, pk, write=True)
    form = EntryRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_record(member=member, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已为 %(name)s 补录一条履职记录。") % {"name": member.name})
            return redirect(f"{member.get_absolute_url()}?year={entry.year}")
    return render(request, "members/entry_record.html", {"form": form, "member": member})


def review_queue(request: HttpRequest) -> HttpResponse:
    access.ensure_can_edit(request.user)
    return render(request, "members/review_queue.html", {"entries": selectors.pending_reviews()})


@require_POST
def entry_review(request: HttpRequest, pk: int) -> HttpResponse:
    entry = access.get_entry_for_user(request.user, pk, write=True)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择确认或退回。"))
        return redirect("members:reviews")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.entry_review(
            entry=entry, approve=approve, note=form.cleaned_data["note"], actor=request.user
        )
    except ValidationError as exc:
        messages.error(
            request, _("%(name)s：%(reason)s") % {"name": entry.member.name, "reason": " ".join(exc.messages)}
        )
    else:
        text = _("已确认 %(name)s 的“%(title)s”。") if approve else _("已退回 %(name)s 的“%(title)s”。")
        messages.success(request, text % {"name": entry.member.name, "title": entry.title})
    return redirect("members:reviews")


def dispute_queue(request: HttpRequest) -> HttpResponse:
    access.ensure_can_edit(request.user)
    return render(request, "members/dispute_queue.html", {"disputes": selectors.open_disputes()})


@require_POST
def dispute_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = access.get_dispute_for_user(request.user, pk, write=True)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写处理意见，委员会看到。"))
        return redirect("members:disputes")
    try:
        services.dispute_resolve(dispute=dispute, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("异议已处理。"))
    return redirect("members:disputes")


def dossier_pdf(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    member = access.get_member_for_user(request.user, pk)
    view = selectors.member_dossier(member=member, year=year_or_404(year))
    return pdf_response(reports.dossier_pdf(view, request=request), f"report-{year}-{member.pk}.pdf")


def dossier_xlsx(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    member = access.get_member_for_user(request.user, pk)
    view = selectors.member_dossier(member=member, year=year_or_404(year))
    return xlsx_response(reports.dossier_workbook(view), f"dossier-{year}-{member.pk}.xlsx")
