"""On a phone (390 × 844): a member sends 社情民意 from the list's button, lands on their report, and
the list shows their own reports only; another member's report is a 404."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from sentiments import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_a_member_sends_a_report_from_a_phone_and_sees_only_their_own(
    live_server, login, staff, member, other_member
):
    theirs = services.sentiment_create(
        actor=staff, authors=[other_member], year=2023, title="别人的反映", reported_on=dt.date(2023, 3, 1)
    )
    page = login("member")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/sentiments/")
    button = page.locator("#new-sentiment")
    expect(button).to_be_in_viewport()
    button.click()
    page.get_by_label("标题").fill("小区电动自行车充电难")
    page.get_by_label("反映的情况").fill("充电桩少，飞线充电多。")
    page.get_by_label("意见建议").fill("增设充电桩。")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", name="小区电动自行车充电难")).to_be_visible()
    expect(page.get_by_text("增设充电桩。")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the report page scrolls sideways on a phone"

    page.goto(f"{live_server.url}/sentiments/")
    expect(page.get_by_role("link", name="小区电动自行车充电难")).to_be_visible()
    expect(page.get_by_text("别人的反映")).to_have_count(0)
    response = page.goto(f"{live_server.url}/sentiments/{theirs.pk}/")
    assert response is not None and response.status == 404
