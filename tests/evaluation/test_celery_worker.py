"""The rollup through a real Celery worker process on a real Redis (CI starts both)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from evaluation import services as evaluation_services
from evaluation.models import AnnualEvaluation, EvaluationRun
from members.kinds import ActivityKind as K
from tests.factories import EntryFactory, MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_up() -> bool:
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(use_broker):
    if not _redis_up():
        message = f"Redis is not reachable at {REDIS_URL}"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: CI must start it (.ci/run)")
        pytest.skip(f"{message}; start redis-server to run this test")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    from cppcc.celery import app

    use_broker(REDIS_URL)
    app.conf.task_default_queue = queue
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_QUEUE": queue,
        "DJANGO_SETTINGS_MODULE": "cppcc.settings",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cppcc",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "-l",
            "warning",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        app.conf.task_default_queue = settings.CELERY_TASK_DEFAULT_QUEUE


def test_a_real_worker_evaluates_the_year_staff_asked_for(worker, staff_client):
    evaluation_services.scheme_create_default(year=2023)
    people = MemberFactory.create_batch(4)
    EntryFactory.create_batch(2, member=people[0], kind=K.SPEECH_ORAL)

    response = staff_client.post(reverse("evaluation:start", args=[2023]), follow=True)
    body = response.content.decode()
    assert "已开始计算" in body or "考评已完成" in body, body[body.find("alert") :][:300]
    run = EvaluationRun.objects.get(year=2023)

    deadline = time.monotonic() + 60
    while run.status in EvaluationRun.ACTIVE and time.monotonic() < deadline and worker.poll() is None:
        time.sleep(0.3)
        run.refresh_from_db()
    if run.status != EvaluationRun.Status.DONE:
        worker.terminate()
        output = worker.communicate(timeout=10)[0].decode(errors="replace")
        pytest.fail(f"the run ended {run.status!r} ({run.error}); worker said:\n{output[-3000:]}")

    host, pid = run.worker.rsplit(":", 1)
    assert int(pid) not in (os.getpid(), 0), "the rollup ran in the worker process, not in the web request"
    assert run.members == 4 and run.seconds is not None
    top = AnnualEvaluation.objects.get(year=2023, rank=1)
    assert top.member == people[0] and top.total == 70
    status = staff_client.get(reverse("evaluation:status", args=[2023])).json()
    assert status["status"] == "done"
