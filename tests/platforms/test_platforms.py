from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.kinds import ActivityKind as K
from members.models import DossierEntry
from platforms import selectors, services
from platforms.filters import overdue
from platforms.models import Platform, PlatformSession, Township
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
L = Platform.Level


@pytest.fixture
def tree(db):
    town = Township.objects.create(name="广武镇", order=1)
    Township.objects.create(name="高村乡", order=2)
    city = services.platform_save(actor=None, name="市级协商议事厅", level=L.CITY)
    township = services.platform_save(
        actor=None, name="广武镇协商议事室", level=L.TOWNSHIP, parent=city, township=town
    )
    village = services.platform_save(actor=None, name="南城村协商议事站", level=L.VILLAGE, parent=township)
    room = services.platform_save(
        actor=None, name="某食品公司协商议事室", level=L.ENTERPRISE, parent=township
    )
    return {"town": town, "city": city, "township": township, "village": village, "room": room}


def test_children_take_their_townships_from_the_parent(tree):
    assert tree["village"].township == tree["town"] and tree["room"].township == tree["town"]


@pytest.mark.parametrize(
    ("level", "parent_key", "message"),
    [
        (L.VILLAGE, "room", "不能设在企业协商议事室之下"),
        (L.VILLAGE, "village", "不能设在村（社区）级之下"),
        (L.VILLAGE, None, "须设在所在乡镇（街道）平台之下"),
        (L.ENTERPRISE, "city", "不能设在市级之下"),
        (L.CITY, "township", "不能设在乡镇（街道）级之下"),
    ],
)
def test_the_tree_refuses_a_platform_in_the_wrong_place(tree, level, parent_key, message):
    with pytest.raises(ValidationError, match=message):
        services.platform_save(
            actor=None,
            name="新平台",
            level=level,
            parent=tree[parent_key] if parent_key else None,
            township=tree["town"],
        )


def test_the_tree_refuses_a_cycle(tree):
    township = tree["township"]
    with pytest.raises(ValidationError, match="形成循环|不能以自己为上级"):
        services.platform_save(platform=township, actor=None, parent=township)
    city = tree["city"]
    with pytest.raises(ValidationError, match="循环"):
        services.platform_save(
            platform=city, actor=None, level=L.TOWNSHIP, parent=tree["township"], township=tree["town"]
        )


def test_counts_by_level_and_townships_without_a_platform(leader_client, tree):
    response = leader_client.get(reverse("platforms:coverage"), {"year": 2023})
    assert [n for _v, _l, n in response.context["level_totals"]] == [1, 1, 1, 1]
    assert [t.name for t in response.context["uncovered"]] == ["高村乡"]
    assert selectors.platform_counts() == {"city": 1, "township": 1, "village": 1, "enterprise": 1}


def _session(platform, members=(), **kw):
    fields = dict(
        date=dt.date(2023, 5, 10),
        topic="高标准农田后期管护",
        setting="field",
        residents=20,
        follow_up_due=dt.date(2023, 6, 30),
    )
    fields.update(kw)
    return services.session_save(actor=None, platform=platform, members=members, **fields)


def test_a_session_gives_each_member_a_dossier_entry(tree):
    people = MemberFactory.create_batch(3)
    session = _session(tree["village"], people)
    assert DossierEntry.objects.filter(kind=K.PLATFORM_SESSION).count() == 3
    services.session_save(session=session, actor=None, members=people[:1])
    assert list(DossierEntry.objects.values_list("member_id", flat=True)) == [people[0].pk]


@pytest.mark.parametrize(
    ("steps", "allowed"),
    [
        (["in_progress", "done"], True),
        (["done"], True),
        (["done", "in_progress"], False),
        (["in_progress", "pending"], False),
    ],
)
def test_follow_up_transitions(tree, steps, allowed):
    session = _session(tree["village"])

    def walk():
        for step in steps:
            services.follow_up_advance(
                session=session, to=step, notes="已处理", on=dt.date(2023, 6, 1), actor=None
            )

    if allowed:
        walk()
        session.refresh_from_db()
        assert session.follow_up == steps[-1]
    else:
        with pytest.raises(ValidationError):
            walk()


