"""交办 and what follows: units sign for, send back, contact the proposer, give their 会办意见 and
reply with a signed letter; the proposer and co-signers rate the reply, 不满意 reopens it once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cppcc.records import save_record
from cppcc.uploads import check_document
from members import dossier
from members.models import Member
from notices import events

from ..models import Assignment, HandlingNote, HandlingUnit, Proposal, Rating, Reply, add_months

P = Proposal.Status
R = Assignment.Role


@transaction.atomic
def proposal_assign(
    *,
    proposal: Proposal,
    actor: Any,
    on: dt.date,
    lead_unit: HandlingUnit | None = None,
    co_units: Iterable[HandlingUnit] = (),
    split_units: Iterable[HandlingUnit] = (),
    deadline: dt.date | None = None,
) -> list[Assignment]:
    """交办 to one 主办 with any 会办, or 分办 to several units each answering for its part. A proposal
    already assigned takes further units (staff reassign after a unit sent it back)."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    co_units, split_units = list(co_units), list(split_units)
    if proposal.status not in (P.FILED, P.ASSIGNED):
        raise ValidationError(_("只有已立案的提案才能交办。"))
    if on < (proposal.decided_on or proposal.submitted_on):
        raise ValidationError({"on": _("交办日期不能早于立案日期。")})
    if lead_unit and split_units:
        raise ValidationError(_("主办和分办只能选一种。"))
    active = proposal.assignments.filter(is_active=True)
    has_replying = active.filter(role__in=Assignment.REPLYING_ROLES).exists()
    if not (lead_unit or split_units or has_replying):
        raise ValidationError({"lead_unit": _("请选择主办单位，或选择分办单位。")})
    if lead_unit and active.filter(role=R.LEAD).exists():
        raise ValidationError({"lead_unit": _("该提案已有主办单位。")})
    wanted = [(lead_unit, R.LEAD)] if lead_unit else []
    wanted += [(u, R.CO) for u in co_units] + [(u, R.SPLIT) for u in split_units]
    units = [u.pk for u, _role in wanted]
    if len(set(units)) != len(units) or active.filter(unit__in=units).exists():
        raise ValidationError(_("同一个单位只能交办一次。"))
    deadline = deadline or add_months(on, settings.PROPOSAL_REPLY_MONTHS)
    if deadline <= on:
        raise ValidationError({"deadline": _("办理时限须晚于交办日期。")})
    made = []
    for unit, role in wanted:
        assignment = Assignment(proposal=proposal, unit=unit, role=role, assigned_on=on, deadline=deadline)
        save_record(assignment, actor)
        made.append(assignment)
    if proposal.status == P.FILED:
        proposal.status, proposal.assigned_on = P.ASSIGNED, on
    names = proposal.assignments.filter(is_active=True, role__in=Assignment.REPLYING_ROLES)
    proposal.handling_unit = "、".join(names.values_list("unit__name", flat=True))[:100]
    save_record(proposal, actor)
    dossier.sync(proposal, actor=actor)
    events.proposal_assigned(proposal=proposal, assignments=made)
    return made


def _ensure_active(assignment: Assignment) -> Assignment:
    assignment = Assignment.objects.select_for_update().select_related("proposal").get(pk=assignment.pk)
    if not assignment.is_active:
        raise ValidationError(_("该交办已退回，不能再办理。"))
    return assignment


@transaction.atomic
def assignment_sign(*, assignment: Assignment, actor: Any, on: dt.date | None = None) -> Assignment:
    """签收."""
    assignment = _ensure_active(assignment)
    if assignment.signed_on is None:
        assignment.signed_on = on or timezone.localdate()
        save_record(assignment, actor)
    return assignment


