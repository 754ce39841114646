"""Meetings, sign-in sheets, leave requests, outcomes, the calendar and attendance statistics."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors, pdf_response, xlsx_response, year_choices, year_param
from cppcc.lists import paginate
from cppcc.once import submit_once
from members.models import Member
from members.selectors import latest_year

from . import documents, selectors, services
from .forms import InstructionForm, InviteForm, LeaveRequestForm, MeetingForm, OutcomeForm
from .models import Attendance, LeaveRequest, Meeting, MeetingKind


def meeting_list(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    meetings = selectors.meeting_list(params=request.GET)
    return render(request, "consultations/meeting_list.html", {"list": paginate(request, meetings.qs, filterset=meetings)})


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk)
    context = {"meeting": meeting}
    if access.can_read_all(request.user):
        meeting_with_rates = selectors.with_rates(Meeting.objects.filter(pk=meeting.pk)).get()
        context.update(
            counts=meeting_with_rates, rate=selectors.rate(meeting_with_rates.present, meeting_with_rates.invited),
            outcomes=meeting.outcomes.prefetch_related("instructions"),
            pending_leaves=meeting.leave_requests.filter(status=LeaveRequest.Status.PENDING).select_related("member"),
            outcome_form=OutcomeForm(), instruction_form=InstructionForm(),
        )
    own = access.own_member(request.user)
    if own is not None:
        context["own_attendance"] = meeting.attendances.filter(member=own).first()
        context["own_requests"] = meeting.leave_requests.filter(member=own)
        context["can_ask_leave"] = (context["own_attendance"] is not None
                                    and meeting.last_day >= timezone.localdate())
        context["leave_form"] = LeaveRequestForm()
    return render(request, "consultations/meeting_detail.html", context)


def _meeting_form(request: HttpRequest, meeting: Meeting | None) -> HttpResponse:
    initial = {}
    if meeting is None and request.method == "GET":
        kind = request.GET.get("kind", "")
        if kind in MeetingKind.values:
            initial["kind"] = kind
    form = MeetingForm(request.POST or None, instance=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if meeting is None:
                meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
                messages.success(request, _("已建立“%(t)s”，下一步：确定参会名单。") % {"t": meeting.display_title})
                return redirect("consultations:invite", pk=meeting.pk)
            services.meeting_update(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(meeting)
    from members.models import Term

    proposals = {
        kind: services.next_number(term, kind)
        for term in Term.objects.filter(is_current=True)
        for kind in (MeetingKind.PLENARY, MeetingKind.STANDING)
    }
    return render(request, "consultations/meeting_form.html", {"form": form, "meeting": meeting,
                                                                 "next_numbers": proposals})


@submit_once
def meeting_create(request: HttpRequest) -> HttpResponse:
    access.ensure_can_edit(request.user)
    return _meeting_form(request, None)


def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(request, access.get_meeting_for_user(request.user, pk, write=True))


@require_POST
def meeting_delete(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    services.meeting_delete(meeting=meeting, actor=request.user)
    messages.success(request, _("已删除该会议活动及其签到带来的履职记录。"))
    return redirect("consultations:list")


def meeting_invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        serving = Member.objects.filter(status=Member.Status.ACTIVE)
        members = {
            "all": serving,
            "standing": serving.filter(is_standing=True),
            "committee": serving.filter(committee=data.get("committee")),
            "sector": serving.filter(sector=data.get("sector")),
            "hand": data.get("members") or [],
        }[data["scope"]]
        added = services.meeting_invite(meeting=meeting, members=members, actor=request.user)
        messages.success(request, _("已加入 %(n)s 人，请填写签到表。") % {"n": added})
        return redirect("consultations:sheet", pk=meeting.pk)
    return render(request, "consultations/meeting_invite.html", {
        "form": form, "meeting": meeting, "invited": meeting.attendances.count(),
    })


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
            status=value, leave_reason=post.get(f"reason-{member_id}", ""), speech=post.get(f"speech-{member_id}", ""),
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
            services.sheet_save(meeting=meeting, rows=rows, removed=removed, version=version, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
            # Show the clerk's own choices again so nothing typed is lost.
            for line in lines:
                row = rows.get(line.member_id)
                if row is not None:
                    line.status, line.leave_reason, line.speech = row.status, row.leave_reason, row.speech
        else:
            messages.success(request, _("签到表已保存，%(n)s 位委员的履职档案已更新。") % {"n": len(rows) - len(removed)})
            return redirect("consultations:sheet", pk=meeting.pk)
    counts = {s: sum(1 for line in lines if line.status == s) for s in Attendance.Status.values}
    return render(request, "consultations/sheet.html", {
        "meeting": meeting, "lines": lines, "pending": pending, "error": error, "counts": counts,
        "statuses": Attendance.Status.choices, "speeches": Attendance.Speech.choices,
    }, status=409 if error else 200)


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
            services.leave_request_create(meeting=meeting, member=member, reason=form.cleaned_data["reason"],
                                          actor=request.user)
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
        services.leave_request_decide(request=leave, approve=approve, note=request.POST.get("note", ""),
                                      actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _("已准予 %(name)s 请假。") if approve else _("未准予 %(name)s 请假。")
        messages.success(request, text % {"name": leave.member.name})
    return redirect(request.POST.get("next") or reverse("consultations:sheet", args=[leave.meeting_id]))


@require_POST
def outcome_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        services.outcome_create(meeting=meeting, actor=request.user, **form.cleaned_data)
        messages.success(request, _("已记录协商成果。"))
    else:
        messages.error(request, _("请填写成果名称和意见建议。"))
    return redirect(f"{meeting.get_absolute_url()}#outcomes")


@require_POST
def instruction_create(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = access.get_outcome_for_user(request.user, pk, write=True)
    form = InstructionForm(request.POST)
    if form.is_valid():
        try:
            services.instruction_create(outcome=outcome, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("已记录领导批示。"))
    else:
        messages.error(request, _("请填写批示领导、日期和批示内容。"))
    return redirect(f"{outcome.meeting.get_absolute_url()}#outcomes")


def stats(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_param(request, latest=latest_year)
    meetings = selectors.with_rates(Meeting.objects.filter(start_date__year=year).select_related("term")).order_by(
        "start_date")
    return render(request, "consultations/stats.html", {
        "year": year, "members": selectors.attendance_by_member(year=year), "meetings": meetings,
        "kinds": MeetingKind.choices, "years": year_choices(),
    })


def stats_xlsx(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_param(request, latest=latest_year)
    return xlsx_response(documents.stats_workbook(year, selectors.attendance_by_member(year=year)), f"attendance-{year}.xlsx")


def stats_pdf(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_param(request, latest=latest_year)
    return pdf_response(documents.stats_pdf(year, selectors.attendance_by_member(year=year), request=request),
                f"attendance-{year}.pdf")


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
    return render(request, "consultations/calendar.html", {
        "first": first, "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks], "today": today,
        "previous": previous, "following": following,
    })


def my_meetings(request: HttpRequest) -> HttpResponse:
    member = access.own_member(request.user)
    if member is None:
        raise Http404
    feed = services.calendar_feed_for(member)
    attendances = selectors.my_meetings(member)
    latest = {r.meeting_id: r for r in member.leave_requests.order_by("requested_at")}
    for a in attendances:
        a.leave_request = latest.get(a.meeting_id)
    return render(request, "consultations/my_meetings.html", {
        "member": member, "attendances": attendances,
        "feed_url": request.build_absolute_uri(reverse("consultations:feed", args=[feed.token])),
    })


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
    response = HttpResponse(documents.ical(feed.member, request=request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = "inline; filename=meetings.ics"
    return response
