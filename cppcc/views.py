from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from members import selectors as member_selectors

from . import access


def home(request: HttpRequest) -> HttpResponse:
    """The landing page by role: staff see their work page, leaders a summary, members their own page."""
    role = access.role_of(request.user)
    if role == "member":
        return redirect("me")
    if role == "leader":
        return redirect("dashboard:index")
    if role == "unit":
        return redirect("proposals:unit_list")
    if role == "none":
        return render(request, "cppcc/no_role.html", status=403)
    context: dict[str, Any] = {
        "summary": member_selectors.register_summary(user=request.user),
        "by_sector": member_selectors.members_by(user=request.user, field="sector"),
        "by_committee": member_selectors.members_by(user=request.user, field="committee"),
    }
    context["pending_reviews"] = member_selectors.pending_reviews().count()
    context["open_disputes"] = member_selectors.open_disputes().count()
    return render(request, "cppcc/home_staff.html", context)


def _broker_state() -> str:
    if not settings.CELERY_BROKER_URL:
        return "not configured"
    from .celery import app

    try:
        with app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means the broker is not usable
        return f"error: {exc.__class__.__name__}"


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer and monitoring: is the database (and the broker, if any) reachable."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception as exc:  # noqa: BLE001
        database = f"error: {exc.__class__.__name__}"
    broker = _broker_state()
    healthy = database == "ok" and broker in ("ok", "not configured")
    return JsonResponse(
        {"status": "ok" if healthy else "error", "database": database, "broker": broker},
        status=200 if healthy else 503,
    )
