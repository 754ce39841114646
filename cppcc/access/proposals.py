"""Who may see and act on proposals: the lead proposer and invitees, the 提案委 (staff), leaders, and
handling units (承办单位), whose logins reach only the proposals assigned to their unit — every other
page of the committee is closed to them (`unit_may_open`). Part of `cppcc.access`, re-exported there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from . import (
    STAFF_GROUP,
    _authored_by,
    _fetch,
    can_edit,
    can_read_all,
    ensure_can_read_all,
    is_member_user,
    is_unit_user,
    own_member,
)

if TYPE_CHECKING:
    from . import AnyUser


# What a handling unit's login may open: its own proposals' pages, its inbox and its password.
# Everything else (dossiers, member pages, meetings, research, dashboards) is closed to it.
UNIT_URL_NAMES = frozenset(
    {
        "home",
        "healthz",
        "login",
        "logout",
        "set_language",
        "accounts:password",
        "notices:inbox",
        "notices:read_all",
        "notices:preferences",
        "notices:detail",
        "notices:read",
        "notices:reply",
        "proposals:list",
        "proposals:detail",
        "proposals:reply_letter",
        "proposals:unit_list",
        "proposals:unit_sign",
        "proposals:unit_return",
        "proposals:unit_note",
        "proposals:unit_opinion",
        "proposals:unit_reply",
    }
)


def unit_may_open(user: AnyUser, url_name: str | None, has_object: bool) -> None:
    """A handling unit's login asking for any other page: a 404 for a record, a 403 for a page."""
    if not is_unit_user(user) or url_name in UNIT_URL_NAMES or (url_name or "").startswith("admin:"):
        return
    if has_object:
        raise Http404
    raise PermissionDenied


def visible_proposals(user: AnyUser) -> QuerySet:
    """Staff and leaders see every proposal; a member the ones they lead, co-sign or are invited to
    (never another member's draft); a handling unit the ones assigned to it now."""
    from proposals.models import Proposal

    if is_unit_user(user):
        return Proposal.objects.filter(
            pk__in=Proposal.objects.filter(
                assignments__unit__users=user.pk, assignments__is_active=True
            ).values("pk")
        )
    return _authored_by(user, Proposal.objects.all(), "lead", "cosigners", "invitations__member")


def get_proposal_for_user(user: AnyUser, pk: int, *, write: bool = False):
    return _fetch(
        visible_proposals(user).select_related(
            "lead", "lead__sector", "term", "merged_into", "author_sector", "author_committee"
        ),
        pk,
        user,
        write,
    )


def get_proposal_for_proposer(user: AnyUser, pk: int):
    """A proposal its lead proposer works on (edit the draft, invite, submit, withdraw): whoever else
    may see it gets a 403, whoever may not a 404."""
    proposal = get_proposal_for_user(user, pk)
    if not user.is_authenticated or proposal.lead is None or proposal.lead.user_id != user.pk:
        raise PermissionDenied
    return proposal


def may_enter_proposals(user: AnyUser) -> bool:
    """Staff enter proposals (代录 for a member); a serving member drafts their own."""
    return can_edit(user) or (is_member_user(user) and own_member(user) is not None)


def get_invitation_for_user(user: AnyUser, pk: int):
    """A co-sign invitation, answered only by the member invited; anyone else gets a 404."""
    from proposals.models import ProposalInvitation

    if not user.is_authenticated:
        raise Http404
    qs = ProposalInvitation.objects.select_related("proposal", "proposal__lead", "member")
    return _fetch(qs.filter(member__user=user), pk, user, False)


def visible_assignments(user: AnyUser) -> QuerySet:
    """Staff and leaders see every assignment (交办); a unit the ones of its own unit still active."""
    from proposals.models import Assignment

    if can_read_all(user):
        return Assignment.objects.all()
    if is_unit_user(user):
        return Assignment.objects.filter(unit__users=user.pk, is_active=True)
    return Assignment.objects.none()


def get_assignment_for_user(user: AnyUser, pk: int, *, write: bool = False):
    """One unit's part in handling a proposal. Only the unit's own logins act on it (签收, 退回,
    沟通, 会办意见, 答复); staff and leaders read it (a write is a 403); anyone else gets a 404."""
    obj = _fetch(
        visible_assignments(user).select_related("proposal", "proposal__lead", "unit"), pk, user, False
    )
    if write and not is_unit_user(user):
        raise PermissionDenied
    return obj


def get_reply_for_user(user: AnyUser, pk: int):
    """A reply letter: whoever may see its proposal may read it, nobody else."""
    from proposals.models import Reply

    return _fetch(Reply.objects.filter(proposal__in=visible_proposals(user)), pk, user, False)


def get_reply_to_rate(user: AnyUser, pk: int):
    """A reply the user rates: its proposal's lead or an accepted co-signer; a 403 for other readers.
    Staff record a 集体提案's verdict on its author body's behalf (the member is then None)."""
    reply = get_reply_for_user(user, pk)
    proposal = reply.proposal
    if proposal.is_collective and can_edit(user):
        return reply, None
    member = own_member(user)
    if member is None or not (
        proposal.lead_id == member.pk or proposal.cosigners.filter(pk=member.pk).exists()
    ):
        raise PermissionDenied
    return reply, member


def get_handling_unit_for_user(user: AnyUser, pk: int, *, write: bool = False):
    """Handling units and their accounts are the committee office's to keep; leaders read them."""
    from proposals.models import HandlingUnit

    ensure_can_read_all(user)
    return _fetch(HandlingUnit.objects.all(), pk, user, write)


def get_unit_login_for_user(user: AnyUser, pk: int, *, write: bool = False):
    """A login of a handling unit, with its unit: the office keeps them, leaders read. Never a staff
    or superuser account, whatever units it was added to."""
    from django.contrib.auth import get_user_model

    from proposals.models import HandlingUnit

    ensure_can_read_all(user)
    logins = get_user_model().objects.filter(handling_units__isnull=False, is_superuser=False)
    login = _fetch(logins.exclude(groups__name=STAFF_GROUP).distinct(), pk, user, write)
    return HandlingUnit.objects.filter(users=login).first(), login


def get_compilation_for_user(user: AnyUser, pk: int):
    """A 提案汇编 (its progress, its PDF): staff and leaders, who start it; nobody else."""
    from proposals.models import Compilation

    ensure_can_read_all(user)
    return _fetch(Compilation.objects.all(), pk, user, False)


__all__ = [
    "UNIT_URL_NAMES",
    "get_assignment_for_user",
    "get_compilation_for_user",
    "get_handling_unit_for_user",
    "get_invitation_for_user",
    "get_proposal_for_proposer",
    "get_proposal_for_user",
    "get_reply_for_user",
    "get_reply_to_rate",
    "get_unit_login_for_user",
    "may_enter_proposals",
    "unit_may_open",
    "visible_assignments",
    "visible_proposals",
]
