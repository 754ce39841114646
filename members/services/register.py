"""Every write to the member register. Each function is one transaction and records who did it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cppcc.access import MEMBER_GROUP
from cppcc.records import save_record
from cppcc.uploads import check_image
from notices.services import notices_follow_account

from ..models import Member

User = get_user_model()


def _set_photo(member: Member, upload: Any, remove: bool) -> None:
    """A new portrait replaces the old one (checked, upright, 600 px, no metadata); the old file goes
    once the change is committed."""
    old = member.photo.name if member.photo else ""
    if upload is not None:
        try:
            data = check_image(upload, max_bytes=settings.PHOTO_MAX_BYTES, max_side=600)
        except ValidationError as exc:
            raise ValidationError({"photo_upload": exc.messages}) from None
        member.photo.save("photo.jpg", ContentFile(data), save=False)
    elif remove:
        member.photo = None
    else:
        return
    if old:
        storage = member.photo.storage
        transaction.on_commit(lambda: storage.delete(old))


@transaction.atomic
def member_create(
    *, actor: Any, photo_upload: Any = None, remove_photo: bool = False, **fields: Any
) -> Member:
    member = Member(**fields)
    _set_photo(member, photo_upload, remove_photo)
    return save_record(member, actor)


@transaction.atomic
def member_update(
    *, member: Member, actor: Any, photo_upload: Any = None, remove_photo: bool = False, **fields: Any
) -> Member:
    for name, value in fields.items():
        setattr(member, name, value)
    _set_photo(member, photo_upload, remove_photo)
    return save_record(member, actor)


@transaction.atomic
def member_deactivate(
    *, member: Member, how: str, reason: str = "", left_on: dt.date | None = None, actor: Any
) -> Member:
    # Members are never deleted: their dossier, sign-ins and proposals keep pointing at them.
    member.status = Member.Status.INACTIVE
    member.left_on = left_on or timezone.localdate()
    member.left_how = how
    member.left_reason = reason
    member = save_record(member, actor)
    if member.user_id:
        User.objects.filter(pk=member.user_id).update(is_active=False)
    return member


@transaction.atomic
def member_reactivate(*, member: Member, actor: Any) -> Member:
    member.status = Member.Status.ACTIVE
    member.left_on = None
    member.left_how = ""
    member.left_reason = ""
    member = save_record(member, actor)
    if member.user_id:
        User.objects.filter(pk=member.user_id).update(is_active=True)
    return member


@transaction.atomic
def member_link_account(*, member: Member, username: str, password: str = "", actor: Any) -> Any:
    """Give a member a login: link an existing unlinked account, or create one in the 委员 group."""
    user = User.objects.filter(username=username).first()
    if user is None:
        if not password:
            raise ValidationError({"password": _("新建账号需要设置初始密码。")})
        validate_password(password)
        user = User.objects.create_user(username=username, password=password, first_name=member.name)
    else:
        owner = Member.objects.filter(user=user).exclude(pk=member.pk).first()
        if owner is not None:
            raise ValidationError({"username": _("该账号已关联委员 %(name)s。") % {"name": owner.name}})
        if password:
            validate_password(password, user)
            user.set_password(password)
            user.save(update_fields=["password"])
    user.groups.add(Group.objects.get_or_create(name=MEMBER_GROUP)[0])
    member.user = user
    save_record(member, actor)
    notices_follow_account(member=member)
    return user


@transaction.atomic
def member_unlink_account(*, member: Member, actor: Any) -> Member:
    member.user = None
    member = save_record(member, actor)
    notices_follow_account(member=member)
    return member
