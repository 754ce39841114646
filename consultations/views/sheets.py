"""Sign-in sheets, leave requests and the attendance statistics drawn from them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import pdf_response, xlsx_response, year_choices, year_param
from members.selectors import latest_year

from .. import documents, selectors, services
from ..forms import LeaveRequestForm
from ..models import Attendance, Meeting, MeetingKind


def _rows_from_post(post) -> tuple[dict[int, services.SheetRow], set[int]]:
    rows, removed = {}, set()
    for key, value in post.items():
        if not key.startswith("status-"):
            continue
        try:
            member_id = int(key.removeprefix("status-"))
        except ValueError:
            continue
        rows[member_id] = services.SheetRow(
            status=value,
            leave_reason=post.get(f"reason-{member_id}", ""),
            speech=post.get(f"speech-{member_id}", ""),
        )
        if post.get(f"remove-{member_id}"):
            removed.add(member_id)
    return rows, removed


def sheet(request: HttpRequest, pk: int) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    meeting = access.get_meeting_for_user(request.user, pk)
    lines, pending = selectors.sheet(meeting)
    error = None
    if request.method == "POST":
        access.ensure_can_edit(request.user)
        rows, removed = _rows_from_post(request.POST)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        try:
            services.sheet_save(
                meeting=meeting, rows=rows, removed=removed, version=version, actor=request.user
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
            # Show the clerk's own choices again so nothing typed is lost.
            for line in lines:
                row = rows.get(line.member_id)
                if row is not None:
                    line.status, line.leave_reason, line.speech = row.status, row.leave_reason, row.speech
        else:
            messages.success(
                request, _("签到表已保存，%(n)s 位委员的履职档案已更新。") % {"n": len(rows) - len(removed)}
            )
            return redirect("consultations:sheet", pk=meeting.pk)
    counts = {s: sum(1 for line in lines if line.status == s) for s in Attendance.Status.values}
    return render(
        request,
        "consultations/sheet.html",
        {
            "meeting": meeting,
            "lines": lines,
            "pending": pending,
            "error": error,
            "counts": counts,
            "statuses": Attendance.Status.choices,
            "speeches": Attendance.Speech.choices,
        },
        status=409 if error else 200,
    )


def sheet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    meeting = access.get_meeting_for_user(request.user, pk)
    lines, _pending = selectors.sheet(meeting)
    return pdf_response(documents.sheet_pdf(meeting, lines, request=request), f"sign-in-{meeting.pk}.pdf")


def sheet_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    meeting = access.get_meeting_for_user(request.user, pk)
    lines, _pending = selectors.sheet(meeting)
    return xlsx_response(documents.sheet_workbook(meeting, lines), f"sign-in-{meeting.pk}.xlsx")


@require_POST
def leave_request(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk)
    member = access.own_member(request.user)
    if member is None:
        raise Http404
    form = LeaveRequestForm(request.POST)
    if form.is_valid():
        try:
            services.leave_request_create(
                meeting=meeting, member=member, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("请假申请已提交，等待审批。"))
    else:
        messages.error(request, _("请填写请假事由。"))
    return redirect(meeting)


@require_POST
def leave_decide(request: HttpRequest, pk: int) -> HttpResponse:
    leave = access.get_leave_request_for_user(request.user, pk, write=True)
    approve = request.POST.get("decision") == "approve"
    try:
        services.leave_request_decide(
            request=leave, approve=approve, note=request.POST.get("note", ""), actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _("已准予 %(name)s 请假。") if approve else _("未准予 %(name)s 请假。")
        messages.success(request, text % {"name": leave.member.name})
    return redirect(request.POST.get("next") or reverse("consultations:sheet", args=[leave.meeting_id]))


def stats(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_param(request, latest=latest_year)
    meetings = selectors.with_rates(
        Meeting.objects.filter(start_date__year=year).select_related("term")
    ).order_by("start_date")
    return render(
        request,
        "consultations/stats.html",
        {
            "year": year,
            "members": selectors.attendance_by_member(year=year),
            "meetings": meetings,
            "kinds": MeetingKind.choices,
            "years": year_choices(),
        },
    )


def stats_xlsx(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_param(request, latest=latest_year)
    return xlsx_response(
        documents.stats_workbook(year, selectors.attendance_by_member(year=year)), f"attendance-{year}.xlsx"
    )


def stats_pdf(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_param(request, latest=latest_year)
    return pdf_response(
        documents.stats_pdf(year, selectors.attendance_by_member(year=year), request=request),
        f"attendance-{year}.pdf",
    )
