"""Reads of proposals and 社情民意, always through what `cppcc.access` lets the user see."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch

from cppcc import access
from members.models import Member

from .filters import ProposalFilter, SentimentFilter
from .models import Proposal


def proposal_list(*, user: Any, params: Any) -> ProposalFilter:
    queryset = (
        access.visible_proposals(user)
        .select_related("lead", "lead__sector")
        .annotate(cosigner_count=Count("cosigners", distinct=True))
        .order_by("-year", "number")
    )
    return ProposalFilter(params, queryset=queryset)


def proposal_page(*, proposal: Proposal, user: Any) -> dict[str, Any]:
    """What the proposal's page shows this user: co-signers and invitations, the units' handling,
    the replies and ratings, and which actions are theirs — a fixed number of queries."""
    from .forms import InviteForm

    member = access.own_member(user) if access.is_member_user(user) else None
    is_proposer = member is not None and proposal.lead_id == member.pk
    cosigners = list(proposal.cosigners.select_related("sector").order_by("name"))
    invitations = list(proposal.invitations.select_related("member", "member__sector"))
    my_invitation = next((i for i in invitations if member is not None and i.member_id == member.pk), None)
    if not (is_proposer or access.can_read_all(user)):
        invitations = []
    return {
        "cosigners": cosigners,
        "invitations": invitations,
        "my_invitation": my_invitation,
        "is_proposer": is_proposer,
        "invite_form": InviteForm(proposal=proposal) if is_proposer and proposal.is_open else None,
        "merged": list(proposal.merged.select_related("lead").order_by("number")),
    }


def sentiment_list(*, user: Any, params: Any) -> SentimentFilter:
    queryset = (
        access.visible_sentiments(user)
        .prefetch_related(Prefetch("authors", queryset=Member.objects.order_by("name")))
        .order_by("-reported_on", "-pk")
    )
    return SentimentFilter(params, queryset=queryset)
