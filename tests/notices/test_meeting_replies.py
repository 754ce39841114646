"""Meeting notices with a reply (回执): invitation, 参加 / 请假, what staff see, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations import services as meetings
from consultations.kinds import KindCode
from consultations.models import Attendance, LeaveRequest
from demo.research import _pdf
from notices import events
from notices.models import MeetingReply, Notice, NoticeKind, ReplyState
from notices.selectors import reply_states
from tests.factories import MemberFactory, TermFactory, member_user

pytestmark = pytest.mark.django_db


def _notice_of(member, **filters):
    return Notice.objects.get(member=member, kind=NoticeKind.MEETING, **filters)


def test_inviting_sends_each_member_a_notice_with_time_place_and_topic(upcoming, member, staff_client):
    staff_client.post(
        reverse("consultations:invite", args=[upcoming.pk]), {"scope": "hand", "members": [member.pk]}
    )
    notice = _notice_of(member)
    assert notice.title == f"会议通知：{upcoming.display_title}"
    assert f"时间：{upcoming.start_date:%Y-%m-%d} 09:00" in notice.body
    assert "地点：市政协三楼会议室" in notice.body and "议题：安置房建设" in notice.body
    assert "议程：听取市住建局情况通报" in notice.body
    assert notice.user == member.user and notice.meeting == upcoming
    assert MeetingReply.objects.get(member=member).answer == ""


def test_inviting_again_notifies_only_the_newcomers(upcoming, member, other_member):
    meetings.meeting_invite(meeting=upcoming, members=[member], actor=None)
    meetings.meeting_invite(meeting=upcoming, members=[member, other_member], actor=None)
    assert Notice.objects.filter(kind=NoticeKind.MEETING).count() == 2


def test_a_sheet_filled_in_after_the_meeting_sends_nobody_a_notice(member):
    held = meetings.meeting_create(
        actor=None, kind=KindCode.STUDY, term=TermFactory(), start_date=dt.date(2023, 3, 1)
    )
    meetings.meeting_invite(meeting=held, members=[member], actor=None)
    assert not Notice.objects.exists() and not MeetingReply.objects.exists()


def test_the_notice_shows_the_meetings_papers_to_invitees_only(upcoming, member, member_client, staff_client):
    meetings.meeting_invite(meeting=upcoming, members=[member], actor=None)
    staff_client.post(
        reverse("notices:meeting_paper", args=[upcoming.pk]),
        {"upload": SimpleUploadedFile("会议议程.pdf", _pdf("议程"))},
    )
    paper = upcoming.papers.get()
    body = member_client.get(_notice_of(member).get_absolute_url()).content.decode()
    assert "会议议程.pdf" in body
    response = member_client.get(reverse("notices:attachment", args=[paper.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    not_invited = Client()
    not_invited.force_login(MemberFactory(user=member_user(username="outsider")).user)
    assert not_invited.get(reverse("notices:attachment", args=[paper.pk])).status_code == 404


def test_a_photographed_paper_is_kept_as_a_clean_jpeg_and_a_renamed_file_is_refused(upcoming, staff_client):
    from io import BytesIO

    from PIL import Image

    photo = BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {2: (34.0, 47.0, 0.0), 4: (113.0, 21.0, 0.0)}  # GPSInfo
    Image.new("RGB", (3000, 2000), "white").save(photo, "JPEG", exif=exif)
    staff_client.post(
        reverse("notices:meeting_paper", args=[upcoming.pk]),
        {"upload": SimpleUploadedFile("座次图.jpeg", photo.getvalue())},
    )
    paper = upcoming.papers.get()
    assert (paper.name, paper.kind) == ("座次图.jpg", "jpg")
    with Image.open(paper.file.open("rb")) as kept:
        assert max(kept.size) == 2400 and 0x8825 not in kept.getexif()
    response = staff_client.post(
        reverse("notices:meeting_paper", args=[upcoming.pk]),
        {"upload": SimpleUploadedFile("座次图.png", b"\x89PNG\r\n\x1a\n not really an image")},
        follow=True,
    )
    assert "不是可以识别的图片" in response.content.decode() and upcoming.papers.count() == 1


def test_a_paper_that_is_not_a_document_is_refused(upcoming, staff_client):
    response = staff_client.post(
        reverse("notices:meeting_paper", args=[upcoming.pk]),
        {"upload": SimpleUploadedFile("议程.pdf", b"MZ\x90\x00 an executable")},
        follow=True,
    )
    assert "程序文件" in response.content.decode() and not upcoming.papers.exists()


def test_a_member_answers_attend_from_the_notice(upcoming, member, member_client):
    meetings.meeting_invite(meeting=upcoming, members=[member], actor=None)
    notice = _notice_of(member)
    response = member_client.post(
        reverse("notices:reply", args=[notice.pk]), {"answer": "attend"}, follow=True
    )
    assert "已回执：参加" in response.content.decode()
    assert reply_states(upcoming) == {member.pk: ReplyState.ATTEND}
    assert Notice.objects.get(pk=notice.pk).read_at is not None


def test_a_member_asks_leave_from_the_notice_through_the_leave_request_flow(
    upcoming, member, member_client, staff_client
):
    meetings.meeting_invite(meeting=upcoming, members=[member], actor=None)
    notice = _notice_of(member)
    member_client.post(reverse("notices:reply", args=[notice.pk]), {"answer": "leave", "reason": ""})
    assert not LeaveRequest.objects.exists(), "a leave without a reason is refused"
    member_client.post(reverse("notices:reply", args=[notice.pk]), {"answer": "leave", "reason": "因公出差"})
    leave = LeaveRequest.objects.get()
    assert (leave.reason, leave.status) == ("因公出差", "pending")
    assert reply_states(upcoming)[member.pk] == ReplyState.LEAVE_PENDING
    response = member_client.post(
        reverse("notices:reply", args=[notice.pk]), {"answer": "attend"}, follow=True
    )
    assert "您已请假" in response.content.decode()

    staff_client.post(reverse("consultations:leave_decide", args=[leave.pk]), {"decision": "approve"})
    assert reply_states(upcoming)[member.pk] == ReplyState.LEAVE_APPROVED
    assert Attendance.objects.get(member=member).status == "leave"
    decision = Notice.objects.get(member=member, kind=NoticeKind.LEAVE)
    assert decision.title.startswith("请假已批准") and "因公出差" in decision.body
    assert "请假已批准" in member_client.get(reverse("notices:inbox")).content.decode()


def test_a_refused_leave_is_told_and_the_member_may_then_answer_attend(
    upcoming, member, member_client, staff
):
    meetings.meeting_invite(meeting=upcoming, members=[member], actor=None)
    notice = _notice_of(member)
    member_client.post(reverse("notices:reply", args=[notice.pk]), {"answer": "leave", "reason": "私事"})
    meetings.leave_request_decide(
        request=LeaveRequest.objects.get(), approve=False, note="会议重要，请参加", actor=staff
    )
    refusal = Notice.objects.get(kind=NoticeKind.LEAVE)
    assert refusal.title.startswith("请假未获批准") and "会议重要，请参加" in refusal.body
    assert reply_states(upcoming)[member.pk] == ReplyState.LEAVE_REFUSED
    member_client.post(reverse("notices:reply", args=[notice.pk]), {"answer": "attend"})
    assert reply_states(upcoming)[member.pk] == ReplyState.ATTEND


def test_staff_see_the_replies_on_the_invitation_list_and_the_sheet(
    upcoming, member, other_member, staff_client, member_client
):
    silent = MemberFactory(name="孙静")
    meetings.meeting_invite(meeting=upcoming, members=[member, other_member, silent], actor=None)
    member_client.post(reverse("notices:reply", args=[_notice_of(member).pk]), {"answer": "attend"})
    meetings.leave_request_create(meeting=upcoming, member=other_member, reason="出差", actor=None)

    invite = staff_client.get(reverse("consultations:invite", args=[upcoming.pk]))
    assert invite.context["reply_counts"] == {
        "none": 1,
        "attend": 1,
        "leave_pending": 1,
        "leave_approved": 0,
        "leave_refused": 0,
    }
    body = invite.content.decode()
    assert "参加 1，请假待批 1，已准假 0，请假未准 0，未回执 1" in body
    sheet = staff_client.get(reverse("consultations:sheet", args=[upcoming.pk]))
    badges = {line.member.name: line.reply for line in sheet.context["lines"]}
    assert badges == {"王芳": "attend", "赵强": "leave_pending", "孙静": "none"}
    assert 'class="badge reply-leave_pending">请假待批<' in sheet.content.decode()


def test_one_click_reminds_those_who_have_not_answered_once_a_day(
    upcoming, member, other_member, member_client, staff_client
):
    meetings.meeting_invite(meeting=upcoming, members=[member, other_member], actor=None)
    member_client.post(reverse("notices:reply", args=[_notice_of(member).pk]), {"answer": "attend"})
    url = reverse("notices:meeting_remind", args=[upcoming.pk])
    response = staff_client.post(url, follow=True)
    assert "已提醒 1 位尚未回执的委员" in response.content.decode()
    reminder = Notice.objects.get(title__startswith="请回执")
    assert reminder.member == other_member and "市政协三楼会议室" in reminder.body
    staff_client.post(url)
    assert Notice.objects.filter(title__startswith="请回执").count() == 1, "a second click sends nothing"


def test_the_day_before_every_invitee_not_excused_is_reminded(upcoming, member, other_member, staff):
    meetings.meeting_invite(meeting=upcoming, members=[member, other_member], actor=None)
    leave = meetings.leave_request_create(meeting=upcoming, member=other_member, reason="出差", actor=None)
    meetings.leave_request_decide(request=leave, approve=True, actor=staff)
    eve = upcoming.start_date - dt.timedelta(days=1)
    assert events.meetings_eve(today=eve - dt.timedelta(days=1)) == 0
    assert events.meetings_eve(today=eve) == 1
    assert events.meetings_eve(today=eve) == 0, "the beat firing twice reminds nobody twice"
    reminder = Notice.objects.get(title__startswith="明日会议提醒")
    assert reminder.member == member


def test_the_reminder_hour_is_a_setting(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["remind-tomorrows-meetings"]["schedule"]
    assert schedule.hour == {settings.MEETING_REMINDER_HOUR}


def test_no_reply_is_taken_once_the_meeting_is_over(upcoming, member, member_client):
    meetings.meeting_invite(meeting=upcoming, members=[member], actor=None)
    notice = _notice_of(member)
    upcoming.start_date = timezone.localdate() - dt.timedelta(days=1)
    upcoming.save()
    response = member_client.post(
        reverse("notices:reply", args=[notice.pk]), {"answer": "attend"}, follow=True
    )
    assert "会议已经结束" in response.content.decode()
    assert not MeetingReply.objects.exclude(answer="").exists()
