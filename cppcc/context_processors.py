from __future__ import annotations

from django.http import HttpRequest

from . import access


def roles(request: HttpRequest) -> dict[str, object]:
    """What the base template needs to draw navigation by role; templates never check groups."""
    user = request.user
    return {
        "role": access.role_of(user),
        "can_edit": access.can_edit(user),
        "can_read_all": access.can_read_all(user),
        "can_configure": access.can_configure(user),
    }
