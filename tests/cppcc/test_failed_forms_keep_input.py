"""A form sent back with an error shows what was typed, on the page it was typed on — including the
small forms inside a page (批示, 协商成果, follow-ups, disputes, review notes)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consultations import services as meetings
from consultations.models import ConsultationOutcome, OutcomeInstruction
from demo.research import _pdf
from members.models import DossierEntry, EntryDispute
from platforms import services as platforms
from research import services as research
from research.models import ReportInstruction
from tests.factories import EntryFactory, MemberFactory, TermFactory

pytestmark = pytest.mark.django_db

TYPED = "请市住建局会同有关部门逐条研究落实协商意见"


@pytest.fixture
def meeting(staff):
    return meetings.meeting_create(
        actor=staff, kind="consultation", term=TermFactory(), start_date=dt.date(2023, 7, 20)
    )


def test_an_outcome_without_its_recommendations_comes_back_with_the_title_typed(staff_client, meeting):
    response = staff_client.post(
        reverse("consultations:outcome_create", args=[meeting.pk]),
        {"title": "关于保交楼的建议", "content": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="关于保交楼的建议"' in body and "这个字段是必填项" in body
    assert not ConsultationOutcome.objects.exists()


def test_an_instruction_with_an_impossible_date_keeps_the_leader_and_the_text(staff_client, meeting, staff):
    outcome = meetings.outcome_create(meeting=meeting, actor=staff, title="成果", content="建议")
    response = staff_client.post(
        reverse("consultations:instruction_create", args=[outcome.pk]),
        {"leader": "市委主要领导", "level": "city", "date": "2023-02-30", "content": TYPED},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "市委主要领导" in body and TYPED in body
    assert not OutcomeInstruction.objects.exists()


def _topic_with_report(staff):
    member = MemberFactory()
    topic = research.topic_create(
        actor=staff,
        year=2023,
        title="金融业发展",
        leader="主席",
        office="办公室",
        planned_start=dt.date(2023, 3, 1),
        planned_end=dt.date(2023, 9, 1),
    )
    research.topic_set_participants(topic=topic, members=[member], actor=staff)
    research.report_save(
        topic=topic,
        actor=staff,
        title="报告",
        completed_on=dt.date(2023, 8, 1),
        upload=SimpleUploadedFile("r.pdf", _pdf("r")),
    )
    return topic


def test_a_research_instruction_missing_its_date_keeps_what_was_typed(staff_client, staff):
    topic = _topic_with_report(staff)
    response = staff_client.post(
        reverse("research:instruction_create", args=[topic.pk]),
        {"leader": "市长", "level": "city", "date": "", "content": TYPED},
    )
    assert response.status_code == 400
    assert TYPED in response.content.decode()
    assert not ReportInstruction.objects.exists()


def test_a_follow_up_too_long_keeps_the_department_typed(staff_client, staff):
    topic = _topic_with_report(staff)
    instruction = research.instruction_create(
        report=topic.report,
        actor=staff,
        leader="市长",
        level="city",
        date=dt.date(2023, 9, 1),
        content="落实",
    )
    response = staff_client.post(
        reverse("research:follow_up", args=[instruction.pk]),
        {"assigned_to": "市金融工作局" + "局" * 300, "follow_up": "in_progress", "result": "正在办理"},
    )
    assert response.status_code == 400
    assert "正在办理" in response.content.decode()


def test_a_platform_follow_up_that_fails_keeps_the_notes(staff_client, staff):
    city = platforms.platform_save(actor=staff, name="市级协商议事厅", level="city")
    session = platforms.session_save(
        actor=staff, platform=city, members=[MemberFactory()], date=dt.date(2023, 5, 1), topic="加装电梯"
    )
    response = staff_client.post(
        reverse("platforms:follow_up", args=[session.pk]),
        {"to": "done", "notes": "已修缮\x00", "on": "2023-06-01"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "已修缮" in body and "请删除其中的不可见控制字符" in body


def test_a_dispute_refused_keeps_the_members_words(member_client, member):
    entry = EntryFactory(member=member, title="出席六届八次常委会会议")
    EntryDispute.objects.create(entry=entry, comment="第一次异议")
    response = member_client.post(
        reverse("members:entry_dispute", args=[entry.pk]), {"comment": "当天我请了假，未出席"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "当天我请了假，未出席" in body and "这条记录已有待处理的异议" in body


def test_a_review_note_too_long_is_kept_in_the_queue(staff_client, member):
    entry = EntryFactory(member=member, kind="visit", status=DossierEntry.Status.PENDING)
    note = "缺少服务对象和成效说明" * 30
    response = staff_client.post(
        reverse("members:entry_review", args=[entry.pk]), {"decision": "reject", "note": note}
    )
    assert response.status_code == 400
    assert note in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == DossierEntry.Status.PENDING
