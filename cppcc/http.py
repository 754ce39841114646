"""Small pieces every view needs: the year asked for, file responses, service errors on a form."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from .documents import XLSX_CONTENT_TYPE
from .records import StaleRecord


def year_param(
    request: HttpRequest, name: str = "year", *, latest: Callable[[], int | None] | None = None
) -> int:
    """The year in the query string. Without one: the latest year that has data (`latest`, asked only
    then), so a page opened in January shows last year's work rather than an empty new year."""
    value = request.GET.get(name, "")
    this_year = timezone.localdate().year
    if value.isdigit() and 2000 <= int(value) <= this_year + 1:
        return int(value)
    found = latest() if latest is not None else None
    return found or this_year


FIRST_YEAR = 2016


def year_choices() -> range:
    """The years a year selector offers, newest first."""
    return range(timezone.localdate().year, FIRST_YEAR - 1, -1)


def year_or_404(year: int) -> int:
    """A year taken from the URL path: one outside any plausible range is a page that does not exist."""
    if not 2000 <= year <= 2100:
        raise Http404
    return year


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{filename}"
    return response


def add_service_errors(form, exc: ValidationError) -> None:
    """Show what a service refused on the form, at the field it names (or above the form).

    A save refused because someone else changed the record meanwhile also lists those changes and
    points the form at the record as it is now, keeping what the clerk typed.
    """
    if isinstance(exc, StaleRecord):
        form.reopen(exc.changes)
        form.stale_changes = exc.changes
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
