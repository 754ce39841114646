from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.storage import private_storage
from cppcc.validators import birth_date, work_date

from ..validators import normalize_name, validate_id_number, validate_phone


class Term(models.Model):
    """届: a five-year term of the committee, e.g. 第六届."""

    number = models.PositiveSmallIntegerField(_("届次"), unique=True)
    name = models.CharField(_("名称"), max_length=20, unique=True)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    is_current = models.BooleanField(_("本届"), default=False)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("届")
        verbose_name_plural = _("届")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="one_current_term",
                violation_error_message=_("只能有一届设为本届。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    """界别: the constituency a member represents."""

    name = models.CharField(_("名称"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("界别")
        verbose_name_plural = _("界别")

    def __str__(self) -> str:
        return self.name


class SpecialCommittee(models.Model):
    """专门委员会 (专委会)."""

    name = models.CharField(_("名称"), max_length=60, unique=True)
    short_name = models.CharField(_("简称"), max_length=20, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("专委会")
        verbose_name_plural = _("专委会")

    def __str__(self) -> str:
        return self.name


class LiaisonGroup(models.Model):
    """联络组: the township group through which members keep in touch with their area."""

    name = models.CharField(_("名称"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("联络组")
        verbose_name_plural = _("联络组")

    def __str__(self) -> str:
        return self.name


def photo_path(instance: Member, filename: str) -> str:
    # The stored name is not the uploaded one: nothing a user types ends up in a path.
    return f"photos/{instance.pk or 'new'}-{secrets.token_hex(6)}.jpg"


class Member(models.Model):
    """委员: one member of the committee, with the login account they use (if any)."""

    class Gender(models.TextChoices):
        MALE = "M", _("男")
        FEMALE = "F", _("女")

    class Status(models.TextChoices):
        ACTIVE = "active", _("在任")
        INACTIVE = "inactive", _("已停止履职")

    class Joined(models.TextChoices):
        ELECTED = "elected", _("换届产生")
        BY_ELECTION = "by_election", _("补选")

    class Education(models.TextChoices):
        DOCTORATE = "doctorate", _("博士研究生")
        MASTERS = "masters", _("硕士研究生")
        BACHELOR = "bachelor", _("大学本科")
        COLLEGE = "college", _("大学专科")
        SECONDARY = "secondary", _("中专或高中")
        OTHER = "other", _("初中及以下")

    class Office(models.TextChoices):
        CHAIR = "chair", _("主席")
        VICE_CHAIR = "vice_chair", _("副主席")
        SECRETARY_GENERAL = "secretary_general", _("秘书长")
        STANDING = "standing", _("常委")
        MEMBER = "member", _("委员")

    # Every office but 委员 sits on the standing committee.
    STANDING_OFFICES = (Office.CHAIR, Office.VICE_CHAIR, Office.SECRETARY_GENERAL, Office.STANDING)

    class Left(models.TextChoices):
        RESIGNED = "resigned", _("辞去")
        REMOVED = "removed", _("撤销")
        TERM_ENDED = "term_ended", _("届满")
        OTHER = "other", _("其他")

    name = models.CharField(_("姓名"), max_length=40)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(_("民族"), max_length=20, blank=True)
    party = models.CharField(
        _("党派"),
        max_length=20,
        blank=True,
        help_text=_("政治面貌，如中共党员、民盟盟员、无党派人士、群众。"),
    )
    birth_date = models.DateField(_("出生日期"), validators=[birth_date], null=True, blank=True)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True, validators=[validate_id_number])
    phone = models.CharField(_("手机号"), max_length=11, blank=True, validators=[validate_phone])
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="members", verbose_name=_("届别"))
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="members", verbose_name=_("界别")
    )
    committee = models.ForeignKey(
        SpecialCommittee,
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
        verbose_name=_("专委会"),
    )
    is_standing = models.BooleanField(_("常委"), default=False)
    office = models.CharField(_("政协职务"), max_length=20, choices=Office.choices, default=Office.MEMBER)
    education = models.CharField(_("学历"), max_length=12, choices=Education.choices, blank=True)
    professional_title = models.CharField(_("职称"), max_length=40, blank=True)
    liaison_group = models.ForeignKey(
        LiaisonGroup,
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
        verbose_name=_("联络组"),
    )
    photo = models.ImageField(
        _("照片"),
        storage=private_storage,
        upload_to=photo_path,
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    employer = models.CharField(_("工作单位"), max_length=100, blank=True)
    position = models.CharField(_("职务"), max_length=100, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    # 任职起止: a year's evaluation covers exactly the members who served in it.
    joined_on = models.DateField(
        _("任职日期"),
        validators=[work_date],
        help_text=_("换届产生的委员为本届开始日期；补选的委员为补选日期。"),
    )
    joined_how = models.CharField(
        _("任职方式"), max_length=12, choices=Joined.choices, default=Joined.ELECTED
    )
    left_on = models.DateField(_("停止履职日期"), validators=[work_date], null=True, blank=True)
    left_how = models.CharField(_("停止履职方式"), max_length=12, choices=Left.choices, blank=True)
    left_reason = models.CharField(_("停止履职说明"), max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
        verbose_name=_("登录账号"),
    )
    notes = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords(verbose_name=_("委员历史"))

    class Meta:
        ordering = ["-is_standing", "sector__order", "name", "pk"]
        verbose_name = _("委员")
        verbose_name_plural = _("委员")
        constraints = [
            # Blank means "not recorded yet"; a recorded number belongs to one member only.
            models.UniqueConstraint(
                fields=["id_number"],
                condition=~Q(id_number=""),
                name="member_unique_id_number",
                violation_error_message=_("该身份证号已属于另一位委员。"),
            ),
            models.UniqueConstraint(
                fields=["phone"],
                condition=~Q(phone=""),
                name="member_unique_phone",
                violation_error_message=_("该手机号已属于另一位委员。"),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "term"], name="member_status_term"),
            models.Index(fields=["name"], name="member_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def clean(self) -> None:
        self.name = normalize_name(self.name)
        # 主席, 副主席, 秘书长 and 常委 are standing committee members; the flag follows the office.
        if self.office in self.STANDING_OFFICES:
            self.is_standing = True
        elif self.is_standing:
            self.office = self.Office.STANDING
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("停止履职日期不能早于任职日期。")})

    def served_days(self, year: int) -> int:
        """Days of `year` this member served (the day they joined and the day they left count)."""
        return served_days(self.joined_on, self.left_on, year)


def served_days(joined_on: dt.date | None, left_on: dt.date | None, year: int) -> int:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    start = max(joined_on or first, first)
    end = min(left_on or last, last)
    return max((end - start).days + 1, 0)


def days_in_year(year: int) -> int:
    return (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
