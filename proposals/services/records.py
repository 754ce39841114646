"""Proposals: each write saves the record and rewrites its dossier entries together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cppcc.records import save_record
from members import dossier
from members.models import Member

from ..models import Proposal

_COLLECTIVE_AUTHOR = {
    Proposal.Author.SECTOR: "author_sector",
    Proposal.Author.COMMITTEE: "author_committee",
    Proposal.Author.GROUP: "author_group",
}


def _check_author(proposal: Proposal, cosigners: Iterable[Member]) -> list[Member]:
    """A member's proposal has its lead and any co-signers; a 集体提案 its 界别, 专委会 or 党派团体
    and neither a lead nor co-signers (nobody's dossier counts it)."""
    cosigners = list(cosigners)
    wanted = _COLLECTIVE_AUTHOR.get(Proposal.Author(proposal.author_kind))
    for name in _COLLECTIVE_AUTHOR.values():
        if name != wanted:
            setattr(proposal, name, "" if name == "author_group" else None)
    if wanted is None:
        if proposal.lead_id is None:
            raise ValidationError({"lead": _("请选择领衔人。")})
        if any(c.pk == proposal.lead_id for c in cosigners):
            raise ValidationError({"cosigners": _("领衔人不能同时是附议人。")})
        return cosigners
    if not getattr(proposal, wanted):
        raise ValidationError({wanted: _("请填写集体提案的提案者。")})
    if cosigners:
        raise ValidationError({"cosigners": _("集体提案没有附议人。")})
    proposal.lead = None
    return []


def _check_flags(proposal: Proposal) -> None:
    if proposal.is_key and not proposal.is_filed:
        raise ValidationError({"is_key": _("只有已立案的提案才能列为重点提案。")})
    if proposal.is_excellent and not proposal.is_filed:
        raise ValidationError({"is_excellent": _("只有已立案的提案才能评为优秀提案。")})


def _save_proposal(proposal: Proposal, cosigners: list[Member], actor: Any) -> Proposal:
    _check_flags(proposal)
    save_record(proposal, actor)
    proposal.cosigners.set(cosigners)
    dossier.sync(proposal, actor=actor)
    return proposal


@transaction.atomic
def proposal_create(*, actor: Any, cosigners: Iterable[Member] = (), **fields: Any) -> Proposal:
    proposal = Proposal(**fields)
    return _save_proposal(proposal, _check_author(proposal, cosigners), actor)


@transaction.atomic
def proposal_update(
    *, proposal: Proposal, actor: Any, cosigners: Iterable[Member] = (), **fields: Any
) -> Proposal:
    for name, value in fields.items():
        setattr(proposal, name, value)
    return _save_proposal(proposal, _check_author(proposal, cosigners), actor)


_DATE_FIELD = {
    Proposal.Status.FILED: "decided_on",
    Proposal.Status.NOT_FILED: "decided_on",
    Proposal.Status.ASSIGNED: "assigned_on",
    Proposal.Status.ANSWERED: "answered_on",
}


@transaction.atomic
def proposal_transition(
    *,
    proposal: Proposal,
    to: str,
    on: dt.date,
    actor: Any,
    reason: str = "",
    handling_unit: str = "",
    answer: str = "",
) -> Proposal:
    """Move a proposal to its next state, dated; refuses a step the process does not allow."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if to not in proposal.next_states():
        raise ValidationError(
            _("提案当前为“%(now)s”，不能改为“%(to)s”。")
            % {"now": proposal.get_status_display(), "to": Proposal.Status(to).label}
        )
    if on < proposal.submitted_on:
        raise ValidationError(_("日期不能早于提交日期 %(day)s。") % {"day": proposal.submitted_on})
    if to == Proposal.Status.NOT_FILED and not reason:
        raise ValidationError(_("不予立案须写明理由。"))
    if to == Proposal.Status.ASSIGNED and not (handling_unit or proposal.handling_unit):
        raise ValidationError(_("交办须写明承办单位。"))
    if to == Proposal.Status.ANSWERED and not (answer or proposal.answer):
        raise ValidationError(_("请填写答复内容。"))
    proposal.status = to
    setattr(proposal, _DATE_FIELD[Proposal.Status(to)], on)
    if reason:
        proposal.not_filed_reason = reason
    if handling_unit:
        proposal.handling_unit = handling_unit
    if answer:
        proposal.answer = answer
    return _save_proposal(proposal, list(proposal.cosigners.all()), actor)


@transaction.atomic
def proposal_delete(*, proposal: Proposal, actor: Any) -> None:
    dossier.delete_source(proposal, actor=actor)
