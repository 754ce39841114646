"""Headers every response carries, and request ids that tie a log line to the request behind it."""

from __future__ import annotations

import logging
import re
import threading
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

_local = threading.local()
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
logger = logging.getLogger("cppcc.errors")


def current_request_id() -> str:
    return getattr(_local, "request_id", "-")


class RequestIdMiddleware:
    """Take the proxy's X-Request-ID (or make one), put it on every log line and on the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.META["REQUEST_ID"] = request_id
        _local.request_id = request_id
        try:
            response = self.get_response(request)
        finally:
            _local.request_id = "-"
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


class ContentSecurityPolicyMiddleware:
    """Only the app's own scripts, styles, fonts and images: every page is written to satisfy this
    (no inline scripts; chart data travels in json_script elements)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class DatabaseUnavailableMiddleware:
    """When the database connection fails mid-request, answer a clear 503 instead of a bare 500.

    Every write is one transaction, so whatever the request had started is rolled back: the page
    says so, and the person can simply try again.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.db import InterfaceError, OperationalError

        if isinstance(exception, (OperationalError, InterfaceError)) and isinstance(exception, DatabaseError):
            logger.error("database unavailable: %s", exception.__class__.__name__, exc_info=exception)
            return render(request, "503.html", status=503)
        return None


class VanishedRecordMiddleware:
    """A record deleted between the page load and the click (another clerk removed it) is a 404 with
    the app's page, not a 500: the services load rows again under a lock and may find them gone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ObjectDoesNotExist):
            logger.info("record vanished during %s %s: %s", request.method, request.path, exception)
            return render(request, "404.html", status=404)
        return None


class FriendlyErrorPagesMiddleware:
    """Answers Django leaves blank get the app's page: a GET to a POST-only address (405) explains
    itself in Chinese, keeping the Allow header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            page = render(request, "405.html", status=405)
            if "Allow" in response:
                page["Allow"] = response["Allow"]
            return page
        return response


class PrivatePagesMiddleware:
    """Pages and exports shown to a logged-in user are never kept by a browser or a proxy: a dossier
    must not come back from a shared office PC's cache after its user logged out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
