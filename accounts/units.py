"""Handling units (承办单位) and their logins, kept by the committee office in the browser.

Every change is written into the unit's history (simple-history) with who did it and, for a login,
what was done to which account, so the unit's page tells the whole story. Passwords the office sets
or generates are initial ones: the clerk chooses their own at the first login, and a generated one
is shown once and kept nowhere.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cppcc.access import UNIT_GROUP
from cppcc.records import save_record, set_history_user
from proposals.models import HandlingUnit

from .models import LoginContact, PasswordChangeRequired
from .services import initial_password

User = get_user_model()


def _note(unit: HandlingUnit, actor: Any, reason: str) -> None:
    """A line in the unit's history: who changed which of its logins, and how."""
    set_history_user(unit, actor)
    unit._change_reason = reason[:100]  # type: ignore[attr-defined]
    unit.save()


@transaction.atomic
def unit_save(*, actor: Any, unit: HandlingUnit | None = None, **fields: Any) -> HandlingUnit:
    """Create a unit, or rename it, change its contact or (de)activate it. A unit no longer in use
    is offered for no new 交办 and its logins stop working; what it handled stays."""
    unit = unit or HandlingUnit()
    was_active = unit.pk is None or unit.is_active
    for name, value in fields.items():
        setattr(unit, name, value)
    save_record(unit, actor)
    if was_active and not unit.is_active:
        unit.users.update(is_active=False)
    return unit


@transaction.atomic
def unit_login_add(
    *, unit: HandlingUnit, actor: Any, username: str, name: str, phone: str = "", password: str = ""
) -> tuple[Any, str]:
    """A new login of the unit; returns it with its initial password (generated when none is given)."""
    if not unit.is_active:
        raise ValidationError(_("该单位已停用，不能再开通账号。"))
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("该登录账号已存在，请换一个。")})
    if password:
        validate_password(password)
    password = password or initial_password()
    user = User.objects.create_user(username=username, password=password, first_name=name)
    user.groups.add(Group.objects.get_or_create(name=UNIT_GROUP)[0])
    LoginContact.objects.create(user=user, phone=phone)
    PasswordChangeRequired.objects.create(user=user)
    unit.users.add(user)
    _note(unit, actor, _("新增登录账号 %(u)s（%(n)s）") % {"u": username, "n": name})
    return user, password


@transaction.atomic
def unit_login_reset(*, unit: HandlingUnit, user: Any, actor: Any, password: str = "") -> str:
    """A new initial password for a login (given, or generated and returned to be shown once)."""
    if password:
        validate_password(password, user)
    password = password or initial_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    PasswordChangeRequired.objects.get_or_create(user=user)
    _note(unit, actor, _("重置账号 %(u)s 的密码") % {"u": user.username})
    return password


@transaction.atomic
def unit_login_set_active(*, unit: HandlingUnit, user: Any, actor: Any, active: bool) -> Any:
    """停用 a login (it is logged out at its next request) or 启用 it again."""
    if active and not unit.is_active:
        raise ValidationError(_("该单位已停用，不能启用它的账号。"))
    user.is_active = active
    user.save(update_fields=["is_active"])
    text = _("启用登录账号 %(u)s") if active else _("停用登录账号 %(u)s")
    _note(unit, actor, text % {"u": user.username})
    return user
