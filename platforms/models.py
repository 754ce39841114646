"""Consultation platforms ("有事好商量") from the city down to villages and enterprise rooms, and the
consultations held on them with their follow-up."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.validators import past_work_date, work_date
from members.models import Member


class Township(models.Model):
    """乡镇（街道）: the unit the coverage view counts platforms by."""

    class Kind(models.TextChoices):
        TOWNSHIP = "township", _("乡")
        TOWN = "town", _("镇")
        STREET = "street", _("街道")

    name = models.CharField(_("名称"), max_length=40, unique=True)
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices, default=Kind.TOWN)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("乡镇（街道）")
        verbose_name_plural = _("乡镇（街道）")

    def __str__(self) -> str:
        return self.name


class Platform(models.Model):
    class Level(models.TextChoices):
        CITY = "city", _("市级")
        TOWNSHIP = "township", _("乡镇（街道）级")
        VILLAGE = "village", _("村（社区）级")
        ENTERPRISE = "enterprise", _("企业协商议事室")

    class Mode(models.TextChoices):
        FIXED = "fixed", _("固定")
        MOBILE = "mobile", _("流动")
        BOTH = "both", _("固定+流动")

    # Which level may hang under which: villages and enterprise rooms under their township's platform.
    PARENT_LEVEL = {
        Level.CITY: None,
        Level.TOWNSHIP: Level.CITY,
        Level.VILLAGE: Level.TOWNSHIP,
        Level.ENTERPRISE: Level.TOWNSHIP,
    }

    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级平台"),
    )
    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="platforms",
        verbose_name=_("所在乡镇（街道）"),
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    founded_on = models.DateField(_("建立日期"), validators=[work_date], null=True, blank=True)
    mode = models.CharField(_("形式"), max_length=10, choices=Mode.choices, default=Mode.FIXED)
    convenor = models.CharField(_("召集人"), max_length=60, blank=True)
    liaisons = models.ManyToManyField(
        Member, blank=True, related_name="liaison_platforms", verbose_name=_("联系委员")
    )
    is_active = models.BooleanField(_("运行中"), default=True)
    closed_on = models.DateField(_("停用日期"), validators=[work_date], null=True, blank=True)

    history = HistoricalRecords(verbose_name=_("协商议事平台历史"), m2m_fields=[liaisons])

    class Meta:
        ordering = ["township__order", "level", "name"]
        verbose_name = _("协商议事平台")
        verbose_name_plural = _("协商议事平台")
        constraints = [
            models.UniqueConstraint(
                fields=["name"], name="platform_unique_name", violation_error_message=_("已有同名平台。")
            )
        ]
        indexes = [models.Index(fields=["level", "township"], name="platform_level_township")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("platforms:detail", args=[self.pk])

    def clean(self) -> None:
        expected = self.PARENT_LEVEL.get(self.Level(self.level)) if self.level else None
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": _("平台不能以自己为上级。")})
            ancestor, seen = self.parent, set()
            while ancestor is not None:
                if ancestor.pk == self.pk or ancestor.pk in seen:
                    raise ValidationError({"parent": _("上级平台不能是本平台的下级，否则形成循环。")})
                seen.add(ancestor.pk)
                ancestor = ancestor.parent
            parent = self.parent
            if expected is None or parent is None or parent.level != expected:
                raise ValidationError(
                    {
                        "parent": _("%(level)s不能设在%(parent)s之下。")
                        % {
                            "level": self.get_level_display(),
                            "parent": parent.get_level_display() if parent else "",
                        }
                    }
                )
        elif self.level in (self.Level.VILLAGE, self.Level.ENTERPRISE):
            raise ValidationError(
                {"parent": _("村（社区）平台和企业协商议事室须设在所在乡镇（街道）平台之下。")}
            )
        if self.level == self.Level.CITY:
            self.township = None
        elif self.level in (self.Level.VILLAGE, self.Level.ENTERPRISE) and self.parent is not None:
            self.township = self.parent.township
        if self.level != self.Level.CITY and self.township_id is None:
            raise ValidationError({"township": _("请选择所在乡镇（街道）。")})


class PlatformSession(models.Model):
    """协商活动: one consultation held on a platform, and what became of its outcome."""

    class Setting(models.TextChoices):
        STREET = "street", _("街区协商")
        PARK = "park", _("园区协商")
        WORKSHOP = "workshop", _("车间协商")
        FIELD = "field", _("田间协商")
        OTHER = "other", _("其他")

    class FollowUp(models.TextChoices):
        PENDING = "pending", _("待办")
        IN_PROGRESS = "in_progress", _("办理中")
        DONE = "done", _("已办结")

    FOLLOW_UP_NEXT = {
        FollowUp.PENDING: (FollowUp.IN_PROGRESS, FollowUp.DONE),
        FollowUp.IN_PROGRESS: (FollowUp.DONE,),
        FollowUp.DONE: (),
    }

    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("平台")
    )
    date = models.DateField(_("日期"), validators=[past_work_date])
    topic = models.CharField(_("协商议题"), max_length=200)
    setting = models.CharField(_("协商形式"), max_length=10, choices=Setting.choices, default=Setting.STREET)
    members = models.ManyToManyField(
        Member, blank=True, related_name="platform_sessions", verbose_name=_("参加委员")
    )
    residents = models.PositiveIntegerField(_("参加群众人数"), default=0)
    departments = models.CharField(_("参加部门"), max_length=200, blank=True)
    agreed = models.TextField(_("协商结果"), blank=True)
    follow_up = models.CharField(
        _("办理落实"), max_length=12, choices=FollowUp.choices, default=FollowUp.PENDING
    )
    follow_up_due = models.DateField(_("办结时限"), validators=[work_date], null=True, blank=True)
    follow_up_done_on = models.DateField(_("办结日期"), validators=[past_work_date], null=True, blank=True)
    follow_up_notes = models.TextField(_("办理情况"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("协商活动历史"), m2m_fields=[members])

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("协商活动")
        verbose_name_plural = _("协商活动")
        indexes = [
            models.Index(fields=["date"], name="session_date"),
            models.Index(fields=["follow_up", "follow_up_due"], name="session_follow_up"),
        ]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("platforms:session", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        # "Today" is the committee's day (Asia/Shanghai), not the server's UTC date.
        return (
            self.follow_up != self.FollowUp.DONE
            and self.follow_up_due is not None
            and self.follow_up_due < timezone.localdate()
        )
