"""Which dossier entries a platform consultation implies: one for every member who took part."""

from __future__ import annotations

from members.dossier import EntrySpec, builder
from members.kinds import ActivityKind as K

from .models import PlatformSession


@builder(PlatformSession, url_name="platforms:session")
def session_entries(session: PlatformSession) -> list[EntrySpec]:
    title = f"{session.platform.name}：{session.topic}"
    return [
        EntrySpec(pk, K.PLATFORM_SESSION, session.date, session.date.year, title[:200])
        for pk in session.members.values_list("pk", flat=True)
    ]
