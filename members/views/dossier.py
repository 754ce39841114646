"""The dossier page, the member's own reports and disputes, and the staff review queues."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors, pdf_response, xlsx_response, year_or_404, year_param
from cppcc.lists import ListPage, paginate
from cppcc.once import submit_once

from .. import reports, selectors, services
from ..forms import DisputeForm, EntryRecordForm, ResolveForm, ReviewForm, SelfReportForm


def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _dossier_page(request, access.get_member_for_user(request.user, pk))


def _dossier_page(request: HttpRequest, member: Any, *, kept: Kept | None = None, year: int | None = None):
    """The dossier page; a dispute sent back with errors keeps what the member wrote (status 400)."""
    year = year or year_param(request, latest=lambda: selectors.latest_year(member))
    # A dispute sent back with errors shows every entry, so the one it concerns is on the page.
    page = None if kept else request.GET.get("page", "1")
    view = selectors.member_dossier(member=member, year=year, page=page)
    history = selectors.member_history(member=member) if access.can_read_all(request.user) else None
    return render(
        request,
        "members/member_detail.html",
        {
            "member": member,
            "dossier": view,
            "entry_pages": ListPage(page=view.page, query=f"year={view.year}") if view.page else None,
            "history": history,
            "is_own": access.can_report_own(request.user, member),
            "kept": kept,
        },
        status=400 if kept else 200,
    )


@dataclass(frozen=True)
class Kept:
    """A short inline form (a dispute, a review note) that failed: for which row, what was typed, why."""

    pk: int
    text: str
    errors: list[str]


def _kept(pk: int, text: str, form: Any = None, exc: ValidationError | None = None) -> Kept:
    errors = list(exc.messages) if exc is not None else [e for errs in form.errors.values() for e in errs]
    return Kept(pk, text, errors)


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
    form = SelfReportForm(request.POST or None, request.FILES or None)
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
    comment = request.POST.get("comment", "")
    if form.is_valid():
        try:
            services.entry_dispute(entry=entry, comment=form.cleaned_data["comment"], actor=request.user)
        except ValidationError as exc:
            return _dossier_page(
                request, entry.member, kept=_kept(entry.pk, comment, exc=exc), year=entry.year
            )
        messages.success(request, _("异议已提交，工作人员处理后会在此显示处理意见。"))
        return redirect(f"{reverse('me')}?year={entry.year}#entry-{entry.pk}")
    return _dossier_page(request, entry.member, kept=_kept(entry.pk, comment, form), year=entry.year)


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


def review_queue(request: HttpRequest, kept: Kept | None = None) -> HttpResponse:
    access.ensure_can_edit(request.user)
    reviews = selectors.review_list(params=request.GET)
    return render(
        request,
        "members/review_queue.html",
        {"list": paginate(request, reviews.qs, filterset=reviews), "kept": kept},
        status=400 if kept else 200,
    )


@require_POST
def review_confirm(request: HttpRequest) -> HttpResponse:
    """Confirm the reports ticked in the queue, at once."""
    access.ensure_can_edit(request.user)
    ids = [int(v) for v in request.POST.getlist("entries") if v.isdigit() and len(v) < 19]
    entries = access.visible_entries(request.user).filter(pk__in=ids)
    confirmed = services.entry_review_bulk(entries=entries, actor=request.user)
    if confirmed:
        messages.success(request, _("已确认 %(n)s 条填报。") % {"n": confirmed})
    else:
        messages.info(request, _("没有勾选待审核的填报。"))
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/reviews/") else "members:reviews")


def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A photo or PDF attached to a report, streamed only to those who may see the entry."""
    item = access.get_attachment_for_user(request.user, pk)
    content_type = "application/pdf" if item.kind == "pdf" else "image/jpeg"
    response = FileResponse(item.file.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def entry_review(request: HttpRequest, pk: int) -> HttpResponse:
    entry = access.get_entry_for_user(request.user, pk, write=True)
    form = ReviewForm(request.POST)
    note = request.POST.get("note", "")
    if not form.is_valid():
        return review_queue(request, kept=_kept(entry.pk, note, form))
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.entry_review(
            entry=entry, approve=approve, note=form.cleaned_data["note"], actor=request.user
        )
    except ValidationError as exc:
        return review_queue(request, kept=_kept(entry.pk, note, exc=exc))
    else:
        text = _("已确认 %(name)s 的“%(title)s”。") if approve else _("已退回 %(name)s 的“%(title)s”。")
        messages.success(request, text % {"name": entry.member.name, "title": entry.title})
    return redirect("members:reviews")


def dispute_queue(request: HttpRequest, kept: Kept | None = None) -> HttpResponse:
    access.ensure_can_edit(request.user)
    return render(
        request,
        "members/dispute_queue.html",
        {"disputes": selectors.open_disputes(), "kept": kept},
        status=400 if kept else 200,
    )


@require_POST
def dispute_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = access.get_dispute_for_user(request.user, pk, write=True)
    form = ResolveForm(request.POST)
    resolution = request.POST.get("resolution", "")
    if not form.is_valid():
        return dispute_queue(request, kept=_kept(dispute.pk, resolution, form))
    try:
        services.dispute_resolve(dispute=dispute, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return dispute_queue(request, kept=_kept(dispute.pk, resolution, exc=exc))
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
