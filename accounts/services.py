"""Every write to logins: linking one, resetting its password, creating many at once.

Passwords the office sets are initial: they work until their owner logs in and chooses their own.
Initial passwords are never stored anywhere but in the password hash: the slips PDF returned by
`accounts_create_bulk`'s caller is the only place they are written out.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cppcc.access import MEMBER_GROUP
from cppcc.records import save_record
from members.models import Member
from notices.services import notices_follow_accounts

from .models import PasswordChangeRequired

User = get_user_model()
# No 0/O, 1/l/I: a slip is read off paper and typed into a phone.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
INITIAL_HASHER = "pbkdf2_sha256_initial"


def initial_password() -> str:
    while True:
        password = "".join(secrets.choice(_ALPHABET) for _ in range(10))
        # At least a letter and a digit, so that the rules for chosen passwords hold for it too.
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


def _require_change(user: Any) -> None:
    PasswordChangeRequired.objects.get_or_create(user=user)


@transaction.atomic
def account_link(*, member: Member, username: str, password: str = "", actor: Any) -> Any:
    """Give a member a login: link an existing unlinked account, or create one in the 委员 group.
    A password the office sets is an initial one: the member replaces it at the first login."""
    user = User.objects.filter(username=username).first()
    if user is None:
        if not password:
            raise ValidationError({"password": _("新建账号需要设置初始密码。")})
        validate_password(password)
        user = User.objects.create_user(username=username, password=password, first_name=member.name)
        _require_change(user)
    else:
        owner = Member.objects.filter(user=user).exclude(pk=member.pk).first()
        if owner is not None:
            raise ValidationError({"username": _("该账号已关联委员 %(name)s。") % {"name": owner.name}})
        if password:
            validate_password(password, user)
            user.set_password(password)
            user.save(update_fields=["password"])
            _require_change(user)
    user.groups.add(Group.objects.get_or_create(name=MEMBER_GROUP)[0])
    member.user = user
    save_record(member, actor)
    notices_follow_accounts(members=[member])
    return user


@transaction.atomic
def account_unlink(*, member: Member, actor: Any) -> Member:
    member.user = None
    member = save_record(member, actor)
    notices_follow_accounts(members=[member])
    return member


@dataclass(frozen=True)
class Slip:
    member: Member
    username: str
    password: str


def _username(member: Member, taken: set[str]) -> str:
    # Offices log members in by their phone number; a member without one (or whose number is
    # already someone's login) gets a short code.
    if member.phone and member.phone not in taken:
        return member.phone
    return f"wy{member.pk:05d}"


@transaction.atomic
def accounts_create_bulk(*, members: Iterable[Member], actor: Any) -> list[Slip]:
    """Create a login for each member without one, in a fixed number of queries whatever their
    number. Returns the slips (name, username, initial password); nothing else keeps the passwords."""
    todo = [m for m in members if m.user_id is None and m.is_active]
    if not todo:
        return []
    taken = set(User.objects.values_list("username", flat=True))
    slips, users = [], []
    for member in todo:
        username = _username(member, taken)
        taken.add(username)
        password = initial_password()
        slips.append(Slip(member, username, password))
        # Initial passwords are random and replaced at the first login: a lighter hash keeps 250
        # logins within one request; the owner's own password gets the full-strength hash.
        users.append(
            User(
                username=username,
                first_name=member.name,
                password=make_password(password, hasher=INITIAL_HASHER),
            )
        )
    created = {u.username: u for u in User.objects.bulk_create(users)}
    if not all(u.pk for u in created.values()):  # backends that return no primary keys
        created = {u.username: u for u in User.objects.filter(username__in=list(created))}
    group = Group.objects.get_or_create(name=MEMBER_GROUP)[0]
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=u.pk, group_id=group.pk) for u in created.values()
    )
    PasswordChangeRequired.objects.bulk_create(PasswordChangeRequired(user=u) for u in created.values())
    for slip in slips:
        slip.member.user = created[slip.username]
    Member.objects.bulk_update([s.member for s in slips], ["user"], batch_size=500)
    notices_follow_accounts(members=[s.member for s in slips])
    return slips


@transaction.atomic
def account_password_changed(*, user: Any) -> None:
    """The owner chose their own password: the initial one is gone, the app opens up."""
    PasswordChangeRequired.objects.filter(user=user).delete()