@transaction.atomic
def assignment_return(
    *, assignment: Assignment, actor: Any, reason: str, on: dt.date | None = None
) -> Assignment:
    """退回 a wrongly assigned proposal, with the reason, within the days the committee allows."""
    assignment = _ensure_active(assignment)
    on = on or timezone.localdate()
    days = settings.PROPOSAL_RETURN_DAYS
    if (on - assignment.assigned_on).days > days:
        raise ValidationError(_("交办已超过 %(days)s 天，不能再退回；请与提案委联系。") % {"days": days})
    if assignment.replies.exists():
        raise ValidationError(_("已经答复，不能退回。"))
    if not reason.strip():
        raise ValidationError({"reason": _("退回须写明理由。")})
    assignment.is_active, assignment.returned_on, assignment.return_reason = False, on, reason.strip()
    save_record(assignment, actor)
    proposal = assignment.proposal
    names = proposal.assignments.filter(is_active=True, role__in=Assignment.REPLYING_ROLES)
    proposal.handling_unit = "、".join(names.values_list("unit__name", flat=True))[:100]
    save_record(proposal, actor)
    return assignment


@transaction.atomic
def handling_note_add(
    *, assignment: Assignment, actor: Any, method: str, date: dt.date, note: str
) -> HandlingNote:
    """沟通联系 with the proposer: 电话, 上门 or 座谈, dated."""
    assignment = _ensure_active(assignment)
    if date < assignment.assigned_on:
        raise ValidationError({"date": _("联系日期不能早于交办日期。")})
    item = HandlingNote(assignment=assignment, method=method, date=date, note=note.strip())
    save_record(item, actor)
    return item


@transaction.atomic
def assignment_opinion(*, assignment: Assignment, actor: Any, opinion: str, on: dt.date) -> Assignment:
    """会办意见, which a 会办 unit sends to the 主办."""
    assignment = _ensure_active(assignment)
    if assignment.role != R.CO:
        raise ValidationError(_("只有会办单位提交会办意见。"))
    if not opinion.strip():
        raise ValidationError({"opinion": _("请填写会办意见。")})
    if on < assignment.assigned_on:
        raise ValidationError({"opinion_on": _("日期不能早于交办日期。")})
    assignment.opinion, assignment.opinion_on = opinion.strip(), on
    save_record(assignment, actor)
    return assignment


def _unsatisfied(reply: Reply) -> bool:
    return reply.ratings.filter(verdict=Proposal.Verdict.UNSATISFIED).exists()


def rounds_owed(proposal: Proposal) -> dict[int, int]:
    """Per active replying assignment: how many replies it owes (2 after 不满意 on its first)."""
    owed = {}
    for assignment in proposal.assignments.filter(is_active=True, role__in=Assignment.REPLYING_ROLES):
        first = assignment.replies.filter(round=1).first()
        owed[assignment.pk] = 2 if proposal.reopened and first is not None and _unsatisfied(first) else 1
    return owed


@transaction.atomic
def reply_create(
    *, assignment: Assignment, actor: Any, category: str, replied_on: dt.date, upload: Any, summary: str = ""
) -> Reply:
    """答复: the signed letter (PDF, judged by its content) and the 答复类别. When every unit that owes a
    reply has given it, the proposal is 已答复 and the proposer is asked to rate it."""
    assignment = _ensure_active(assignment)
    proposal = Proposal.objects.select_for_update().get(pk=assignment.proposal_id)
    if not assignment.replies_to_proposer:
        raise ValidationError(_("会办单位不直接答复提案人，请提交会办意见给主办单位。"))
    if proposal.status != P.ASSIGNED:
        raise ValidationError(_("提案当前为“%(now)s”，不需要答复。") % {"now": proposal.get_status_display()})
    done = assignment.replies.count()
    if done >= rounds_owed(proposal).get(assignment.pk, 1):
        raise ValidationError(_("本单位已经答复过，正在等待提案人测评。"))
    if replied_on < assignment.assigned_on:
        raise ValidationError({"replied_on": _("答复日期不能早于交办日期。")})
    if category not in Reply.Category.values:
        raise ValidationError({"category": _("请选择答复类别。")})
    if upload is None:
        raise ValidationError({"letter": _("请上传盖章的答复函（PDF）。")})
    try:
        _kind, data = check_document(upload, max_bytes=settings.REPLY_LETTER_MAX_BYTES, allowed=("pdf",))
    except ValidationError as exc:
        raise ValidationError({"letter": exc.messages}) from None
    reply = Reply(
        proposal=proposal,
        assignment=assignment,
        round=done + 1,
        category=category,
        replied_on=replied_on,
        summary=summary.strip(),
        letter_size=len(data),
    )
    reply.letter.save("reply.pdf", ContentFile(data), save=False)
    save_record(reply, actor)
    owed = rounds_owed(proposal)
    given = {a: n for a, n in _replies_per_assignment(proposal).items()}
    if all(given.get(pk, 0) >= n for pk, n in owed.items()):
        proposal.status, proposal.answered_on = P.ANSWERED, replied_on
        save_record(proposal, actor)
        dossier.sync(proposal, actor=actor)
        events.proposal_answered(proposal=proposal)
    return reply


