from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from members.models import Member, Sector, SpecialCommittee
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_healthz_reports_the_database_and_needs_no_login(anonymous):
    response = anonymous.get(reverse("healthz"))
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "broker": "not configured"}


def test_healthz_reports_an_unreachable_broker_as_an_error(anonymous, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = anonymous.get(reverse("healthz"))
    assert response.status_code == 503
    assert json.loads(response.content)["broker"].startswith("error")


def test_the_login_page_is_in_chinese(anonymous):
    body = anonymous.get(reverse("login")).content.decode()
    assert "登录" in body and "用户名" in body and 'lang="zh-hans"' in body


def test_a_wrong_password_is_refused_in_chinese(anonymous, staff):
    response = anonymous.post(reverse("login"), {"username": "staff", "password": "wrong"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_staff_land_on_their_work_page(staff_client):
    MemberFactory(is_standing=True)
    response = staff_client.get(reverse("home"))
    assert response.templates[0].name == "cppcc/home_staff.html"
    assert response.context["summary"]["standing"] == 1
    assert reverse("members:create") in response.content.decode()


def test_a_leader_lands_on_the_dashboard_with_nothing_to_edit(leader_client):
    MemberFactory()
    response = leader_client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard:index")
    body = response.content.decode()
    assert reverse("members:create") not in body and reverse("members:import") not in body


def test_a_member_lands_on_their_own_page(member_client, member):
    response = member_client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("me")
    assert response.context["member"] == member


def test_an_account_without_a_role_is_told_to_ask_the_office(db, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    response = client.get(reverse("home"))
    assert response.status_code == 403 and "尚未分配角色" in response.content.decode()


def test_chinese_is_the_default_even_for_an_english_browser(staff_client):
    response = staff_client.get(reverse("members:list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "委员名册" in response.content.decode()


def test_english_can_be_chosen_and_is_remembered(staff_client):
    staff_client.post(reverse("set_language"), {"language": "en", "next": "/members/"})
    body = staff_client.get(reverse("members:list")).content.decode()
    assert "Members" in body and "委员名册" not in body and 'lang="en"' in body


def test_the_demo_loads_twice_without_duplicating_anything(db):
    call_command("seed_demo")
    counts = (Member.objects.count(), Sector.objects.count(), SpecialCommittee.objects.count())
    assert counts == (250, 22, 7)
    assert Member.objects.filter(is_standing=True).count() == 35
    call_command("seed_demo")
    assert (Member.objects.count(), Sector.objects.count(), SpecialCommittee.objects.count()) == counts
    linked = Member.objects.get(user__username="member")
    assert linked.user.groups.filter(name="委员").exists()
