"""A member's login, logins for many members at once (with printable slips), and the password page
every office-set password leads to."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from cppcc import access
from cppcc.http import add_service_errors, pdf_response

from . import documents, selectors, services
from .forms import BulkAccountsForm, LinkAccountForm

# The session remembers that this login must choose a password, so no page costs a query to ask.
MUST_CHANGE = "must_change_password"


def member_account(request: HttpRequest, pk: int) -> HttpResponse:
    member = access.get_member_for_user(request.user, pk, write=True)
    if request.method == "POST" and "unlink" in request.POST:
        services.account_unlink(member=member, actor=request.user)
        messages.success(request, _("已解除 %(name)s 的登录账号关联。") % {"name": member.name})
        return redirect(member)
    initial = {"username": member.user.username if member.user else member.phone}
    form = LinkAccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_link(member=member, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s 可用账号 %(username)s 登录，首次登录须修改密码。")
                % {"name": member.name, "username": user.username},
            )
            return redirect(member)
    return render(request, "accounts/member_account.html", {"form": form, "member": member})


def bulk(request: HttpRequest) -> HttpResponse:
    """Give many members a login at once; the answer is the PDF of their slips, and nothing else
    keeps the initial passwords."""
    access.ensure_can_edit(request.user)
    form = BulkAccountsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        slips = services.accounts_create_bulk(members=form.chosen(), actor=request.user)
        if slips:
            address = request.build_absolute_uri(reverse("login"))
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            response = pdf_response(
                documents.slips_pdf(slips, address=address, request=request), f"accounts-{stamp}.pdf"
            )
            response["Content-Disposition"] = response["Content-Disposition"].replace("inline", "attachment")
            return response
        form.add_error(None, _("所选委员都已有登录账号。"))
    return render(
        request,
        "accounts/bulk.html",
        {"form": form, "waiting": selectors.without_account_count()},
        status=400 if form.errors else 200,
    )


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        if selectors.must_change_password(self.request.user):
            self.request.session[MUST_CHANGE] = True
            return redirect("accounts:password")
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.account_password_changed(user=self.request.user)
        self.request.session.pop(MUST_CHANGE, None)
        messages.success(self.request, _("密码已修改，请记住新密码。"))
        return response
