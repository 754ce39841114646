"""The printable sign-in sheet and attendance table, their workbooks, and a member's iCal feed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from cppcc.documents import render_pdf, workbook
from members.models import Member

from .models import Attendance, Meeting, MeetingKind
from .selectors import MemberAttendance


def sheet_pdf(meeting: Meeting, lines: list[Attendance], *, request: Any = None) -> bytes:
    return render_pdf("consultations/sheet_pdf.html", {"meeting": meeting, "lines": lines}, request=request)


def sheet_workbook(meeting: Meeting, lines: list[Attendance]) -> bytes:
    rows = (
        (
            i,
            a.member.name,
            a.member.sector.name,
            "是" if a.member.is_standing else "",
            a.get_status_display(),
            a.leave_reason,
            a.get_speech_display() if a.speech else "",
        )
        for i, a in enumerate(lines, start=1)
    )
    return workbook(
        meeting.display_title,
        ("序号", "姓名", "界别", "常委", "签到", "请假事由", "发言"),
        rows,
        (6, 10, 18, 6, 8, 30, 10),
    )


def stats_workbook(year: int, members: list[MemberAttendance]) -> bytes:
    kinds = list(
        MeetingKind.objects.filter(code__in={k for m in members for k in m.by_kind}).values_list(
            "code", "name"
        )
    )
    headers = ["姓名", "界别", "常委", "应出席", "出席", "请假", "缺席", "出席率(%)"] + [
        f"{label}(出席/应出席)" for _v, label in kinds
    ]
    rows = (
        [
            m.name,
            m.sector,
            "是" if m.is_standing else "",
            m.invited,
            m.present,
            m.leave,
            m.absent,
            m.rate if m.rate is not None else "",
        ]
        + [f"{m.by_kind[k][0]}/{m.by_kind[k][1]}" if k in m.by_kind else "" for k, _label in kinds]
        for m in members
    )
    return workbook(f"{year}年度出席统计", headers, rows, (10, 18, 6, 8, 8, 8, 8, 10))


def stats_pdf(year: int, members: list[MemberAttendance], *, request: Any = None) -> bytes:
    return render_pdf(
        "consultations/stats_pdf.html",
        {"year": year, "members": members, "printed_on": timezone.localdate()},
        request=request,
    )


def ical(member: Member, *, request: Any = None) -> bytes:
    """The member's meetings from a year back on, as an RFC 5545 calendar."""
    cal = Calendar()
    cal.add("prodid", "-//cppcc-lvzhi//meetings//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{member.name}的政协会议活动")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    since = timezone.localdate() - dt.timedelta(days=365)
    attendances = (
        Attendance.objects.filter(member=member, meeting__start_date__gte=since)
        .select_related("meeting", "meeting__term", "meeting__kind")
        .order_by("meeting__start_date")
    )
    host = request.get_host() if request is not None else "cppcc"
    for a in attendances:
        m = a.meeting
        event = Event()
        event.add("uid", f"meeting-{m.pk}@{host}")
        event.add("summary", m.display_title)
        if m.start_time and not m.end_date:
            start = timezone.make_aware(dt.datetime.combine(m.start_date, m.start_time))
            event.add("dtstart", start)
            event.add("dtend", start + dt.timedelta(hours=3))
        else:
            event.add("dtstart", m.start_date)
            event.add("dtend", m.last_day + dt.timedelta(days=1))
        if m.place:
            event.add("location", m.place)
        description = [m.topic] if m.topic else []
        if a.status == Attendance.Status.LEAVE:
            description.append("（已请假）")
        if description:
            event.add("description", "\n".join(description))
        event.add("dtstamp", timezone.now())
        cal.add_component(event)
    # Every TZID a time names needs its VTIMEZONE block, or calendar apps guess the zone.
    cal.add_missing_timezones()
    return cal.to_ical()
