"""Which dossier entries a meeting's sign-in sheet implies."""

from __future__ import annotations

from members.dossier import EntrySpec, builder
from members.kinds import ActivityKind as K

from .models import Attendance, Meeting

STATUS_KIND: dict[str, str] = {Attendance.Status.LEAVE: K.LEAVE, Attendance.Status.ABSENT: K.ABSENCE}
SPEECH_KIND: dict[str, str] = {
    Attendance.Speech.ORAL: K.SPEECH_ORAL,
    Attendance.Speech.WRITTEN: K.SPEECH_WRITTEN,
}


@builder(Meeting, url_name="consultations:detail")
def meeting_entries(meeting: Meeting) -> list[EntrySpec]:
    title = meeting.display_title
    date, year = meeting.start_date, meeting.start_date.year
    # Attending counts as the activity the meeting's kind names (set by staff with the kind).
    present_kind = meeting.kind.activity_kind or K.ATTEND_OTHER
    specs = []
    rows = meeting.attendances.values_list("member_id", "status", "speech", "role")
    for member_id, status, speech, role in rows:
        kind: str | None
        if status == Attendance.Status.PRESENT:
            kind = present_kind
        else:  # 列席 are not summoned: staying away is neither a leave nor an absence
            kind = STATUS_KIND.get(status) if role == Attendance.Role.MEMBER else None
        if kind:
            specs.append(EntrySpec(member_id, kind, date, year, title))
        if speech in SPEECH_KIND:
            specs.append(EntrySpec(member_id, SPEECH_KIND[speech], date, year, title))
    return specs
