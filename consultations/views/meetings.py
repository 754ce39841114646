"""Meetings: the list, one meeting, creating and inviting, outcomes and their instructions."""

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
from cppcc.http import add_service_errors
from cppcc.lists import paginate
from cppcc.once import submit_once
from members.models import Member
from notices import selectors as notice_selectors

from .. import selectors, services
from ..forms import InstructionForm, InviteForm, LeaveRequestForm, MeetingForm, OutcomeForm
from ..kinds import KindCode
from ..models import LeaveRequest, Meeting, MeetingKind


def meeting_list(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    meetings = selectors.meeting_list(params=request.GET)
    return render(
        request,
        "consultations/meeting_list.html",
        {"list": paginate(request, meetings.qs, filterset=meetings)},
    )


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, access.get_meeting_for_user(request.user, pk))


def _meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    outcome_form: OutcomeForm | None = None,
    instruction_form: tuple[int, InstructionForm] | None = None,
    leave_form: LeaveRequestForm | None = None,
) -> HttpResponse:
    """The meeting page; a form sent back with errors is shown again as it was typed (status 400)."""
    context: dict[str, Any] = {"meeting": meeting}
    if access.can_read_all(request.user):
        meeting_with_rates = selectors.with_rates(Meeting.objects.filter(pk=meeting.pk)).get()
        outcomes = list(meeting.outcomes.prefetch_related("instructions"))
        for outcome in outcomes:
            bound = instruction_form is not None and instruction_form[0] == outcome.pk
            outcome.instruction_form = (
                instruction_form[1] if bound and instruction_form else InstructionForm()
            )
            outcome.open_form = bound
        context.update(
            counts=meeting_with_rates,
            rate=selectors.rate(meeting_with_rates.present, meeting_with_rates.invited),
            outcomes=outcomes,
            pending_leaves=meeting.leave_requests.filter(status=LeaveRequest.Status.PENDING).select_related(
                "member"
            ),
            outcome_form=outcome_form or OutcomeForm(),
        )
    own = access.own_member(request.user)
    if own is not None:
        context["own_attendance"] = meeting.attendances.filter(member=own).first()
        context["own_requests"] = meeting.leave_requests.filter(member=own)
        context["can_ask_leave"] = (
            context["own_attendance"] is not None and meeting.last_day >= timezone.localdate()
        )
        context["leave_form"] = leave_form or LeaveRequestForm()
        if context["own_attendance"] is not None:
            context["own_speech"] = meeting.speeches.filter(member=own).first()
            context["speeches_open"] = services.speeches_open(meeting)
    if access.can_read_all(request.user) or context.get("own_attendance") is not None:
        # Agenda and materials: for the invitees and for staff and leaders, downloadable on a phone.
        context["papers"] = list(meeting.papers.all())
        if meeting.kind.numbered and access.can_read_all(request.user):
            context["speech_count"] = meeting.speeches.count()
    failed = any(f is not None for f in (outcome_form, instruction_form, leave_form))
    return render(request, "consultations/meeting_detail.html", context, status=400 if failed else 200)


def _meeting_form(request: HttpRequest, meeting: Meeting | None) -> HttpResponse:
    initial = {}
    if meeting is None and request.method == "GET":
        kind = request.GET.get("kind", "")[:30]
        if MeetingKind.objects.filter(code=kind, is_active=True).exists():
            initial["kind"] = kind
    form = MeetingForm(request.POST or None, instance=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if meeting is None:
                meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
                messages.success(
                    request, _("已建立“%(t)s”，下一步：确定参会名单。") % {"t": meeting.display_title}
                )
                return redirect("consultations:invite", pk=meeting.pk)
            services.meeting_update(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(meeting)
    from members.models import Term

    proposals = {
        kind.code: services.next_number(term, kind)
        for term in Term.objects.filter(is_current=True)
        for kind in MeetingKind.objects.filter(code__in=(KindCode.PLENARY, KindCode.STANDING))
    }
    return render(
        request,
        "consultations/meeting_form.html",
        {"form": form, "meeting": meeting, "next_numbers": proposals},
    )


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
        added = services.meeting_invite(
            meeting=meeting, members=members, actor=request.user, role=data["role"]
        )
        messages.success(request, _("已加入 %(n)s 人，请填写签到表。") % {"n": added})
        return redirect("consultations:sheet", pk=meeting.pk)
    reply_lines, reply_counts = notice_selectors.meeting_replies(meeting)
    return render(
        request,
        "consultations/meeting_invite.html",
        {
            "form": form,
            "meeting": meeting,
            "invited": meeting.attendances.count(),
            "reply_lines": reply_lines,
            "reply_counts": reply_counts,
            "papers": list(meeting.papers.all()),
        },
    )


@require_POST
def outcome_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.outcome_create(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已记录协商成果。"))
            return redirect(f"{meeting.get_absolute_url()}#outcomes")
    return _meeting_page(request, meeting, outcome_form=form)


@require_POST
def instruction_create(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = access.get_outcome_for_user(request.user, pk, write=True)
    form = InstructionForm(request.POST)
    if form.is_valid():
        try:
            services.instruction_create(outcome=outcome, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已记录领导批示。"))
            return redirect(f"{outcome.meeting.get_absolute_url()}#outcomes")
    return _meeting_page(request, outcome.meeting, instruction_form=(outcome.pk, form))
