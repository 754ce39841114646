"""The year's figures, computed by hand for a small set, equal the stats page, the dashboard and the
lists they link to; the list and stats pages run a fixed number of queries."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from demo.research import _pdf
from proposals import services
from tests.factories import MemberFactory, SectorFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = TODAY.year


def _submit(lead, title, category="society"):
    draft = services.proposal_draft_save(
        member=lead, actor=None, title=title, category=category, content="案据", suggestions="建议"
    )
    return services.proposal_submit(proposal=draft, actor=None)


def _reply(assignment, category="A"):
    return services.reply_create(
        assignment=assignment,
        actor=None,
        category=category,
        replied_on=TODAY,
        upload=SimpleUploadedFile("a.pdf", _pdf("a")),
    )


@pytest.fixture
def year_set(staff, handling_unit, other_unit):
    """By hand: 1 draft and 1 withdrawn (not counted); 6 submitted; 4 filed, 1 not filed, 1 waiting;
    4 assigned (3 to 住建局, 1 to 教育局); 3 replied (住建局 2, 教育局 1); the leads rated 满意,
    基本满意, 不满意 (the last reopened, so it waits for a second reply).
    提交 6 · 立案 4 · 立案率 66.7 · 交办 4 · 办复率 3/4 = 75.0 · 满意率 1/3 = 33.3 · 基本满意率 33.3."""
    economy = SectorFactory(name="经济界")
    education = SectorFactory(name="教育界")
    leads = [MemberFactory(sector=economy if i < 4 else education) for i in range(6)]
    services.proposal_draft_save(member=leads[0], actor=None, title="草稿")
    services.proposal_withdraw(proposal=_submit(leads[0], "撤案"), actor=None)
    submitted = [_submit(m, f"提案{i}", "economy" if i % 2 else "society") for i, m in enumerate(leads)]
    for p in submitted[:4]:
        services.proposal_file(proposal=p, actor=staff, on=TODAY)
    services.proposal_not_file(proposal=submitted[4], actor=staff, on=TODAY, reason="个案")
    units = [handling_unit, handling_unit, handling_unit, other_unit]
    lead_assignments = []
    for p, unit in zip(submitted[:4], units, strict=True):
        (a,) = services.proposal_assign(proposal=p, actor=staff, on=TODAY, lead_unit=unit)
        lead_assignments.append(a)
    replies = [_reply(a) for a in (lead_assignments[0], lead_assignments[1], lead_assignments[3])]
    for reply, verdict, p in zip(
        replies, ("satisfied", "basic", "unsatisfied"), [submitted[i] for i in (0, 1, 3)], strict=True
    ):
        services.rating_save(reply=reply, member=p.lead, actor=None, verdict=verdict, comment="意见")
    return submitted


def _figures(body: str) -> dict[str, str]:
    return {
        k: v.strip()
        for k, v in re.findall(
            r'id="fig-([a-z-]+)"[^>]*><div class="card-body py-2">\s*<div class="stat-value[^"]*">([^<]*)<',
            body,
        )
    }


def test_the_stats_page_shows_the_figures_computed_by_hand(staff_client, year_set):
    body = staff_client.get(reverse("proposals:stats"), {"year": YEAR}).content.decode()
    figures = _figures(body)
    assert (figures["submitted"], figures["filed"], figures["assigned"], figures["replied"]) == (
        "6",
        "4",
        "4",
        "3",
    )
    assert (figures["filed-rate"], figures["reply-rate"]) == ("66.7%", "75.0%")
    assert (figures["satisfied-rate"], figures["basic-rate"], figures["rated"]) == ("33.3%", "33.3%", "3")


def test_the_dashboard_shows_the_same_rates(leader_client, year_set):
    response = leader_client.get(reverse("dashboard:index"), {"year": YEAR})
    shown = {str(f.label): f.value for f in response.context["proposal_handling"]}
    assert shown["交办提案"] == 4
    assert shown["办复率"] == 75.0
    assert shown["满意率"] == 33.3
    assert shown["基本满意率"] == 33.3
    assert shown["不满意"] == 1


def test_each_unit_is_ranked_by_its_own_replies(staff_client, year_set):
    response = staff_client.get(reverse("proposals:stats"), {"year": YEAR})
    rows = {str(r.label): r for r in response.context["by_unit"]}
    assert rows["市住房和城乡建设局"].counts["assigned"] == 3
    assert rows["市住房和城乡建设局"].reply_rate == 66.7
    assert rows["市教育局"].reply_rate == 100.0
    assert [str(r.label) for r in response.context["by_unit"]] == ["市教育局", "市住房和城乡建设局"]


def test_every_figure_links_to_a_list_of_exactly_its_rows(staff_client, year_set):
    response = staff_client.get(reverse("proposals:stats"), {"year": YEAR})
    rows = [response.context["total"], *response.context["by_unit"], *response.context["by_category"]]
    rows += response.context["by_sector"]
    checked = 0
    for row in rows:
        for _stage, n, link in row.cells():
            listed = staff_client.get(link).context["list"].total
            assert listed == n, link
            checked += 1
    assert checked > 30


def test_the_list_and_stats_pages_do_not_grow_with_proposals(
    staff_client, staff, handling_unit, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            p = _submit(MemberFactory(), f"又一件{i}")
            services.proposal_file(proposal=p, actor=staff, on=TODAY)
            services.proposal_assign(proposal=p, actor=staff, on=TODAY, lead_unit=handling_unit)

    add(1)
    pages = [(reverse("proposals:list"), {"year": YEAR}), (reverse("proposals:stats"), {"year": YEAR})]
    counts = []
    for url, params in pages:
        with CaptureQueriesContext(connection) as seen:
            staff_client.get(url, params)
        counts.append(len(seen))
    add(8)
    for (url, params), n in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(n):
            staff_client.get(url, params)


def test_the_export_has_every_proposal_with_every_field(staff_client, year_set):
    response = staff_client.get(reverse("proposals:export"), {"year": YEAR})
    book = load_workbook(io.BytesIO(response.content))
    sheet = book[f"{YEAR}年度提案"]
    headers = [c.value for c in sheet[1]]
    assert {"立案号", "代录", "督办领导", "测评结果", "建议办法", "转办方式"} <= set(headers)
    assert sheet.max_row == 1 + 8  # the draft and the withdrawn one are proposals of the year too
    assert book["答复"].max_row == 1 + 3 and book["满意度测评"].max_row == 1 + 3


def test_proposals_answered_before_replies_were_kept_count_as_replied(staff, staff_client):
    from proposals.models import Proposal

    lead = MemberFactory()
    proposal = services.proposal_create(
        actor=staff, year=YEAR, number=1, title="旧提案", lead=lead, submitted_on=TODAY
    )
    for step, extra in (
        ("filed", {}),
        ("assigned", {"handling_unit": "市教育局"}),
        ("answered", {"answer": "已办"}),
    ):
        services.proposal_transition(proposal=proposal, to=step, on=TODAY, actor=staff, **extra)
    assert Proposal.objects.get().status == "answered"
    response = staff_client.get(reverse("proposals:stats"), {"year": YEAR})
    assert response.context["total"].reply_rate == 100.0
