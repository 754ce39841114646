"""The views of the consultations app, by page family."""

from .calendar import calendar_reset, calendar_view, ical_feed, my_meetings
from .checkin import checkin, checkin_live, checkin_qr, checkin_screen, guest_add, guest_mark
from .kinds import kind_create, kind_edit, kind_list
from .meetings import (
    instruction_create,
    meeting_create,
    meeting_delete,
    meeting_detail,
    meeting_edit,
    meeting_invite,
    meeting_list,
    outcome_create,
)
from .sheets import leave_decide, leave_request, sheet, sheet_pdf, sheet_xlsx, stats, stats_pdf, stats_xlsx
from .speeches import speech_list, speech_mark, speech_submit

__all__ = [
    "calendar_reset",
    "checkin",
    "checkin_live",
    "checkin_qr",
    "checkin_screen",
    "guest_add",
    "guest_mark",
    "calendar_view",
    "ical_feed",
    "kind_create",
    "kind_edit",
    "kind_list",
    "instruction_create",
    "leave_decide",
    "leave_request",
    "meeting_create",
    "meeting_delete",
    "meeting_detail",
    "meeting_edit",
    "meeting_invite",
    "meeting_list",
    "my_meetings",
    "outcome_create",
    "sheet",
    "speech_list",
    "speech_mark",
    "speech_submit",
    "sheet_pdf",
    "sheet_xlsx",
    "stats",
    "stats_pdf",
    "stats_xlsx",
]
