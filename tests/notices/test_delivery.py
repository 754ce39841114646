"""Delivery you can trust: channels chosen, each sent once, failures recorded and retried, quiet hours."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from notices import services
from notices.channels import ChannelError
from notices.channels.sms import compose, quiet_until
from notices.models import ChannelPreference, Delivery, Notice, NoticeKind
from notices.services import Message, Recipients
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _notify(people, *, kind=NoticeKind.BROADCAST, key="event:1", title="关于召开全体会议的通知"):
    return services.notify(
        kind=kind, key=key, to=Recipients(members=people), message=Message(title, "正文内容")
    )


def test_each_person_gets_the_channels_they_can_receive(email_on, member):
    no_login = MemberFactory(name="李红", user=None)
    no_phone = MemberFactory(name="周明", phone="")
    member.user.email = "wangfang@example.gov.cn"
    member.user.save()
    _notify([member, no_login, no_phone])
    channels = {
        name: set(Delivery.objects.filter(notice__member__name=name).values_list("channel", flat=True))
        for name in ("王芳", "李红", "周明")
    }
    assert channels == {"王芳": {"email", "sms"}, "李红": {"sms"}, "周明": set()}
    assert Notice.objects.get(member=member).user == member.user
    assert Notice.objects.get(member=no_login).user is None


def test_no_email_is_queued_while_no_mail_server_is_set(member):
    member.user.email = "wangfang@example.gov.cn"
    member.user.save()
    _notify([member])
    assert list(Delivery.objects.values_list("channel", flat=True)) == ["sms"]


def test_a_channel_switched_off_is_not_used(email_on, member):
    member.user.email = "wangfang@example.gov.cn"
    member.user.save()
    ChannelPreference.objects.create(
        user=member.user, kind=NoticeKind.BROADCAST, in_app=True, email=True, sms=False
    )
    _notify([member])
    assert list(Delivery.objects.values_list("channel", flat=True)) == ["email"]


def test_a_batch_is_sent_once_however_often_it_runs(email_on, member, other_member, mailoutbox, sms_outbox):
    for person in (member, other_member):
        person.user.email = f"{person.user.username}@example.gov.cn"
        person.user.save()
    ids = _notify([member, other_member])
    first = services.deliver(ids)
    second = services.deliver(ids)
    assert (first.sent, first.failed, second.sent) == (4, 0, 0)
    assert len(mailoutbox) == 2 and len(sms_outbox) == 2
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert _notify([member, other_member]) == [], "the same event reaches nobody twice"


def test_email_has_a_chinese_subject_text_and_html_with_a_link(email_on, member, mailoutbox):
    member.user.email = "wangfang@example.gov.cn"
    member.user.save()
    [pk] = _notify([member])
    services.deliver([pk])
    [mail] = mailoutbox
    assert mail.subject == "【政协履职管理】关于召开全体会议的通知" and mail.to == ["wangfang@example.gov.cn"]
    assert "王芳，您好" in mail.body and "正文内容" in mail.body
    assert f"https://zx.example.gov.cn/notices/{pk}/" in mail.body
    html, mimetype = mail.alternatives[0]
    assert (
        mimetype == "text/html"
        and "正文内容" in html
        and f'href="https://zx.example.gov.cn/notices/{pk}/"' in html
    )


def test_an_sms_carries_the_name_and_title_only_within_the_length_limit(settings):
    settings.SMS_TEMPLATE_IDS = {"meeting": "T001", "default": "T009"}
    long_title = "会议通知：" + "关于推动装备制造和新材料重点产业链高质量发展的专题协商会" * 3
    message = compose(kind="meeting", phone="13900000001", name="王芳", title=long_title)
    assert len(message.text) <= settings.SMS_MAX_CHARS and message.text.startswith("王芳，您好：会议通知")
    assert message.params["title"].endswith("…") and message.template == "T001"
    assert compose(kind="duty", phone="1", name="王芳", title="x").template == "T009"


def test_a_failure_is_recorded_with_its_reason_and_tried_again_later(member, monkeypatch, settings):
    settings.NOTICE_RETRY_SECONDS = 60
    ids = _notify([member])

    def refuse(self, message):
        raise ChannelError("短信网关无法连接：timed out")

    monkeypatch.setattr("notices.channels.sms.MemoryBackend.send", refuse)
    now = timezone.now()
    run = services.deliver(ids, now=now)
    delivery = Delivery.objects.get()
    assert (run.failed, delivery.status, delivery.attempts) == (1, "failed", 1)
    assert delivery.error == "短信网关无法连接：timed out"
    assert delivery.due_at == run.next_due and 59 <= (delivery.due_at - now).total_seconds() <= 61
    assert services.deliver(ids, now=now).failed == 0, "not before its time"
    later = delivery.due_at + dt.timedelta(seconds=1)
    services.deliver(ids, now=later)
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and 119 <= (delivery.due_at - later).total_seconds() <= 121, (
        "backoff doubles"
    )
    monkeypatch.undo()
    settings.SMS_BACKEND = "notices.channels.sms.MemoryBackend"
    assert services.deliver(ids, now=delivery.due_at).sent == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.error, delivery.due_at) == ("sent", "", None)


def test_a_refusal_that_would_only_repeat_is_not_tried_again(member, monkeypatch):
    ids = _notify([member])
    monkeypatch.setattr(
        "notices.channels.sms.MemoryBackend.send",
        lambda self, m: (_ for _ in ()).throw(ChannelError("短信网关返回 HTTP 400。", permanent=True)),
    )
    run = services.deliver(ids)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.due_at, run.next_due) == ("failed", None, None)


def test_after_the_last_attempt_a_delivery_stays_failed(member, monkeypatch, settings):
    settings.NOTICE_MAX_ATTEMPTS = 2
    ids = _notify([member])
    monkeypatch.setattr(
        "notices.channels.sms.MemoryBackend.send", lambda self, m: (_ for _ in ()).throw(ChannelError("down"))
    )
    now = timezone.now()
    services.deliver(ids, now=now)
    services.deliver(ids, now=now + dt.timedelta(hours=1))
    delivery = Delivery.objects.get()
    assert (delivery.attempts, delivery.status, delivery.due_at) == (2, "failed", None)


def test_sms_waits_out_the_quiet_hours(settings, email_on, member, mailoutbox, sms_outbox):
    settings.SMS_QUIET_HOURS = "22-7"
    member.user.email = "wangfang@example.gov.cn"
    member.user.save()
    ids = _notify([member])
    night = dt.datetime(2024, 5, 20, 23, 30, tzinfo=SHANGHAI)
    run = services.deliver(ids, now=night)
    assert run.sent == 1 and len(mailoutbox) == 1 and sms_outbox == [], "email goes; SMS waits"
    assert run.next_due == dt.datetime(2024, 5, 21, 7, 0, tzinfo=SHANGHAI)
    assert services.deliver(ids, now=dt.datetime(2024, 5, 21, 6, 59, tzinfo=SHANGHAI)).sent == 0
    assert services.deliver(ids, now=dt.datetime(2024, 5, 21, 7, 0, tzinfo=SHANGHAI)).sent == 1
    assert len(sms_outbox) == 1


@pytest.mark.parametrize(
    ("hours", "time", "until"),
    [
        ("22-7", (23, 0), (1, 7)),
        ("22-7", (3, 0), (0, 7)),
        ("22-7", (12, 0), None),
        ("12-14", (13, 0), (0, 14)),
        ("", (23, 0), None),
    ],
)
def test_quiet_hours_may_span_midnight(settings, hours, time, until):
    settings.SMS_QUIET_HOURS = hours
    now = dt.datetime(2024, 5, 20, *time, tzinfo=SHANGHAI)
    expected = None if until is None else dt.datetime(2024, 5, 20 + until[0], until[1], tzinfo=SHANGHAI)
    assert quiet_until(now) == expected


def test_the_sweep_sends_what_no_task_will_and_gives_up_on_what_a_lost_worker_left(member, other_member):
    ids = _notify([member, other_member])
    now = timezone.now()
    assert services.deliveries_due(now=now) == [], "fresh deliveries belong to their own task"
    later = now + dt.timedelta(minutes=5)
    assert services.deliveries_due(now=later) == sorted(ids)
    Delivery.objects.filter(notice_id=ids[0]).update(status="sending", updated_at=now - dt.timedelta(hours=1))
    assert services.deliveries_due(now=later) == [ids[1]]
    stuck = Delivery.objects.get(notice_id=ids[0])
    assert stuck.status == "failed" and "中断" in stuck.error


def test_staff_see_every_delivery_with_its_state_and_reason(
    staff_client, member, leader_client, member_client
):
    _notify([member])
    Delivery.objects.update(status="failed", error="短信网关返回 HTTP 400。", attempts=1)
    response = staff_client.get(reverse("notices:deliveries"), {"status": "failed"})
    assert [d.notice.member for d in response.context["list"].page] == [member]
    assert "短信网关返回 HTTP 400" in response.content.decode()
    assert leader_client.get(reverse("notices:deliveries")).status_code == 200
    assert member_client.get(reverse("notices:deliveries")).status_code == 403
