"""A broadcast to 250 members through a real Celery worker on Redis, by email (to a real SMTP server)
and SMS (to a local HTTP gateway), exactly once although every task is delivered twice."""

from __future__ import annotations

import time
from collections import Counter

import pytest
import redis
from django.urls import reverse

from cppcc.celery import app
from notices import tasks
from notices.models import Broadcast, Delivery, Notice
from tests.conftest import REDIS_URL
from tests.factories import MemberFactory, UserFactory

from .conftest import free_port, sms_gateway, smtp_server

pytestmark = pytest.mark.django_db(transaction=True)
MEMBERS = 250


def _wait(condition, worker, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.terminate()
            output = worker.communicate(timeout=10)[0].decode(errors="replace")
            pytest.fail(f"waiting for {what}; the worker said:\n{output[-3000:]}")
        time.sleep(0.3)


def _queue_drained() -> bool:
    broker = redis.Redis.from_url(REDIS_URL)
    # Unacknowledged messages (taken but not finished: acks_late) sit in kombu's "unacked" hash.
    return broker.llen(app.conf.task_default_queue) == 0 and broker.hlen("unacked") == 0


def test_a_real_worker_delivers_a_broadcast_to_250_members_exactly_once_when_tasks_come_twice(
    start_worker, staff_client, settings
):
    for n in range(MEMBERS):
        user = UserFactory(username=f"m{n:03d}", email=f"m{n:03d}@zx.example.gov.cn")
        MemberFactory(user=user, phone=f"1390000{n:04d}")
    port = free_port()
    # The web process decides the channels when it queues: email is on because a server is set.
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.NOTICE_BATCH_SIZE = "127.0.0.1", port, 100
    with smtp_server(port) as mailbox, sms_gateway() as (gateway, url):
        # Two processes take tasks at once, so a task and its second delivery can run side by side.
        worker = start_worker(
            concurrency=2,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(port),
            SMS_BACKEND="notices.channels.sms.HttpGatewayBackend",
            SMS_GATEWAY_URL=url,
            SMS_QUIET_HOURS="",
            NOTICE_BATCH_SIZE="100",
        )
        response = staff_client.post(
            reverse("notices:broadcast_create"),
            {"title": "关于报送年度履职情况的通知", "body": "请于月底前报送。", "audience": "all"},
        )
        assert response.status_code == 302
        broadcast = Broadcast.objects.get()
        tasks.publish_broadcast.apply_async(args=(broadcast.pk,))  # the fan-out task, delivered again

        notices = Notice.objects.filter(broadcast=broadcast)
        _wait(lambda: notices.count() == MEMBERS, worker, "the broadcast to fan out")
        ids = sorted(notices.values_list("pk", flat=True))
        for start in range(0, MEMBERS, 100):  # every delivery task, delivered again while the first runs
            tasks.deliver_notices.apply_async(args=(ids[start : start + 100],))
        everything = Delivery.objects.filter(notice__broadcast=broadcast)
        _wait(lambda: everything.filter(status="sent").count() == 2 * MEMBERS, worker, "every delivery sent")
        _wait(_queue_drained, worker, "the queue to drain")

    broadcast.refresh_from_db()
    assert (broadcast.status, broadcast.recipients, len(ids)) == ("published", MEMBERS, MEMBERS)
    assert sorted(Counter(mailbox.recipients).values()) == [1] * MEMBERS, "one email each"
    assert sorted(Counter(r["mobile"] for r in gateway.requests).values()) == [1] * MEMBERS, "one SMS each"
    counts = Counter(everything.values_list("channel", "status", "attempts"))
    assert counts == {("email", "sent", 1): MEMBERS, ("sms", "sent", 1): MEMBERS}
    assert mailbox.subject(mailbox.messages[0]) == "【政协履职管理】关于报送年度履职情况的通知"
