"""A login whose password the office set sees only the password page until its owner chooses one."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from .views import MUST_CHANGE

        if request.session.get(MUST_CHANGE) and request.user.is_authenticated:
            allowed = (reverse("accounts:password"), reverse("logout"), reverse("set_language"), "/static/")
            if not request.path.startswith(allowed):
                return redirect("accounts:password")
        return self.get_response(request)
