from __future__ import annotations

import pytest
from django.urls import reverse

from members.models import Member
from tests.factories import CommitteeFactory, MemberFactory, SectorFactory, TermFactory, valid_id_number

pytestmark = pytest.mark.django_db


def _form_data(**overrides):
    data = {
        "name": "李红梅",
        "gender": "F",
        "ethnicity": "汉族",
        "party": "民盟盟员",
        "birth_date": "1976-05-04",
        "id_number": valid_id_number(4242),
        "phone": "13812345678",
        "term": TermFactory().pk,
        "sector": SectorFactory(name="教育界").pk,
        "committee": CommitteeFactory(name="教科卫体委员会").pk,
        "is_standing": "on",
        "office": "standing",
        "joined_on": "2021-12-20",
        "joined_how": "elected",
        "employer": "荥阳市第一高级中学",
        "position": "校长",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_staff_create_a_member_and_land_on_their_page(staff_client, staff):
    response = staff_client.post(reverse("members:create"), _form_data())
    member = Member.objects.get(name="李红梅")
    assert response.status_code == 302 and response["Location"] == member.get_absolute_url()
    assert member.is_standing and member.sector.name == "教育界"
    record = member.history.get()
    assert record.history_type == "+" and record.history_user == staff


def test_a_bad_form_keeps_everything_typed_and_says_why_in_chinese(staff_client):
    data = _form_data(id_number="410182197605040001", phone="12345")
    response = staff_client.post(reverse("members:create"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "身份证号校验位不正确" in body
    assert "手机号应为以1开头的11位数字" in body
    assert 'value="李红梅"' in body and 'value="荥阳市第一高级中学"' in body
    assert not Member.objects.exists()


def test_it_refuses_an_id_number_already_in_the_register_naming_its_holder(staff_client):
    MemberFactory(name="周志强", id_number=valid_id_number(4242))
    response = staff_client.post(reverse("members:create"), _form_data())
    assert "该身份证号已登记在委员 周志强 名下" in response.content.decode()
    assert Member.objects.count() == 1


def test_it_accepts_a_lowercase_x_in_the_id_number(staff_client):
    number = next(valid_id_number(n) for n in range(5000) if valid_id_number(n).endswith("X"))
    staff_client.post(reverse("members:create"), _form_data(id_number=number.lower()))
    assert Member.objects.get().id_number == number


def test_an_edit_is_in_the_history_with_who_and_what_changed(staff_client, staff, leader_client):
    member = MemberFactory(name="吴海燕", position="副主任")
    data = _form_data(
        name="吴海燕",
        position="主任",
        id_number=member.id_number,
        phone=member.phone,
        sector=member.sector_id,
        committee=member.committee_id,
        term=member.term_id,
    )
    response = staff_client.post(reverse("members:edit", args=[member.pk]), data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.position == "主任"
    body = leader_client.get(member.get_absolute_url()).content.decode()
    assert "修改记录" in body and "刘敏" in body
    assert "副主任 → <strong>主任</strong>" in body


def test_a_member_does_not_see_the_history_of_their_own_record(member_client, member):
    body = member_client.get(member.get_absolute_url()).content.decode()
    assert member.name in body
    assert "修改记录" not in body


def test_a_leader_cannot_post_an_edit(leader_client):
    member = MemberFactory(position="原职务")
    response = leader_client.post(reverse("members:edit", args=[member.pk]), _form_data(position="新职务"))
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.position == "原职务"


def test_a_member_cannot_edit_their_own_record(member_client, member):
    response = member_client.post(reverse("members:edit", args=[member.pk]), _form_data())
    assert response.status_code == 403
