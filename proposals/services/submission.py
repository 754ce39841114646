"""A member's own proposal: drafted, co-signers invited and answering, submitted, withdrawn.

Only the lead proposer writes a draft; a co-signer counts once they agree (联名), and only what is
submitted reaches the dossier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cppcc.records import save_record, set_history_user
from members import dossier
from members.models import Member
from notices import events

from ..models import Proposal, ProposalInvitation

P = Proposal.Status
I = ProposalInvitation.Status  # noqa: E741 - the invitation's states, as the model names them


def _ensure_open(proposal: Proposal) -> None:
    if not proposal.is_open:
        raise ValidationError(_("提案当前为“%(now)s”，已不能修改。") % {"now": proposal.get_status_display()})


@transaction.atomic
def proposal_draft_save(
    *, member: Member, actor: Any, proposal: Proposal | None = None, **fields: Any
) -> Proposal:
    """A member's draft (草稿), new or changed; `fields` are 案由, 类别, 案据 and 建议办法."""
    if proposal is None:
        today = timezone.localdate()
        proposal = Proposal(lead=member, year=today.year, submitted_on=today, status=P.DRAFT)
    else:
        _ensure_open(proposal)
    for name, value in fields.items():
        setattr(proposal, name, value)
    save_record(proposal, actor)
    return proposal


@transaction.atomic
def proposal_invite(
    *, proposal: Proposal, members: Iterable[Member], actor: Any, deadline: dt.date | None = None
) -> list[ProposalInvitation]:
    """联名邀请 to each member named who is not the lead and not invited yet."""
    _ensure_open(proposal)
    today = timezone.localdate()
    deadline = deadline or today + dt.timedelta(days=settings.PROPOSAL_COSIGN_DAYS)
    if deadline < today:
        raise ValidationError({"deadline": _("答复截止日期不能早于今天。")})
    invited = set(proposal.invitations.values_list("member_id", flat=True))
    made = []
    for member in members:
        if member.pk == proposal.lead_id:
            raise ValidationError({"members": _("领衔人不能邀请自己联名。")})
        if member.pk in invited or member.status != Member.Status.ACTIVE:
            continue
        invitation = ProposalInvitation(proposal=proposal, member=member, deadline=deadline)
        save_record(invitation, actor)
        made.append(invitation)
    if made:
        events.cosign_invited(proposal=proposal, invitations=made)
    return made


@transaction.atomic
def invitation_answer(*, invitation: ProposalInvitation, accept: bool, actor: Any) -> ProposalInvitation:
    """The invitee agrees (同意联名: they become a co-signer) or declines, before the deadline and while
    the lead has not submitted; they may change their mind until then."""
    invitation = ProposalInvitation.objects.select_for_update().get(pk=invitation.pk)
    proposal = invitation.proposal
    if not proposal.is_open or invitation.status == I.EXPIRED:
        raise ValidationError(_("该提案已提交，联名邀请已结束。"))
    if timezone.localdate() > invitation.deadline:
        raise ValidationError(
            _("答复截止日期 %(day)s 已过，不能再答复。") % {"day": f"{invitation.deadline:%Y-%m-%d}"}
        )
    invitation.status = I.ACCEPTED if accept else I.DECLINED
    invitation.responded_at = timezone.now()
    save_record(invitation, actor)
    set_history_user(proposal, actor)
    if accept:
        proposal.cosigners.add(invitation.member)
    else:
        proposal.cosigners.remove(invitation.member)
    return invitation


def next_number(year: int) -> int:
    last = Proposal.objects.filter(year=year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


@transaction.atomic
def proposal_submit(*, proposal: Proposal, actor: Any) -> Proposal:
    """提交: the draft gets its 提案号 and today's date; invitations still unanswered lapse."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _ensure_open(proposal)
    missing = [
        label
        for name, label in (("title", _("案由")), ("content", _("案据")), ("suggestions", _("建议办法")))
        if not str(getattr(proposal, name)).strip()
    ]
    if not proposal.category:
        missing.append(_("类别"))
    if missing:
        raise ValidationError(_("提交前请填写：%(fields)s。") % {"fields": "、".join(missing)})
    today = timezone.localdate()
    if proposal.number is None or proposal.year != today.year:
        proposal.year, proposal.number = today.year, next_number(today.year)
    proposal.submitted_on = today
    proposal.status = P.SUBMITTED
    save_record(proposal, actor)
    proposal.invitations.filter(status=I.PENDING).update(status=I.EXPIRED)
    dossier.sync(proposal, actor=actor)
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, actor: Any) -> Proposal:
    """撤案: the proposer takes it back before 立案; its dossier entries go with it."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in (P.DRAFT, P.SUBMITTED, P.RETURNED):
        raise ValidationError(_("提案已经审查，不能再撤案。"))
    proposal.status = P.WITHDRAWN
    save_record(proposal, actor)
    proposal.invitations.filter(status=I.PENDING).update(status=I.EXPIRED)
    dossier.sync(proposal, actor=actor)
    return proposal
