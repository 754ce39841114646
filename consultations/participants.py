"""Who takes part in a meeting beyond the invited members' sheet lines: participants who are not members
(机关干部, 特邀人员, 部门负责人) and members' speeches submitted for a session (大会发言材料)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member

from .models import Attendance, Meeting


class Guest(models.Model):
    """A participant who is not a member (机关干部, 特邀人员, 部门负责人): on the sheet and counted apart,
    never in any member's dossier."""

    class Category(models.TextChoices):
        STAFF = "staff", _("机关干部")
        INVITED = "invited", _("特邀人员")
        DEPARTMENT = "department", _("部门负责人")
        OTHER = "other", _("其他")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("姓名"), max_length=50)
    unit = models.CharField(_("单位及职务"), max_length=100, blank=True)
    category = models.CharField(_("类别"), max_length=12, choices=Category.choices, default=Category.STAFF)
    present = models.BooleanField(_("已到"), default=False)

    history = HistoricalRecords(verbose_name=_("其他参会人员历史"))

    class Meta:
        ordering = ["category", "pk"]
        verbose_name = _("其他参会人员")
        verbose_name_plural = _("其他参会人员")

    def __str__(self) -> str:
        return self.name


class Speech(models.Model):
    """大会发言材料: a member's speech for a plenary or standing committee session, submitted before it;
    staff mark whether it was delivered orally or taken as written, which scores in the dossier."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speeches")
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="speeches", verbose_name=_("委员")
    )
    title = models.CharField(_("发言题目"), max_length=200)
    text = models.TextField(_("发言内容"), max_length=20000)
    delivered = models.CharField(
        _("采用情况"), max_length=10, choices=Attendance.Speech.choices, blank=True, default=""
    )
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("大会发言材料历史"))

    class Meta:
        ordering = ["meeting", "submitted_at"]
        verbose_name = _("大会发言材料")
        verbose_name_plural = _("大会发言材料")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="speech_one_per_member")]

    def __str__(self) -> str:
        return self.title
