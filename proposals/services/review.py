"""审查 by the 提案委: 立案 (numbered within the year and term), 不予立案 with a reason and an optional
conversion, 并案, 退回修改, and the 重点提案 with its 督办领导."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from cppcc.records import save_record
from members import dossier
from members.models import Term
from notices import events

from ..models import Proposal

P = Proposal.Status


def _lock_submitted(proposal: Proposal, on: dt.date) -> Proposal:
    # Locks the proposal only: its lead is a nullable join (集体提案 have none).
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("lead").get(pk=proposal.pk)
    if proposal.status != P.SUBMITTED:
        raise ValidationError(
            _("提案当前为“%(now)s”，只有已提交的提案才能审查。") % {"now": proposal.get_status_display()}
        )
    if on < proposal.submitted_on:
        raise ValidationError(_("日期不能早于提交日期 %(day)s。") % {"day": proposal.submitted_on})
    return proposal


def next_filed_number(*, term_id: int | None, year: int) -> int:
    same_term = Q(term__isnull=True) if term_id is None else Q(term_id=term_id)
    last = Proposal.objects.filter(same_term, year=year).aggregate(n=Max("filed_number"))["n"]
    return (last or 0) + 1


@transaction.atomic
def proposal_file(
    *,
    proposal: Proposal,
    actor: Any,
    on: dt.date,
    filed_number: int | None = None,
    is_key: bool = False,
    supervisor: str = "",
) -> Proposal:
    """立案: the next 立案号 of the lead's term (a 集体提案: the current term) and the year unless one
    is given."""
    proposal = _lock_submitted(proposal, on)
    if proposal.lead is not None:
        proposal.term_id = proposal.term_id or proposal.lead.term_id
    else:
        proposal.term_id = (
            proposal.term_id or Term.objects.filter(is_current=True).values_list("pk", flat=True).first()
        )
    proposal.filed_number = filed_number or next_filed_number(term_id=proposal.term_id, year=proposal.year)
    proposal.status, proposal.decided_on = P.FILED, on
    proposal.is_key, proposal.supervisor = is_key, supervisor.strip()
    if proposal.is_key and not proposal.supervisor:
        raise ValidationError({"supervisor": _("重点提案须写明督办领导。")})
    save_record(proposal, actor)
    dossier.sync(proposal, actor=actor)
    # Proposals merged into this one are filed with it: their authors' 立案 entries follow.
    for merged in proposal.merged.all():
        dossier.sync(merged, actor=actor)
    events.proposal_decided(proposal=proposal)
    return proposal


@transaction.atomic
def proposal_not_file(
    *, proposal: Proposal, actor: Any, on: dt.date, reason: str, conversion: str = ""
) -> Proposal:
    """不予立案, with the reason the proposer reads, optionally 转为意见建议 or 转社情民意."""
    proposal = _lock_submitted(proposal, on)
    if not reason.strip():
        raise ValidationError({"reason": _("不予立案须写明理由。")})
    if conversion and conversion not in Proposal.Conversion.values:
        raise ValidationError({"conversion": _("无法识别的转办方式。")})
    proposal.status, proposal.decided_on = P.NOT_FILED, on
    proposal.not_filed_reason, proposal.conversion = reason.strip(), conversion
    save_record(proposal, actor)
    dossier.sync(proposal, actor=actor)
    events.proposal_decided(proposal=proposal)
    return proposal


@transaction.atomic
def proposal_merge(*, lead: Proposal, others: Iterable[Proposal], actor: Any, on: dt.date) -> Proposal:
    """并案: several submitted proposals on one matter go into `lead`; each keeps its own authors, who
    are credited with 立案 when the lead is filed."""
    lead = Proposal.objects.select_for_update().get(pk=lead.pk)
    if lead.status not in (P.SUBMITTED, P.FILED, P.ASSIGNED):
        raise ValidationError(_("并案的主提案须为已提交或已立案。"))
    others = [o for o in others if o.pk != lead.pk]
    if not others:
        raise ValidationError({"others": _("请选择要并入的提案。")})
    for other in others:
        other = _lock_submitted(other, on)
        other.status, other.decided_on, other.merged_into = P.MERGED, on, lead
        save_record(other, actor)
        dossier.sync(other, actor=actor)
    return lead


@transaction.atomic
def proposal_return(*, proposal: Proposal, actor: Any, note: str) -> Proposal:
    """退回修改: back to the proposer with a note; they change it and submit again."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != P.SUBMITTED:
        raise ValidationError(_("只有已提交、尚未审查的提案才能退回修改。"))
    if not note.strip():
        raise ValidationError({"note": _("退回修改须写明修改意见。")})
    proposal.status, proposal.return_note = P.RETURNED, note.strip()
    save_record(proposal, actor)
    dossier.sync(proposal, actor=actor)
    events.proposal_returned(proposal=proposal)
    return proposal


@transaction.atomic
def proposal_supervise(
    *, proposal: Proposal, actor: Any, is_key: bool, supervisor: str = "", supervision_note: str = ""
) -> Proposal:
    """重点提案 and its 督办领导, with the leader's notes on how handling goes."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if is_key and not proposal.is_filed:
        raise ValidationError({"is_key": _("只有已立案的提案才能列为重点提案。")})
    if is_key and not supervisor.strip():
        raise ValidationError({"supervisor": _("重点提案须写明督办领导。")})
    proposal.is_key, proposal.supervisor = is_key, supervisor.strip()
    proposal.supervision_note = supervision_note.strip()
    save_record(proposal, actor)
    dossier.sync(proposal, actor=actor)
    return proposal
