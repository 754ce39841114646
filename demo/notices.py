"""Demo notices: the `member` account finds unread ones (a meeting notice awaiting a reply, a confirmed
self-report, a broadcast with an attachment); `staff` finds an earlier broadcast with its read
receipts. Each part looks for what it made before, so running the seed twice adds nothing."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consultations import services as meetings
from consultations.kinds import KindCode
from consultations.models import Meeting
from members import services as member_services
from members.kinds import ActivityKind
from members.models import DossierEntry, Member, Term
from notices import services
from notices.models import Broadcast, MeetingReply, Notice

from .research import _pdf

MEETING_TOPIC = "加快发展银发经济"
DEED = "走访辖区企业，了解用工需求"
EARLIER = "关于开展年度委员履职情况自查的通知"
LATEST = "关于做好社情民意信息报送工作的通知"


def _meeting(staff, login_member: Member) -> None:
    if Meeting.objects.filter(topic=MEETING_TOPIC).exists():
        return
    term = Term.objects.get(is_current=True)
    meeting = meetings.meeting_create(
        actor=staff,
        kind=KindCode.STANDING,
        term=term,
        topic=MEETING_TOPIC,
        is_topical=True,
        start_date=timezone.localdate() + dt.timedelta(days=7),
        start_time=dt.time(9, 0),
        place="市政协三楼会议室",
        description="议程：一、听取市民政局关于发展银发经济工作情况的通报；二、委员协商发言；三、审议有关人事事项。",
    )
    invited = [*Member.objects.filter(is_standing=True, status=Member.Status.ACTIVE), login_member]
    meetings.meeting_invite(meeting=meeting, members=invited, actor=staff)
    services.attachment_add(
        upload=SimpleUploadedFile("会议议程.pdf", _pdf(f"{meeting.display_title} 议程")),
        meeting=meeting,
        actor=staff,
    )
    # Three standing members have sent their speeches in (大会发言材料) for staff to choose from.
    for member, title in zip(
        invited[:3],
        (
            "关于发展社区嵌入式养老服务的建议",
            "关于培育银发经济龙头企业的建议",
            "关于加强老年人数字技能培训的建议",
        ),
        strict=False,
    ):
        meetings.speech_submit(
            meeting=meeting,
            member=member,
            title=title,
            text="一、基本情况\n二、存在的问题\n三、几点建议",
            actor=member.user,
        )
    # Some standing members have answered already, one has asked for leave; the rest have not.
    notices = {n.member_id: n for n in Notice.objects.filter(meeting=meeting, kind="meeting")}
    for index, member in enumerate(invited[:20]):
        answer = MeetingReply.Answer.LEAVE if index == 3 else MeetingReply.Answer.ATTEND
        services.meeting_reply(
            notice=notices[member.pk], member=member, answer=answer, reason="在外地出差", actor=None
        )


def _confirmed_deed(staff, login_member: Member) -> None:
    if DossierEntry.objects.filter(member=login_member, title=DEED).exists():
        return
    entry = member_services.entry_self_report(
        member=login_member,
        kind=ActivityKind.VISIT,
        # In the demo's last year, so every page still opens on 2023 (its figures include this deed).
        date=dt.date(2023, 12, 8),
        title=DEED,
        description="走访 6 家企业，汇总用工需求，转交人社部门。",
        actor=login_member.user,
    )
    member_services.entry_review(entry=entry, approve=True, note="情况属实，予以确认。", actor=staff)


def _broadcast(staff, title: str, body: str, *, files: tuple[str, ...] = ()) -> Broadcast | None:
    if Broadcast.objects.filter(title=title).exists():
        return None
    broadcast = services.broadcast_create(
        actor=staff,
        title=title,
        body=body,
        audience=Broadcast.Audience.ALL,
        uploads=[SimpleUploadedFile(name, _pdf(name)) for name in files],
    )
    services.broadcast_publish(broadcast=broadcast)
    return broadcast


def seed_notices(stdout, login_member: Member) -> None:
    staff = get_user_model().objects.get(username="staff")
    earlier = _broadcast(
        staff,
        EARLIER,
        "各位委员：\n请对照年度履职要求，于本月底前登录系统核对本人履职档案，如有遗漏请补充填报或提出异议。",
    )
    if earlier is not None:
        # Read on members' phones over the following days: the receipts staff follow up.
        sent = earlier.published_at or timezone.now()
        copies = list(Notice.objects.filter(broadcast=earlier).order_by("pk"))
        rng = random.Random("receipts")
        for copy in copies:
            copy.created_at = sent - dt.timedelta(days=3)
            if copy.member_id == login_member.pk or rng.random() < 0.45:
                copy.read_at = copy.created_at + dt.timedelta(minutes=rng.randrange(5, 3 * 24 * 60))
        Notice.objects.bulk_update(copies, ["created_at", "read_at"])
        Broadcast.objects.filter(pk=earlier.pk).update(
            publish_at=sent - dt.timedelta(days=3), published_at=sent - dt.timedelta(days=3)
        )
    _meeting(staff, login_member)
    _confirmed_deed(staff, login_member)
    _broadcast(
        staff,
        LATEST,
        "各位委员：\n请围绕全市中心工作和群众关心的热点问题，积极撰写报送社情民意信息。报送要求见附件。",
        files=("社情民意信息报送要求.pdf",),
    )
    unread = Notice.objects.filter(user=login_member.user, read_at__isnull=True).count()
    stdout.write(f"消息与通知公告：委员 {login_member.name} 有 {unread} 条未读消息")
