"""Impossible dates and years are refused where they are typed, with a clear Chinese message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from consultations.models import Meeting
from members.models import Member
from proposals import services as proposals
from proposals.models import Proposal
from tests.factories import MemberFactory, TermFactory

pytestmark = pytest.mark.django_db


def test_a_birth_date_in_2999_is_refused(staff_client):
    member = MemberFactory()
    page = staff_client.get(reverse("members:edit", args=[member.pk])).context["form"]
    data = {name: page[name].value() for name in page.fields if page[name].value() not in (None, False)}
    data.update(birth_date="2999-01-01", is_standing="")
    response = staff_client.post(reverse("members:edit", args=[member.pk]), data)
    assert "日期 2999-01-01 不能晚于今天" in response.content.decode()
    assert Member.objects.get(pk=member.pk).birth_date != dt.date(2999, 1, 1)


def test_a_proposal_year_of_99999_is_refused(staff_client):
    lead = MemberFactory()
    response = staff_client.post(
        reverse("proposals:create"),
        {
            "year": "99999",
            "number": "1",
            "title": "关于加快产业发展的建议",
            "lead": lead.pk,
            "submitted_on": "2023-01-09",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "年度应在 2000 至" in body
    assert not Proposal.objects.exists()


def test_a_meeting_on_1900_01_01_is_refused(staff_client):
    response = staff_client.post(
        reverse("consultations:create"),
        {"kind": "study", "term": TermFactory().pk, "start_date": "1900-01-01"},
    )
    assert "日期 1900-01-01 早于 2000-01-01" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_proposals_dates_follow_the_order_of_its_states(staff):
    proposal = proposals.proposal_create(
        actor=staff, year=2023, number=1, title="提案", lead=MemberFactory(), submitted_on=dt.date(2023, 3, 1)
    )
    proposals.proposal_transition(proposal=proposal, to="filed", on=dt.date(2023, 3, 10), actor=staff)
    with pytest.raises(ValidationError, match="交办日期不能早于审查日期"):
        proposals.proposal_transition(
            proposal=proposal, to="assigned", on=dt.date(2023, 3, 5), actor=staff, handling_unit="市教育局"
        )
