"""Every write to the member register. Each function is one transaction and records who did it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cppcc.records import save_record
from cppcc.uploads import check_image

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
