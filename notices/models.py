"""Notices (消息) to one person, how each went out by email and SMS, broadcasts (通知公告) with their
attachments, channel choices, and members' replies (回执) to meeting notices.

A notice is keyed by the event that caused it: one recipient never holds two notices of one event, so
a second click or a redelivered task adds nothing. A delivery is one channel of one notice, recorded
from queued to sent or failed (with the reason), at most one per notice and channel.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc.storage import private_storage


class NoticeKind(models.TextChoices):
    MEETING = "meeting", _("会议通知")
    LEAVE = "leave", _("请假审批")
    REVIEW = "review", _("填报审核")
    DISPUTE = "dispute", _("异议处理")
    EVALUATION = "evaluation", _("年度考评")
    DUTY = "duty", _("履职提醒")
    BROADCAST = "broadcast", _("通知公告")
    PROPOSAL = "proposal", _("提案办理")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("站内消息")
    EMAIL = "email", _("邮件")
    SMS = "sms", _("短信")


# What a person gets until they choose otherwise: SMS only for what needs doing soon or reaches everyone.
DEFAULT_CHANNELS: dict[str, frozenset[str]] = {
    kind: frozenset({Channel.IN_APP, Channel.EMAIL})
    | ({Channel.SMS} if kind in (NoticeKind.MEETING, NoticeKind.DUTY, NoticeKind.BROADCAST) else set())
    for kind in NoticeKind.values
}
# A meeting notice carries the reply form: it always reaches the inbox.
ALWAYS_IN_APP = frozenset({NoticeKind.MEETING})


class Broadcast(models.Model):
    """通知公告: staff write one notice to a group; each recipient gets it as a notice of their own."""

    class Audience(models.TextChoices):
        ALL = "all", _("全体在任委员")
        STANDING = "standing", _("全体常委")
        COMMITTEE = "committee", _("一个专委会的委员")
        SECTOR = "sector", _("一个界别的委员")
        HAND = "hand", _("逐个选择")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("待发布")
        PUBLISHED = "published", _("已发布")

    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("发布人"),
    )
    audience = models.CharField(_("发送范围"), max_length=12, choices=Audience.choices, default=Audience.ALL)
    committee = models.ForeignKey(
        "members.SpecialCommittee", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sector = models.ForeignKey(
        "members.Sector", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    members = models.ManyToManyField("members.Member", blank=True, related_name="+")
    publish_at = models.DateTimeField(_("发布时间"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    published_at = models.DateTimeField(_("实际发布时间"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("接收人数"), default=0)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("通知公告")
        verbose_name_plural = _("通知公告")
        indexes = [models.Index(fields=["status", "publish_at"], name="broadcast_due")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("notices:broadcast", args=[self.pk])


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is not the uploaded one: nothing a user types ends up in a path.
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    return f"notices/{timezone.localdate():%Y}/{stamp}.{instance.kind}"


class Attachment(models.Model):
    """A file sent with a broadcast, or a meeting's papers (会议材料) shown in its meeting notice."""

    broadcast = models.ForeignKey(
        Broadcast, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    meeting = models.ForeignKey(
        "consultations.Meeting", on_delete=models.CASCADE, null=True, blank=True, related_name="papers"
    )
    file = models.FileField(_("文件"), storage=private_storage, upload_to=attachment_path)
    name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(_("文件类型"), max_length=8)
    size = models.PositiveIntegerField(_("文件大小"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        constraints = [
            models.CheckConstraint(
                condition=Q(broadcast__isnull=True) ^ Q(meeting__isnull=True), name="attachment_one_owner"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Notice(models.Model):
    """消息: one notice to one person (a member, with or without a login, or any other user)."""

    kind = models.CharField(_("类别"), max_length=20, choices=NoticeKind.choices)
    # The event that caused it, e.g. "meeting:12" or "leave:40:approved".
    key = models.CharField(max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    title = models.CharField(_("标题"), max_length=200)
    # Empty for a broadcast: its text is read from the broadcast, not copied to every recipient.
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    meeting = models.ForeignKey(
        "consultations.Meeting", on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    broadcast = models.ForeignKey(
        Broadcast, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    in_app = models.BooleanField(_("站内消息"), default=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "member"], condition=Q(member__isnull=False), name="notice_once_per_member"
            ),
            models.UniqueConstraint(
                fields=["key", "user"], condition=Q(member__isnull=True), name="notice_once_per_user"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(member__isnull=False), name="notice_has_recipient"
            ),
        ]
        indexes = [
            # The bell on every page counts these.
            models.Index(
                fields=["user"], condition=Q(read_at__isnull=True, in_app=True), name="notice_unread"
            ),
            models.Index(fields=["user", "-created_at"], name="notice_inbox"),
            models.Index(fields=["key"], name="notice_key"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("notices:detail", args=[self.pk])

    @property
    def text(self) -> str:
        return self.broadcast.body if self.broadcast_id and self.broadcast else self.body


class Delivery(models.Model):
    """One notice sent by one channel other than the inbox: queued → sending → sent, or failed with why."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        SENDING = "sending", _("发送中")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("失败")

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    error = models.CharField(_("失败原因"), max_length=300, blank=True)
    # Not before this time: quiet hours for SMS, or the next try after a failure (none: no more tries).
    due_at = models.DateTimeField(_("下次发送时间"), null=True, blank=True)
    # The run that took it for sending; two runs never take the same delivery.
    claim = models.CharField(max_length=32, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("发送记录")
        verbose_name_plural = _("发送记录")
        constraints = [
            models.UniqueConstraint(fields=["notice", "channel"], name="delivery_once_per_channel")
        ]
        indexes = [
            models.Index(fields=["status", "due_at"], name="delivery_due"),
            models.Index(fields=["claim"], name="delivery_claim", condition=~Q(claim="")),
        ]

    def __str__(self) -> str:
        return f"{self.notice} {self.get_channel_display()} {self.get_status_display()}"


class ChannelPreference(models.Model):
    """A person's choice of channels for one kind of notice (no row: the defaults)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类别"), max_length=20, choices=NoticeKind.choices)
    in_app = models.BooleanField(_("站内消息"), default=True)
    email = models.BooleanField(_("邮件"), default=True)
    sms = models.BooleanField(_("短信"), default=False)

    class Meta:
        verbose_name = _("接收方式")
        verbose_name_plural = _("接收方式")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_unique_kind")]

    def __str__(self) -> str:
        return f"{self.user} {self.get_kind_display()}"

    def channels(self) -> frozenset[str]:
        chosen = {Channel.IN_APP: self.in_app, Channel.EMAIL: self.email, Channel.SMS: self.sms}
        return frozenset(channel for channel, on in chosen.items() if on)


class MeetingReply(models.Model):
    """回执: a member invited by a meeting notice answers 参加 or 请假 (the 请假 is a LeaveRequest)."""

    class Answer(models.TextChoices):
        NONE = "", _("未回执")
        ATTEND = "attend", _("参加")
        LEAVE = "leave", _("请假")

    meeting = models.ForeignKey("consultations.Meeting", on_delete=models.CASCADE, related_name="replies")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="meeting_replies")
    answer = models.CharField(_("回执"), max_length=10, choices=Answer.choices, blank=True, default="")
    answered_at = models.DateTimeField(_("回执时间"), null=True, blank=True)
    leave_request = models.ForeignKey(
        "consultations.LeaveRequest", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notified_at = models.DateTimeField(_("通知时间"), default=timezone.now)

    class Meta:
        verbose_name = _("会议回执")
        verbose_name_plural = _("会议回执")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="reply_once_per_member")]

    def __str__(self) -> str:
        return f"{self.meeting} {self.member} {self.get_answer_display()}"


class ReplyState(models.TextChoices):
    """Where a member's answer to a meeting notice stands, as staff read it on the lists."""

    NONE = "none", _("未回执")
    ATTEND = "attend", _("参加")
    LEAVE_PENDING = "leave_pending", _("请假待批")
    LEAVE_APPROVED = "leave_approved", _("已准假")
    LEAVE_REFUSED = "leave_refused", _("请假未准")


def reply_state(reply: MeetingReply | None, leave: Any) -> ReplyState:
    """The latest word wins: a leave request (whatever page it came from) unless the member answered
    参加 after asking it; a refused leave counts until the member answers again."""
    if leave is not None and not (
        reply is not None
        and reply.answer == MeetingReply.Answer.ATTEND
        and reply.answered_at is not None
        and reply.answered_at > leave.requested_at
    ):
        return {
            "pending": ReplyState.LEAVE_PENDING,
            "approved": ReplyState.LEAVE_APPROVED,
        }.get(leave.status, ReplyState.LEAVE_REFUSED)
    if reply is not None and reply.answer == MeetingReply.Answer.ATTEND:
        return ReplyState.ATTEND
    return ReplyState.NONE
