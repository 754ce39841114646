from __future__ import annotations

import pytest
from django.urls import reverse

from members.models import Member
from tests.factories import CommitteeFactory, MemberFactory, SectorFactory

pytestmark = pytest.mark.django_db
URL = reverse("members:list")


def test_it_lists_members_with_their_sector_and_committee(staff_client):
    MemberFactory(
        name="孙立新",
        sector=SectorFactory(name="农业界"),
        committee=CommitteeFactory(name="农业和农村委员会", short_name="农业农村委"),
    )
    response = staff_client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "孙立新" in body and "农业界" in body and "农业农村委" in body
    assert "共 1 人" in body


def test_it_finds_a_member_by_part_of_the_name_or_phone(staff_client):
    MemberFactory(name="欧阳明月", phone="13912345678")
    MemberFactory(name="张三丰")
    by_name = staff_client.get(URL, {"q": "明月"})
    assert [m.name for m in by_name.context["list"].page] == ["欧阳明月"]
    by_phone = staff_client.get(URL, {"q": "1391234"})
    assert [m.name for m in by_phone.context["list"].page] == ["欧阳明月"]


def test_it_filters_by_sector_committee_standing_status_and_term(staff_client):
    edu = SectorFactory(name="教育界")
    target = MemberFactory(name="教委常委", sector=edu, is_standing=True)
    MemberFactory(name="教委委员", sector=edu, is_standing=False)
    MemberFactory(name="离任常委", sector=edu, is_standing=True, status=Member.Status.INACTIVE)
    MemberFactory(name="经济界常委", is_standing=True)
    response = staff_client.get(
        URL,
        {
            "sector": edu.pk,
            "is_standing": "1",
            "status": "active",
            "term": target.term_id,
            "committee": target.committee_id,
        },
    )
    assert [m.name for m in response.context["list"].page] == ["教委常委"]


def test_it_pages_fifty_at_a_time_and_keeps_the_filter_in_page_links(staff_client):
    sector = SectorFactory(name="医药卫生界")
    MemberFactory.create_batch(60, sector=sector)
    response = staff_client.get(URL, {"sector": sector.pk})
    assert len(response.context["list"].page) == 50
    assert f"sector={sector.pk}&amp;page=2" in response.content.decode()
    second = staff_client.get(URL, {"sector": sector.pk, "page": 2})
    assert len(second.context["list"].page) == 10


def test_a_leader_sees_the_register_without_edit_buttons(leader_client):
    member = MemberFactory()
    body = leader_client.get(URL).content.decode()
    assert member.name in body
    assert reverse("members:edit", args=[member.pk]) not in body
    assert reverse("members:create") not in body


def test_staff_see_edit_buttons(staff_client):
    member = MemberFactory()
    body = staff_client.get(URL).content.decode()
    assert reverse("members:edit", args=[member.pk]) in body


def test_an_empty_result_says_so_and_offers_to_clear_the_filter(staff_client):
    body = staff_client.get(URL, {"q": "不存在的人"}).content.decode()
    assert "没有符合条件的委员" in body and "清除筛选" in body


def _queries_for_list(client, django_assert_num_queries, expected):
    with django_assert_num_queries(expected):
        response = client.get(URL)
    return response


def test_the_query_count_does_not_grow_with_members(staff_client, django_assert_num_queries):
    MemberFactory.create_batch(10)
    # session, user, groups, count, page of members (with sector/committee/term/liaison group), the
    # filter's four choice lists (sector, committee, term, liaison group), and the bell's unread count.
    expected = 10
    first = _queries_for_list(staff_client, django_assert_num_queries, expected)
    assert len(first.context["list"].page) == 10
    MemberFactory.create_batch(190)
    second = _queries_for_list(staff_client, django_assert_num_queries, expected)
    assert second.context["list"].total == 200
