from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations import services as meetings
from consultations.kinds import KindCode
from consultations.models import Attendance
from tests.factories import MemberFactory, TermFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _login(context, live_server, username):
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("Passw0rd!x")
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    return page


def test_a_member_asks_leave_from_the_meeting_notice_on_a_phone_and_staff_approve_it(
    live_server, browser, member, staff
):
    meeting = meetings.meeting_create(
        actor=staff,
        kind=KindCode.STANDING,
        term=TermFactory(),
        number=9,
        topic="城市更新和老旧小区改造",
        start_date=timezone.localdate() + dt.timedelta(days=5),
        start_time=dt.time(9, 0),
        place="市政协三楼会议室",
    )
    meetings.meeting_invite(meeting=meeting, members=[member, *MemberFactory.create_batch(3)], actor=staff)

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = _login(phone, live_server, "member")
    expect(page.locator("#bell-count")).to_have_text("1")
    page.locator("#bell").click()
    page.get_by_role("link", name="会议通知：六届九次常委会会议").click()
    expect(page.locator("#notice")).to_contain_text("地点：市政协三楼会议室")
    expect(page.locator("#reply-state")).to_have_text("未回执")
    page.get_by_label("请假事由").fill("赴省里参加培训")
    page.get_by_role("button", name="请假").click()
    expect(page.get_by_text("请假申请已提交，等待审批")).to_be_visible()
    expect(page.locator("#reply-state")).to_have_text("请假待批")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "nothing spills sideways"

    office = browser.new_context()
    desk = _login(office, live_server, "staff")
    desk.goto(f"{live_server.url}/meetings/{meeting.pk}/sheet/")
    row = desk.locator("#sheet-rows tr", has_text="王芳")
    expect(row.locator(".badge.reply-leave_pending")).to_have_text("请假待批")
    desk.locator("#leave-requests li", has_text="赴省里参加培训").get_by_role("button", name="准假").click()
    expect(desk.get_by_text("已准予 王芳 请假")).to_be_visible()
    expect(row.locator(".badge.reply-leave_approved")).to_have_text("已准假")
    expect(row.locator("input[value=leave]")).to_be_checked()
    expect(row.locator("input[name^=reason]")).to_have_value("赴省里参加培训")

    page.goto(f"{live_server.url}/notices/")
    notice = page.locator("#notices li", has_text="请假已批准")
    expect(notice).to_contain_text("未读")
    notice.get_by_role("link", name="请假已批准：六届九次常委会会议").click()
    expect(page.locator("#notice")).to_contain_text("请假事由：赴省里参加培训")
    assert Attendance.objects.get(meeting=meeting, member=member).status == "leave"
    phone.close()
    office.close()
