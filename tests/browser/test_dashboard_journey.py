from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_finds_the_reports_figures_on_the_2023_dashboard_and_opens_a_dossier(live_server, login):
    call_command("seed_demo", verbosity=0)
    page = login("leader", "Demo@2023")
    # The demo's data ends in 2023: the landing page opens on that year without being asked.
    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2023 年度履职概览")

    platforms = page.locator("#fig-platforms .stat-value")
    expect(platforms).to_have_text(["1", "12", "9", "11"])
    research = page.locator("#fig-research .stat-value")
    expect(research).to_have_text(["12", "9", "3"])
    expect(page.locator("canvas[data-source=grade-chart]")).to_be_visible()

    first = page.locator("#top-members a").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    expect(page.locator("#score")).to_contain_text("2023 年度履职积分")
    expect(page.locator("#score")).to_contain_text("第 1 名")
