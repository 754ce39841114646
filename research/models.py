"""The annual research plan: topics, who takes part, the report each produces and leaders' instructions."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.storage import private_storage
from cppcc.validators import past_work_date, plausible_year, work_date
from members.kinds import AdoptionLevel
from members.models import Member, SpecialCommittee


class ResearchTopic(models.Model):
    """调研课题: taken by a leader of the party group (领题领导) and an office (委室 or 专委会)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("立项")
        RESEARCHING = "researching", _("调研中")
        REPORTED = "reported", _("形成报告")
        SUBMITTED = "submitted", _("已报送")
        INSTRUCTED = "instructed", _("已批示")
        CLOSED = "closed", _("结题")

    TRANSITIONS = {
        Status.PLANNED: (Status.RESEARCHING,),
        Status.RESEARCHING: (Status.REPORTED,),
        Status.REPORTED: (Status.SUBMITTED,),
        Status.SUBMITTED: (Status.INSTRUCTED, Status.CLOSED),
        Status.INSTRUCTED: (Status.CLOSED,),
        Status.CLOSED: (),
    }
    # Before a report exists a topic can fall behind its plan.
    OPEN_STATES = (Status.PLANNED, Status.RESEARCHING)

    year = models.PositiveSmallIntegerField(_("年度"), validators=[plausible_year])
    title = models.CharField(_("课题名称"), max_length=200)
    leader = models.CharField(
        _("领题领导"), max_length=60, help_text=_("党组成员姓名及职务，例如：主席 王某某")
    )
    committee = models.ForeignKey(
        SpecialCommittee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="research_topics",
        verbose_name=_("牵头专委会"),
    )
    office = models.CharField(_("牵头委室"), max_length=60, blank=True)
    description = models.TextField(_("调研内容"), blank=True)
    planned_start = models.DateField(_("计划开始"), validators=[work_date])
    planned_end = models.DateField(_("计划完成"), validators=[work_date])
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("调研课题历史"))

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("调研课题")
        verbose_name_plural = _("调研课题")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "title"],
                name="topic_unique_title",
                violation_error_message=_("本年度已有同名课题。"),
            ),
            models.CheckConstraint(
                condition=models.Q(planned_end__gte=models.F("planned_start")),
                name="topic_ends_after_start",
                violation_error_message=_("计划完成日期不能早于计划开始日期。"),
            ),
        ]
        indexes = [models.Index(fields=["year", "status"], name="topic_year_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("research:detail", args=[self.pk])

    @property
    def owner(self) -> str:
        """The office that takes the topic, as the plan names it."""
        return self.committee.name if self.committee is not None else self.office

    @property
    def is_overdue(self) -> bool:
        return self.status in self.OPEN_STATES and self.planned_end < timezone.localdate()

    def next_states(self) -> tuple[str, ...]:
        return self.TRANSITIONS[self.Status(self.status)]


class Participant(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("牵头")
        AUTHOR = "author", _("执笔")
        MEMBER = "member", _("参加")

    topic = models.ForeignKey(ResearchTopic, on_delete=models.CASCADE, related_name="participants")
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="research_roles", verbose_name=_("委员")
    )
    role = models.CharField(_("分工"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["topic", "role", "member__name"]
        verbose_name = _("课题组成员")
        verbose_name_plural = _("课题组成员")
        constraints = [models.UniqueConstraint(fields=["topic", "member"], name="participant_unique_member")]

    def __str__(self) -> str:
        return f"{self.topic} {self.member} {self.get_role_display()}"


def report_path(instance: ResearchReport, filename: str) -> str:
    # The stored name is not the uploaded one: nothing a user types ends up in a path.
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    return f"research/{instance.topic.year}/{instance.topic_id}-{stamp}.{instance.file_kind}"


class ResearchReport(models.Model):
    """调研报告: the file a topic produced and to whom it was submitted."""

    topic = models.OneToOneField(ResearchTopic, on_delete=models.CASCADE, related_name="report")
    title = models.CharField(_("报告标题"), max_length=200)
    summary = models.TextField(_("内容摘要"), blank=True)
    file = models.FileField(_("报告文件"), storage=private_storage, upload_to=report_path, blank=True)
    file_name = models.CharField(_("原文件名"), max_length=200, blank=True)
    file_kind = models.CharField(_("文件类型"), max_length=8, blank=True)
    file_size = models.PositiveIntegerField(_("文件大小"), default=0)
    completed_on = models.DateField(_("形成日期"), validators=[past_work_date])
    submitted_to = models.CharField(_("报送对象"), max_length=200, blank=True)
    submitted_on = models.DateField(_("报送日期"), validators=[past_work_date], null=True, blank=True)

    history = HistoricalRecords(verbose_name=_("调研报告历史"))

    class Meta:
        verbose_name = _("调研报告")
        verbose_name_plural = _("调研报告")

    def __str__(self) -> str:
        return self.title


class ReportInstruction(models.Model):
    """批示 on a research report, and what became of it (交办 and result)."""

    class FollowUp(models.TextChoices):
        PENDING = "pending", _("待办")
        IN_PROGRESS = "in_progress", _("办理中")
        DONE = "done", _("已办结")

    # Set for the topic page, never stored: this instruction's follow-up form, open after an error.
    follow_up_form: Any
    open_form: bool

    report = models.ForeignKey(ResearchReport, on_delete=models.CASCADE, related_name="instructions")
    leader = models.CharField(_("批示领导"), max_length=100)
    level = models.CharField(
        _("批示级别"), max_length=10, choices=AdoptionLevel.choices, default=AdoptionLevel.CITY
    )
    date = models.DateField(_("批示日期"), validators=[past_work_date])
    content = models.TextField(_("批示内容"))
    assigned_to = models.CharField(_("交办部门"), max_length=200, blank=True)
    follow_up = models.CharField(
        _("办理情况"), max_length=12, choices=FollowUp.choices, default=FollowUp.PENDING
    )
    result = models.TextField(_("办理结果"), blank=True)

    history = HistoricalRecords(verbose_name=_("批示历史"))

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("调研报告批示")
        verbose_name_plural = _("调研报告批示")

    def __str__(self) -> str:
        return f"{self.leader} {self.date}"
