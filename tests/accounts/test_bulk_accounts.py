"""Logins for a whole roster at once: printed slips, bounded queries, and initial passwords that stop
working once their owners have chosen their own."""

from __future__ import annotations

import re
import subprocess
import tempfile

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import PasswordChangeRequired
from members.models import Member
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def _pdf_text_and_fonts(content: bytes) -> tuple[str, str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(content)
        f.flush()
        text = subprocess.run(
            ["pdftotext", "-layout", f.name, "-"], capture_output=True, text=True, check=True
        )
        fonts = subprocess.run(["pdffonts", f.name], capture_output=True, text=True, check=True)
    return text.stdout, fonts.stdout


def test_250_logins_are_made_in_one_request_in_bounded_queries(staff, django_assert_max_num_queries):
    MemberFactory.create_batch(250)
    members = list(Member.objects.select_related("sector"))
    with django_assert_max_num_queries(12):
        slips = services.accounts_create_bulk(members=members, actor=staff)
    assert len(slips) == 250 == Member.objects.filter(user__isnull=False).count()
    assert PasswordChangeRequired.objects.count() == 250
    assert len({s.password for s in slips}) == 250
    assert all(User.objects.get(username=s.username).groups.filter(name="委员").exists() for s in slips[:3])


def test_the_slips_pdf_names_each_member_in_a_cjk_font(staff_client):
    MemberFactory(name="欧阳晓岚", phone="13612340001")
    MemberFactory(name="何勇华", phone="")
    response = staff_client.post(reverse("accounts:bulk"), {"scope": "all"})
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text, fonts = _pdf_text_and_fonts(response.content)
    assert "欧阳晓岚" in text and "何勇华" in text and "13612340001" in text
    assert re.search(r"CJK|Noto Sans SC|WenQuanYi", fonts)
    assert Member.objects.filter(user__isnull=True).count() == 0


def test_only_the_members_picked_get_a_login(staff_client):
    picked, left = MemberFactory(), MemberFactory()
    staff_client.post(reverse("accounts:bulk"), {"scope": "picked", "members": [picked.pk]})
    assert Member.objects.get(pk=picked.pk).user_id and not Member.objects.get(pk=left.pk).user_id


def test_after_the_first_login_the_initial_password_no_longer_works(staff):
    member = MemberFactory(phone="13612340002")
    (slip,) = services.accounts_create_bulk(members=[member], actor=staff)
    browser = Client()
    response = browser.post(reverse("login"), {"username": slip.username, "password": slip.password})
    assert response["Location"] == reverse("accounts:password")
    # Until a password is chosen, every page leads back to the password page.
    assert browser.get(reverse("me"))["Location"] == reverse("accounts:password")
    browser.post(
        reverse("accounts:password"),
        {"old_password": slip.password, "new_password1": "Qingshan-2024x", "new_password2": "Qingshan-2024x"},
    )
    assert browser.get(reverse("me")).status_code == 200
    assert not PasswordChangeRequired.objects.exists()
    browser.logout()
    old = Client().post(reverse("login"), {"username": slip.username, "password": slip.password})
    assert old.status_code == 200 and old.context["form"].errors
    new = Client().post(reverse("login"), {"username": slip.username, "password": "Qingshan-2024x"})
    assert new.status_code == 302 and new["Location"] != reverse("accounts:password")


def test_a_password_reset_by_staff_must_be_replaced_at_the_next_login(staff_client, member):
    staff_client.post(
        reverse("accounts:member", args=[member.pk]),
        {"username": member.user.username, "password": "Lishi-Reset-77"},
    )
    assert PasswordChangeRequired.objects.filter(user=member.user).exists()
