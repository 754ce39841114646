"""axe-core (installed by npm, run inside the real Chromium) finds no serious or critical violation
on the pages each role uses, in Chinese and with the data a committee has."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from consultations import services as meetings
from evaluation import services as evaluation
from members.kinds import ActivityKind as K
from tests.factories import EntryFactory, MemberFactory, TermFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


@pytest.fixture
def committee(member, staff):
    evaluation.scheme_create_default(year=2023)
    others = MemberFactory.create_batch(4)
    for m in [member, *others]:
        EntryFactory(member=m, kind=K.ATTEND_PLENARY)
        EntryFactory(member=m, kind=K.VISIT, status="pending")
    meeting = meetings.meeting_create(
        actor=staff, kind="standing", term=TermFactory(), start_date=dt.date(2023, 7, 20)
    )
    meetings.meeting_invite(meeting=meeting, members=[member, *others], actor=staff)
    evaluation.evaluation_rollup(year=2023)
    return meeting


def _violations(page) -> list[str]:
    # Evaluated through the browser's debugging protocol, which the page's CSP does not govern.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    return [f"{v['id']} ({v['impact']}): {v['nodes']}" for v in result if v["impact"] in SERIOUS]


def _walk(page, base: str, paths: list[str]) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        if problems := _violations(page):
            found[path] = problems
    return found


def test_the_login_page_has_no_serious_violation(live_server, page):
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("h1").count() == 1
    assert _violations(page) == []


def test_staff_pages_have_no_serious_violation(live_server, login, committee, member):
    page = login("staff")
    paths = [
        "/",
        "/members/",
        f"/members/{member.pk}/?year=2023",
        f"/meetings/{committee.pk}/",
        f"/meetings/{committee.pk}/sheet/",
        "/proposals/",
        "/reviews/",
        "/evaluations/2023/",
        "/members/import/",
        "/scoring/2023/",
    ]
    assert _walk(page, live_server.url, paths) == {}


def test_leader_pages_have_no_serious_violation(live_server, login, committee, leader):
    page = login("leader")
    assert _walk(page, live_server.url, ["/dashboard/?year=2023", "/evaluations/2023/", "/platforms/"]) == {}


def test_member_pages_on_a_phone_have_no_serious_violation(live_server, browser, committee, member):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("member")
    page.get_by_label("密码").fill("Passw0rd!x")
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    assert (
        _walk(page, live_server.url, ["/me/?year=2023", "/my/meetings/", "/me/report/", "/proposals/"]) == {}
    )
    context.close()
