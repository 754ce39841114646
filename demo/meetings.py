"""Demo meetings and activities with filled sign-in sheets: the source report's own, and a plausible rest."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from consultations import services
from consultations.kinds import KindCode
from consultations.models import Attendance, Guest, Meeting
from members.kinds import AdoptionLevel
from members.models import Member, SpecialCommittee, Term

from .meeting_data import OUTCOMES, REPORT_2023
from .meeting_data_earlier import EARLIER

K = KindCode


def _invitees(
    rng: random.Random,
    spec,
    members: list[Member],
    committees: dict[str, SpecialCommittee],
    organiser: SpecialCommittee | None,
) -> list[Member]:
    if spec == "all":
        return members
    if spec == "standing":
        return [m for m in members if m.is_standing]
    if spec == "chairs":
        return [m for m in members if m.is_standing][:9]
    if spec == "committee":
        own = [m for m in members if m.committee_id == (organiser.pk if organiser else None)]
        return own + [m for m in members if m.is_standing and m not in own][:6]
    return rng.sample(members, spec)


def _fill(rng: random.Random, meeting: Meeting, kind: str) -> None:
    rows = {}
    lines = list(meeting.attendances.all())
    for a in lines:
        roll = rng.random()
        if roll < 0.06:
            rows[a.member_id] = services.SheetRow(
                Attendance.Status.LEAVE, rng.choice(("因公出差", "身体原因", "工作冲突"))
            )
        elif roll < 0.085:
            rows[a.member_id] = services.SheetRow(Attendance.Status.ABSENT)
        else:
            speech = ""
            if kind in (K.PLENARY, K.STANDING, K.CONSULTATION):
                r = rng.random()
                speech = "oral" if r < 0.04 else "written" if r < 0.12 else ""
            rows[a.member_id] = services.SheetRow(Attendance.Status.PRESENT, speech=speech)
    services.sheet_save(meeting=meeting, rows=rows, actor=None)


def seed_meetings(stdout, login_member: Member) -> None:
    if Meeting.objects.exists():
        return
    term = Term.objects.get(is_current=True)
    members = list(Member.objects.filter(status=Member.Status.ACTIVE).order_by("pk"))
    committees = {c.short_name: c for c in SpecialCommittee.objects.all()}
    rng = random.Random("meetings")
    count = 0
    for kind, start, end, number, title, topic, place, topical, organiser, invitees in EARLIER + REPORT_2023:
        committee = committees.get(organiser) if organiser else None
        meeting = services.meeting_create(
            actor=None,
            kind=kind,
            term=term,
            number=number,
            title=title,
            topic=topic,
            is_topical=topical,
            start_date=start,
            end_date=end,
            place=place,
            organiser_committee=committee,
        )
        people = _invitees(rng, invitees, members, committees, committee)
        if kind in (K.PLENARY, K.TRAINING) and login_member not in people:
            people = [*people, login_member]
        services.meeting_invite(meeting=meeting, members=people, actor=None)
        meeting.refresh_from_db()
        _fill(rng, meeting, kind)
        if topic in OUTCOMES:
            name, leader, words = OUTCOMES[topic]
            outcome = services.outcome_create(
                meeting=meeting,
                actor=None,
                title=name,
                content="提出意见建议若干条。",
                sent_to="中共荥阳市委、荥阳市人民政府",
                sent_on=start + dt.timedelta(days=10),
            )
            services.instruction_create(
                outcome=outcome,
                actor=None,
                leader=leader,
                level=AdoptionLevel.CITY,
                date=start + dt.timedelta(days=18),
                content=words,
            )
        count += 1
    stdout.write(f"会议活动：{count} 次（含六届八次常委会会议、素能提升培训班、观摩讲评会），签到表已填写")


CHECKIN_TITLE = "理论学习中心组（扩大）学习会"


def seed_checkin_today(stdout, login_member: Member) -> None:
    """A meeting held today with QR check-in open, so the check-in screen and the live sheet can be
    tried at once (the `member` login is invited); two 列席 and two participants who are not members
    are on the sheet. Run again on another day, it adds that day's meeting."""
    today = timezone.localdate()
    if Meeting.objects.filter(title=CHECKIN_TITLE, start_date=today).exists():
        return
    staff = get_user_model().objects.get(username="staff")
    term = Term.objects.get(is_current=True)
    meeting = services.meeting_create(
        actor=staff,
        kind=K.STUDY,
        term=term,
        title=CHECKIN_TITLE,
        topic="学习贯彻全国政协全会精神",
        start_date=today,
        start_time=dt.time(9, 0),
        place="市政协二楼会议室",
    )
    members = list(
        Member.objects.filter(status=Member.Status.ACTIVE).exclude(pk=login_member.pk).order_by("pk")
    )
    services.meeting_invite(meeting=meeting, members=[login_member, *members[:29]], actor=staff)
    services.meeting_invite(
        meeting=meeting, members=members[29:31], actor=staff, role=Attendance.Role.OBSERVER
    )
    for name, unit, category in (
        ("孙立军", "市政协办公室副主任", Guest.Category.STAFF),
        ("马晓燕", "市民政局副局长", Guest.Category.DEPARTMENT),
    ):
        services.guest_add(meeting=meeting, actor=staff, name=name, unit=unit, category=category)
    now = timezone.now()
    # Open until the end of the day — or half an hour, when the demo is seeded just before midnight.
    closes_at = max(
        timezone.make_aware(dt.datetime.combine(today, dt.time(23, 59))), now + dt.timedelta(minutes=30)
    )
    meeting = services.checkin_open(
        meeting=meeting,
        closes_at=closes_at,
        late_after=min(now + dt.timedelta(minutes=15), closes_at - dt.timedelta(minutes=1)),
        actor=staff,
    )
    # Nobody has scanned yet: a scan writes a dossier entry dated today, and the dashboard opens on the
    # latest year with entries — the demo's year stays 2023 until someone tries the check-in.
    stdout.write(f"扫码签到：今天的“{CHECKIN_TITLE}”已开放扫码签到（member 账号在参会名单中）")
