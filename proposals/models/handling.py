"""How a proposal is handled: 联名邀请, 交办 to units, 沟通联系, 答复 and 满意度测评."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.storage import private_storage
from cppcc.validators import past_work_date
from members.models import Member

from .records import HandlingUnit, Proposal


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    import calendar

    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


class ProposalInvitation(models.Model):
    """联名邀请: the lead invites a member to co-sign; the member agrees or declines before the deadline."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待答复")
        ACCEPTED = "accepted", _("同意联名")
        DECLINED = "declined", _("不同意")
        EXPIRED = "expired", _("已过期")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="proposal_invitations", verbose_name=_("受邀委员")
    )
    status = models.CharField(_("答复"), max_length=10, choices=Status.choices, default=Status.PENDING)
    deadline = models.DateField(_("答复截止日期"))
    invited_at = models.DateTimeField(_("邀请时间"), default=timezone.now)
    responded_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    history = HistoricalRecords(verbose_name=_("联名邀请历史"))

    class Meta:
        ordering = ["invited_at", "pk"]
        verbose_name = _("联名邀请")
        verbose_name_plural = _("联名邀请")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "member"],
                name="invitation_once_per_member",
                violation_error_message=_("已邀请过这位委员。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal} · {self.member}"


class Assignment(models.Model):
    """交办: one unit's part in handling a proposal — 主办, 会办 or 分办 — with its reply deadline."""

    class Role(models.TextChoices):
        LEAD = "lead", _("主办")
        CO = "co", _("会办")
        SPLIT = "split", _("分办")

    # Those who owe the proposer a reply letter; 会办 units send their opinion to the 主办 instead.
    REPLYING_ROLES = (Role.LEAD, Role.SPLIT)

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        HandlingUnit, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("承办单位")
    )
    role = models.CharField(_("办理方式"), max_length=8, choices=Role.choices)
    assigned_on = models.DateField(_("交办日期"), validators=[past_work_date])
    deadline = models.DateField(_("办理时限"))
    signed_on = models.DateField(_("签收日期"), null=True, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)
    returned_on = models.DateField(_("退回日期"), null=True, blank=True)
    return_reason = models.CharField(_("退回理由"), max_length=300, blank=True)
    opinion = models.TextField(_("会办意见"), blank=True)
    opinion_on = models.DateField(_("会办意见日期"), null=True, blank=True)

    history = HistoricalRecords(verbose_name=_("交办历史"))

    class Meta:
        ordering = ["proposal", "role", "pk"]
        verbose_name = _("交办")
        verbose_name_plural = _("交办")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "unit"],
                condition=Q(is_active=True),
                name="assignment_once_per_unit",
                violation_error_message=_("该提案已交办给这个单位。"),
            )
        ]
        indexes = [models.Index(fields=["unit", "is_active"], name="assignment_unit_active")]

    def __str__(self) -> str:
        return f"{self.proposal} → {self.unit}（{self.get_role_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", args=[self.proposal_id]) + "#handling"

    @property
    def replies_to_proposer(self) -> bool:
        return self.role in self.REPLYING_ROLES


class HandlingNote(models.Model):
    """沟通联系: a unit's dated contact with the proposer before it replies."""

    class Method(models.TextChoices):
        PHONE = "phone", _("电话")
        VISIT = "visit", _("上门")
        MEETING = "meeting", _("座谈")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="notes")
    method = models.CharField(_("联系方式"), max_length=8, choices=Method.choices)
    date = models.DateField(_("联系日期"), validators=[past_work_date])
    note = models.TextField(_("沟通情况"))
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("沟通联系历史"))

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("沟通联系")
        verbose_name_plural = _("沟通联系")

    def __str__(self) -> str:
        return f"{self.date} {self.get_method_display()}"


def reply_path(instance: Reply, filename: str) -> str:
    # The stored name is not the uploaded one: nothing a user types ends up in a path.
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    return f"replies/{instance.proposal.year}/{instance.proposal_id}-{instance.round}-{stamp}.pdf"


class Reply(models.Model):
    """答复: the signed reply letter of a 主办 (or 分办) unit, with its 答复类别; round 2 after 重新办理."""

    class Category(models.TextChoices):
        A = "A", _("A 所提问题已经解决或基本解决")
        B = "B", _("B 正在解决或已列入计划逐步解决")
        C = "C", _("C 因条件限制或其他原因需要以后解决")
        D = "D", _("D 留作参考")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="replies")
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="replies")
    round = models.PositiveSmallIntegerField(_("答复轮次"), default=1)
    category = models.CharField(_("答复类别"), max_length=1, choices=Category.choices)
    replied_on = models.DateField(_("答复日期"), validators=[past_work_date])
    summary = models.TextField(_("答复摘要"), blank=True)
    letter = models.FileField(_("答复函"), storage=private_storage, upload_to=reply_path)
    letter_size = models.PositiveIntegerField(_("文件大小"), default=0)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("答复历史"))

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = _("答复")
        verbose_name_plural = _("答复")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "round"],
                name="reply_once_per_round",
                violation_error_message=_("本轮已经答复过。"),
            ),
            models.CheckConstraint(
                condition=Q(round__in=[1, 2]),
                name="reply_round_1_or_2",
                violation_error_message=_("答复最多两轮。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} · {self.get_category_display()}"


class Rating(models.Model):
    """满意度测评: the lead proposer's and each co-signer's verdict on one reply. A 集体提案's verdict
    is its author body's, recorded by staff: no member."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="ratings")
    member = models.ForeignKey(
        Member,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="proposal_ratings",
        verbose_name=_("测评人"),
    )
    verdict = models.CharField(_("测评结果"), max_length=12, choices=Proposal.Verdict.choices)
    comment = models.TextField(_("意见"), blank=True)
    rated_on = models.DateField(_("测评日期"), validators=[past_work_date])

    history = HistoricalRecords(verbose_name=_("满意度测评历史"))

    class Meta:
        ordering = ["rated_on", "pk"]
        verbose_name = _("满意度测评")
        verbose_name_plural = _("满意度测评")
        constraints = [
            models.UniqueConstraint(
                fields=["reply", "member"],
                name="rating_once_per_member",
                violation_error_message=_("您已对这份答复测评过。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.member or self.reply.proposal.author_name} · {self.get_verdict_display()}"
