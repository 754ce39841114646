from __future__ import annotations

from typing import Any

from members.models import Member

from .models import PasswordChangeRequired


def must_change_password(user: Any) -> bool:
    return PasswordChangeRequired.objects.filter(user=user).exists()


def without_account_count() -> int:
    return Member.objects.filter(status=Member.Status.ACTIVE, user__isnull=True).count()
