"""A report's 报送/采用 records and 批示, added, changed and deleted on the report's page; the names of
the levels."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors

from .. import selectors, services
from ..forms import ForwardingForm, InstructionForm, LevelNamesForm
from .reports import render_detail


def _back(report_url: str, anchor: str) -> HttpResponse:
    return redirect(f"{report_url}#{anchor}")


def _save(request: HttpRequest, report, form, save, done: str, anchor: str, **page) -> HttpResponse:
    """A record form posted from the report's page: saved through `save`, or the page again with the
    form as typed and the service's reasons on it."""
    if form.is_valid():
        try:
            save(**form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return _back(report.get_absolute_url(), anchor)
    return render_detail(request, report, **page)


@require_POST
def forwarding_create(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_sentiment_for_user(request.user, pk, write=True)
    form = ForwardingForm(request.POST)
    save = partial(services.forwarding_save, report=report, actor=request.user)
    return _save(request, report, form, save, _("已登记报送采用记录。"), "forwardings", forwarding_form=form)


@require_POST
def forwarding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = access.get_forwarding_for_user(request.user, pk, write=True)
    form = ForwardingForm(request.POST, instance=record, prefix=f"f{record.pk}")
    save = partial(services.forwarding_save, report=record.report, forwarding=record, actor=request.user)
    return _save(
        request,
        record.report,
        form,
        save,
        _("已保存。"),
        "forwardings",
        forwarding_form=form,
        open_record=("forwarding", record.pk),
    )


@require_POST
def forwarding_delete(request: HttpRequest, pk: int) -> HttpResponse:
    record = access.get_forwarding_for_user(request.user, pk, write=True)
    services.forwarding_delete(forwarding=record, actor=request.user)
    messages.success(request, _("已删除该条报送采用记录，反映人的履职档案已更新。"))
    return _back(record.report.get_absolute_url(), "forwardings")


def instruction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Where a dossier's 批示 entry links to: the 批示 on its report's page."""
    instruction = access.get_instruction_for_user(request.user, pk)
    return redirect(instruction.get_absolute_url())


@require_POST
def instruction_create(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_sentiment_for_user(request.user, pk, write=True)
    form = InstructionForm(request.POST)
    save = partial(services.instruction_save, report=report, actor=request.user)
    done = _("已记录领导批示，反映人的履职档案已更新。")
    return _save(request, report, form, save, done, "instructions", instruction_form=form)


@require_POST
def instruction_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = access.get_instruction_for_user(request.user, pk, write=True)
    form = InstructionForm(request.POST, instance=record, prefix=f"i{record.pk}")
    save = partial(services.instruction_save, report=record.report, instruction=record, actor=request.user)
    return _save(
        request,
        record.report,
        form,
        save,
        _("已保存。"),
        "instructions",
        instruction_form=form,
        open_record=("instruction", record.pk),
    )


@require_POST
def instruction_delete(request: HttpRequest, pk: int) -> HttpResponse:
    record = access.get_instruction_for_user(request.user, pk, write=True)
    report = record.report
    services.instruction_delete(instruction=record, actor=request.user)
    messages.success(request, _("已删除该条批示及其带来的履职记录。"))
    return _back(report.get_absolute_url(), "instructions")


def level_list(request: HttpRequest) -> HttpResponse:
    """The names of the levels (本级, 上级市, 省, 全国 as the committee calls them); staff rename."""
    access.ensure_can_see_sentiment_office(request.user)
    levels = selectors.level_list()
    form = LevelNamesForm(request.POST or None, levels=levels)
    status = 200
    if request.method == "POST":
        if not access.can_edit(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.level_rename(names=form.names(), actor=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("级别名称已保存。"))
                return redirect("sentiments:levels")
        status = 400
    return render(request, "sentiments/level_list.html", {"form": form, "levels": levels}, status=status)
