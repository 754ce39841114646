"""A member drafts, invites, and submits from the browser; staff still enter paper proposals (代录)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from proposals.models import Proposal, ProposalInvitation

pytestmark = pytest.mark.django_db

DRAFT = {
    "title": "关于社区养老服务站建设的建议",
    "category": "society",
    "content": "老人多",
    "suggestions": "多建站",
}


def test_a_member_saves_a_draft_and_it_keeps_what_was_typed_when_refused(member_client, member):
    response = member_client.post(reverse("proposals:create"), {**DRAFT, "title": ""})
    assert response.status_code == 200
    assert "老人多" in response.content.decode()
    response = member_client.post(reverse("proposals:create"), DRAFT)
    proposal = Proposal.objects.get()
    assert response["Location"] == proposal.get_absolute_url()
    assert (proposal.status, proposal.lead, proposal.entered_by_staff) == ("draft", member, False)


def test_the_invitee_accepts_and_the_lead_submits(member_client, member, other_member):
    member_client.post(reverse("proposals:create"), DRAFT)
    proposal = Proposal.objects.get()
    member_client.post(reverse("proposals:invite", args=[proposal.pk]), {"members": [other_member.pk]})
    invitation = ProposalInvitation.objects.get()
    invitee = Client()
    invitee.force_login(other_member.user)
    page = invitee.get(proposal.get_absolute_url()).content.decode()
    assert "同意联名" in page
    invitee.post(reverse("proposals:invitation_answer", args=[invitation.pk]), {"accept": "1"})
    response = member_client.post(reverse("proposals:submit", args=[proposal.pk]), follow=True)
    assert "提案已提交" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "submitted" and list(proposal.cosigners.all()) == [other_member]


def test_a_member_never_sees_another_member_s_draft(member_client, other_member):
    other = Client()
    other.force_login(other_member.user)
    other.post(reverse("proposals:create"), DRAFT)
    proposal = Proposal.objects.get()
    assert member_client.get(proposal.get_absolute_url()).status_code == 404
    assert DRAFT["title"] not in member_client.get(reverse("proposals:list")).content.decode()


def test_a_submitted_proposal_can_no_longer_be_edited_by_its_proposer(member_client):
    member_client.post(reverse("proposals:create"), DRAFT)
    proposal = Proposal.objects.get()
    member_client.post(reverse("proposals:submit", args=[proposal.pk]))
    assert member_client.get(reverse("proposals:edit", args=[proposal.pk])).status_code == 403


def test_submitting_a_half_written_draft_says_what_is_missing(member_client):
    member_client.post(reverse("proposals:create"), {**DRAFT, "suggestions": ""})
    proposal = Proposal.objects.get()
    response = member_client.post(reverse("proposals:submit", args=[proposal.pk]), follow=True)
    assert "提交前请填写：建议办法" in response.content.decode()


def test_staff_entry_is_marked_as_entered_on_behalf(staff_client, member):
    data = {
        "year": 2023,
        "number": 3,
        "title": "代录的提案",
        "category": "economy",
        "lead": member.pk,
        "submitted_on": "2023-01-08",
    }
    response = staff_client.post(reverse("proposals:create"), data)
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.entered_by_staff
    assert "代录" in staff_client.get(proposal.get_absolute_url()).content.decode()
