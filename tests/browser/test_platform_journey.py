from __future__ import annotations

import pytest
from playwright.sync_api import expect

from platforms import services
from platforms.models import Township
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_record_a_field_consultation_with_three_members_and_each_dossier_shows_it(
    live_server, login, staff
):
    town = Township.objects.create(name="高山镇")
    city = services.platform_save(actor=None, name="市级协商议事厅", level="city")
    township = services.platform_save(
        actor=None, name="高山镇协商议事室", level="township", parent=city, township=town
    )
    village = services.platform_save(actor=None, name="竹川村协商议事站", level="village", parent=township)
    people = [MemberFactory(name=n) for n in ("张田野", "王稻香", "李麦收")]
    MemberFactory(name="赵旁观")

    page = login("staff")
    page.goto(f"{live_server.url}/platforms/{village.pk}/")
    page.get_by_role("link", name="记录协商活动").click()
    page.get_by_label("日期").fill("2023-06-12")
    page.get_by_label("协商议题").fill("高标准农田灌溉渠修缮")
    page.get_by_label("协商形式").select_option(label="田间协商")
    page.get_by_label("参加委员").select_option(label=[f"{p.name}（{p.sector.name}）" for p in people])
    page.get_by_label("参加群众人数").fill("35")
    page.get_by_label("办结时限").fill("2023-08-31")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存协商活动，3 位参加委员的履职档案已更新")).to_be_visible()
    expect(page.locator("#session-members")).to_contain_text("王稻香")

    for person in people:
        page.goto(f"{live_server.url}/members/{person.pk}/?year=2023")
        expect(page.locator("#entries")).to_contain_text("竹川村协商议事站：高标准农田灌溉渠修缮")
        expect(page.locator("#entries")).to_contain_text("参加协商议事活动")
