"""大会发言材料: members submit their speech for a session from the meeting page; staff read them all and
mark which were delivered orally and which were taken as written."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors

from .. import services
from ..forms import SpeechForm
from ..models import Attendance


def speech_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """The member's own speech for this session: written or revised on a phone until staff mark it."""
    meeting = access.get_meeting_for_user(request.user, pk)
    member = access.own_member(request.user)
    if member is None or not meeting.attendances.filter(member=member).exists():
        raise Http404
    mine = meeting.speeches.filter(member=member).first()
    form = SpeechForm(request.POST if request.method == "POST" else None, instance=mine)
    if request.method == "POST" and form.is_valid():
        try:
            services.speech_submit(meeting=meeting, member=member, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("发言材料的修改已保存。") if mine else _("发言材料已提交，工作人员会在会后标明采用情况。"),
            )
            return redirect(meeting)
    return render(
        request,
        "consultations/speech_form.html",
        {"meeting": meeting, "form": form, "speech": mine, "open": services.speeches_open(meeting)},
        status=400 if form.errors else 200,
    )


def speech_list(request: HttpRequest, pk: int) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    meeting = access.get_meeting_for_user(request.user, pk)
    speeches = meeting.speeches.select_related("member", "member__sector")
    return render(
        request,
        "consultations/speech_list.html",
        {"meeting": meeting, "speeches": speeches, "choices": Attendance.Speech.choices},
    )


@require_POST
def speech_mark(request: HttpRequest, pk: int) -> HttpResponse:
    speech = access.get_speech_for_user(request.user, pk, write=True)
    try:
        services.speech_mark(speech=speech, delivered=request.POST.get("delivered", ""), actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已标明“%(t)s”的采用情况，履职档案已同步。") % {"t": speech.title})
    return redirect("consultations:speeches", pk=speech.meeting_id)
