"""QR self check-in (扫码签到): the screen staff put on the projector, the scan a member makes with a
phone, the live count the sheet polls; and the sheet's participants who are not members."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors

from .. import checkin as codes
from .. import services
from ..forms import CheckinWindowForm, GuestForm
from ..models import Attendance, Meeting


def _scan_url(request: HttpRequest, meeting: Meeting) -> str:
    return request.build_absolute_uri(
        reverse("consultations:checkin", args=[meeting.pk, codes.code_for(meeting)])
    )


def _today_at(time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), time))


def checkin_screen(request: HttpRequest, pk: int) -> HttpResponse:
    """The projector page: the current code as a QR image (renewed every minute by the page) and the count."""
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    now = timezone.localtime()
    initial = {
        "closes_at": (now + dt.timedelta(hours=2)).time().replace(second=0, microsecond=0),
        # The meeting's start, while it is still ahead; reopening later must not make everyone late.
        "late_after": meeting.start_time
        if meeting.start_date == now.date() and meeting.start_time and meeting.start_time > now.time()
        else None,
    }
    form = CheckinWindowForm(request.POST or None, initial=initial)
    if request.method == "POST" and "close" in request.POST:
        services.checkin_close(meeting=meeting, actor=request.user)
        messages.success(request, _("已结束扫码签到。"))
        return redirect("consultations:checkin_screen", pk=meeting.pk)
    if request.method == "POST" and form.is_valid():
        late = form.cleaned_data["late_after"]
        try:
            services.checkin_open(
                meeting=meeting,
                closes_at=_today_at(form.cleaned_data["closes_at"]),
                late_after=_today_at(late) if late else None,
                actor=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("consultations:checkin_screen", pk=meeting.pk)
    is_open = services.checkin_is_open(meeting)
    return render(
        request,
        "consultations/checkin_screen.html",
        {"meeting": meeting, "form": form, "is_open": is_open, "live": _live(meeting)},
        status=400 if form.errors else 200,
    )


@never_cache
def checkin_qr(request: HttpRequest, pk: int) -> HttpResponse:
    """The current minute's code as an SVG QR image, drawn here (no outside service)."""
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    if not services.checkin_is_open(meeting):
        return HttpResponse(status=404)
    return HttpResponse(codes.qr_svg(_scan_url(request, meeting)), content_type="image/svg+xml")


def _live(meeting: Meeting) -> dict:
    summoned = meeting.attendances.filter(role=Attendance.Role.MEMBER)
    scanned = (
        meeting.attendances.filter(checked_in_at__isnull=False)
        .select_related("member")
        .order_by("-checked_in_at")
    )
    latest = [
        {
            "member": a.member_id,
            "name": a.member.name,
            "at": timezone.localtime(a.checked_in_at).strftime("%H:%M"),
            "late": a.late,
        }
        for a in scanned[:300]
    ]
    return {
        "invited": summoned.count(),
        "present": summoned.filter(status=Attendance.Status.PRESENT).count(),
        "scanned": len(latest),
        "late": sum(1 for a in latest if a["late"]),
        "latest": latest,
        "open": services.checkin_is_open(meeting),
    }


@never_cache
def checkin_live(request: HttpRequest, pk: int) -> HttpResponse:
    """What the screen and the sheet poll: counts and who has scanned in (newest first)."""
    access.ensure_can_read_all(request.user)
    meeting = access.get_meeting_for_user(request.user, pk)
    return JsonResponse(_live(meeting))


@never_cache
def checkin(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """A member's phone after scanning the screen: signed in as 出席, or told plainly why not."""
    meeting = access.get_meeting_for_checkin(request.user, pk)
    member = access.own_member(request.user)
    assert member is not None  # the fetcher answers 404 to a login without a member record
    try:
        result = services.check_in(meeting=meeting, member=member, code=code[:40])
    except services.CheckInRefused as exc:
        return render(
            request,
            "consultations/checkin_result.html",
            {"meeting": meeting, "refused": exc.messages[0]},
            status=400,
        )
    return render(
        request,
        "consultations/checkin_result.html",
        {"meeting": meeting, "attendance": result.attendance, "already": result.already},
    )


@require_POST
def guest_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = GuestForm(request.POST)
    if form.is_valid():
        guest = services.guest_add(meeting=meeting, actor=request.user, **form.cleaned_data)
        messages.success(request, _("已加入其他参会人员：%(name)s。") % {"name": guest.name})
        return redirect(reverse("consultations:sheet", args=[meeting.pk]) + "#guests")
    from .sheets import sheet_page

    return sheet_page(request, meeting, guest_form=form)


@require_POST
def guest_mark(request: HttpRequest, pk: int) -> HttpResponse:
    guest = access.get_guest_for_user(request.user, pk, write=True)
    if request.POST.get("remove"):
        services.guest_remove(guest=guest, actor=request.user)
    else:
        services.guest_mark(guest=guest, present=request.POST.get("present") == "1", actor=request.user)
    return redirect(reverse("consultations:sheet", args=[guest.meeting_id]) + "#guests")
