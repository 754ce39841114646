"""通知公告 as the office writes and follows them, the delivery records, and meeting replies."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors
from cppcc.lists import paginate
from cppcc.once import submit_once

from .. import selectors, services
from ..forms import BroadcastForm, PaperForm
from ..models import Broadcast


def broadcast_list(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    broadcasts = selectors.broadcast_list(params=request.GET)
    return render(
        request,
        "notices/broadcast_list.html",
        {"list": paginate(request, broadcasts.qs, filterset=broadcasts)},
    )


@submit_once
def broadcast_create(request: HttpRequest) -> HttpResponse:
    access.ensure_can_edit(request.user)
    form = BroadcastForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            broadcast = services.broadcast_create(actor=request.user, uploads=data.pop("attachments"), **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            broadcast.refresh_from_db()
            if broadcast.status == Broadcast.Status.PUBLISHED:
                text = _("已发布，发送给 %(n)s 人。") % {"n": broadcast.recipients}
            elif broadcast.publish_at <= timezone.now():
                text = _("已发布，正在发送给 %(n)s 人；阅读回执和发送情况见本页。") % {
                    "n": services.audience_size(broadcast)
                }
            else:
                text = _("已定于 %(t)s 发布。") % {
                    "t": f"{timezone.localtime(broadcast.publish_at):%Y-%m-%d %H:%M}"
                }
            messages.success(request, text)
            return redirect(broadcast)
    return render(request, "notices/broadcast_form.html", {"form": form})


def broadcast_detail(request: HttpRequest, pk: int) -> HttpResponse:
    broadcast = access.get_broadcast_for_user(request.user, pk)
    receipts = selectors.receipts(broadcast)
    return render(
        request,
        "notices/broadcast_detail.html",
        {
            "broadcast": broadcast,
            "receipts": receipts,
            "read": sum(1 for r in receipts if r.read_at),
            "attachments": list(broadcast.attachments.all()),
            "deliveries": selectors.delivery_counts(broadcast.notices.all()),
        },
    )


@require_POST
def broadcast_remind(request: HttpRequest, pk: int) -> HttpResponse:
    broadcast = access.get_broadcast_for_user(request.user, pk, write=True)
    try:
        count = services.broadcast_remind(broadcast=broadcast, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已提醒 %(n)s 位未读的人（今天已提醒过的不再重复）。") % {"n": count})
    return redirect(broadcast)


def delivery_list(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    deliveries = selectors.delivery_list(params=request.GET)
    return render(
        request,
        "notices/delivery_list.html",
        {"list": paginate(request, deliveries.qs, filterset=deliveries)},
    )


@require_POST
def meeting_remind(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    try:
        count = services.meeting_remind_unanswered(meeting=meeting, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("已提醒 %(n)s 位尚未回执的委员（今天已提醒过的不再重复）。") % {"n": count}
        )
    return redirect(f"{reverse('consultations:invite', args=[meeting.pk])}#replies")


@require_POST
def meeting_paper(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = PaperForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(upload=form.cleaned_data["upload"], meeting=meeting, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("会议材料已上传，参会委员可在会议通知中查看。"))
    else:
        messages.error(request, _("请选择要上传的文件。"))
    return redirect(f"{reverse('consultations:invite', args=[meeting.pk])}#replies")
