"""The evaluation page, awards and the leadership dashboard."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from evaluation import services as evaluation_services
from evaluation.models import AnnualEvaluation, Award, AwardKind, EvaluationRun
from members.kinds import ActivityKind as K
from proposals import services as proposal_services
from tests.factories import EntryFactory, MemberFactory, SectorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluated(db):
    evaluation_services.scheme_create_default(year=2023)
    people = MemberFactory.create_batch(6)
    for i, m in enumerate(people):
        EntryFactory.create_batch(i, member=m, kind=K.SPEECH_WRITTEN)
    evaluation_services.evaluation_rollup(year=2023)
    return people


def test_staff_start_an_evaluation_and_see_it_done_with_time_and_count(staff_client):
    evaluation_services.scheme_create_default(year=2023)
    MemberFactory.create_batch(3)
    response = staff_client.post(reverse("evaluation:start", args=[2023]), follow=True)
    assert "2023 年度考评已完成，共 3 名委员" in response.content.decode()
    run = EvaluationRun.objects.get()
    assert run.status == "done" and run.requested_by.username == "staff" and run.seconds is not None
    status = staff_client.get(reverse("evaluation:status", args=[2023])).json()
    assert status["status"] == "done" and status["members"] == 3


def test_starting_a_year_without_rules_says_why(staff_client):
    response = staff_client.post(reverse("evaluation:start", args=[2019]), follow=True)
    assert "2019 年度尚未设置积分规则" in response.content.decode()


def test_starting_while_a_run_is_queued_is_refused(staff_client):
    evaluation_services.scheme_create_default(year=2023)
    evaluation_services.evaluation_queue(year=2023)
    response = staff_client.post(reverse("evaluation:start", args=[2023]), follow=True)
    assert "正在计算中" in response.content.decode()
    assert EvaluationRun.objects.count() == 1


def test_a_broker_that_cannot_be_reached_fails_the_run_clearly_and_keeps_old_results(
    staff_client, evaluated, use_broker
):
    use_broker("redis://127.0.0.1:1/0")
    response = staff_client.post(reverse("evaluation:start", args=[2023]), follow=True)
    assert "任务队列暂时无法连接" in response.content.decode()
    failed = EvaluationRun.objects.order_by("-pk").first()
    assert failed.status == "failed" and "Redis" in failed.error
    from evaluation.models import AnnualEvaluation

    assert AnnualEvaluation.objects.filter(year=2023).count() == 6, "the results already there are kept"


def test_the_evaluation_page_filters_sorts_and_exports(leader_client, evaluated):
    response = leader_client.get(reverse("evaluation:year", args=[2023]), {"sort": "total"})
    rows = list(response.context["list"].page)
    assert [float(e.total) for e in rows] == sorted(float(e.total) for e in rows)
    assert response.context["chart"]["values"] and sum(response.context["chart"]["values"]) == 6
    export = leader_client.get(reverse("evaluation:export", args=[2023]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.max_row == 7 and sheet["A1"].value == "排名"


def test_the_evaluation_page_query_count_does_not_grow(leader_client, evaluated, django_assert_num_queries):
    url = reverse("evaluation:year", args=[2023])
    # The grade chart, the members who missed their duties and the list's length come from the
    # year's summary row: no COUNT over a city's evaluations.
    with django_assert_num_queries(10) as queries:
        leader_client.get(url)
    assert not [
        q for q in queries.captured_queries if "COUNT(" in q["sql"] and "annualevaluation" in q["sql"]
    ]
    MemberFactory.create_batch(40)
    evaluation_services.evaluation_rollup(year=2023)
    with django_assert_num_queries(10):
        response = leader_client.get(url)
    assert response.context["list"].page.paginator.count == 46
    assert response.context["list"].page.paginator.num_pages == 1
    rows = AnnualEvaluation.objects.filter(year=2023)
    assert response.context["unmet"] == rows.filter(duties_met=False).count() > 0
    assert sum(response.context["chart"]["values"]) == rows.exclude(grade="").count()


def test_a_filtered_evaluation_list_counts_what_it_shows(leader_client, evaluated):
    url = reverse("evaluation:year", args=[2023])
    sector = SectorFactory(name="教育界")
    for member in evaluated[:2]:
        member.sector = sector
        member.save()
    same = AnnualEvaluation.objects.filter(year=2023, member__sector=sector).count()
    assert 0 < same < 6
    response = leader_client.get(url, {"sector": sector.pk, "sort": "total"})
    assert response.context["list"].page.paginator.count == same == len(response.context["list"].page)
    # Sorting alone is no filter: every evaluated member, counted by the summary.
    assert leader_client.get(url, {"sort": "total"}).context["list"].page.paginator.count == 6


def test_confirmed_awards_appear_on_the_dossier(staff_client, evaluated):
    AwardKind.objects.all().delete()
    AwardKind.objects.create(name="优秀委员", basis="total", top_n=1, require_duties=False)
    staff_client.post(reverse("evaluation:awards_propose", args=[2023]))
    award = Award.objects.get()
    body = staff_client.get(award.member.get_absolute_url(), {"year": 2023}).content.decode()
    assert "2023 优秀委员" not in body, "a proposal is not yet an award"
    staff_client.post(reverse("evaluation:award_decide", args=[award.pk]), {"decision": "confirm"})
    body = staff_client.get(award.member.get_absolute_url(), {"year": 2023}).content.decode()
    assert "2023 优秀委员" in body


def test_the_dashboard_compares_the_year_with_the_one_before(leader_client, evaluated, staff):
    lead = evaluated[0]
    for year, n in ((2023, 3), (2022, 1)):
        for number in range(1, n + 1):
            proposal_services.proposal_create(
                actor=staff,
                year=year,
                number=number,
                title="案由",
                lead=lead,
                submitted_on=dt.date(year, 1, 8),
            )
    context = leader_client.get(reverse("dashboard:index"), {"year": 2023}).context
    submitted = context["proposals"][0]
    assert (submitted.value, submitted.previous, submitted.delta) == (3, 1, 2)
    assert submitted.link == f"{reverse('proposals:list')}?year=2023"
    assert sum(context["grade_chart"]["values"]) == 6


def test_the_dashboard_query_count_does_not_grow_with_data(
    leader_client, evaluated, staff, django_assert_num_queries
):
    url = reverse("dashboard:index")
    # 19, one for the 提案办理 figures (dashboard.panels.proposal_handling) and one for the 社情民意
    # levels, whose configured names label the adoption figures. The inactive members probe every
    # serving member: their panel is fetched after the page (dashboard:inactive).
    with django_assert_num_queries(21):
        leader_client.get(url, {"year": 2023})
    sector = SectorFactory(name="科技界")
    for m in MemberFactory.create_batch(30, sector=sector):
        EntryFactory.create_batch(3, member=m, kind=K.VISIT)
    for number in range(1, 21):
        proposal_services.proposal_create(
            actor=staff,
            year=2023,
            number=number,
            title="案由",
            lead=evaluated[0],
            submitted_on=dt.date(2023, 1, 8),
        )
    evaluation_services.evaluation_rollup(year=2023)
    with django_assert_num_queries(21):
        leader_client.get(url, {"year": 2023})


def test_members_do_not_see_the_dashboard(member_client):
    assert member_client.get(reverse("dashboard:index")).status_code == 403


def test_pages_without_a_year_open_on_the_latest_year_with_data(leader_client, evaluated):
    assert leader_client.get(reverse("dashboard:index")).context["year"] == 2023
    member = evaluated[3]
    assert leader_client.get(member.get_absolute_url()).context["dossier"].year == 2023
    response = leader_client.get(reverse("evaluation:latest"))
    assert response["Location"] == reverse("evaluation:year", args=[2023])
    response = leader_client.get(reverse("evaluation:latest"), {"to": "awards"})
    assert response["Location"] == reverse("evaluation:awards", args=[2023])
    assert leader_client.get(reverse("dashboard:index"), {"year": 2022}).context["year"] == 2022


def test_each_nomination_is_listed_once_with_the_rank_of_its_own_year(staff_client, evaluated):
    evaluation_services.scheme_create_default(year=2022)
    EntryFactory.create_batch(9, member=evaluated[0], kind=K.SPEECH_WRITTEN, year=2022)
    evaluation_services.evaluation_rollup(year=2022)  # evaluated[0] is 1st in 2022, last in 2023
    AwardKind.objects.all().delete()
    AwardKind.objects.create(name="优秀委员", basis="total", top_n=6, require_duties=False)
    staff_client.post(reverse("evaluation:awards_propose", args=[2023]))
    awards = list(staff_client.get(reverse("evaluation:awards", args=[2023])).context["awards"])
    assert len(awards) == len({a.pk for a in awards}) == 6
    ranks = {a.member_id: a.rank for a in awards}
    assert (ranks[evaluated[5].pk], ranks[evaluated[0].pk]) == (1, 6)  # 2023's ranks, not 2022's


def test_a_nomination_states_its_score_as_a_plain_number(staff_client):
    evaluation_services.scheme_create_default(year=2023)
    member = MemberFactory()
    # 60 base + 30 社情民意 (national) + 25 proposals + 10 speeches + 5 plenary = 130
    for kind, n in (
        (K.SENTIMENT_ADOPTED_NATIONAL, 1),
        (K.PROPOSAL_LEAD, 5),
        (K.SPEECH_ORAL, 2),
        (K.ATTEND_PLENARY, 1),
    ):
        EntryFactory.create_batch(n, member=member, kind=kind)
    evaluation_services.evaluation_rollup(year=2023)
    AwardKind.objects.all().delete()
    AwardKind.objects.create(name="优秀委员", basis="total", top_n=1, require_duties=False)
    staff_client.post(reverse("evaluation:awards_propose", args=[2023]))
    assert Award.objects.get().reason == "总分 130，第 1 位"
    body = staff_client.get(reverse("evaluation:awards", args=[2023])).content.decode()
    assert "E+" not in body


def test_the_dashboard_counts_every_member_without_recent_entries_and_names_the_first_twelve(evaluated):
    from dashboard.panels import inactive_members
    from members.models import Member

    quiet = MemberFactory.create_batch(14)
    for m in quiet[:2]:
        EntryFactory(member=m, kind=K.VISIT, date=dt.date(2023, 12, 1))  # recent: active
    EntryFactory(member=quiet[2], kind=K.VISIT, date=dt.date(2023, 3, 1))  # too long ago
    EntryFactory(member=quiet[3], kind=K.VISIT, date=dt.date(2023, 12, 1), status="pending")  # not confirmed
    since, as_of = dt.date(2023, 10, 2), dt.date(2023, 12, 31)
    expected = sorted(
        (m.name, m.pk)
        for m in Member.objects.filter(status="active")
        if not any(e.status == "confirmed" and since <= e.date <= as_of for e in m.entries.all())
    )
    panel = inactive_members(2023)
    assert panel["count"] == len(expected) >= 12
    assert [(m.name, m.pk) for m in panel["members"]] == expected[:12]
    assert quiet[2].pk in {pk for _n, pk in expected} and quiet[0].pk not in {pk for _n, pk in expected}


def test_the_inactive_members_panel_and_its_list_agree_with_the_count(leader_client, evaluated):
    quiet = MemberFactory.create_batch(60)
    EntryFactory(member=quiet[0], kind=K.VISIT, date=dt.date(2023, 12, 1))
    url = reverse("dashboard:inactive")
    dashboard = leader_client.get(reverse("dashboard:index"), {"year": 2023}).content.decode()
    assert f'data-panel="{url}?year=2023&amp;panel=1"' in dashboard
    panel = leader_client.get(url, {"year": 2023, "panel": 1})
    count = panel.context["inactive"]["count"]
    assert f"{count} 人" in panel.content.decode() and count >= 59
    assert f"{url}?year=2023" in panel.content.decode()  # more than twelve: a link to all of them
    names = []
    for page in (1, 2, 3):
        listing = leader_client.get(url, {"year": 2023, "page": page}).context["list"]
        names += [m.pk for m in listing.page]
        if not listing.page.has_next():
            break
    assert len(names) == len(set(names)) == count
    assert quiet[0].pk not in names and quiet[1].pk in names
