"""Events that reach people: one function per event, called once by the service that owns the change,
inside its transaction (the deliveries leave after it commits).

Adding an event — the proposal issue's 联名邀请, 立案 / 不予立案, 交办, reply received, rating asked,
overdue — is one function here built on `notify` (a `NoticeKind` too if it is a new kind of notice)
and one call from the service that makes the change:

    events.proposal_filed(proposal=proposal)

Every text is written in the committee's language when the event happens; the key names the event,
so the same event never reaches the same person twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Member

from .models import MeetingReply, NoticeKind
from .services.notify import Contact, Message, Recipients, notify


def _serving(members: QuerySet[Member]) -> QuerySet[Member]:
    return members.filter(status=Member.Status.ACTIVE)


def _dossier_url(year: int) -> str:
    return f"{reverse('me')}?year={year}"


def meeting_lines(meeting: Any) -> list[str]:
    """Time, place and topic of a meeting, as its notices and reminders state them."""
    when = f"{meeting.start_date:%Y-%m-%d}"
    if meeting.start_time:
        when += f" {meeting.start_time:%H:%M}"
    if meeting.end_date and meeting.end_date != meeting.start_date:
        when += _("（至 %(end)s）") % {"end": f"{meeting.end_date:%Y-%m-%d}"}
    lines = [_("时间：%(when)s") % {"when": when}]
    if meeting.place:
        lines.append(_("地点：%(place)s") % {"place": meeting.place})
    if meeting.topic:
        lines.append(_("议题：%(topic)s") % {"topic": meeting.topic})
    if meeting.description:
        lines.append(meeting.description)
    return lines


def meeting_invited(*, meeting: Any) -> int:
    """会议通知 to everyone on the meeting's list who has not had it, each awaiting a reply (回执).

    Sheets of meetings already held are filled in afterwards; nobody is invited to those.
    """
    if meeting.last_day < timezone.localdate():
        return 0
    invited = _serving(Member.objects.filter(attendances__meeting=meeting))
    text = "\n".join([*meeting_lines(meeting), _("请在本通知中回执：参加或请假。")])
    made = notify(
        kind=NoticeKind.MEETING,
        key=f"meeting:{meeting.pk}",
        to=Recipients(members=invited),
        message=Message(
            _("会议通知：%(title)s") % {"title": meeting.display_title}, text, meeting.get_absolute_url()
        ),
        meeting=meeting,
    )
    MeetingReply.objects.bulk_create(
        (MeetingReply(meeting=meeting, member_id=pk) for pk in invited.values_list("pk", flat=True)),
        batch_size=500,
        ignore_conflicts=True,
    )
    return len(made)


def meeting_reminded(*, meeting: Any, member_ids: Iterable[int], reason: str) -> int:
    """A reminder about a meeting to some of its invitees: `reason` is "eve" (the day before) or
    "reply" (staff remind those who have not answered; once a day however often they click)."""
    if reason == "eve":
        key, title = f"meeting-eve:{meeting.pk}", _("明日会议提醒：%(title)s")
        ending = _("请准时参加。")
    else:
        key = f"meeting-reply:{meeting.pk}:{timezone.localdate():%Y%m%d}"
        title, ending = _("请回执：%(title)s"), _("您尚未回执，请在会议通知中选择参加或请假。")
    return len(
        notify(
            kind=NoticeKind.MEETING,
            key=key,
            to=Recipients(members=_serving(Member.objects.filter(pk__in=list(member_ids)))),
            message=Message(
                title % {"title": meeting.display_title},
                "\n".join([*meeting_lines(meeting), ending]),
                meeting.get_absolute_url(),
            ),
            meeting=meeting,
        )
    )


def meetings_eve(*, today: dt.date | None = None) -> int:
    """The day before a meeting: every invitee not excused (请假 approved) is reminded."""
    from consultations.models import Attendance, Meeting

    tomorrow = (today or timezone.localdate()) + dt.timedelta(days=1)
    sent = 0
    for meeting in Meeting.objects.filter(start_date=tomorrow).select_related("term"):
        expected = meeting.attendances.exclude(status=Attendance.Status.LEAVE).values_list(
            "member_id", flat=True
        )
        sent += meeting_reminded(meeting=meeting, member_ids=expected, reason="eve")
    return sent


def leave_decided(*, leave: Any) -> int:
    approved = leave.status == leave.Status.APPROVED
    title = _("请假已批准：%(meeting)s") if approved else _("请假未获批准：%(meeting)s")
    body = _("请假事由：%(reason)s") % {"reason": leave.reason}
    if leave.note:
        body += "\n" + _("审批意见：%(note)s") % {"note": leave.note}
    return len(
        notify(
            kind=NoticeKind.LEAVE,
            key=f"leave:{leave.pk}:{leave.status}",
            to=Recipients(members=Member.objects.filter(pk=leave.member_id)),
            message=Message(
                title % {"meeting": leave.meeting.display_title}, body, leave.meeting.get_absolute_url()
            ),
            meeting=leave.meeting,
        )
    )


def self_report_reviewed(*, entry: Any) -> int:
    confirmed = entry.status == entry.Status.CONFIRMED
    title = _("履职填报已确认：%(title)s") if confirmed else _("履职填报未通过：%(title)s")
    body = _("“%(title)s”已确认，计入履职档案。") if confirmed else _("“%(title)s”未通过审核。")
    body = body % {"title": entry.title}
    if entry.review_note:
        body += "\n" + _("审核意见：%(note)s") % {"note": entry.review_note}
    return len(
        notify(
            kind=NoticeKind.REVIEW,
            key=f"review:{entry.pk}:{entry.status}",
            to=Recipients(members=Member.objects.filter(pk=entry.member_id)),
            message=Message(title % {"title": entry.title}, body, _dossier_url(entry.year)),
        )
    )


def self_reports_confirmed(*, entries: list[Any]) -> int:
    """Many reports confirmed at once from the review queue: each member hears of theirs in one
    notice, in one send whatever the number (the batch's entries name the event)."""
    if not entries:
        return 0
    mine: dict[int, list[Any]] = {}
    for entry in sorted(entries, key=lambda e: e.pk):
        mine.setdefault(entry.member_id, []).append(entry)
    batch = hashlib.sha1(",".join(str(pk) for pk in sorted(e.pk for e in entries)).encode()).hexdigest()[:16]

    def message(contact: Contact) -> Message | None:
        confirmed = mine.get(contact.member_id or 0)
        if not confirmed:
            return None
        lines = [_("“%(title)s”已确认，计入履职档案。") % {"title": e.title} for e in confirmed]
        if len(confirmed) == 1:
            title = _("履职填报已确认：%(title)s") % {"title": confirmed[0].title}
        else:
            title = _("%(n)s 条履职填报已确认") % {"n": len(confirmed)}
        return Message(title, "\n".join(lines), _dossier_url(max(e.year for e in confirmed)))

    return len(
        notify(
            kind=NoticeKind.REVIEW,
            key=f"review:batch:{batch}",
            to=Recipients(members=Member.objects.filter(pk__in=list(mine))),
            message=message,
        )
    )


def dispute_answered(*, dispute: Any) -> int:
    entry = dispute.entry
    body = _("您对“%(title)s”提出的异议已处理。处理意见：%(answer)s") % {
        "title": entry.title,
        "answer": dispute.resolution,
    }
    if entry.disabled:
        body += "\n" + _("这条记录已改为不计分。")
    return len(
        notify(
            kind=NoticeKind.DISPUTE,
            key=f"dispute:{dispute.pk}",
            to=Recipients(members=Member.objects.filter(pk=entry.member_id)),
            message=Message(
                _("异议已处理：%(title)s") % {"title": entry.title}, body, _dossier_url(entry.year)
            ),
        )
    )


def evaluation_published(*, year: int, run_id: int) -> int:
    """Each evaluated member in office gets their grade and rank. Published again after a new run of
    the year, the new results go out; the same run twice reaches nobody twice."""
    from evaluation.models import AnnualEvaluation

    rows = AnnualEvaluation.objects.filter(year=year)
    results = {e.member_id: e for e in rows.only("member_id", "grade", "rank", "total")}
    count = len(results)

    def message(contact: Contact) -> Message | None:
        result = results.get(contact.member_id or 0)
        if result is None:
            return None
        body = _("等次：%(grade)s；总分：%(total)s；全体排名：第 %(rank)s 名（共 %(n)s 名）。") % {
            "grade": result.grade or "—",
            "total": result.total,
            "rank": result.rank,
            "n": count,
        }
        return Message(_("%(year)s 年度履职考评结果已公布") % {"year": year}, body, _dossier_url(year))

    return len(
        notify(
            kind=NoticeKind.EVALUATION,
            key=f"evaluation:{year}:{run_id}",
            to=Recipients(members=_serving(Member.objects.filter(evaluations__year=year))),
            message=message,
        )
    )


def duties_short(*, year: int, period: str) -> int:
    """履职提醒 at mid-year ("mid") and in the last quarter ("q4"): each serving member who has not yet
    done the year's minimum duties hears what is missing, by the one scoring module."""
    from evaluation import scoring
    from evaluation.services import members_of_year
    from members.models import DossierEntry

    scheme = scoring.load_scheme(year)
    if scheme is None:
        return 0
    serving = _serving(members_of_year(year))
    people = {m.pk: m for m in serving.only("pk", "joined_on", "left_on")}
    groups = scoring.entry_groups(DossierEntry.objects.filter(year=year, member__in=serving))

    def message(contact: Contact) -> Message | None:
        member = people.get(contact.member_id or 0)
        if member is None:
            return None
        counts: dict[str, int] = {}
        for kind, _role, _size, n in groups.get(member.pk, ()):
            counts[kind] = counts.get(kind, 0) + n
        missing = [d for d in scoring.duties(scheme, counts, scoring.served_share(member, year)) if not d.met]
        if not missing:
            return None
        lines = [_("截至目前，%(year)s 年度基本履职要求还有以下未完成：") % {"year": year}] + [
            _("%(duty)s：要求 %(required)s 次，已完成 %(done)s 次，还差 %(short)s 次")
            % {"duty": d.label, "required": d.required, "done": d.done, "short": d.required - d.done}
            for d in missing
        ]
        return Message(
            _("履职提醒：%(year)s 年度基本履职要求") % {"year": year}, "\n".join(lines), _dossier_url(year)
        )

    return len(
        notify(
            kind=NoticeKind.DUTY,
            key=f"duties:{year}:{period}",
            to=Recipients(members=serving),
            message=message,
        )
    )


# The proposal handling chain's events (联名邀请, 立案, 交办, 答复, 重新办理) live beside this module.
from .proposal_events import (  # noqa: E402
    cosign_invited,
    proposal_answered,
    proposal_assigned,
    proposal_decided,
    proposal_reopened,
    proposal_returned,
)

__all__ = [
    "cosign_invited",
    "proposal_answered",
    "proposal_assigned",
    "proposal_decided",
    "proposal_reopened",
    "proposal_returned",
]
