"""Reads of proposals, always through what `cppcc.access` lets the user see."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.utils import timezone

from cppcc import access

from .filters import AssignmentFilter, ProposalFilter
from .models import HandlingUnit, Proposal, Rating, Reply
from .services.handling import rounds_owed

_ROLE_ORDER = {"lead": 0, "split": 1, "co": 2}


def proposal_list(*, user: Any, params: Any) -> ProposalFilter:
    queryset = (
        access.visible_proposals(user)
        .select_related("lead", "lead__sector", "author_sector", "author_committee")
        .annotate(cosigner_count=Count("cosigners", distinct=True))
        .order_by("-year", "number")
    )
    return ProposalFilter(params, queryset=queryset)


def assignment_list(*, user: Any, params: Any) -> AssignmentFilter:
    """交办 rows as this user may see them (a unit: its own), each knowing whether it was answered."""
    replied = Reply.objects.filter(assignment=OuterRef("pk"))
    queryset = (
        access.visible_assignments(user)
        .select_related(
            "proposal", "proposal__lead", "proposal__author_sector", "proposal__author_committee", "unit"
        )
        .annotate(replied=Exists(replied))
        .order_by("-assigned_on", "-pk")
    )
    return AssignmentFilter(params, queryset=queryset)


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
    # Each carries what its page shows: its replies, whether it owes one, is overdue, may still go back.
    assignments: list[Any] = sorted(
        proposal.assignments.select_related("unit").prefetch_related("notes"),
        key=lambda a: (_ROLE_ORDER.get(a.role, 9), a.pk),  # 主办 first, then 分办, then 会办
    )
    replies = list(
        proposal.replies.select_related("assignment__unit").prefetch_related(
            Prefetch("ratings", queryset=Rating.objects.select_related("member"))
        )
    )
    today = timezone.localdate()
    my_units = (
        set(HandlingUnit.objects.filter(users=user.pk).values_list("pk", flat=True))
        if (access.is_unit_user(user))
        else set()
    )
    owed = rounds_owed(proposal) if proposal.status == Proposal.Status.ASSIGNED else {}
    my_assignment = None
    for a in assignments:
        a.reply_list = [r for r in replies if r.assignment_id == a.pk]
        a.owes_reply = a.pk in owed and len(a.reply_list) < owed[a.pk]
        a.is_overdue = a.owes_reply and a.deadline < today
        a.may_return = (
            a.is_active and not a.reply_list and (today - a.assigned_on).days <= settings.PROPOSAL_RETURN_DAYS
        )
        if a.is_active and a.unit_id in my_units:
            my_assignment = a
    latest = {}
    for r in replies:
        latest[r.assignment_id] = r  # ordered by round: the last one wins
    author_ids = {proposal.lead_id, *(c.pk for c in cosigners)}
    to_rate = []
    if member is not None and member.pk in author_ids:
        to_rate = [r for r in latest.values() if all(x.member_id != member.pk for x in r.ratings.all())]
    elif proposal.is_collective and access.can_edit(user):
        to_rate = [r for r in latest.values() if not r.ratings.all()]
    return {
        "cosigners": cosigners,
        "invitations": invitations,
        "my_invitation": my_invitation,
        "is_proposer": is_proposer,
        "invite_form": InviteForm(proposal=proposal) if is_proposer and proposal.is_open else None,
        "merged": list(proposal.merged.select_related("lead").order_by("number")),
        "assignments": assignments,
        "replies": replies,
        "my_assignment": my_assignment,
        "to_rate": to_rate,
    }
