"""The sign-in sheet's rows, written out in Python.

A plenary's sheet has 250 rows of four marks each; through the template engine they cost ~100 ms and
2.5 KB a row. Here they cost a few ms and ~0.5 KB: the marks are plain radio buttons (styled by
position, `#sheet-rows td:nth-child(3)`, in app.css), and each row's leave reason, speech and 移出 box are added by app.js
from the row's data attributes and the one `<template id="sheet-extra">` on the page — so the
sheet posts only what a clerk could see. A row without those fields keeps its stored values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from consultations.models import Attendance

_SHORT = {"unmarked": "u", "present": "p", "leave": "l", "absent": "a"}


def sheet_rows(lines: Iterable[Attendance], pending: dict[int, Any]) -> SafeString:
    """Every line of the sheet as `<tr>` rows, escaped like the template would."""
    statuses = [(value, _SHORT[value], escape(str(label))) for value, label in Attendance.Status.choices]
    standing = f'<span class="badge badge-standing">{escape(_("常委"))}</span>'
    observer = f'<span class="badge text-bg-light border">{escape(_("列席"))}</span>'
    late = f'<span class="badge text-bg-danger late-badge">{escape(_("迟到"))}</span>'
    asked = f'<span class="badge text-bg-warning">{escape(_("申请请假"))}</span>'
    marks_label = escape(_("签到"))
    out: list[str] = []
    for number, line in enumerate(lines, 1):
        m = line.member_id
        name = escape(line.member.name)
        attrs = [f"data-member={m}"]
        if line.role != Attendance.Role.MEMBER:
            attrs.append(f'data-role="{escape(line.role)}"')
        if line.leave_reason:
            attrs.append(f'data-reason="{escape(line.leave_reason)}"')
        if line.speech:
            attrs.append(f'data-speech="{escape(line.speech)}"')
        if getattr(line, "remove", False):
            attrs.append("data-remove")
        if getattr(line, "mine", False):
            attrs.append('class="table-warning open"')
        cell = [f"<b>{name}</b>"]
        if line.member.is_standing:
            cell.append(standing)
        if line.role == Attendance.Role.OBSERVER:
            cell.append(observer)
        if line.checked_in_at:
            at = localtime(line.checked_in_at).strftime("%H:%M")
            cell.append(
                '<span class="badge text-bg-success checkin-badge"><i class="bi bi-qr-code-scan"></i> '
                f"<span data-checkin-at>{at}</span></span>"
            )
        if line.late:
            cell.append(late)
        sector = line.member.sector.name if line.member.sector_id else ""
        cell.append(f"<small>{escape(sector)}</small>")
        reply = getattr(line, "reply", None)
        if reply:
            cell.append(f'<span class="badge reply-{escape(reply)}">{escape(str(reply.label))}</span>')
        elif m in pending:
            cell.append(asked)
        theirs = getattr(line, "theirs", None)
        if theirs:
            said = _("其他人已改为：%(s)s") % {"s": theirs}
            cell.append(f'<div class="small text-danger conflict">{escape(said)}</div>')
        marks = "".join(
            f"<input type=radio name=status-{m} value={value} id={short}{m}"
            f"{' checked' if line.status == value else ''}><label for={short}{m}>{label}</label>"
            for value, short, label in statuses
        )
        out.append(
            # </td> and </tr> are optional in HTML: 20 bytes a row the browser adds itself.
            f"<tr {' '.join(attrs)}><td>{number}<td>{' '.join(cell)}"
            f'<td role=group aria-label="{marks_label} {name}">{marks}'
        )
    return mark_safe("\n".join(out))  # noqa: S308 — every value above went through escape()
