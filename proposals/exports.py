"""The year's proposals in one workbook: every proposal with every field, and a sheet each for the
invitations, assignments, contact notes, replies and ratings. A fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from cppcc.documents import workbook_of

from .models import Assignment, HandlingNote, Proposal, ProposalInvitation, Rating, Reply


def _yes(value: bool) -> str:
    return "是" if value else ""


def proposals_workbook(*, year: int) -> bytes:
    proposals = list(
        Proposal.objects.filter(year=year)
        .select_related("lead", "lead__sector", "author_sector", "author_committee", "term", "merged_into")
        .prefetch_related(Prefetch("cosigners"))
        .order_by("number", "pk")
    )
    ids = [p.pk for p in proposals]
    rows: list[list[Any]] = [
        [
            p.year,
            p.number,
            p.filed_number,
            p.term.name if p.term else "",
            p.title,
            p.get_category_display(),
            p.get_author_kind_display(),
            p.author_name if p.is_collective else "",
            p.lead.name if p.lead else "",
            p.lead.sector.name
            if p.lead and p.lead.sector
            else (p.author_sector.name if p.author_sector else ""),
            "、".join(c.name for c in p.cosigners.all()),
            p.get_status_display(),
            _yes(p.entered_by_staff),
            p.submitted_on,
            p.decided_on,
            p.not_filed_reason,
            p.get_conversion_display() if p.conversion else "",
            str(p.merged_into) if p.merged_into else "",
            p.return_note,
            _yes(p.is_key),
            p.supervisor,
            p.supervision_note,
            _yes(p.is_excellent),
            p.handling_unit,
            p.assigned_on,
            p.answered_on,
            _yes(p.reopened),
            p.get_verdict_display() if p.verdict else "",
            p.content,
            p.suggestions,
            p.answer,
        ]
        for p in proposals
    ]
    invitations = ProposalInvitation.objects.filter(proposal_id__in=ids).select_related("proposal", "member")
    assignments = Assignment.objects.filter(proposal_id__in=ids).select_related("proposal", "unit")
    notes = HandlingNote.objects.filter(assignment__proposal_id__in=ids).select_related(
        "assignment__proposal", "assignment__unit"
    )
    replies = Reply.objects.filter(proposal_id__in=ids).select_related("proposal", "assignment__unit")
    ratings = Rating.objects.filter(reply__proposal_id__in=ids).select_related(
        "reply__proposal__author_sector", "reply__proposal__author_committee", "member"
    )
    return workbook_of(
        [
            (
                f"{year}年度提案",
                [
                    "年度",
                    "提案号",
                    "立案号",
                    "届",
                    "案由",
                    "类别",
                    "提案者",
                    "集体提案者",
                    "领衔人",
                    "界别",
                    "附议人",
                    "状态",
                    "代录",
                    "提交日期",
                    "审查日期",
                    "不予立案理由",
                    "转办方式",
                    "并入提案",
                    "退回修改意见",
                    "重点提案",
                    "督办领导",
                    "督办情况",
                    "优秀提案",
                    "承办单位",
                    "交办日期",
                    "答复日期",
                    "重新办理",
                    "测评结果",
                    "案据（情况分析）",
                    "建议办法",
                    "答复内容",
                ],  # fmt: skip
                rows,
                (6, 8, 8, 8, 40, 12, 10, 16, 10, 12, 24, 10),
            ),
            (
                "联名邀请",
                ["提案号", "案由", "受邀委员", "答复", "答复截止日期"],
                (
                    [i.proposal.number, i.proposal.title, i.member.name, i.get_status_display(), i.deadline]
                    for i in invitations
                ),
                (8, 40, 10, 10, 12),
            ),  # fmt: skip
            (
                "交办",
                [
                    "提案号",
                    "案由",
                    "承办单位",
                    "办理方式",
                    "交办日期",
                    "办理时限",
                    "签收日期",
                    "有效",
                    "退回日期",
                    "退回理由",
                    "会办意见",
                    "会办意见日期",
                ],
                (
                    [
                        a.proposal.number,
                        a.proposal.title,
                        a.unit.name,
                        a.get_role_display(),
                        a.assigned_on,
                        a.deadline,
                        a.signed_on,
                        _yes(a.is_active),
                        a.returned_on,
                        a.return_reason,
                        a.opinion,
                        a.opinion_on,
                    ]
                    for a in assignments
                ),
                (8, 40, 22, 8, 12, 12, 12, 6),
            ),  # fmt: skip
            (
                "沟通联系",
                ["提案号", "承办单位", "联系方式", "联系日期", "沟通情况"],
                (
                    [
                        n.assignment.proposal.number,
                        n.assignment.unit.name,
                        n.get_method_display(),
                        n.date,
                        n.note,
                    ]
                    for n in notes
                ),
                (8, 22, 8, 12, 40),
            ),  # fmt: skip
            (
                "答复",
                ["提案号", "案由", "承办单位", "答复轮次", "答复类别", "答复日期", "答复摘要"],
                (
                    [
                        r.proposal.number,
                        r.proposal.title,
                        r.assignment.unit.name,
                        r.round,
                        r.get_category_display(),
                        r.replied_on,
                        r.summary,
                    ]
                    for r in replies
                ),
                (8, 40, 22, 8, 30, 12, 40),
            ),  # fmt: skip
            (
                "满意度测评",
                ["提案号", "案由", "答复轮次", "测评人", "测评结果", "意见", "测评日期"],
                (
                    [
                        x.reply.proposal.number,
                        x.reply.proposal.title,
                        x.reply.round,
                        x.member.name if x.member else x.reply.proposal.author_name,
                        x.get_verdict_display(),
                        x.comment,
                        x.rated_on,
                    ]
                    for x in ratings
                ),
                (8, 40, 8, 10, 10, 40, 12),
            ),  # fmt: skip
        ]
    )
