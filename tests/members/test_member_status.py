from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from members.models import Member
from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_deactivating_keeps_the_member_and_records_why(staff_client, member):
    response = staff_client.post(
        reverse("members:deactivate", args=[member.pk]),
        {"how": "resigned", "reason": "工作调动", "left_on": "2023-06-30"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == Member.Status.INACTIVE
    assert member.left_on == dt.date(2023, 6, 30) and member.left_reason == "工作调动"
    assert member.left_how == Member.Left.RESIGNED
    assert Member.objects.filter(pk=member.pk).exists()
    member.user.refresh_from_db()
    assert not member.user.is_active, "a member who left can no longer log in"


def test_deactivating_requires_how_the_member_left(staff_client, member):
    response = staff_client.post(reverse("members:deactivate", args=[member.pk]), {"reason": "工作调动"})
    assert response.status_code == 200
    assert "这个字段是必填项" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active


def test_reactivating_restores_the_member_and_their_login(staff_client, member):
    staff_client.post(reverse("members:deactivate", args=[member.pk]), {"how": "term_ended"})
    staff_client.post(reverse("members:reactivate", args=[member.pk]))
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert member.is_active and member.left_reason == "" and member.user.is_active


def test_staff_create_a_login_for_a_member(staff_client):
    member = MemberFactory(name="郭晓东", phone="13700001111")
    response = staff_client.post(
        reverse("accounts:member", args=[member.pk]), {"username": "13700001111", "password": "Zhengxie#2023"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    user = member.user
    assert user.username == "13700001111" and user.check_password("Zhengxie#2023")
    assert user.groups.filter(name="委员").exists()


def test_a_new_login_needs_a_password_that_is_not_trivial(staff_client):
    member = MemberFactory()
    response = staff_client.post(
        reverse("accounts:member", args=[member.pk]), {"username": "new1", "password": ""}
    )
    assert "新建账号需要设置初始密码" in response.content.decode()
    response = staff_client.post(
        reverse("accounts:member", args=[member.pk]), {"username": "new1", "password": "12345678"}
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="new1").exists()


def test_an_account_already_linked_to_another_member_is_refused(staff_client, other_member):
    member = MemberFactory()
    response = staff_client.post(reverse("accounts:member", args=[member.pk]), {"username": "other"})
    assert f"该账号已关联委员 {other_member.name}" in response.content.decode()
    member.refresh_from_db()
    assert member.user is None


def test_an_existing_unlinked_account_can_be_linked_and_unlinked(staff_client):
    member = MemberFactory()
    UserFactory(username="spare")
    staff_client.post(reverse("accounts:member", args=[member.pk]), {"username": "spare"})
    member.refresh_from_db()
    assert member.user.username == "spare"
    staff_client.post(reverse("accounts:member", args=[member.pk]), {"unlink": "1"})
    member.refresh_from_db()
    assert member.user is None
