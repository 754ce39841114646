"""Meeting kinds: staff list them, add the kinds their committee holds and retire the ones it no longer does."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cppcc import access
from cppcc.http import add_service_errors
from cppcc.once import submit_once

from .. import services
from ..forms import MeetingKindForm
from ..models import MeetingKind


def kind_list(request: HttpRequest) -> HttpResponse:
    access.ensure_can_edit(request.user)
    kinds = MeetingKind.objects.annotate(meetings_count=Count("meetings")).order_by("order", "name")
    return render(request, "consultations/kind_list.html", {"kinds": kinds})


def _kind_form(request: HttpRequest, kind: MeetingKind | None) -> HttpResponse:
    form = MeetingKindForm(request.POST if request.method == "POST" else None, instance=kind)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if not form.fields[k].disabled}
        try:
            saved = services.kind_save(kind=form.instance, actor=request.user, **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存会议活动类型“%(name)s”。") % {"name": saved.label})
            return redirect("consultations:kinds")
    return render(
        request,
        "consultations/kind_form.html",
        {"form": form, "kind": kind},
        status=400 if form.errors else 200,
    )


@submit_once
def kind_create(request: HttpRequest) -> HttpResponse:
    access.ensure_can_edit(request.user)
    return _kind_form(request, None)


def kind_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access.ensure_can_edit(request.user)
    return _kind_form(request, get_object_or_404(MeetingKind, pk=pk))
