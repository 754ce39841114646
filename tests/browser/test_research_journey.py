from __future__ import annotations

import pytest
from playwright.sync_api import expect

from demo.research import _pdf
from members.models import DossierEntry
from research.models import ResearchTopic
from tests.factories import CommitteeFactory, MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_create_a_topic_add_its_team_upload_the_report_and_record_an_instruction(
    live_server, login, staff, tmp_path
):
    CommitteeFactory(name="经济科技委员会")
    MemberFactory(name="钱学文")
    MemberFactory(name="孙晓梅")
    MemberFactory(name="李国强")
    page = login("staff")
    page.goto(f"{live_server.url}/research/new/")
    page.get_by_label("课题名称").fill("装备制造和新材料")
    page.get_by_label("领题领导").fill("主席 王建华")
    page.get_by_label("牵头专委会").select_option(label="经济科技委员会")
    page.get_by_label("计划开始").fill("2023-03-01")
    page.get_by_label("计划完成").fill("2023-09-30")
    page.get_by_label("年度").fill("2023")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已立项“装备制造和新材料”")).to_be_visible()

    page.get_by_label("牵头").select_option(label="钱学文（经济界）")
    page.get_by_label("执笔").select_option(label="孙晓梅（经济界）")
    page.get_by_label("参加").select_option(label="李国强（经济界）")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#team")).to_contain_text("孙晓梅")

    report = tmp_path / "调研报告.pdf"
    report.write_bytes(_pdf("装备制造"))
    page.get_by_role("link", name="上传报告").click()
    page.get_by_label("报告标题").fill("关于装备制造和新材料产业链发展的调研报告")
    page.get_by_label("形成日期").fill("2023-08-10")
    page.get_by_label("报告文件（PDF、DOCX 或 WPS）").set_input_files(str(report))
    page.get_by_label("报送对象").fill("中共荥阳市委")
    page.get_by_label("报送日期").fill("2023-08-15")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("调研报告已保存")).to_be_visible()
    expect(page.get_by_role("link", name="下载报告（PDF")).to_be_visible()

    page.get_by_text("记录领导批示").click()
    page.get_by_label("批示领导").fill("市委主要领导")
    page.get_by_label("批示日期").fill("2023-08-30")
    page.get_by_label("批示内容").fill("请市工信局认真研究落实。")
    page.get_by_label("交办部门").first.fill("市工业和信息化局")
    page.get_by_role("button", name="保存批示").click()
    expect(page.locator("#instructions")).to_contain_text("市委主要领导（市级）批示")

    topic = ResearchTopic.objects.get()
    assert topic.status == ResearchTopic.Status.INSTRUCTED
    assert set(
        DossierEntry.objects.filter(kind="research_instructed").values_list("member__name", flat=True)
    ) == {"钱学文", "孙晓梅"}
