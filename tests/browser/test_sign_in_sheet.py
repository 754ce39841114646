from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from consultations import services
from consultations.models import Attendance
from members.models import DossierEntry
from tests.factories import MemberFactory, TermFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_build_the_sheet_for_all_standing_members_mark_exceptions_and_save(
    live_server, login, staff, member
):
    member.is_standing = True
    member.save()
    MemberFactory.create_batch(11, is_standing=True)
    MemberFactory.create_batch(5, is_standing=False)
    meeting = services.meeting_create(
        actor=None,
        kind="standing",
        term=TermFactory(),
        number=8,
        topic="安置房建设和“保交楼”工作",
        start_date=dt.date(2023, 7, 20),
    )
    page = login("staff")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/invite/")
    page.get_by_label("全体常委").check()
    page.get_by_role("button", name="加入名单并填写签到表").click()
    expect(page.get_by_text("已加入 12 人")).to_be_visible()

    page.get_by_role("button", name="未签到的全部标为出席").click()
    rows = page.locator("#sheet-rows tr")
    expect(rows).to_have_count(12)
    first, second = rows.nth(0), rows.nth(1)
    first_name = first.locator("b").inner_text()
    second.locator("label", has_text="请假").click()
    second.get_by_role("textbox").fill("因公出差")
    page.get_by_placeholder("查找姓名").fill(first_name)
    expect(rows.filter(has_text=first_name)).to_be_visible()
    first.get_by_role("combobox").select_option(label="书面发言")
    page.get_by_role("button", name="保存签到表").first.click()
    expect(page.get_by_text("签到表已保存：更新了 12 位委员，其履职档案已同步")).to_be_visible()

    assert Attendance.objects.filter(status="present").count() == 11
    assert Attendance.objects.get(status="leave").leave_reason == "因公出差"
    assert DossierEntry.objects.filter(kind="speech_written").count() == 1

    page.locator(".navbar .dropdown-toggle", has_text="刘敏").click()
    page.get_by_role("button", name="退出").click()
    member_page = login("member")
    member_page.goto(f"{live_server.url}/me/?year=2023")
    entries = member_page.locator("#entries")
    expect(entries).to_contain_text("六届八次常委会会议")
