"""Every write of platforms and their consultations; a consultation rewrites its members' dossier entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cppcc.records import save_record
from members import dossier
from members.models import Member

from .models import Platform, PlatformSession


@transaction.atomic
def platform_save(
    *, platform: Platform | None = None, liaisons: Iterable[Member] = (), actor: Any, **fields: Any
) -> Platform:
    platform = platform or Platform()
    for name, value in fields.items():
        setattr(platform, name, value)
    if not platform.is_active and platform.closed_on is None:
        platform.closed_on = timezone.localdate()
    if platform.is_active:
        platform.closed_on = None
    save_record(platform, actor)
    platform.liaisons.set(liaisons)
    return platform


@transaction.atomic
def session_save(
    *, session: PlatformSession | None = None, members: Iterable[Member] = (), actor: Any, **fields: Any
) -> PlatformSession:
    session = session or PlatformSession()
    for name, value in fields.items():
        setattr(session, name, value)
    if session.date and session.date > timezone.localdate():
        raise ValidationError({"date": _("协商活动的日期不能晚于今天。")})
    if session.follow_up_due and session.date and session.follow_up_due < session.date:
        raise ValidationError({"follow_up_due": _("办结时限不能早于协商日期。")})
    save_record(session, actor)
    session.members.set(members)
    dossier.sync(session, actor=actor)
    return session


@transaction.atomic
def follow_up_advance(
    *, session: PlatformSession, to: str, notes: str = "", on: dt.date | None = None, actor: Any
) -> PlatformSession:
    """待办 → 办理中 → 已办结 (or straight to 已办结); an 办结 needs what was done."""
    session = PlatformSession.objects.select_for_update().get(pk=session.pk)
    allowed = PlatformSession.FOLLOW_UP_NEXT[PlatformSession.FollowUp(session.follow_up)]
    if to not in allowed:
        raise ValidationError(
            _("办理落实当前为“%(now)s”，不能改为“%(to)s”。")
            % {"now": session.get_follow_up_display(), "to": PlatformSession.FollowUp(to).label}
        )
    if notes.strip():
        session.follow_up_notes = "\n".join(filter(None, [session.follow_up_notes, notes.strip()]))
    if to == PlatformSession.FollowUp.DONE:
        if not session.follow_up_notes.strip():
            raise ValidationError(_("办结时请写明办理了什么。"))
        session.follow_up_done_on = on or timezone.localdate()
        if session.follow_up_done_on < session.date:
            raise ValidationError(_("办结日期不能早于协商日期。"))
    session.follow_up = to
    return save_record(session, actor)
