"""The whole proposal chain in the browser: a member drafts on a phone and invites a co-signer, who
agrees; staff 立案 and 交办 to a 主办 and a 会办; the 会办 sends its opinion; the 主办 replies with a
letter; the proposer rates 不满意, the unit replies again, the proposer rates 满意. The dossier and
the figures follow each step."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from demo.research import _pdf
from evaluation import services as evaluation_services
from members.kinds import ActivityKind as K
from members.models import DossierEntry
from proposals.models import Proposal
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _login(context, live_server, username):
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # 提交 asks to confirm
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("Passw0rd!x")
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    return page


def _figures(page, live_server, year):
    page.goto(f"{live_server.url}/proposals/stats/?year={year}")
    return {
        name: page.locator(f"#fig-{name} .stat-value").inner_text().strip()
        for name in (
            "submitted",
            "filed",
            "assigned",
            "replied",
            "reply-rate",
            "satisfied-rate",
            "unsatisfied",
        )
    }


def _kinds(member):
    return set(DossierEntry.objects.filter(member=member).values_list("kind", flat=True))


def test_the_proposal_chain_from_a_phone_draft_to_a_satisfied_rating(
    live_server, browser, member, other_member, staff, unit_user, handling_unit, other_unit, tmp_path
):
    year = timezone.localdate().year
    evaluation_services.scheme_create_default(year=year)
    co_user = UserFactory(username="unit2", first_name="教育局办理员", role="承办单位")
    other_unit.users.add(co_user)
    letter = tmp_path / "答复函.pdf"
    letter.write_bytes(_pdf("reply"))

    # The member drafts on a phone and invites a co-signer.
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    mine = _login(phone, live_server, "member")
    mine.goto(f"{live_server.url}/proposals/")
    mine.locator("#new-proposal").click()
    mine.get_by_label("案由").fill("关于加快老旧小区加装电梯的建议")
    mine.get_by_label("类别").select_option(label="社会建设")
    mine.get_by_label("案据（情况分析）").fill("全市老旧小区多，老人上下楼难。")
    mine.get_by_label("建议办法").fill("简化审批，财政补贴，社区协调。")
    mine.get_by_role("button", name="保存草稿").click()
    expect(mine.get_by_text("草稿已保存")).to_be_visible()
    proposal = Proposal.objects.get()
    assert proposal.status == "draft" and not _kinds(member)
    mine.get_by_label("邀请联名的委员").select_option(label="赵强（经济界）")
    mine.get_by_role("button", name="发出联名邀请").click()
    expect(mine.locator("#invitations")).to_contain_text("待答复")

    # The invitee agrees.
    cosigner_phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    theirs = _login(cosigner_phone, live_server, "other")
    theirs.goto(f"{live_server.url}/notices/")
    theirs.get_by_text("联名邀请：关于加快老旧小区加装电梯的建议").first.click()
    theirs.goto(f"{live_server.url}{proposal.get_absolute_url()}")
    theirs.get_by_role("button", name="同意联名").click()
    expect(theirs.get_by_text("已同意联名")).to_be_visible()

    # The member submits: both get their dossier entries.
    mine.reload()
    expect(mine.locator("#invitations")).to_contain_text("同意联名")
    mine.locator("#submit-proposal").click()
    expect(mine.get_by_text("提案已提交")).to_be_visible()
    assert _kinds(member) == {K.PROPOSAL_LEAD} and _kinds(other_member) == {K.PROPOSAL_COSIGN}
    mine.goto(f"{live_server.url}/me/")
    expect(mine.locator("#entries")).to_contain_text("关于加快老旧小区加装电梯的建议")

    # Staff 立案, then 交办 to 住建局 (主办) and 教育局 (会办).
    office = browser.new_context()
    desk = _login(office, live_server, "staff")
    desk.goto(f"{live_server.url}{proposal.get_absolute_url()}")
    desk.locator("#review").get_by_label("立案", exact=True).check()
    desk.get_by_role("button", name="保存审查意见").click()
    expect(desk.locator("#proposal-status")).to_have_text("已立案")
    assert K.PROPOSAL_FILED in _kinds(member) and K.PROPOSAL_FILED in _kinds(other_member)
    desk.get_by_label("主办单位").select_option(label="市住房和城乡建设局")
    desk.get_by_label("会办单位").select_option(label="市教育局")
    desk.locator("#assign").get_by_role("button", name="交办").click()
    expect(desk.locator("#proposal-status")).to_have_text("已交办")
    figures = _figures(desk, live_server, year)
    assert (figures["submitted"], figures["filed"], figures["assigned"], figures["replied"]) == (
        "1",
        "1",
        "1",
        "0",
    )

    # The 会办 unit sends its opinion.
    co_office = browser.new_context()
    co = _login(co_office, live_server, "unit2")
    co.get_by_role("link", name="关于加快老旧小区加装电梯的建议").click()
    co.locator("#opinion-form textarea").fill("涉及学校周边小区的，由我局配合协调。")
    co.get_by_role("button", name="提交会办意见").click()
    expect(co.get_by_text("会办意见已送主办单位")).to_be_visible()

    # The 主办 unit signs for it, sees the opinion, and replies with its letter.
    unit_office = browser.new_context()
    unit = _login(unit_office, live_server, "unit")
    unit.get_by_role("link", name="关于加快老旧小区加装电梯的建议").click()
    unit.locator("#sign").click()
    expect(unit.locator("#handling")).to_contain_text("涉及学校周边小区的")
    unit.get_by_label("C 因条件限制或其他原因需要以后解决").check()
    unit.get_by_label("答复函（盖章 PDF）").set_input_files(str(letter))
    unit.get_by_role("button", name="提交答复").click()
    expect(unit.get_by_text("答复已提交")).to_be_visible()
    assert _figures(desk, live_server, year)["reply-rate"] == "100.0%"

    # The proposer rates 不满意: it goes back to the unit once.
    mine.goto(f"{live_server.url}{proposal.get_absolute_url()}")
    mine.locator("#rate").get_by_label("不满意", exact=True).check()
    mine.locator("#rate").get_by_label("意见").fill("没有给出改造时间表。")
    mine.get_by_role("button", name="提交测评").click()
    expect(mine.locator("#proposal-status")).to_contain_text("重新办理")
    assert _figures(desk, live_server, year)["unsatisfied"] == "1"

    unit.reload()
    expect(unit.get_by_text("重新办理后再次答复")).to_be_visible()
    unit.get_by_label("B 正在解决或已列入计划逐步解决").check()
    unit.get_by_label("答复函（盖章 PDF）").set_input_files(str(letter))
    unit.get_by_role("button", name="提交答复").click()
    expect(unit.get_by_text("答复已提交")).to_be_visible()

    mine.reload()
    mine.locator("#rate").get_by_label("满意", exact=True).first.check()
    mine.get_by_role("button", name="提交测评").first.click()
    expect(mine.locator("#proposal-verdict")).to_have_text("满意")
    figures = _figures(desk, live_server, year)
    assert (figures["replied"], figures["reply-rate"], figures["satisfied-rate"]) == ("1", "100.0%", "100.0%")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.replies.count()) == ("answered", 2)
    for context in (phone, cosigner_phone, office, co_office, unit_office):
        context.close()
