"""A person's own notices: the inbox, one notice (with its reply form), read marks, channel choices."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.lists import paginate

from .. import selectors, services
from ..forms import PreferencesForm, ReplyForm
from ..models import ReplyState

_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "wps": "application/vnd.ms-works",
    "jpg": "image/jpeg",
}


def inbox(request: HttpRequest) -> HttpResponse:
    notices = selectors.inbox(user=request.user, params=request.GET)
    return render(
        request,
        "notices/inbox.html",
        {"list": paginate(request, notices.qs, filterset=notices)},
    )


def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = access.get_notice_for_user(request.user, pk)
    services.notice_read(notice=notice, actor=request.user)
    context = {"notice": notice, "attachments": []}
    if notice.broadcast_id:
        context["attachments"] = list(notice.broadcast.attachments.all())
    if notice.meeting_id:
        meeting = notice.meeting
        context.update(
            attachments=list(meeting.papers.all()),
            state=selectors.reply_states(meeting).get(notice.member_id or 0),
            can_reply=notice.member_id is not None and meeting.last_day >= timezone.localdate(),
            states=ReplyState,
            form=ReplyForm(),
        )
    return render(request, "notices/notice_detail.html", context)


@require_POST
def notice_reply(request: HttpRequest, pk: int) -> HttpResponse:
    notice = access.get_notice_for_user(request.user, pk, write=True)
    member = access.own_member(request.user)
    if member is None:
        raise Http404
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择参加或请假。"))
        return redirect(notice)
    try:
        state = services.meeting_reply(notice=notice, member=member, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _("已回执：参加。") if state == ReplyState.ATTEND else _("请假申请已提交，等待审批。")
        messages.success(request, text)
    return redirect(notice)


@require_POST
def notice_read(request: HttpRequest, pk: int) -> HttpResponse:
    notice = access.get_notice_for_user(request.user, pk, write=True)
    services.notice_read(notice=notice, actor=request.user)
    return redirect(request.POST.get("next") or "notices:inbox")


@require_POST
def notice_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notice_read_all(user=request.user, kind=request.POST.get("kind", ""))
    messages.success(request, _("已将 %(n)s 条消息标为已读。") % {"n": count})
    return redirect("notices:inbox")


def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, initial_channels=selectors.preferences(request.user))
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, choices=form.choices())
        messages.success(request, _("接收方式已保存。"))
        return redirect("notices:preferences")
    return render(request, "notices/preferences.html", {"form": form})


def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A broadcast's attachment or a meeting paper, streamed only to those allowed; no public URL."""
    item = access.get_notice_attachment_for_user(request.user, pk)
    response = FileResponse(
        item.file.open("rb"),
        content_type=_CONTENT_TYPES.get(item.kind),
        as_attachment=True,
        filename=item.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
