"""/units/: handling units and their logins, kept by staff in the browser; leaders read. A password
the office sets or generates is shown once, on the answer to the form, and never again."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors, year_choices, year_param
from proposals.models import HandlingUnit

from . import selectors, units
from .forms import PasswordResetForm, UnitForm, UnitLoginForm


def unit_list(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_param(request)
    return render(
        request,
        "accounts/unit_list.html",
        {"units": selectors.unit_list(year=year), "year": year, "years": year_choices()},
    )


def _form_page(request: HttpRequest, unit: HandlingUnit | None) -> HttpResponse:
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "opened"}
        try:
            unit = units.unit_save(actor=request.user, unit=unit, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存承办单位“%(name)s”。") % {"name": unit.name})
            return redirect("accounts:unit_detail", pk=unit.pk)
    return render(
        request, "accounts/unit_form.html", {"form": form, "unit": unit}, status=400 if form.errors else 200
    )


def unit_create(request: HttpRequest) -> HttpResponse:
    access.ensure_can_edit(request.user)
    return _form_page(request, None)


def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_page(request, access.get_handling_unit_for_user(request.user, pk, write=True))


def _detail(request: HttpRequest, unit: HandlingUnit, *, status: int = 200, **extra: Any) -> HttpResponse:
    context = {"unit": unit, **selectors.unit_page(unit=unit), **extra}
    context.setdefault("login_form", UnitLoginForm())
    context.setdefault("reset_form", PasswordResetForm())
    response = render(request, "accounts/unit_detail.html", context, status=status)
    if "shown_password" in extra:
        response["Cache-Control"] = "no-store"  # the password is on this page once, in no cache
    return response


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, access.get_handling_unit_for_user(request.user, pk))


@require_POST
def unit_login_add(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.get_handling_unit_for_user(request.user, pk, write=True)
    form = UnitLoginForm(request.POST)
    if form.is_valid():
        try:
            user, password = units.unit_login_add(unit=unit, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _detail(request, unit, shown_password=(user.username, password))
    return _detail(request, unit, login_form=form, status=400)


@require_POST
def unit_login_reset(request: HttpRequest, pk: int) -> HttpResponse:
    unit, login = access.get_unit_login_for_user(request.user, pk, write=True)
    form = PasswordResetForm(request.POST)
    if form.is_valid():
        try:
            password = units.unit_login_reset(unit=unit, user=login, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return _detail(request, unit, shown_password=(login.username, password))
    return redirect("accounts:unit_detail", pk=unit.pk)


@require_POST
def unit_login_active(request: HttpRequest, pk: int) -> HttpResponse:
    unit, login = access.get_unit_login_for_user(request.user, pk, write=True)
    active = request.POST.get("active") == "1"
    try:
        units.unit_login_set_active(unit=unit, user=login, actor=request.user, active=active)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _("已启用账号 %(u)s。") if active else _("已停用账号 %(u)s，该账号不能再登录。")
        messages.success(request, text % {"u": login.username})
    return redirect("accounts:unit_detail", pk=unit.pk)
