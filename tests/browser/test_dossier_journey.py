from __future__ import annotations

import pytest
from playwright.sync_api import expect

from evaluation import services as evaluation_services

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


def test_a_member_reports_a_deed_on_a_phone_and_sees_the_points_once_staff_confirm(
    live_server, browser, member, staff
):
    evaluation_services.scheme_create_default(year=member.created_at.year)  # the deed is dated today
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = _login(phone, live_server, "member")
    score = page.locator("#score-total")
    expect(score).to_have_text("60")

    page.get_by_role("link", name="填报履职").click()
    page.get_by_label("为群众办实事").check()
    page.get_by_label("事项").fill("协调解决小区路灯维修")
    page.get_by_label("具体内容").fill("联系供电所，三天内修复")
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("已提交，等待工作人员审核")).to_be_visible()
    expect(page.locator("#entries")).to_contain_text("待审核")
    expect(score).to_have_text("60")

    office = browser.new_context()
    desk = _login(office, live_server, "staff")
    desk.goto(f"{live_server.url}/reviews/")
    item = desk.locator("li", has_text="协调解决小区路灯维修")
    item.get_by_role("button", name="确认").click()
    expect(desk.get_by_text("已确认")).to_be_visible()

    page.reload()
    expect(score).to_have_text("62")
    expect(page.locator("#entries")).not_to_contain_text("待审核")
    phone.close()
    office.close()
