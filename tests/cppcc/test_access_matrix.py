"""Every URL of the project × every role, against an explicit table.

A URL added without a row here fails `test_every_url_has_a_row`; a row whose answer changes fails
`test_each_role_gets_the_expected_answer`. Object URLs are asked twice by the member: once for their
own record ("own") and once for another member's ("other"), which must be a 404.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from consultations import services as meetings
from consultations.models import Meeting, MeetingKind
from demo.research import _pdf
from evaluation import services as evaluation_services
from evaluation.models import Award, AwardKind
from members.models import DossierEntry, EntryAttachment, EntryDispute
from notices import services as notice_services
from notices.models import Notice
from platforms import services as platforms
from proposals import services as proposal_services
from research import services as research
from sentiments import services as sentiment_services
from sentiments.models import SentimentLevel, SentimentReport

YEAR = 2023

ANON, MEMBER, OWN, OTHER, STAFF, LEADER, UNIT, UNIT_OTHER = (
    "anonymous",
    "member",
    "member:own",
    "member:other",
    "staff",
    "leader",
    "unit",
    "unit:other",
)

# name: (method, target, {who: status}). target "member" means the URL takes a member's pk.
# A POST is sent empty: where the role may act, an empty form is refused with the page shown again (400).
EXPECTED: dict[str, tuple[str, str | None, dict[str, int]]] = {
    "home": ("get", None, {ANON: 302, MEMBER: 302, STAFF: 200, LEADER: 302, UNIT: 302}),
    "dashboard:index": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "dashboard:inactive": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "healthz": ("get", None, {ANON: 200, MEMBER: 200, STAFF: 200, LEADER: 200, UNIT: 200}),
    "login": ("get", None, {ANON: 200, MEMBER: 302, STAFF: 302, LEADER: 302, UNIT: 302}),
    "logout": ("post", None, {ANON: 302, MEMBER: 302, STAFF: 302, LEADER: 302, UNIT: 302}),
    "set_language": ("post", None, {ANON: 302, MEMBER: 302, STAFF: 302, LEADER: 302, UNIT: 302}),
    "me": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 404, LEADER: 404, UNIT: 403}),
    "members:list": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "members:export": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "members:create": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403, UNIT: 403}),
    "members:import": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403, UNIT: 403}),
    "members:import_template": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403, UNIT: 403}),
    "members:detail": (
        "get",
        "member",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "members:edit": ("get", "member", {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403, UNIT: 404}),
    "members:deactivate": (
        "get",
        "member",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403, UNIT: 404},
    ),
    "members:reactivate": (
        "post",
        "member",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "members:photo": (
        "get",
        "member_photo",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "accounts:bulk": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403, UNIT: 403}),
    "accounts:password": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 200, LEADER: 200, UNIT: 200}),
    "accounts:member": (
        "get",
        "member",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403, UNIT: 404},
    ),
    # Handling units and their logins (/units/): staff keep them, leaders read; a password reset
    # answers with the page showing the new password once (200).
    "accounts:units": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "accounts:unit_create": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403, UNIT: 403}),
    "accounts:unit_detail": (
        "get",
        "handling_unit",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "accounts:unit_edit": (
        "get",
        "handling_unit",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 403, UNIT: 404},
    ),
    "accounts:unit_login_add": (
        "post",
        "handling_unit",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "accounts:unit_login_reset": (
        "post",
        "unit_login",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 403, UNIT: 404},
    ),
    "accounts:unit_login_active": (
        "post",
        "unit_login",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "members:report_pdf": (
        "get",
        "member_year",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "members:dossier_xlsx": (
        "get",
        "member_year",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "members:entry_record": (
        "get",
        "member",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403, UNIT: 404},
    ),
    "members:self_report": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 404, LEADER: 404, UNIT: 403}),
    "members:entry_dispute": (
        "post",
        "entry",
        {ANON: 302, OWN: 400, OTHER: 404, STAFF: 404, LEADER: 404, UNIT: 404},
    ),
    "members:entry_review": (
        "post",
        "entry",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "members:reviews_confirm": ("post", None, {ANON: 302, MEMBER: 403, STAFF: 302, LEADER: 403, UNIT: 403}),
    "members:attachment": (
        "get",
        "attachment",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "members:reviews": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403, UNIT: 403}),
    "members:disputes": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403, UNIT: 403}),
    "members:dispute_resolve": (
        "post",
        "dispute",
        {ANON: 302, MEMBER: 403, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "proposals:list": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 200, LEADER: 200, UNIT: 200}),
    "proposals:create": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 200, LEADER: 403, UNIT: 403}),
    "proposals:stats": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "proposals:export": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    # The year's 提案汇编: staff and leaders start it (built inline here), watch it and download it.
    "proposals:compilation_start": (
        "post",
        None,
        {ANON: 302, MEMBER: 403, STAFF: 302, LEADER: 302, UNIT: 403},
    ),
    "proposals:compilation_status": (
        "get",
        "compilation",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "proposals:compilation_file": (
        "get",
        "compilation",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "proposals:detail": (
        "get",
        "proposal",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "proposals:edit": (
        "get",
        "proposal",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403, UNIT: 404},
    ),
    "proposals:transition": (
        "post",
        "proposal",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "proposals:delete": (
        "post",
        "proposal",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    # Only the lead proposer acts on their own proposal; the member's "own" here is already submitted,
    # so inviting and submitting are refused with a message (302), withdrawing still works.
    "proposals:invite": (
        "post",
        "proposal",
        {ANON: 302, OWN: 302, OTHER: 404, STAFF: 403, LEADER: 403, UNIT: 404},
    ),
    "proposals:submit": (
        "post",
        "proposal",
        {ANON: 302, OWN: 302, OTHER: 404, STAFF: 403, LEADER: 403, UNIT: 404},
    ),
    "proposals:withdraw": (
        "post",
        "proposal",
        {ANON: 302, OWN: 302, OTHER: 404, STAFF: 403, LEADER: 403, UNIT: 404},
    ),
    "proposals:invitation_answer": (
        "post",
        "invitation",
        {ANON: 302, OWN: 302, OTHER: 404, STAFF: 404, LEADER: 404, UNIT: 404},
    ),
    # The 提案委's review and assignment: staff only; an empty form is refused with the page (400).
    "proposals:review": (
        "post",
        "proposal",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "proposals:merge": (
        "post",
        "proposal",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "proposals:supervise": (
        "post",
        "proposal",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "proposals:assign": (
        "post",
        "proposal",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    # A unit's own assignments ("own": its unit's; "unit:other": another unit's, which it never sees).
    "proposals:unit_list": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 200}),
    "proposals:unit_sign": (
        "post",
        "assignment",
        {ANON: 302, OWN: 404, STAFF: 403, LEADER: 403, UNIT: 302, UNIT_OTHER: 404},
    ),
    "proposals:unit_return": (
        "post",
        "assignment",
        {ANON: 302, OWN: 404, STAFF: 403, LEADER: 403, UNIT: 400, UNIT_OTHER: 404},
    ),
    "proposals:unit_note": (
        "post",
        "assignment",
        {ANON: 302, OWN: 404, STAFF: 403, LEADER: 403, UNIT: 400, UNIT_OTHER: 404},
    ),
    "proposals:unit_opinion": (
        "post",
        "assignment",
        {ANON: 302, OWN: 404, STAFF: 403, LEADER: 403, UNIT: 400, UNIT_OTHER: 404},
    ),
    "proposals:unit_reply": (
        "post",
        "assignment",
        {ANON: 302, OWN: 404, STAFF: 403, LEADER: 403, UNIT: 400, UNIT_OTHER: 404},
    ),
    "proposals:reply_letter": (
        "get",
        "reply",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200, UNIT: 200, UNIT_OTHER: 404},
    ),
    "proposals:rate": (
        "post",
        "reply",
        {ANON: 302, OWN: 400, OTHER: 404, STAFF: 403, LEADER: 403, UNIT: 404, UNIT_OTHER: 404},
    ),
    "sentiments:list": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 200, LEADER: 200, UNIT: 403}),
    "sentiments:create": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 200, LEADER: 403, UNIT: 403}),
    "sentiments:detail": (
        "get",
        "sentiment",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "sentiments:edit": (
        "get",
        "sentiment",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403, UNIT: 404},
    ),
    "sentiments:delete": (
        "post",
        "sentiment",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    # A member reads their own report's records (the 批示 link redirects to the report); staff change them.
    "sentiments:attachment": (
        "get",
        "sentiment_attachment",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "sentiments:stats": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "sentiments:issues": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "sentiments:issue_create": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403, UNIT: 403}),
    # An issue is the office's publication: members get a 403 (it is not theirs to open), units a 404.
    "sentiments:issue": (
        "get",
        "issue",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "sentiments:issue_pdf": (
        "get",
        "issue",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "sentiments:issue_edit": (
        "post",
        "issue",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "sentiments:issue_items": (
        "post",
        "issue",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "sentiments:issue_delete": (
        "post",
        "issue",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "sentiments:levels": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "sentiments:forwarding_create": (
        "post",
        "sentiment",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "sentiments:forwarding_edit": (
        "post",
        "forwarding",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "sentiments:forwarding_delete": (
        "post",
        "forwarding",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "sentiments:instruction_create": (
        "post",
        "sentiment",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "sentiments:instruction": (
        "get",
        "instruction",
        {ANON: 302, OWN: 302, OTHER: 404, STAFF: 302, LEADER: 302, UNIT: 404},
    ),
    "sentiments:instruction_edit": (
        "post",
        "instruction",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "sentiments:instruction_delete": (
        "post",
        "instruction",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "evaluation:schemes": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "evaluation:scheme_edit": ("get", "year", {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 404}),
    "evaluation:scheme_create": (
        "post",
        "year",
        {ANON: 302, MEMBER: 403, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "consultations:list": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "consultations:create": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403, UNIT: 403}),
    "consultations:stats": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "consultations:stats_xlsx": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "consultations:stats_pdf": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "consultations:detail": (
        "get",
        "meeting",
        {ANON: 302, OWN: 200, OTHER: 200, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "consultations:edit": (
        "get",
        "meeting",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 403, UNIT: 404},
    ),
    "consultations:delete": (
        "post",
        "meeting",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "consultations:invite": (
        "get",
        "meeting",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 403, UNIT: 404},
    ),
    "consultations:sheet": (
        "get",
        "meeting",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "consultations:sheet_pdf": (
        "get",
        "meeting",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "consultations:kinds": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403, UNIT: 403}),
    "consultations:kind_create": ("post", None, {ANON: 302, MEMBER: 403, STAFF: 400, LEADER: 403, UNIT: 403}),
    "consultations:kind_edit": (
        "get",
        "meeting_kind",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 403, UNIT: 404},
    ),
    "consultations:checkin_screen": (
        "get",
        "meeting",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 403, UNIT: 404},
    ),
    # The QR image exists only while check-in is open (staff open it on the screen page).
    "consultations:checkin_qr": (
        "get",
        "meeting",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 404, LEADER: 403, UNIT: 404},
    ),
    "consultations:checkin_live": (
        "get",
        "meeting",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    # A member's scan is refused in words (400: not this meeting's current code); logins without a
    # member record have nothing to check in.
    "consultations:checkin": (
        "get",
        "checkin",
        {ANON: 302, OWN: 400, OTHER: 400, STAFF: 404, LEADER: 404, UNIT: 404},
    ),
    "consultations:guest_add": (
        "post",
        "meeting",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "consultations:guest_mark": (
        "post",
        "guest",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "consultations:speech_submit": (
        "get",
        "meeting",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 404, LEADER: 404, UNIT: 404},
    ),
    "consultations:speeches": (
        "get",
        "meeting",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "consultations:speech_mark": (
        "post",
        "speech",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "consultations:sheet_xlsx": (
        "get",
        "meeting",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "consultations:leave_request": (
        "post",
        "meeting",
        {ANON: 302, OWN: 400, OTHER: 400, STAFF: 404, LEADER: 404, UNIT: 404},
    ),
    "consultations:outcome_create": (
        "post",
        "meeting",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "consultations:instruction_create": (
        "post",
        "outcome",
        {ANON: 302, MEMBER: 403, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "consultations:leave_decide": (
        "post",
        "leave",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "consultations:calendar": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 200, LEADER: 200, UNIT: 403}),
    # The private feed address is its own key: it answers to whoever holds it, and to nobody else.
    "consultations:feed": (
        "get",
        "token",
        {ANON: 200, OWN: 200, OTHER: 200, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "consultations:mine": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 404, LEADER: 404, UNIT: 403}),
    "consultations:calendar_reset": (
        "post",
        None,
        {ANON: 302, MEMBER: 302, STAFF: 404, LEADER: 404, UNIT: 403},
    ),
    "research:list": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 200, LEADER: 200, UNIT: 403}),
    "research:create": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403, UNIT: 403}),
    "research:export": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "research:detail": (
        "get",
        "topic",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "research:edit": ("get", "topic", {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403, UNIT: 404}),
    "research:team": ("get", "topic", {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403, UNIT: 404}),
    "research:report": (
        "get",
        "topic",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403, UNIT: 404},
    ),
    "research:report_file": (
        "get",
        "topic",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "research:transition": (
        "post",
        "topic",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "research:instruction_create": (
        "post",
        "topic",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "research:summary_pdf": (
        "get",
        "topic",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "research:instructions": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "research:follow_up": (
        "post",
        "report_instruction",
        {ANON: 302, MEMBER: 403, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "platforms:coverage": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "platforms:list": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "platforms:create": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403, UNIT: 403}),
    "platforms:export": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "platforms:detail": ("get", "platform", {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 404}),
    "platforms:edit": ("get", "platform", {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403, UNIT: 404}),
    "platforms:sessions": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 200, LEADER: 200, UNIT: 403}),
    "platforms:session_create": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403, UNIT: 403}),
    "platforms:session": (
        "get",
        "session",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "platforms:session_edit": (
        "get",
        "session",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403, UNIT: 404},
    ),
    "platforms:follow_up": (
        "post",
        "session",
        {ANON: 302, OWN: 403, OTHER: 404, STAFF: 400, LEADER: 403, UNIT: 404},
    ),
    "evaluation:latest": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 302, LEADER: 302, UNIT: 403}),
    "evaluation:year": ("get", "year", {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 404}),
    "evaluation:start": ("post", "year", {ANON: 302, MEMBER: 403, STAFF: 302, LEADER: 403, UNIT: 404}),
    "evaluation:status": ("get", "year", {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 404}),
    "evaluation:export": ("get", "year", {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 404}),
    "evaluation:awards": ("get", "year", {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 404}),
    "evaluation:awards_propose": (
        "post",
        "year",
        {ANON: 302, MEMBER: 403, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "evaluation:award_decide": (
        "post",
        "award",
        {ANON: 302, MEMBER: 403, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "evaluation:publish": ("post", "year", {ANON: 302, MEMBER: 403, STAFF: 302, LEADER: 403, UNIT: 404}),
    # Everyone has an inbox of their own; nobody, whatever their role, opens another person's notice.
    "notices:inbox": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 200, LEADER: 200, UNIT: 200}),
    "notices:read_all": ("post", None, {ANON: 302, MEMBER: 302, STAFF: 302, LEADER: 302, UNIT: 302}),
    "notices:preferences": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 200, LEADER: 200, UNIT: 200}),
    "notices:detail": (
        "get",
        "notice",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 404, LEADER: 404, UNIT: 404},
    ),
    "notices:read": ("post", "notice", {ANON: 302, OWN: 302, OTHER: 404, STAFF: 404, LEADER: 404, UNIT: 404}),
    "notices:reply": (
        "post",
        "notice",
        {ANON: 302, OWN: 302, OTHER: 404, STAFF: 404, LEADER: 404, UNIT: 404},
    ),
    "notices:attachment": (
        "get",
        "notice_attachment",
        {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200, UNIT: 404},
    ),
    "notices:broadcasts": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "notices:broadcast_create": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403, UNIT: 403}),
    "notices:broadcast": ("get", "broadcast", {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 404}),
    "notices:broadcast_remind": (
        "post",
        "broadcast",
        {ANON: 302, MEMBER: 403, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "notices:deliveries": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200, UNIT: 403}),
    "notices:meeting_remind": (
        "post",
        "meeting",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    "notices:meeting_paper": (
        "post",
        "meeting",
        {ANON: 302, OWN: 403, OTHER: 403, STAFF: 302, LEADER: 403, UNIT: 404},
    ),
    # Django admin decides with is_staff/is_superuser; none of the role accounts is an admin user.
    "admin:index": ("get", None, {ANON: 302, MEMBER: 302, STAFF: 302, LEADER: 302, UNIT: 302}),
}


def _url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern):
                if namespace == "admin":
                    continue  # Django's own admin: one row above speaks for it
                assert pattern.name, f"unnamed URL pattern {pattern.pattern} cannot be checked"
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "")
    return names | {"admin:index"}


def test_every_url_has_a_row():
    names = _url_names()
    assert names - EXPECTED.keys() == set(), "add these URLs to the access matrix"
    assert EXPECTED.keys() - names == set(), "these rows name URLs that no longer exist"


def _cases():
    for name, (method, target, answers) in EXPECTED.items():
        for who, status in answers.items():
            yield pytest.param(name, method, target, who, status, id=f"{name}-{who}")


def _records_of(m, staff):
    entry = DossierEntry.objects.create(
        member=m, year=YEAR, date=dt.date(YEAR, 3, 1), kind="visit", title="走访"
    )
    proposal = proposal_services.proposal_create(
        actor=staff, year=YEAR, number=m.pk, title="提案", lead=m, submitted_on=dt.date(YEAR, 1, 10)
    )
    report = sentiment_services.sentiment_create(
        actor=staff, authors=[m], year=YEAR, title="社情民意", reported_on=dt.date(YEAR, 2, 1)
    )
    return {"entry": entry.pk, "proposal": proposal.pk, "sentiment": report.pk}


def _meetings(member, other_member, staff):
    soon = dt.date.today() + dt.timedelta(days=7)
    mine = meetings.meeting_create(actor=staff, kind="study", term=member.term, start_date=soon)
    theirs = meetings.meeting_create(actor=staff, kind="study", term=member.term, start_date=soon)
    meetings.meeting_invite(meeting=mine, members=[member], actor=staff)
    meetings.meeting_invite(meeting=theirs, members=[other_member], actor=staff)
    leaves = [
        meetings.leave_request_create(meeting=m, member=who, reason="出差", actor=None)
        for m, who in ((mine, member), (theirs, other_member))
    ]
    outcome = meetings.outcome_create(meeting=mine, actor=staff, title="成果", content="建议")
    return {
        "meeting": (mine.pk, theirs.pk),
        "leave": (leaves[0].pk, leaves[1].pk),
        "outcome": (outcome.pk, outcome.pk),
    }


def _topic_for(m, staff):
    topic = research.topic_create(
        actor=staff,
        year=YEAR,
        title=f"课题{m.pk}",
        leader="主席",
        office="办公室",
        planned_start=dt.date(YEAR, 3, 1),
        planned_end=dt.date(YEAR, 9, 1),
    )
    research.topic_set_participants(topic=topic, members=[m], actor=staff)
    research.report_save(
        topic=topic,
        actor=staff,
        title="报告",
        completed_on=dt.date(YEAR, 8, 1),
        upload=SimpleUploadedFile("r.pdf", _pdf("r")),
    )
    return topic


def _jpeg() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "JPEG")
    return out.getvalue()


def build_targets(member, other_member, staff):
    """Builds, for one kind of object URL, the arguments for the member's own object and another's.

    Only the objects the case needs are made, which keeps the matrix fast.
    """

    def build(target):
        if target == "member":
            return [member.pk], [other_member.pk]
        if target == "attachment":
            found = []
            for who in (member, other_member):
                entry = DossierEntry.objects.create(
                    member=who,
                    year=YEAR,
                    date=dt.date(YEAR, 3, 1),
                    kind="visit",
                    title="走访",
                    status="pending",
                )
                item = EntryAttachment(entry=entry, kind="jpg", size=10)
                item.file.save("p.jpg", ContentFile(_jpeg()), save=True)
                found.append(item.pk)
            return [found[0]], [found[1]]
        if target == "member_photo":
            for who in (member, other_member):
                who.photo.save("p.jpg", ContentFile(_jpeg()), save=True)
            return [member.pk], [other_member.pk]
        if target == "member_year":
            return [member.pk, YEAR], [other_member.pk, YEAR]
        if target in ("entry", "proposal", "sentiment"):
            own, other = _records_of(member, staff), _records_of(other_member, staff)
            return [own[target]], [other[target]]
        if target == "sentiment_attachment":
            found = []
            for who in (member, other_member):
                report = sentiment_services.sentiment_create(
                    actor=staff,
                    authors=[who],
                    year=YEAR,
                    title="附件",
                    reported_on=dt.date(YEAR, 2, 1),
                    attachment=SimpleUploadedFile("a.pdf", _pdf("附件")),
                )
                found.append(report.pk)
            return [found[0]], [found[1]]
        if target == "issue":
            report = SentimentReport.objects.get(pk=_records_of(member, staff)["sentiment"])
            issue = sentiment_services.issue_create(
                actor=staff, year=YEAR, number=1, date=dt.date(YEAR, 4, 1), reports=[report]
            )
            return [issue.pk], [issue.pk]
        if target in ("forwarding", "instruction"):
            found = []
            for who in (member, other_member):
                report = SentimentReport.objects.get(pk=_records_of(who, staff)["sentiment"])
                level = SentimentLevel.objects.get(tier="city")
                save = sentiment_services.forwarding_save
                if target == "instruction":
                    save = sentiment_services.instruction_save
                    record = save(
                        report=report, actor=staff, leader="市长", level=level, date=dt.date(YEAR, 3, 1)
                    )
                else:
                    record = save(
                        report=report, actor=staff, action="adopted", level=level, date=dt.date(YEAR, 3, 1)
                    )
                found.append(record.pk)
            return [found[0]], [found[1]]
        if target == "invitation":
            found = []
            for lead, invitee in ((other_member, member), (member, other_member)):
                draft = proposal_services.proposal_draft_save(member=lead, actor=lead.user, title="草稿")
                found.extend(
                    proposal_services.proposal_invite(proposal=draft, members=[invitee], actor=lead.user)
                )
            return [found[0].pk], [found[1].pk]
        if target in ("assignment", "reply"):
            from proposals.models import HandlingUnit

            today = dt.date.today()
            found = []
            for lead, unit_name in ((member, "市住房和城乡建设局"), (other_member, "市教育局")):
                unit = HandlingUnit.objects.get_or_create(name=unit_name)[0]
                draft = proposal_services.proposal_draft_save(
                    member=lead,
                    actor=lead.user,
                    title="提案",
                    category="society",
                    content="案据",
                    suggestions="建议",
                )
                proposal_services.proposal_submit(proposal=draft, actor=lead.user)
                proposal_services.proposal_file(proposal=draft, actor=staff, on=today)
                (assignment,) = proposal_services.proposal_assign(
                    proposal=draft, actor=staff, on=today, lead_unit=unit
                )
                if target == "reply":
                    reply = proposal_services.reply_create(
                        assignment=assignment,
                        actor=None,
                        category="A",
                        replied_on=today,
                        upload=SimpleUploadedFile("答复函.pdf", _pdf("答复")),
                    )
                    found.append(reply.pk)
                else:
                    found.append(assignment.pk)
            return [found[0]], [found[1]]
        if target in ("handling_unit", "unit_login"):
            from accounts.units import unit_login_add, unit_save

            unit = unit_save(actor=staff, name="市城市管理局")
            if target == "handling_unit":
                return [unit.pk], [unit.pk]
            login, _password = unit_login_add(unit=unit, actor=staff, username="cgj", name="城管局办公室")
            return [login.pk], [login.pk]
        if target == "compilation":
            from proposals.models import Compilation

            job = Compilation.objects.create(year=YEAR, status="done", total=0)
            job.file.save("2023.pdf", ContentFile(_pdf("汇编")), save=True)
            return [job.pk], [job.pk]
        if target == "dispute":
            entry = DossierEntry.objects.create(
                member=other_member, year=YEAR, date=dt.date(YEAR, 3, 1), kind="visit", title="走访"
            )
            dispute = EntryDispute.objects.create(entry=entry, comment="有误")
            return [dispute.pk], [dispute.pk]
        if target == "year":
            evaluation_services.scheme_create_default(year=YEAR)
            return [YEAR], [YEAR]
        if target in ("meeting", "leave", "outcome"):
            own, other = _meetings(member, other_member, staff)[target]
            return [own], [other]
        if target in ("topic", "report_instruction"):
            own, other = _topic_for(member, staff), _topic_for(other_member, staff)
            if target == "topic":
                return [own.pk], [other.pk]
            instruction = research.instruction_create(
                report=own.report,
                actor=staff,
                leader="市委主要领导",
                level="city",
                date=dt.date(YEAR, 9, 1),
                content="落实",
            )
            return [instruction.pk], [instruction.pk]
        if target in ("platform", "session"):
            city = platforms.platform_save(actor=staff, name="市级协商议事厅", level="city")
            if target == "platform":
                return [city.pk], [city.pk]
            sessions = [
                platforms.session_save(
                    actor=staff, platform=city, members=[who], date=dt.date(YEAR, 5, 1), topic=f"议题{who.pk}"
                )
                for who in (member, other_member)
            ]
            return [sessions[0].pk], [sessions[1].pk]
        if target == "award":
            kind = AwardKind.objects.create(name="优秀委员（测试）")
            award = Award.objects.create(year=YEAR, kind=kind, member=member)
            return [award.pk], [award.pk]
        if target == "notice":
            _meetings(member, other_member, staff)  # inviting to a coming meeting sends each a notice
            own, other = (Notice.objects.get(member=who, kind="meeting").pk for who in (member, other_member))
            return [own], [other]
        if target in ("broadcast", "notice_attachment"):
            own, other = (
                notice_services.broadcast_create(
                    actor=staff,
                    title="通知",
                    body="正文",
                    audience="hand",
                    members=[who],
                    uploads=[SimpleUploadedFile("附件.pdf", _pdf("附件"))],
                )
                for who in (member, other_member)
            )
            for broadcast in (own, other):
                notice_services.broadcast_publish(broadcast=broadcast)  # what the worker does next
            if target == "broadcast":
                return [own.pk], [own.pk]
            return [own.attachments.get().pk], [other.attachments.get().pk]
        if target == "checkin":
            own, other = _meetings(member, other_member, staff)["meeting"]
            return [own, "0-forged"], [other, "0-forged"]
        if target == "guest":
            own, _other = _meetings(member, other_member, staff)["meeting"]
            guest = meetings.guest_add(
                meeting=Meeting.objects.get(pk=own), actor=staff, name="李科长", unit="市政协办公室"
            )
            return [guest.pk], [guest.pk]
        if target == "speech":
            soon = dt.date.today() + dt.timedelta(days=7)
            session = meetings.meeting_create(actor=staff, kind="plenary", term=member.term, start_date=soon)
            meetings.meeting_invite(meeting=session, members=[member, other_member], actor=staff)
            own, other = (
                meetings.speech_submit(meeting=session, member=who, title="发言", text="内容", actor=None).pk
                for who in (member, other_member)
            )
            return [own], [other]
        if target == "meeting_kind":
            pk = MeetingKind.objects.get(code="counterpart").pk
            return [pk], [pk]
        if target == "token":
            return [meetings.calendar_feed_for(member).token], [
                meetings.calendar_feed_for(other_member).token
            ]
        raise AssertionError(f"no builder for target {target}")

    return build


@pytest.mark.parametrize(("name", "method", "target", "who", "status"), list(_cases()))
def test_each_role_gets_the_expected_answer(
    name,
    method,
    target,
    who,
    status,
    anonymous,
    staff_client,
    leader_client,
    member_client,
    unit_client,
    targets,
):
    client = {
        ANON: anonymous,
        STAFF: staff_client,
        LEADER: leader_client,
        UNIT: unit_client,
        UNIT_OTHER: unit_client,
    }.get(who, member_client)
    if target is not None:
        own_args, other_args = targets(target)
        url = reverse(name, args=other_args if who in (OTHER, UNIT_OTHER) else own_args)
    else:
        url = reverse(name)
    response = getattr(client, method)(url)
    assert response.status_code == status, f"{who} {method.upper()} {url}"
    if who == ANON and status == 302 and name not in ("logout", "set_language"):
        assert response["Location"].startswith(reverse("login")) or name == "admin:index"
