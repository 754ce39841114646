"""Meetings and activities with a sign-in sheet, what consultations produced, and leaders' instructions."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.numerals import chinese_number
from cppcc.validators import past_work_date, work_date
from members.kinds import ActivityKind, AdoptionLevel
from members.models import Member, SpecialCommittee, Term


class MeetingKind(models.Model):
    """A kind of meeting or activity, as data: staff add the kinds their committee holds, and each
    says whether it is numbered within the term and which dossier activity (and so points) it gives."""

    class Group(models.TextChoices):
        MEETING = "meeting", _("会议")
        CONSULTATION = "consultation", _("协商")
        INSPECTION = "inspection", _("视察调研")
        TRAINING = "training", _("学习培训")
        ACTIVITY = "activity", _("活动")

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=40, unique=True)
    group = models.CharField(_("归类"), max_length=15, choices=Group.choices)
    numbered = models.BooleanField(
        _("届内编号"), default=False, help_text=_("如全体会议、常委会会议：名称按届次生成，如“六届八次”。")
    )
    activity_kind = models.CharField(
        _("计入履职档案的类别"),
        max_length=40,
        choices=ActivityKind.choices,
        help_text=_("出席这类会议活动在履职档案中记为哪一类，按该类的积分规则计分。"),
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    history = HistoricalRecords(verbose_name=_("会议类型历史"))

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("会议活动类型")
        verbose_name_plural = _("会议活动类型")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        # The shipped kinds' names are in the catalogue, so an English page says "Plenary session";
        # a kind staff added reads as they wrote it.
        return gettext(self.name)


class MeetingManager(models.Manager["Meeting"]):
    def get_queryset(self) -> models.QuerySet[Meeting]:
        # Every title names the kind ("六届八次常委会会议", "学习：…"): read it with the meeting.
        return super().get_queryset().select_related("kind")


class Meeting(models.Model):
    # Keyed by the kind's code, so the stored value reads as it always did ("plenary", "study").
    kind = models.ForeignKey(
        MeetingKind,
        on_delete=models.PROTECT,
        to_field="code",
        db_column="kind",
        related_name="meetings",
        verbose_name=_("类型"),
    )
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("届别"))
    number = models.PositiveSmallIntegerField(
        _("届内次数"), null=True, blank=True, help_text=_("全体会议和常委会会议在本届内的次数。")
    )
    title = models.CharField(
        _("名称"), max_length=200, blank=True, help_text=_("全体会议和常委会会议可不填，系统按届次生成。")
    )
    topic = models.CharField(_("议题"), max_length=200, blank=True)
    is_topical = models.BooleanField(
        _("专题议政性"), default=False, help_text=_("常委会会议围绕一个专题协商议政。")
    )
    start_date = models.DateField(_("开始日期"), validators=[work_date])
    end_date = models.DateField(
        _("结束日期"),
        validators=[work_date],
        null=True,
        blank=True,
        help_text=_("多日活动（如培训班）填写。"),
    )
    start_time = models.TimeField(_("开始时间"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    organiser_committee = models.ForeignKey(
        SpecialCommittee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("承办专委会"),
    )
    organiser_office = models.CharField(_("承办委室"), max_length=60, blank=True)
    description = models.TextField(_("说明"), blank=True)
    # Bumped by every sheet save: a second clerk saving a stale copy of the sheet is told, not silently applied.
    sheet_version = models.PositiveIntegerField(default=0, editable=False)
    # QR self check-in (扫码签到): open between these two moments; a scan after `late_after` is 迟到.
    # The key signs the codes the screen shows; a new key each time check-in opens retires old codes.
    checkin_opens_at = models.DateTimeField(_("签到开始"), null=True, blank=True, editable=False)
    checkin_closes_at = models.DateTimeField(_("签到截止"), null=True, blank=True, editable=False)
    late_after = models.DateTimeField(_("迟到时间"), null=True, blank=True, editable=False)
    checkin_key = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("会议活动历史"))

    objects = MeetingManager()

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("会议活动")
        verbose_name_plural = _("会议活动")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "kind", "number"],
                condition=Q(number__isnull=False),
                name="meeting_unique_number_in_term",
                violation_error_message=_("本届已有这一次会议。"),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="meeting_ends_after_start",
                violation_error_message=_("结束日期不能早于开始日期。"),
            ),
        ]
        indexes = [
            models.Index(fields=["start_date"], name="meeting_start"),
            models.Index(fields=["kind", "start_date"], name="meeting_kind_start"),
        ]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", args=[self.pk])

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        kind = self.kind.label if self.kind_id else ""
        if self.kind_id and self.kind.numbered and self.number:
            term = chinese_number(self.term.number) if self.term_id else ""
            return f"{term}届{chinese_number(self.number)}次{kind}"
        return f"{kind}：{self.topic}" if self.topic else kind

    def get_kind_display(self) -> str:
        return self.kind.label if self.kind_id else ""

    @property
    def last_day(self):
        return self.end_date or self.start_date


class Attendance(models.Model):
    """One line of a sign-in sheet: an invited member and what became of the invitation."""

    class Status(models.TextChoices):
        UNMARKED = "unmarked", _("未签到")
        PRESENT = "present", _("出席")
        LEAVE = "leave", _("请假")
        ABSENT = "absent", _("缺席")

    class Speech(models.TextChoices):
        NONE = "", _("无")
        ORAL = "oral", _("大会发言")
        WRITTEN = "written", _("书面发言")

    # Set for the page, never stored: the member's latest leave request ("my meetings"), and on a
    # sign-in sheet sent back to the clerk, whether the row is the clerk's own change, to be removed,
    # and what someone else changed it to meanwhile.
    leave_request: LeaveRequest | None
    mine: bool
    remove: bool
    theirs: Any
    # On the sheet: the member's answer to the meeting notice (回执), if they were sent one.
    reply: Any

    class Role(models.TextChoices):
        MEMBER = "member", _("应出席")
        OBSERVER = "observer", _("列席")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("委员")
    )
    # 列席: attends without a vote. Not counted in the meeting's attendance rate; attending gives the
    # meeting's dossier entry, staying away is no leave and no absence (they were not summoned).
    role = models.CharField(_("身份"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("签到"), max_length=10, choices=Status.choices, default=Status.UNMARKED)
    leave_reason = models.CharField(_("请假事由"), max_length=200, blank=True)
    speech = models.CharField(_("发言"), max_length=10, choices=Speech.choices, blank=True, default="")
    # Set when the member signed in by scanning the meeting's QR code (never by a clerk's mark).
    checked_in_at = models.DateTimeField(_("扫码签到时间"), null=True, blank=True)
    late = models.BooleanField(_("迟到"), default=False)

    class Meta:
        ordering = ["meeting", "member"]
        verbose_name = _("签到")
        verbose_name_plural = _("签到")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique_member")]
        indexes = [models.Index(fields=["member", "status"], name="attendance_member_status")]

    def __str__(self) -> str:
        return f"{self.meeting} {self.member} {self.get_status_display()}"


class LeaveRequest(models.Model):
    """A member asks, usually from a phone, to be excused from a meeting."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已准假")
        REFUSED = "refused", _("不予准假")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="leave_requests")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="leave_requests")
    reason = models.CharField(_("请假事由"), max_length=200)
    status = models.CharField(_("审批状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    note = models.CharField(_("审批意见"), max_length=200, blank=True)
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("请假申请")
        verbose_name_plural = _("请假申请")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(status="pending"),
                name="one_pending_leave_request",
                violation_error_message=_("这次会议的请假申请正在审批中。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.meeting}"


class ConsultationOutcome(models.Model):
    """协商成果: what a consultation recommended and to whom it went."""

    # Set for the meeting page, never stored: the 批示 form under this outcome, open after an error.
    instruction_form: Any
    open_form: bool

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    title = models.CharField(_("成果名称"), max_length=200)
    content = models.TextField(_("意见建议"))
    sent_to = models.CharField(_("报送对象"), max_length=200, blank=True)
    sent_on = models.DateField(_("报送日期"), validators=[past_work_date], null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("协商成果历史"))

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("协商成果")
        verbose_name_plural = _("协商成果")

    def __str__(self) -> str:
        return self.title


class OutcomeInstruction(models.Model):
    """批示: a leader's written instruction on a consultation outcome."""

    outcome = models.ForeignKey(ConsultationOutcome, on_delete=models.CASCADE, related_name="instructions")
    leader = models.CharField(_("批示领导"), max_length=100)
    level = models.CharField(
        _("批示级别"), max_length=10, choices=AdoptionLevel.choices, default=AdoptionLevel.CITY
    )
    date = models.DateField(_("批示日期"), validators=[past_work_date])
    content = models.TextField(_("批示内容"))

    history = HistoricalRecords(verbose_name=_("批示历史"))

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("批示")
        verbose_name_plural = _("批示")

    def __str__(self) -> str:
        return f"{self.leader} {self.date}"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The private address of a member's iCal feed; resetting it cuts off every old subscription."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("日历订阅")
        verbose_name_plural = _("日历订阅")

    def __str__(self) -> str:
        return str(self.member)

    def reset(self) -> None:
        self.token = _new_token()


# Participants beyond the invited members' lines, in a module of their own.
from .participants import Guest, Speech  # noqa: E402

__all__ = [
    "Attendance",
    "CalendarFeed",
    "ConsultationOutcome",
    "Guest",
    "LeaveRequest",
    "Meeting",
    "MeetingKind",
    "OutcomeInstruction",
    "Speech",
]
