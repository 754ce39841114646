"""The codes behind QR self check-in (扫码签到).

The check-in screen shows a QR code for the current minute; the code names the meeting and the minute
and is signed with the meeting's check-in key. A code is accepted for the minute it was shown and the
two after it (time to unlock a phone and, if needed, log in), never for another meeting, and never once
staff have reopened check-in with a new key.
"""

from __future__ import annotations

import datetime as dt
import enum
import hmac
import io

import segno
from django.utils import timezone
from django.utils.crypto import salted_hmac

SALT = "consultations.checkin"
VALID_MINUTES = 3  # the minute shown and the two after it


class Verdict(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"
    FOREIGN = "foreign"  # malformed, of another meeting, or signed with a retired key


def _minute(at: dt.datetime) -> int:
    return int(at.timestamp() // 60)


def _sign(meeting_pk: int, key: str, minute: int) -> str:
    return salted_hmac(SALT, f"{meeting_pk}:{minute}", secret=key or "-", algorithm="sha256").hexdigest()[:20]


def code_for(meeting, at: dt.datetime | None = None) -> str:
    minute = _minute(at or timezone.now())
    return f"{minute}-{_sign(meeting.pk, meeting.checkin_key, minute)}"


def verify(meeting, code: str, at: dt.datetime | None = None) -> Verdict:
    minute_text, _sep, signature = code.partition("-")
    if not meeting.checkin_key or not minute_text.isdigit() or len(minute_text) > 12:
        return Verdict.FOREIGN
    minute = int(minute_text)
    if not hmac.compare_digest(signature, _sign(meeting.pk, meeting.checkin_key, minute)):
        return Verdict.FOREIGN
    age = _minute(at or timezone.now()) - minute
    return Verdict.VALID if 0 <= age < VALID_MINUTES else Verdict.EXPIRED


def qr_svg(text: str) -> bytes:
    """A QR code of `text` as a standalone SVG image, drawn here (no outside service)."""
    image = io.BytesIO()
    segno.make(text, error="m").save(image, kind="svg", scale=10, border=2)
    return image.getvalue()
