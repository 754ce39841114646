"""The events of proposal handling, re-exported by `notices.events`: 联名邀请 to invitees, 立案 /
不予立案 and 退回修改 to the proposer, 交办 and 重新办理 to the unit's logins, 答复 to the authors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Member

from .models import NoticeKind
from .services.notify import Contact, Message, Recipients, notify


def _proposal_authors(proposal: Any) -> QuerySet[Member]:
    return Member.objects.filter(pk__in=[proposal.lead_id, *proposal.cosigners.values_list("pk", flat=True)])


def _unit_users(assignments: Iterable[Any]) -> QuerySet[Any]:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(handling_units__in=[a.unit_id for a in assignments]).distinct()


def cosign_invited(*, proposal: Any, invitations: list[Any]) -> int:
    """联名邀请: each invitee is asked to agree or decline before the deadline."""
    deadline = min(i.deadline for i in invitations)
    body = _("%(lead)s 邀请您联名提案“%(title)s”，请在 %(day)s 前同意或不同意。") % {
        "lead": proposal.lead.name,
        "title": proposal.title,
        "day": f"{deadline:%Y-%m-%d}",
    }
    return len(
        notify(
            kind=NoticeKind.PROPOSAL,
            key=f"cosign:{proposal.pk}",
            to=Recipients(members=Member.objects.filter(pk__in=[i.member_id for i in invitations])),
            message=Message(
                _("联名邀请：%(title)s") % {"title": proposal.title}, body, proposal.get_absolute_url()
            ),
        )
    )


def proposal_decided(*, proposal: Any) -> int:
    """立案 / 不予立案, to the lead proposer and the co-signers."""
    if proposal.status == "filed":
        title = _("提案已立案：%(title)s")
        body = _("立案号：%(n)s。") % {"n": proposal.filed_number}
    else:
        title = _("提案不予立案：%(title)s")
        body = _("理由：%(reason)s") % {"reason": proposal.not_filed_reason}
    return len(
        notify(
            kind=NoticeKind.PROPOSAL,
            key=f"proposal-decided:{proposal.pk}:{proposal.status}",
            to=Recipients(members=_proposal_authors(proposal)),
            message=Message(title % {"title": proposal.title}, body, proposal.get_absolute_url()),
        )
    )


def proposal_returned(*, proposal: Any) -> int:
    """退回修改, to the lead proposer with the committee's note."""
    return len(
        notify(
            kind=NoticeKind.PROPOSAL,
            key=f"proposal-returned:{proposal.pk}:{timezone.now():%Y%m%d%H%M%S}",
            to=Recipients(members=Member.objects.filter(pk=proposal.lead_id)),
            message=Message(
                _("提案退回修改：%(title)s") % {"title": proposal.title},
                _("修改意见：%(note)s") % {"note": proposal.return_note},
                proposal.get_absolute_url(),
            ),
        )
    )


def proposal_assigned(*, proposal: Any, assignments: list[Any]) -> int:
    """交办, to each unit's logins: what to handle, in which role, by when."""

    by_unit = {a.unit_id: a for a in assignments}
    logins = _unit_users(assignments).values_list("pk", "handling_units__pk")
    unit_of = {pk: unit for pk, unit in logins if unit in by_unit}

    def message(contact: Contact) -> Message | None:
        assignment = by_unit.get(unit_of.get(contact.user_id or 0, 0))
        if assignment is None:
            return None
        body = _("办理方式：%(role)s；办理时限：%(day)s。") % {
            "role": assignment.get_role_display(),
            "day": f"{assignment.deadline:%Y-%m-%d}",
        }
        return Message(
            _("交办提案：%(title)s") % {"title": proposal.title}, body, assignment.get_absolute_url()
        )

    return len(
        notify(
            kind=NoticeKind.PROPOSAL,
            key=f"proposal-assigned:{proposal.pk}:{min(a.pk for a in assignments)}",
            to=Recipients(users=_unit_users(assignments)),
            message=message,
        )
    )


def proposal_answered(*, proposal: Any) -> int:
    """答复, to the lead proposer and co-signers, who are asked to rate it."""
    return len(
        notify(
            kind=NoticeKind.PROPOSAL,
            key=f"proposal-answered:{proposal.pk}:{proposal.replies.count()}",
            to=Recipients(members=_proposal_authors(proposal)),
            message=Message(
                _("提案已答复：%(title)s") % {"title": proposal.title},
                _("承办单位已答复，请查看答复函并进行满意度测评。"),
                proposal.get_absolute_url(),
            ),
        )
    )


def proposal_reopened(*, proposal: Any, reply: Any, comment: str) -> int:
    """不满意 → 重新办理, to the unit that replied, with the proposer's comment."""
    assignment = reply.assignment
    return len(
        notify(
            kind=NoticeKind.PROPOSAL,
            key=f"proposal-reopened:{proposal.pk}:{reply.pk}",
            to=Recipients(users=_unit_users([assignment])),
            message=Message(
                _("提案需重新办理：%(title)s") % {"title": proposal.title},
                _("提案人对答复不满意，意见：%(comment)s") % {"comment": comment},
                assignment.get_absolute_url(),
            ),
        )
    )
