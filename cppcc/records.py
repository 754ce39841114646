"""The one way a service stores a record: validated first, and its history told who did it."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def save_record(obj: M, actor: Any) -> M:
    obj.full_clean()
    # simple-history reads the author from here, so services stay independent of the request.
    obj._history_user = actor
    obj.save()
    return obj