def test_closing_a_follow_up_needs_what_was_done(tree):
    session = _session(tree["village"])
    with pytest.raises(ValidationError, match="办结时请写明办理了什么"):
        services.follow_up_advance(session=session, to="done", actor=None)


def test_overdue_is_judged_by_the_committees_day_in_shanghai(tree, settings):
    session = _session(tree["village"], follow_up_due=dt.date(2023, 6, 30))
    # 2023-06-30 17:30 UTC is already 2023-07-01 in Shanghai: the due day has passed there.
    late_evening_utc = dt.datetime(2023, 6, 30, 17, 30, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=late_evening_utc):
        assert session.is_overdue
        assert PlatformSession.objects.filter(pk=session.pk).filter(overdue()).exists()
    same_day_utc = dt.datetime(2023, 6, 30, 15, 0, tzinfo=dt.UTC)  # 23:00 in Shanghai, still the due day
    with mock.patch("django.utils.timezone.now", return_value=same_day_utc):
        assert not session.is_overdue
    services.follow_up_advance(
        session=session, to="done", notes="已修缮", on=dt.date(2023, 6, 28), actor=None
    )
    session.refresh_from_db()
    with mock.patch("django.utils.timezone.now", return_value=late_evening_utc):
        assert not session.is_overdue


def test_the_coverage_query_count_does_not_grow(leader_client, tree, django_assert_num_queries):
    url = reverse("platforms:coverage")
    _session(tree["village"])
    with django_assert_num_queries(7):
        leader_client.get(url, {"year": 2023})
    town = Township.objects.create(name="汜水镇", order=3)
    township = services.platform_save(
        actor=None, name="汜水镇协商议事室", level=L.TOWNSHIP, parent=tree["city"], township=town
    )
    for i in range(10):
        v = services.platform_save(actor=None, name=f"村{i}", level=L.VILLAGE, parent=township)
        _session(v, MemberFactory.create_batch(2))
    with django_assert_num_queries(7):
        response = leader_client.get(url, {"year": 2023})
    assert {r.township.name: r.sessions for r in response.context["rows"]}["汜水镇"] == 10


def test_a_platform_page_shows_its_resolution_rate(leader_client, tree):
    for i in range(4):
        s = _session(tree["village"], topic=f"议题{i}")
        if i < 3:
            services.follow_up_advance(
                session=s, to="done", notes="已办结", on=dt.date(2023, 6, 1), actor=None
            )
    response = leader_client.get(tree["village"].get_absolute_url())
    assert response.context["resolution"] == 75.0


def test_a_member_reads_the_sessions_they_took_part_in_only(member_client, member, tree):
    mine = _session(tree["village"], [member], topic="我参加的协商")
    theirs = _session(tree["village"], MemberFactory.create_batch(1), topic="别人的协商")
    body = member_client.get(reverse("platforms:sessions")).content.decode()
    assert "我参加的协商" in body and "别人的协商" not in body
    assert member_client.get(mine.get_absolute_url()).status_code == 200
    assert member_client.get(theirs.get_absolute_url()).status_code == 404
    assert member_client.get(reverse("platforms:coverage")).status_code == 403


def test_platforms_and_sessions_export_to_one_workbook(staff_client, tree):
    import io

    from openpyxl import load_workbook

    _session(tree["village"])
    wb = load_workbook(io.BytesIO(staff_client.get(reverse("platforms:export")).content))
    assert wb.sheetnames == ["协商议事平台", "协商活动"]
    assert wb["协商议事平台"].max_row == 5 and wb["协商活动"]["C2"].value == "高标准农田后期管护"
