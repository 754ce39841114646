"""The demo's 2023 proposals went through the whole chain, and the unit logins work."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from demo.register import DEMO_PASSWORD
from proposals.figures import year_figures_total
from proposals.models import Assignment, Proposal, Reply

pytestmark = pytest.mark.django_db


def test_the_demo_walks_2023_through_the_chain_and_opens_it_to_the_two_units():
    call_command("seed_demo")
    year = Proposal.objects.filter(year=2023)
    assert year.filter(is_key=True).exclude(supervisor="").count() == 11
    assert year.filter(status="merged").count() == 2 and year.filter(status="not_filed").exists()
    assert year.filter(status="draft").count() == 3
    assert set(Reply.objects.values_list("category", flat=True)) == {"A", "B", "C", "D"}
    reopened = year.get(reopened=True)
    assert (
        list(reopened.replies.values_list("round", flat=True)) == [1, 2] and reopened.verdict == "satisfied"
    )
    assert Assignment.objects.filter(role="co", opinion__gt="").exists()
    assert year_figures_total(2023).counts["overdue"] > 0

    for username, unit in (("unit", "市住房和城乡建设局"), ("unit2", "市教育局")):
        client = Client()
        login = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
        assert login.status_code == 302, username
        listed = client.get(reverse("proposals:unit_list"), {"year": 2023})
        assert listed.status_code == 200 and listed.context["list"].total > 0
        theirs = Assignment.objects.filter(unit__name=unit).values("proposal")
        elsewhere = year.exclude(pk__in=theirs).exclude(status="draft").first()
        assert client.get(reverse("proposals:detail", args=[elsewhere.pk])).status_code == 404