def _replies_per_assignment(proposal: Proposal) -> dict[int, int]:
    counts: dict[int, int] = {}
    for assignment_id in proposal.replies.values_list("assignment_id", flat=True):
        counts[assignment_id] = counts.get(assignment_id, 0) + 1
    return counts


def raters_of(proposal: Proposal) -> list[int]:
    """Who rates a reply: the lead proposer and every co-signer (a 集体提案: its body, through staff)."""
    if proposal.lead_id is None:
        return []
    return [proposal.lead_id, *proposal.cosigners.values_list("pk", flat=True)]


@transaction.atomic
def rating_save(
    *,
    reply: Reply,
    member: Member | None,
    actor: Any,
    verdict: str,
    comment: str = "",
    on: dt.date | None = None,
) -> Rating:
    """满意度测评 of the latest reply of its unit. The lead proposer's verdict is the proposal's; a
    不满意 on a first reply sends it back to the unit once (重新办理), with the comment. A 集体提案's
    verdict is its 界别's, 专委会's or 党派's, which staff record (`member` None): it counts in 满意率
    like any other, as the office's 征询意见表 come back on paper from those bodies."""
    proposal = Proposal.objects.select_for_update().get(pk=reply.proposal_id)
    if member is None and not proposal.is_collective:
        raise ValidationError(_("只有集体提案由工作人员代为登记测评。"))
    if member is not None and member.pk not in raters_of(proposal):
        raise ValidationError(_("只有领衔人和附议人可以测评。"))
    if reply.assignment.replies.filter(round__gt=reply.round).exists():
        raise ValidationError(_("该答复已有新一轮答复，请对最新的答复测评。"))
    if verdict not in Proposal.Verdict.values:
        raise ValidationError({"verdict": _("请选择满意、基本满意或不满意。")})
    if verdict == Proposal.Verdict.UNSATISFIED and not comment.strip():
        raise ValidationError({"comment": _("不满意请写明意见，承办单位将据此重新办理。")})
    if reply.ratings.filter(member=member).exists():
        raise ValidationError(_("您已对这份答复测评过。"))
    rating = Rating(
        reply=reply,
        member=member,
        verdict=verdict,
        comment=comment.strip(),
        rated_on=on or timezone.localdate(),
    )
    save_record(rating, actor)
    changed = False
    if member is None or member.pk == proposal.lead_id:
        proposal.verdict, changed = verdict, True
    if verdict == Proposal.Verdict.UNSATISFIED and reply.round == 1 and proposal.status == P.ANSWERED:
        proposal.status, proposal.reopened, changed = P.ASSIGNED, True, True
        events.proposal_reopened(proposal=proposal, reply=reply, comment=rating.comment)
    if changed:
        save_record(proposal, actor)
        dossier.sync(proposal, actor=actor)
    return rating
