"""/units/: staff keep the handling units and their logins in the browser; leaders read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from accounts import units
from accounts.models import PasswordChangeRequired
from cppcc import access
from proposals import services
from proposals.models import HandlingUnit
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_staff_create_a_unit_and_rename_it_with_the_change_in_its_history(staff_client):
    response = staff_client.post(reverse("accounts:unit_create"), {"name": "市水利局", "is_active": "on"})
    unit = HandlingUnit.objects.get(name="市水利局")
    assert response["Location"] == reverse("accounts:unit_detail", args=[unit.pk])
    edit = staff_client.get(reverse("accounts:unit_edit", args=[unit.pk]))
    opened = edit.context["form"]["opened"].value()
    staff_client.post(
        reverse("accounts:unit_edit", args=[unit.pk]),
        {"name": "市水务局", "contact": "王科长", "is_active": "on", "opened": opened},
    )
    unit.refresh_from_db()
    assert unit.name == "市水务局" and unit.contact == "王科长"
    page = staff_client.get(reverse("accounts:unit_detail", args=[unit.pk])).content.decode()
    assert "市水务局" in page and page.count("刘敏") >= 2  # two history lines by the staff member


def test_a_login_added_with_a_generated_password_is_shown_once_and_works(staff_client, handling_unit):
    response = staff_client.post(
        reverse("accounts:unit_login_add", args=[handling_unit.pk]),
        {"username": "zjj2", "name": "李明", "phone": "13800000000"},
    )
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    username, password = response.context["shown_password"]
    assert username == "zjj2" and password in response.content.decode()
    user = User.objects.get(username="zjj2")
    assert access.is_unit_user(user) and handling_unit.users.filter(pk=user.pk).exists()
    assert user.contact.phone == "13800000000" and PasswordChangeRequired.objects.filter(user=user).exists()
    # Shown once: the unit's page does not show it again.
    again = staff_client.get(reverse("accounts:unit_detail", args=[handling_unit.pk])).content.decode()
    assert password not in again and "新增登录账号 zjj2（李明）" in again
    # The clerk logs in with it and is sent to choose their own password first.
    clerk = Client()
    login = clerk.post(reverse("login"), {"username": "zjj2", "password": password})
    assert login["Location"] == reverse("accounts:password")


def test_a_username_already_taken_is_refused_on_the_form(staff_client, handling_unit, member):
    response = staff_client.post(
        reverse("accounts:unit_login_add", args=[handling_unit.pk]), {"username": "member", "name": "某人"}
    )
    assert response.status_code == 400 and "该登录账号已存在" in response.content.decode()


def test_staff_reset_a_password_to_one_they_choose(staff, staff_client, handling_unit):
    user, _first = units.unit_login_add(unit=handling_unit, actor=staff, username="zjj3", name="周")
    PasswordChangeRequired.objects.filter(user=user).delete()  # the clerk had chosen their own
    response = staff_client.post(
        reverse("accounts:unit_login_reset", args=[user.pk]), {"password": "Zhujian#2024"}
    )
    assert response.context["shown_password"] == ("zjj3", "Zhujian#2024")
    user.refresh_from_db()
    assert user.check_password("Zhujian#2024") and PasswordChangeRequired.objects.filter(user=user).exists()


def test_a_deactivated_login_is_logged_out_and_cannot_log_in(
    staff, staff_client, handling_unit, unit_user, unit_client
):
    assert unit_client.get(reverse("proposals:unit_list")).status_code == 200
    staff_client.post(reverse("accounts:unit_login_active", args=[unit_user.pk]))
    unit_user.refresh_from_db()
    assert not unit_user.is_active
    assert unit_client.get(reverse("proposals:unit_list")).status_code == 302  # sent to the login page
    assert (
        "停用登录账号 unit"
        in staff_client.get(reverse("accounts:unit_detail", args=[handling_unit.pk])).content.decode()
    )


def test_a_deactivated_unit_takes_its_logins_with_it_and_is_offered_for_no_new_assignment(
    staff, handling_unit, unit_user
):
    units.unit_save(actor=staff, unit=handling_unit, is_active=False)
    unit_user.refresh_from_db()
    assert not unit_user.is_active
    from proposals.forms import AssignForm

    assert handling_unit not in AssignForm().fields["lead_unit"].queryset


def test_the_list_counts_assigned_answered_and_overdue_per_unit(
    staff, staff_client, handling_unit, other_unit, django_assert_num_queries
):
    lead = MemberFactory()
    long_ago = dt.date.today() - dt.timedelta(days=200)
    for number in (1, 2):
        proposal = services.proposal_create(
            actor=staff,
            year=long_ago.year,
            number=number,
            title=f"提案{number}",
            lead=lead,
            submitted_on=long_ago,
        )
        services.proposal_file(proposal=proposal, actor=staff, on=long_ago)
        services.proposal_assign(
            proposal=proposal,
            actor=staff,
            on=long_ago,
            lead_unit=handling_unit,
            co_units=[other_unit] if number == 1 else [],
        )
    with django_assert_num_queries(5):  # the same whatever the number of units and proposals
        response = staff_client.get(reverse("accounts:units"), {"year": long_ago.year})
    rows = {u.name: (u.assigned, u.answered, u.overdue, u.co) for u in response.context["units"]}
    assert rows["市住房和城乡建设局"] == (2, 0, 2, 0) and rows["市教育局"] == (0, 0, 0, 1)
    # The count links to the proposal list of exactly those rows.
    listed = staff_client.get(reverse("proposals:list"), {"year": long_ago.year, "unit": handling_unit.pk})
    assert listed.context["list"].total == 2


def test_leaders_read_the_units_but_change_nothing(leader_client, handling_unit):
    assert leader_client.get(reverse("accounts:units")).status_code == 200
    page = leader_client.get(reverse("accounts:unit_detail", args=[handling_unit.pk])).content.decode()
    assert "重置密码" not in page and "新增登录账号" not in page
    assert leader_client.post(reverse("accounts:unit_login_add", args=[handling_unit.pk])).status_code == 403


def test_a_staff_account_is_never_reset_through_a_unit(staff, staff_client, handling_unit):
    colleague = User.objects.create_user(username="colleague", password="x")
    colleague.groups.add(*staff.groups.all())
    handling_unit.users.add(colleague)
    response = staff_client.post(reverse("accounts:unit_login_reset", args=[colleague.pk]))
    assert response.status_code == 404
