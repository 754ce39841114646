"""Reads of meetings, sheets and attendance statistics, each in a fixed number of queries."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from members.models import Member

from .filters import MeetingFilter
from .models import Attendance, LeaveRequest, Meeting, MeetingKind

S = Attendance.Status


def with_rates(queryset: QuerySet[Meeting]) -> QuerySet[Any]:
    """Invited, present, on leave and absent count those summoned; 列席 are counted apart (observers)."""
    summoned = Q(attendances__role=Attendance.Role.MEMBER)
    return queryset.annotate(
        invited=Count("attendances", filter=summoned),
        present=Count("attendances", filter=summoned & Q(attendances__status=S.PRESENT)),
        on_leave=Count("attendances", filter=summoned & Q(attendances__status=S.LEAVE)),
        absent=Count("attendances", filter=summoned & Q(attendances__status=S.ABSENT)),
        observers=Count("attendances", filter=Q(attendances__role=Attendance.Role.OBSERVER)),
    )


def rate(present: int, invited: int) -> float | None:
    return round(present * 100 / invited, 1) if invited else None


def meeting_list(*, params: Any) -> MeetingFilter:
    queryset = with_rates(Meeting.objects.select_related("term", "organiser_committee")).order_by(
        "-start_date", "-pk"
    )
    return MeetingFilter(params, queryset=queryset)


SHEET_FIELDS = ("meeting", "member", "role", "status", "leave_reason", "speech", "checked_in_at", "late")


def sheet(meeting: Meeting) -> tuple[list[Attendance], dict[int, LeaveRequest]]:
    """The sheet's lines (常委 first, then by sector and name) and pending leave requests by member."""
    lines = list(
        meeting.attendances.select_related("member__sector")
        # A plenary's sheet has 250 lines: load only what the sheet, its PDF and workbook show.
        .only(*SHEET_FIELDS, "member__name", "member__is_standing", "member__sector__name")
        .order_by("-member__is_standing", "member__sector__order", "member__name", "member__pk")
    )
    pending = {
        r.member_id: r
        for r in meeting.leave_requests.filter(status=LeaveRequest.Status.PENDING).order_by("requested_at")
    }
    return lines, pending


@dataclass(frozen=True)
class KindRates:
    kind: MeetingKind
    meetings: int
    invited: int
    present: int

    @property
    def rate(self) -> float | None:
        return rate(self.present, self.invited)


def rates_by_kind(*, year: int) -> list[KindRates]:
    """The year's meetings by kind: how many were held and how many invitees came. One query."""
    rows = (
        Meeting.objects.filter(start_date__year=year)
        .values("kind")
        .order_by()
        .annotate(
            meetings=Count("pk", distinct=True),
            invited=Count("attendances", filter=Q(attendances__role=Attendance.Role.MEMBER)),
            present=Count(
                "attendances",
                filter=Q(attendances__role=Attendance.Role.MEMBER, attendances__status=S.PRESENT),
            ),
        )
    )
    counts = {str(r["kind"]): r for r in rows}  # the kind column holds the code
    kinds = MeetingKind.objects.filter(code__in=list(counts)).order_by("order", "name")
    return [
        KindRates(k, counts[k.code]["meetings"], counts[k.code]["invited"], counts[k.code]["present"])
        for k in kinds
    ]


def member_names(ids: set[int]) -> dict[int, str]:
    return dict(Member.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


@dataclass
class MemberAttendance:
    member_id: int
    name: str
    sector: str
    is_standing: bool
    invited: int = 0
    present: int = 0
    leave: int = 0
    absent: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    @property
    def rate(self) -> float | None:
        marked = self.present + self.leave + self.absent
        return rate(self.present, marked)


def attendance_by_member(*, year: int) -> list[MemberAttendance]:
    """Per member: meetings invited to and attended, leaves and absences, by meeting kind — one query."""
    rows = (
        Attendance.objects.filter(meeting__start_date__year=year, role=Attendance.Role.MEMBER)
        .exclude(status=S.UNMARKED)
        .values(
            "member_id",
            "member__name",
            "member__sector__name",
            "member__is_standing",
            "meeting__kind",
            "status",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    stats: dict[int, MemberAttendance] = {}
    for r in rows:
        line = stats.get(r["member_id"])
        if line is None:
            line = stats[r["member_id"]] = MemberAttendance(
                r["member_id"], r["member__name"], r["member__sector__name"], r["member__is_standing"]
            )
        n = r["n"]
        line.invited += n
        kind = line.by_kind[str(r["meeting__kind"])]
        kind[1] += n
        if r["status"] == S.PRESENT:
            line.present += n
            kind[0] += n
        elif r["status"] == S.LEAVE:
            line.leave += n
        elif r["status"] == S.ABSENT:
            line.absent += n
    return sorted(stats.values(), key=lambda s: (s.rate if s.rate is not None else 101, s.name))


def my_meetings(member: Member) -> list[Attendance]:
    return list(
        Attendance.objects.filter(member=member)
        .select_related("meeting", "meeting__term", "meeting__kind")
        .order_by("-meeting__start_date")
    )


def month_grid(year: int, month: int) -> tuple[list[list[dt.date]], dict[dt.date, list[Meeting]]]:
    """Weeks (Monday first) covering the month, and the meetings on each day (multi-day ones every day)."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    meetings = (
        Meeting.objects.filter(start_date__lte=last)
        .filter(Q(end_date__gte=first) | Q(end_date__isnull=True, start_date__gte=first))
        .select_related("term")
        .order_by("start_date", "start_time", "pk")
    )
    by_day: dict[dt.date, list[Meeting]] = defaultdict(list)
    for m in meetings:
        day = max(m.start_date, first)
        while day <= min(m.last_day, last):
            by_day[day].append(m)
            day += dt.timedelta(days=1)
    return weeks, by_day
