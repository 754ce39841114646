"""Sign-in sheets, leave requests and the attendance statistics drawn from them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors, pdf_response, xlsx_response, year_choices, year_param
from members.selectors import latest_year
from notices import selectors as notice_selectors

from .. import documents, selectors, services
from ..forms import GuestForm, LeaveRequestForm, SheetForm
from ..models import Attendance, Meeting
from .meetings import _meeting_page
from .sheet_rows import sheet_rows


def sheet(request: HttpRequest, pk: int) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    meeting = access.get_meeting_for_user(request.user, pk)
    lines, pending = selectors.sheet(meeting)
    shown = {line.member_id: services.SheetRow.of(line) for line in lines}
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        access.ensure_can_edit(request.user)
        form = SheetForm(request.POST, {line.member_id: line.member.name for line in lines})
        if form.is_valid():
            try:
                saved = services.sheet_save(
                    meeting=meeting,
                    rows=form.rows,
                    originals=form.originals,
                    removed=form.removed,
                    actor=request.user,
                )
            except services.StaleSheet as exc:
                errors, status = exc.messages, 409
                # The page now starts from the sheet as it is, with this clerk's own changes on top.
                _overlay(lines, form, conflicts=exc.conflicts)
                gone = set(exc.conflicts) - {line.member_id for line in lines}
                names = selectors.member_names(gone)
                errors += [
                    _("%(name)s：%(what)s，您对这一行的修改没有保存。")
                    % {"name": names.get(m, m), "what": _describe(exc.conflicts[m])}
                    for m in sorted(gone)
                ]
            except ValidationError as exc:
                errors, status = exc.messages, 400
                shown = form.originals
                _overlay(lines, form)
            else:
                messages.success(
                    request, _("签到表已保存：更新了 %(n)s 位委员，其履职档案已同步。") % {"n": len(saved)}
                )
                return redirect("consultations:sheet", pk=meeting.pk)
        else:
            errors, status = form.errors, 400
            shown = form.originals or shown
            _overlay(lines, form)
    return _render_sheet(request, meeting, lines, pending, shown, errors=errors, status=status)


def sheet_page(request: HttpRequest, meeting: Meeting, *, guest_form: GuestForm) -> HttpResponse:
    """The sheet again with the participant form as it was typed (refused: status 400)."""
    lines, pending = selectors.sheet(meeting)
    shown = {line.member_id: services.SheetRow.of(line) for line in lines}
    return _render_sheet(request, meeting, lines, pending, shown, guest_form=guest_form, status=400)


def _render_sheet(
    request: HttpRequest,
    meeting: Meeting,
    lines: list[Attendance],
    pending: dict,
    shown: dict,
    *,
    errors: Any = (),
    status: int = 200,
    guest_form: GuestForm | None = None,
) -> HttpResponse:
    replies = notice_selectors.reply_states(meeting)
    for line in lines:
        line.reply = replies.get(line.member_id)
    summoned = [line for line in lines if line.role == Attendance.Role.MEMBER]
    counts = {s: sum(1 for line in summoned if line.status == s) for s in Attendance.Status.values}
    guests = list(meeting.guests.all())
    return render(
        request,
        "consultations/sheet.html",
        {
            "meeting": meeting,
            "lines": lines,
            "rows": sheet_rows(lines, pending),
            "pending": pending,
            "errors": errors,
            "counts": counts,
            "summoned": len(summoned),
            "observers": len(lines) - len(summoned),
            "observers_present": sum(
                1
                for line in lines
                if line.role != Attendance.Role.MEMBER and line.status == Attendance.Status.PRESENT
            ),
            "guests": guests,
            "guests_present": sum(1 for g in guests if g.present),
            "guest_form": guest_form or GuestForm(),
            "checkin_open": services.checkin_is_open(meeting),
            "was": SheetForm.encode(shown),
            "speeches": Attendance.Speech.choices,
        },
        status=status,
    )


def _overlay(lines: list[Attendance], form: SheetForm, conflicts: dict | None = None) -> None:
    """Put back on the page every row the clerk changed, as they typed it; mark rows someone else
    changed meanwhile with that person's value, so the clerk sees both before saving again."""
    for line in lines:
        row, was = form.rows.get(line.member_id), form.originals.get(line.member_id)
        if row is None or was is None or (row == was and line.member_id not in form.removed):
            continue
        line.status, line.leave_reason, line.speech = row.status, row.leave_reason, row.speech
        line.mine = True
        line.remove = line.member_id in form.removed
        if conflicts is not None and line.member_id in conflicts:
            line.theirs = _describe(conflicts[line.member_id])


def _describe(row: services.SheetRow | None) -> str:
    if row is None:
        return _("已被移出参会名单")
    text = str(Attendance.Status(row.status).label)
    if row.leave_reason:
        text += f"（{row.leave_reason}）"
    if row.speech:
        text += " · " + str(Attendance.Speech(row.speech).label)
    return text


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
            add_service_errors(form, exc)
        else:
            messages.success(request, _("请假申请已提交，等待审批。"))
            return redirect(meeting)
    return _meeting_page(request, meeting, leave_form=form)


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
            "by_kind": selectors.rates_by_kind(year=year),
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
