from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from . import selectors


def unread(request: HttpRequest) -> dict[str, object]:
    """The bell's count: one indexed count, asked only when a page draws the bell."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"unread_notices": SimpleLazyObject(lambda: selectors.unread_count(user))}
