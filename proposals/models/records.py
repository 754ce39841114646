"""What members submit: proposals (提案); the units that answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.validators import check_date_order, past_work_date, plausible_year
from members.models import Member, Sector, SpecialCommittee, Term


class HandlingUnit(models.Model):
    """承办单位: a government department or body that answers proposals; several logins per unit."""

    name = models.CharField(_("单位名称"), max_length=100, unique=True)
    contact = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    is_active = models.BooleanField(_("在用"), default=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="handling_units", blank=True, verbose_name=_("登录账号")
    )

    history = HistoricalRecords(verbose_name=_("承办单位历史"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("承办单位")
        verbose_name_plural = _("承办单位")

    def __str__(self) -> str:
        return self.name


class Proposal(models.Model):
    """提案: one lead author (领衔人) and any co-signers (附议人)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已提交")
        RETURNED = "returned", _("退回修改")
        WITHDRAWN = "withdrawn", _("已撤案")
        MERGED = "merged", _("已并案")
        FILED = "filed", _("已立案")
        NOT_FILED = "not_filed", _("不予立案（转意见）")
        ASSIGNED = "assigned", _("已交办")
        ANSWERED = "answered", _("已答复")

    class Category(models.TextChoices):
        ECONOMY = "economy", _("经济建设")
        POLITICS = "politics", _("政治建设")
        CULTURE = "culture", _("文化建设")
        SOCIETY = "society", _("社会建设")
        ECOLOGY = "ecology", _("生态文明建设")
        OTHER = "other", _("其他")

    class Conversion(models.TextChoices):
        OPINION = "opinion", _("转为意见建议")
        SENTIMENT = "sentiment", _("转社情民意")

    class Author(models.TextChoices):
        # 集体提案 come from a 界别, a 专委会 or a 党派/团体 and are entered by staff.
        MEMBER = "member", _("委员个人")
        SECTOR = "sector", _("界别")
        COMMITTEE = "committee", _("专委会")
        GROUP = "group", _("党派团体")

    class Verdict(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        BASIC = "basic", _("基本满意")
        UNSATISFIED = "unsatisfied", _("不满意")

    # The staff's free state changes (the old 录入 path): 提交 → 立案 / 不予立案 → 交办 → 已答复.
    # The member's drafts, review, assignment to units and replies move through their own services.
    TRANSITIONS = {
        Status.DRAFT: (),
        Status.RETURNED: (),
        Status.WITHDRAWN: (),
        Status.MERGED: (),
        Status.SUBMITTED: (Status.FILED, Status.NOT_FILED),
        Status.FILED: (Status.ASSIGNED,),
        Status.ASSIGNED: (Status.ANSWERED,),
        Status.NOT_FILED: (),
        Status.ANSWERED: (),
    }
    # Once filed, a proposal keeps its 立案 entry whatever happens next.
    FILED_STATES = (Status.FILED, Status.ASSIGNED, Status.ANSWERED)
    # The proposer still holds the pen: only the lead edits, invites and submits.
    OPEN_STATES = (Status.DRAFT, Status.RETURNED)

    year = models.PositiveSmallIntegerField(_("年度"), validators=[plausible_year])
    # 提案号 is given when a proposal is submitted; a draft has none yet.
    number = models.PositiveIntegerField(_("提案号"), null=True, blank=True)
    title = models.CharField(_("案由"), max_length=200)
    category = models.CharField(_("类别"), max_length=10, choices=Category.choices, blank=True)
    content = models.TextField(_("案据（情况分析）"), blank=True)
    suggestions = models.TextField(_("建议办法"), blank=True)
    entered_by_staff = models.BooleanField(_("代录"), default=False)
    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("届")
    )
    filed_number = models.PositiveIntegerField(_("立案号"), null=True, blank=True)
    conversion = models.CharField(_("转办方式"), max_length=10, choices=Conversion.choices, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("并入提案"),
    )
    return_note = models.TextField(_("退回修改意见"), blank=True)
    supervisor = models.CharField(_("督办领导"), max_length=100, blank=True)
    supervision_note = models.TextField(_("督办情况"), blank=True)
    verdict = models.CharField(_("测评结果"), max_length=12, choices=Verdict.choices, blank=True)
    # 不满意 sends a reply back once (重新办理); the second reply is final.
    reopened = models.BooleanField(_("重新办理"), default=False)
    author_kind = models.CharField(_("提案者"), max_length=10, choices=Author.choices, default=Author.MEMBER)
    author_sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("提案界别")
    )
    author_committee = models.ForeignKey(
        SpecialCommittee,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("提案专委会"),
    )
    author_group = models.CharField(_("党派团体"), max_length=100, blank=True)
    # A collective proposal has no lead member (and no co-signers): its author is the body above.
    lead = models.ForeignKey(
        Member, models.PROTECT, null=True, blank=True, related_name="led_proposals", verbose_name=_("领衔人")
    )
    cosigners = models.ManyToManyField(
        Member, related_name="cosigned_proposals", blank=True, verbose_name=_("附议人")
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    # A draft carries the day it was started; submitting dates it anew.
    submitted_on = models.DateField(_("提交日期"), validators=[past_work_date])
    decided_on = models.DateField(_("审查日期"), validators=[past_work_date], null=True, blank=True)
    assigned_on = models.DateField(_("交办日期"), validators=[past_work_date], null=True, blank=True)
    answered_on = models.DateField(_("答复日期"), validators=[past_work_date], null=True, blank=True)
    not_filed_reason = models.CharField(_("不予立案理由"), max_length=200, blank=True)
    is_key = models.BooleanField(_("重点提案"), default=False)
    is_excellent = models.BooleanField(_("优秀提案"), default=False)
    handling_unit = models.CharField(_("承办单位"), max_length=100, blank=True)
    answer = models.TextField(_("答复内容"), blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("提案历史"), m2m_fields=[cosigners])

    class Meta:
        ordering = ["-year", "number"]
        verbose_name = _("提案")
        verbose_name_plural = _("提案")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"],
                name="proposal_unique_number",
                violation_error_message=_("本年度已有这个提案号。"),
            ),
            models.UniqueConstraint(
                fields=["term", "year", "filed_number"],
                name="proposal_unique_filed_number",
                violation_error_message=_("本届本年度已有这个立案号。"),
            ),
            models.CheckConstraint(
                condition=Q(author_kind="member", lead__isnull=False)
                | (~Q(author_kind="member") & Q(lead__isnull=True)),
                name="proposal_lead_only_if_individual",
                violation_error_message=_("个人提案须有领衔人，集体提案没有领衔人。"),
            ),
        ]
        indexes = [models.Index(fields=["year", "status"], name="proposal_year_status")]

    def __str__(self) -> str:
        if self.number is None:
            return f"{self.year} {self.title}"
        return f"{self.year}-{self.number:03d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", args=[self.pk])

    def clean(self) -> None:
        check_date_order(self, ["submitted_on", "decided_on", "assigned_on", "answered_on"])

    @property
    def is_filed(self) -> bool:
        return self.status in self.FILED_STATES

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATES

    @property
    def is_collective(self) -> bool:
        return self.author_kind != self.Author.MEMBER

    @property
    def author_name(self) -> str:
        """Who proposes: the lead member, or the 界别, 专委会 or 党派团体 of a 集体提案."""
        author = {
            self.Author.SECTOR: self.author_sector,
            self.Author.COMMITTEE: self.author_committee,
            self.Author.GROUP: self.author_group,
        }.get(self.Author(self.author_kind), self.lead)
        return str(getattr(author, "name", author or ""))

    def next_states(self) -> tuple[str, ...]:
        return self.TRANSITIONS[self.Status(self.status)]
