"""A record deleted by one clerk while another has its page open answers 404 (the app's page), not 500."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse

from proposals import services
from proposals.models import Proposal
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_a_transition_on_a_proposal_deleted_meanwhile_is_a_404(staff_client, staff):
    proposal = services.proposal_create(
        actor=staff, year=2023, number=1, title="提案", lead=MemberFactory(), submitted_on=dt.date(2023, 1, 9)
    )
    stale = Proposal.objects.get(pk=proposal.pk)
    services.proposal_delete(proposal=proposal, actor=staff)
    # The page was loaded (and access granted) before the other clerk's delete went through.
    with mock.patch("cppcc.access.get_proposal_for_user", return_value=stale):
        response = staff_client.post(
            reverse("proposals:transition", args=[stale.pk]), {"to": "filed", "on": "2023-01-20"}
        )
    assert response.status_code == 404
    assert "您要找的页面不存在" in response.content.decode()
