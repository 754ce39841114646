"""Email through Django's SMTP backend to a real SMTP server (aiosmtpd) that the test starts."""

from __future__ import annotations

import pytest

from notices import services, tasks
from notices.models import Delivery, NoticeKind
from notices.services import Message, Recipients

from .conftest import free_port, smtp_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 5
    settings.SITE_URL = "https://zx.example.gov.cn"
    settings.DEFAULT_FROM_EMAIL = "政协办公室 <office@zx.example.gov.cn>"
    return settings


def _to_two_members(member, other_member):
    for person, address in (
        (member, "wangfang@zx.example.gov.cn"),
        (other_member, "zhaoqiang@zx.example.gov.cn"),
    ):
        person.user.email = address
        person.user.save()
    return services.notify(
        kind=NoticeKind.MEETING,
        key="meeting:smtp",
        to=Recipients(members=[member, other_member]),
        message=Message("会议通知：六届八次常委会会议", "时间：2024-05-20 09:00\n地点：市政协三楼会议室"),
    )


def test_email_reaches_a_real_smtp_server_with_a_chinese_subject_and_text(smtp, member, other_member):
    ids = _to_two_members(member, other_member)
    with smtp_server(smtp.EMAIL_PORT) as mailbox:
        run = services.deliver(ids)
    assert run.sent == 4  # two emails, two SMS
    assert sorted(mailbox.recipients) == ["wangfang@zx.example.gov.cn", "zhaoqiang@zx.example.gov.cn"]
    first = next(m for m in mailbox.messages if m["To"] == "wangfang@zx.example.gov.cn")
    assert mailbox.subject(first) == "【政协履职管理】会议通知：六届八次常委会会议"
    assert first["From"] == "政协办公室 <office@zx.example.gov.cn>"
    text = first.get_body(("plain",)).get_content()
    html = first.get_body(("html",)).get_content()
    assert "王芳，您好" in text and "地点：市政协三楼会议室" in text
    assert "地点：市政协三楼会议室" in html and "https://zx.example.gov.cn/notices/" in html
    assert set(Delivery.objects.filter(channel="email").values_list("status", flat=True)) == {"sent"}


def test_a_refused_connection_leaves_the_delivery_failed_with_the_reason_and_retried(
    smtp, member, other_member, monkeypatch
):
    ids = _to_two_members(member, other_member)
    retries = []
    monkeypatch.setattr(tasks.deliver_notices, "apply_async", lambda **kw: retries.append(kw))
    result = tasks.deliver_notices(ids)  # nothing listens on the port: the connection is refused
    assert result == {"sent": 2, "failed": 2}
    failed = Delivery.objects.filter(channel="email")
    assert {(d.status, d.attempts) for d in failed} == {("failed", 1)}
    assert all("邮件服务器无法连接" in d.error and "refused" in d.error for d in failed)
    [retry] = retries
    assert retry["args"] == (ids,) and 55 <= retry["countdown"] <= 61, "tried again after the backoff"

    with smtp_server(smtp.EMAIL_PORT) as mailbox:
        run = services.deliver(ids, now=failed.first().due_at)
    assert run.sent == 2 and len(mailbox.messages) == 2
    assert {(d.status, d.attempts, d.error) for d in failed.all()} == {("sent", 2, "")}
