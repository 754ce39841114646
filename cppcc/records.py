"""The one way a service stores a record: validated first, and its history told who did it."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def set_history_user(obj: models.Model, actor: Any) -> None:
    """simple-history reads the author of the next change from here, so services need no request."""
    obj._history_user = actor  # type: ignore[attr-defined]


def save_record(obj: M, actor: Any) -> M:
    obj.full_clean()
    set_history_user(obj, actor)
    obj.save()
    return obj
