from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import CommitteeFactory, MemberFactory, SectorFactory, TermFactory, valid_id_number

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_create_a_member_find_them_by_search_and_see_the_history(live_server, login, staff):
    TermFactory()
    SectorFactory(name="教育界")
    CommitteeFactory(name="教科卫体委员会")
    MemberFactory.create_batch(3)
    page = login("staff")
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()

    page.get_by_role("link", name="新增委员").first.click()
    page.get_by_label("姓名").fill("欧阳晓岚")
    page.get_by_label("性别").select_option(label="女")
    page.get_by_label("身份证号").fill(valid_id_number(777))
    page.get_by_label("手机号").fill("13698765432")
    page.get_by_label("界别").select_option(label="教育界")
    page.get_by_label("专委会").select_option(label="教科卫体委员会")
    page.get_by_label("工作单位").fill("荥阳市第二高级中学")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已新增委员 欧阳晓岚")).to_be_visible()

    page.get_by_role("link", name="编辑").first.click()
    page.get_by_label("职务", exact=True).fill("副校长")
    page.get_by_role("button", name="保存").click()

    page.get_by_role("navigation").get_by_role("link", name="委员名册").click()
    page.get_by_placeholder("姓名、手机号或工作单位").fill("晓岚")
    page.get_by_placeholder("姓名、手机号或工作单位").press("Enter")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    rows.get_by_role("link", name="欧阳晓岚").click()

    history = page.locator("#history")
    expect(history).to_contain_text("刘敏")
    expect(history).to_contain_text("创建")
    expect(history).to_contain_text("职务")
    expect(history).to_contain_text("副校长")
