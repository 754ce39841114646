"""The one way a service stores a record: validated first, never over someone else's newer change,
and its history told who did it.

An edit form carries what the record looked like when the clerk opened it (`VersionedFormMixin`
puts it on the instance as `_opened`). `save_record` locks the row, compares, and refuses a save
over fields someone else changed meanwhile with `StaleRecord`, which names each such field with the
value the clerk saw and the value it has now; the form keeps what the clerk typed. A record saved
without a form (a script, a service acting on its own) is not compared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)
# field name → (fingerprint, what a person reads)
Opened = dict[str, tuple[str, str]]


def set_history_user(obj: models.Model, actor: Any) -> None:
    """simple-history reads the author of the next change from here, so services need no request."""
    obj._history_user = actor  # type: ignore[attr-defined]


def _display(obj: models.Model, field: Any, raw: Any) -> str:
    if field.many_to_many:
        return "、".join(str(o) for o in raw) or "—"
    if raw in (None, ""):
        return "—"
    if field.is_relation:
        return str(getattr(obj, field.name))
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if isinstance(raw, bool):
        return _("是") if raw else _("否")
    if isinstance(raw, dt.date | dt.time | Decimal):
        return str(raw)
    return str(raw)


def fingerprint(value: Any) -> str:
    """A value as a comparable string, whether it comes from a model or from a cleaned form field."""
    if value is None or value == "":
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, list | tuple | set | models.QuerySet):
        return ",".join(sorted((fingerprint(v) for v in value), key=lambda v: (len(v), v)))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def snapshot(obj: models.Model, names: list[str]) -> Opened:
    """Each named field of a saved record as a fingerprint and as text, for comparing later."""
    result: Opened = {}
    for name in names:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            related = sorted(getattr(obj, name).all(), key=lambda o: o.pk)
            result[name] = (fingerprint(related), _display(obj, field, related))
        else:
            raw = getattr(obj, getattr(field, "attname", name))
            result[name] = (fingerprint(raw), _display(obj, field, raw))
    return result


@dataclass
class Change:
    field: str
    label: str
    opened: str
    now: str
    # Whether this clerk changed the field too (their value is kept); otherwise the form takes the
    # other person's value, so saving again cannot quietly undo it.
    also_mine: bool = False


class StaleRecord(ValidationError):
    """Someone saved these fields of the record after the clerk opened it."""

    def __init__(self, changes: list[Change]) -> None:
        self.changes = changes
        super().__init__(
            _(
                "您打开这一页后，%(fields)s已被其他人修改并保存。为免覆盖，本次没有保存；请对照下方的变化核对后再保存。"
            )
            % {"fields": "、".join(c.label for c in changes)},
            code="stale",
        )


def check_fresh(obj: models.Model) -> None:
    """Refuse to save `obj` over a newer change to any field its form showed (row locked until commit)."""
    opened: Opened | None = getattr(obj, "_opened", None)
    if not opened or obj.pk is None:
        return
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    now = snapshot(current, list(opened))
    changes = [
        Change(
            name, str(getattr(obj._meta.get_field(name), "verbose_name", name)), opened[name][1], now[name][1]
        )
        for name in opened
        if now[name][0] != opened[name][0]
    ]
    if changes:
        raise StaleRecord(changes)


@transaction.atomic
def save_record(obj: M, actor: Any) -> M:
    check_fresh(obj)
    obj.full_clean()
    set_history_user(obj, actor)
    obj.save()
    # The clerk's opened copy has now been applied; a later save in the same request compares nothing.
    obj.__dict__.pop("_opened", None)
    return obj
