"""Event notices: reviews of self-reports, answered disputes, the published evaluation, duty reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from evaluation import services as evaluation_services
from members import services as member_services
from members.kinds import ActivityKind as K
from members.models import DossierEntry, EntryDispute
from notices import events
from notices.models import Notice, NoticeKind
from tests.factories import EntryFactory, MemberFactory

pytestmark = pytest.mark.django_db


def _reported(member, title="协调解决小区路灯维修"):
    return member_services.entry_self_report(
        member=member, kind=K.PUBLIC_SERVICE, date=dt.date(2023, 5, 1), title=title, actor=member.user
    )


def test_a_confirmed_self_report_is_told_to_the_member(member, staff_client, member_client):
    entry = _reported(member)
    staff_client.post(reverse("members:entry_review", args=[entry.pk]), {"decision": "approve"})
    notice = Notice.objects.get(kind=NoticeKind.REVIEW)
    assert notice.title == "履职填报已确认：协调解决小区路灯维修" and notice.url == "/me/?year=2023"
    assert "履职填报已确认" in member_client.get(reverse("notices:inbox")).content.decode()


def test_reports_confirmed_together_reach_each_member_in_one_notice(member, other_member, staff_client):
    entries = [
        _reported(member, "走访企业"),
        _reported(member, "调解邻里纠纷"),
        _reported(other_member, "看望困难群众"),
    ]
    staff_client.post(reverse("members:reviews_confirm"), {"entries": [e.pk for e in entries]})
    mine = Notice.objects.get(member=member, kind=NoticeKind.REVIEW)
    assert mine.title == "2 条履职填报已确认" and "“调解邻里纠纷”已确认" in mine.body
    theirs = Notice.objects.get(member=other_member, kind=NoticeKind.REVIEW)
    assert theirs.title == "履职填报已确认：看望困难群众"
    staff_client.post(reverse("members:reviews_confirm"), {"entries": [e.pk for e in entries]})
    assert Notice.objects.filter(kind=NoticeKind.REVIEW).count() == 2, (
        "nothing left to confirm, nobody told twice"
    )


def test_a_rejected_self_report_is_told_with_the_reason(member, staff):
    entry = _reported(member)
    member_services.entry_review(entry=entry, approve=False, note="缺少照片等佐证材料", actor=staff)
    notice = Notice.objects.get(kind=NoticeKind.REVIEW)
    assert notice.title.startswith("履职填报未通过") and "审核意见：缺少照片等佐证材料" in notice.body


def test_an_answered_dispute_is_told_with_the_answer(member, staff):
    entry = EntryFactory(member=member, kind=K.VISIT, title="走访企业")
    dispute = member_services.entry_dispute(entry=entry, comment="我没有参加", actor=member.user)
    member_services.dispute_resolve(
        dispute=dispute, resolution="核实无误，已改为不计分", disable_entry=True, actor=staff
    )
    notice = Notice.objects.get(kind=NoticeKind.DISPUTE)
    assert notice.member == member and notice.title == "异议已处理：走访企业"
    assert "核实无误，已改为不计分" in notice.body and "不计分" in notice.body
    assert EntryDispute.objects.get().status == "resolved"


@pytest.fixture
def evaluated(member, other_member):
    evaluation_services.scheme_create_default(year=2023)
    EntryFactory.create_batch(3, member=member, kind=K.SPEECH_WRITTEN)
    evaluation_services.evaluation_rollup(year=2023)
    return member, other_member


def test_publishing_the_evaluation_tells_each_member_their_grade_and_rank(evaluated, staff_client):
    member, other = evaluated
    response = staff_client.post(reverse("evaluation:publish", args=[2023]), follow=True)
    assert "已向 2 位委员发送考评结果" in response.content.decode()
    mine = Notice.objects.get(member=member, kind=NoticeKind.EVALUATION)
    result = member.evaluations.get(year=2023)
    assert mine.title == "2023 年度履职考评结果已公布"
    assert f"等次：{result.grade}" in mine.body and "全体排名：第 1 名（共 2 名）" in mine.body
    assert "第 2 名" in Notice.objects.get(member=other, kind=NoticeKind.EVALUATION).body
    staff_client.post(reverse("evaluation:publish", args=[2023]))
    assert Notice.objects.filter(kind=NoticeKind.EVALUATION).count() == 2, "a second click tells nobody twice"
    evaluation_services.evaluation_rollup(year=2023)
    staff_client.post(reverse("evaluation:publish", args=[2023]))
    assert Notice.objects.filter(kind=NoticeKind.EVALUATION).count() == 4, "a new run's results go out"


def test_an_evaluation_not_yet_computed_cannot_be_published(staff_client):
    response = staff_client.post(reverse("evaluation:publish", args=[2024]), follow=True)
    assert "尚未完成考评" in response.content.decode() and not Notice.objects.exists()


def test_members_short_of_their_duties_hear_what_is_missing(member, other_member):
    evaluation_services.scheme_create_default(year=2023)
    EntryFactory(member=other_member, kind=K.ATTEND_PLENARY)
    EntryFactory(member=other_member, kind=K.ATTEND_STUDY)  # with the plenary: 2 of 3 activities
    EntryFactory(member=other_member, kind=K.PROPOSAL_LEAD)
    EntryFactory(member=other_member, kind=K.SENTIMENT_REPORTED)
    EntryFactory(member=member, kind=K.ATTEND_STUDY, status=DossierEntry.Status.PENDING)
    assert events.duties_short(year=2023, period="mid") == 2
    mine = Notice.objects.get(member=member, kind=NoticeKind.DUTY)
    assert mine.title == "履职提醒：2023 年度基本履职要求"
    assert "参加会议和活动：要求 3 次，已完成 0 次，还差 3 次" in mine.body, "a pending entry does not count"
    assert "提交提案：要求 1 次，已完成 0 次，还差 1 次" in mine.body
    theirs = Notice.objects.get(member=other_member, kind=NoticeKind.DUTY).body
    assert "还差 1 次" in theirs and "提交提案" not in theirs and "出席全体会议" not in theirs
    assert events.duties_short(year=2023, period="mid") == 0, "the same reminder goes once"
    assert events.duties_short(year=2023, period="q4") == 2


def test_members_who_have_done_their_duties_are_left_alone(member):
    evaluation_services.scheme_create_default(year=2023)
    for kind in (K.ATTEND_PLENARY, K.ATTEND_STUDY, K.ATTEND_STUDY, K.PROPOSAL_LEAD, K.SENTIMENT_REPORTED):
        # The plenary counts as one of the three activities too.
        EntryFactory(member=member, kind=kind)
    assert events.duties_short(year=2023, period="mid") == 0


def test_no_rules_for_the_year_means_no_duty_reminders(member):
    assert events.duties_short(year=2031, period="mid") == 0


def test_members_who_left_hear_nothing(staff):
    evaluation_services.scheme_create_default(year=2023)
    gone = MemberFactory()
    member_services.member_deactivate(member=gone, how="resigned", left_on=dt.date(2023, 6, 1), actor=staff)
    assert events.duties_short(year=2023, period="q4") == 0
