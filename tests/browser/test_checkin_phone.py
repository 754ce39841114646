"""On a phone (390 × 844): a member opens the URL the QR code holds and sees 已签到; staff work the
sign-in sheet with every mark in reach and the counts following the marks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations import checkin, services
from tests.factories import MemberFactory, TermFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def today_meeting(staff, member):
    meeting = services.meeting_create(
        actor=staff,
        kind="plenary",
        term=TermFactory(),
        start_date=timezone.localdate(),
        start_time=dt.time(9),
    )
    services.meeting_invite(meeting=meeting, members=[member, *MemberFactory.create_batch(5)], actor=staff)
    return meeting


def test_a_member_scans_the_code_on_a_phone_logs_in_and_is_signed_in(live_server, page, today_meeting, staff):
    meeting = services.checkin_open(
        meeting=today_meeting,
        closes_at=timezone.now() + dt.timedelta(hours=1),
        late_after=None,
        actor=staff,
    )
    page.set_viewport_size(PHONE)
    scanned = f"{live_server.url}/checkin/{meeting.pk}/{checkin.code_for(meeting)}/"
    page.goto(scanned)  # not logged in yet: the login page, then back to the scanned address
    page.get_by_label("用户名").fill("member")
    page.get_by_label("密码").fill("Passw0rd!x")
    page.get_by_role("button", name="登录").click()
    expect(page.locator("#checkin-outcome")).to_have_text("已签到")
    assert meeting.attendances.get(member__user__username="member").status == "present"
    page.goto(scanned)
    expect(page.get_by_text("您已经签过到了")).to_be_visible()


def test_staff_mark_a_sheet_on_a_phone(live_server, login, today_meeting):
    page = login("staff")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/meetings/{today_meeting.pk}/sheet/")
    rows = page.locator("#sheet-rows tr")
    expect(rows).to_have_count(6)
    first, second = rows.nth(0), rows.nth(1)
    absent = first.locator("label", has_text="缺席")
    expect(absent).to_be_in_viewport()
    box = absent.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    absent.click()
    expect(page.locator('[data-count="absent"]')).to_have_text("1")
    expect(page.locator('[data-count="unmarked"]')).to_have_text("5")
    reason = second.get_by_placeholder("请假事由")
    expect(reason).to_be_hidden()
    second.locator("label", has_text="请假").click()
    expect(reason).to_be_visible()
    reason.fill("身体原因")
    page.get_by_role("button", name="未签到的全部标为出席").click()
    expect(page.locator('[data-count="present"]')).to_have_text("4")
    page.get_by_role("button", name="保存签到表").first.click()
    expect(page.get_by_text("签到表已保存")).to_be_visible()
    statuses = sorted(today_meeting.attendances.values_list("status", flat=True))
    assert statuses == ["absent", "leave", "present", "present", "present", "present"]
    assert today_meeting.attendances.get(status="leave").leave_reason == "身体原因"
    # Page width stays the phone's: nothing forces sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
