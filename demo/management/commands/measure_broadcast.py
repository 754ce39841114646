"""Time a broadcast to every serving member as staff send it: the request that queues it (time and
queries) and the worker that fans it out and sends it (counts per channel and state).

Run it on the demo database with a broker and a worker, e.g.
    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 manage.py measure_broadcast
It publishes real broadcasts (titled 测量…): one to a single member to warm the process, then the
measured one to every serving member.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from members.models import Member
from notices.models import Broadcast, Delivery


class Command(BaseCommand):
    help = "Queue a broadcast to all serving members through the page and report what the worker did."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--staff", default="staff", help="the staff account that sends it")
        parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for the worker")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.CELERY_BROKER_URL:
            raise CommandError("Set CELERY_BROKER_URL and start a worker: without one the request sends it.")
        client = Client(SERVER_NAME=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "127.0.0.1")
        client.force_login(get_user_model().objects.get(username=options["staff"]))
        # A warm process, as a server's is: one small broadcast first loads the code and opens the broker.
        first = Member.objects.filter(status=Member.Status.ACTIVE).values_list("pk", flat=True).first()
        client.post(
            "/notices/broadcasts/new/",
            {"title": "测量（预热）", "body": "—", "audience": "hand", "members": [first]},
        )
        data = {
            "title": f"测量：致全体委员的通知 {time.strftime('%H%M%S')}",
            "body": "请于月底前报送。",
            "audience": "all",
        }
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.post("/notices/broadcasts/new/", data)
            queued = time.perf_counter() - started
        if response.status_code != 302:
            raise CommandError(f"the page answered {response.status_code}")
        broadcast = Broadcast.objects.get(title=data["title"])
        serving = Member.objects.filter(status=Member.Status.ACTIVE).count()
        self.stdout.write(
            f"{serving} serving members; queued in {queued * 1000:.1f} ms and {len(queries)} queries"
        )
        deliveries = Delivery.objects.filter(notice__broadcast=broadcast)
        deadline = time.monotonic() + options["timeout"]
        while True:
            broadcast.refresh_from_db()
            done = broadcast.status == Broadcast.Status.PUBLISHED and deliveries.exists()
            if done and not deliveries.filter(status__in=("queued", "sending")).exists():
                break
            if time.monotonic() > deadline:
                raise CommandError("the worker did not finish in time: is one running on this queue?")
            time.sleep(0.2)
        last = deliveries.order_by("-sent_at").values_list("sent_at", flat=True).first()
        took = (last - broadcast.created_at).total_seconds() if last else 0
        self.stdout.write(f"{broadcast.recipients} notices; last delivery {took:.2f} s after the request")
        for channel, status, n in (
            deliveries.values_list("channel", "status").annotate(n=Count("pk")).order_by()
        ):
            self.stdout.write(f"  {channel} {status}: {n}")
        self.stdout.write(f"  tried more than once: {deliveries.filter(attempts__gt=1).count()}")
