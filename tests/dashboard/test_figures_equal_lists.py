"""Every figure on the leadership dashboard equals the list it opens: the test follows each link."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consultations import services as meetings
from demo.research import _pdf
from evaluation import services as evaluation
from platforms import services as platforms
from proposals import services as proposals
from proposals.models import Proposal
from research import services as research
from sentiments import services as sentiments
from sentiments.models import SentimentLevel
from tests.factories import MemberFactory, TermFactory

pytestmark = pytest.mark.django_db

YEAR = 2023


@pytest.fixture
def committee_year(staff):
    """A small year with something behind every figure, including the cases that once disagreed:
    proposals filed and then assigned or answered, open follow-ups that are not overdue, and
    instructions still being followed up."""
    members = MemberFactory.create_batch(6, is_standing=False) + MemberFactory.create_batch(
        2, is_standing=True
    )
    for number, to in enumerate(
        [
            "",
            Proposal.Status.FILED,
            Proposal.Status.ASSIGNED,
            Proposal.Status.ANSWERED,
            Proposal.Status.NOT_FILED,
        ],
        start=1,
    ):
        p = proposals.proposal_create(
            actor=staff,
            year=YEAR,
            number=number,
            title=f"提案{number}",
            lead=members[number],
            submitted_on=dt.date(YEAR, 1, 9),
        )
        path = {
            Proposal.Status.FILED: ["filed"],
            Proposal.Status.ASSIGNED: ["filed", "assigned"],
            Proposal.Status.ANSWERED: ["filed", "assigned", "answered"],
            Proposal.Status.NOT_FILED: ["not_filed"],
        }.get(to, [])
        for step, state in enumerate(path, start=1):
            proposals.proposal_transition(
                proposal=p,
                to=state,
                on=dt.date(YEAR, 2, step),
                actor=staff,
                reason="转意见",
                handling_unit="市教育局",
                answer="已办理",
            )
        if to == Proposal.Status.ANSWERED:
            p.refresh_from_db()
            proposals.proposal_update(proposal=p, actor=staff, cosigners=[], is_key=True)
    levels = {level.tier: level for level in SentimentLevel.objects.all()}
    # Adopted at: 本级 and 上级市 (two levels), 上级市, 省 (with two 批示), 全国, nowhere.
    for adoptions in (("local", "city"), ("city",), ("province",), ("national",), ()):
        report = sentiments.sentiment_create(
            actor=staff,
            authors=[members[0]],
            year=YEAR,
            title=f"社情{'-'.join(adoptions)}",
            reported_on=dt.date(YEAR, 3, 1),
        )
        sentiments.forwarding_save(
            report=report, actor=staff, action="forwarded", level=levels["city"], date=dt.date(YEAR, 3, 2)
        )
        for tier in adoptions:
            sentiments.forwarding_save(
                report=report, actor=staff, action="adopted", level=levels[tier], date=dt.date(YEAR, 4, 1)
            )
        if adoptions == ("province",):
            for day in (9, 19):
                sentiments.instruction_save(
                    report=report,
                    actor=staff,
                    leader="省领导",
                    level=levels["province"],
                    date=dt.date(YEAR, 4, day),
                )
    for index in range(3):
        topic = research.topic_create(
            actor=staff,
            year=YEAR,
            title=f"课题{index}",
            leader="主席",
            office="办公室",
            planned_start=dt.date(YEAR, 3, 1),
            planned_end=dt.date(YEAR, 9, 1),
        )
        if index < 2:
            research.report_save(
                topic=topic,
                actor=staff,
                title="报告",
                completed_on=dt.date(YEAR, 8, 1),
                upload=SimpleUploadedFile("r.pdf", _pdf("r")),
            )
        if index == 0:
            research.instruction_create(
                report=topic.report,
                actor=staff,
                leader="市长",
                level="city",
                date=dt.date(YEAR, 9, 1),
                content="落实",
            )
    city = platforms.platform_save(actor=staff, name="市级协商议事厅", level="city")
    for index, due in enumerate((dt.date(YEAR, 6, 1), dt.date.today() + dt.timedelta(days=60), None)):
        session = platforms.session_save(
            actor=staff,
            platform=city,
            members=[members[0]],
            date=dt.date(YEAR, 5, 1),
            topic=f"议题{index}",
            setting="street",
            follow_up_due=due,
        )
        if index == 1:
            platforms.follow_up_advance(session=session, to="in_progress", actor=staff)
    meeting = meetings.meeting_create(
        actor=staff, kind="standing", term=TermFactory(), start_date=dt.date(YEAR, 7, 20)
    )
    meetings.meeting_invite(meeting=meeting, members=members, actor=staff)
    # One meeting in each of three other groups, one of them a kind added with the kinds-as-data change.
    for kind, day in (("counterpart", 3), ("counterpart", 4), ("democratic_review", 5), ("training", 6)):
        meetings.meeting_create(
            actor=staff, kind=kind, term=meeting.term, start_date=dt.date(YEAR, 9, day), title=f"{kind}{day}"
        )
    evaluation.scheme_create_default(year=YEAR)
    evaluation.evaluation_rollup(year=YEAR)


def _figures(context):
    for group in ("roster", "meetings", "proposals", "sentiments", "research", "platforms", "follow_ups"):
        yield from ((group, f) for f in context[group])


def _shown(client, link: str) -> int:
    response = client.get(link)
    assert response.status_code == 200, link
    return response.context["list"].total


def test_every_figure_equals_the_list_behind_it(leader_client, committee_year):
    context = leader_client.get(reverse("dashboard:index") + f"?year={YEAR}").context
    checked = 0
    for group, figure in _figures(context):
        if figure.unit == "%":
            continue  # a rate: its page is the attendance table, not a list to count
        assert figure.link, f"{figure.label} links nowhere"
        assert _shown(leader_client, figure.link) == figure.value, f"{group} · {figure.label}: {figure.link}"
        checked += 1
    assert checked >= 18
    # The figures that once disagreed are not zero here, so their equality means something.
    values = {str(f.label): f.value for _g, f in _figures(context)}
    assert (values["立案"], values["协商活动未办结"], values["其中逾期"], values["调研批示办理中"]) == (
        3,
        3,
        1,
        1,
    )
    # 社情民意 by the levels' configured names: one report adopted at two levels counts at each.
    assert [
        values[k] for k in ("报送社情民意", "本级采用", "上级市采用", "省采用", "全国采用", "获批示")
    ] == [
        5,
        1,
        2,
        1,
        1,
        1,
    ]
    # Meetings by group: 会议 1 (常委会), 协商 2 (对口协商会), 视察调研 1 (民主评议), 学习培训 1, 活动 0.
    assert [values[g] for g in ("会议活动", "会议", "协商", "视察调研", "学习培训", "活动")] == [
        5,
        1,
        2,
        1,
        1,
        0,
    ]


def test_every_bar_and_slice_opens_a_list_of_its_size(leader_client, committee_year):
    context = leader_client.get(reverse("dashboard:index") + f"?year={YEAR}").context
    for chart in ("settings_chart", "grade_chart"):
        data = context[chart]
        values = data["series"][0]["values"] if "series" in data else data["values"]
        assert data["links"], chart
        for link, value in zip(data["links"], values, strict=True):
            assert urlsplit(link).path
            assert _shown(leader_client, link) == value, link


def test_each_chart_can_be_read_as_text(leader_client, committee_year):
    body = leader_client.get(reverse("dashboard:index") + f"?year={YEAR}").content.decode()
    assert body.count('role="img"') == 3
    assert "各形式协商活动：街区协商 3" in body
