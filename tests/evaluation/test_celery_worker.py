"""The rollup through a real Celery worker process on a real Redis (CI starts both)."""

from __future__ import annotations

import os
import time

import pytest
from django.urls import reverse

from evaluation import services as evaluation_services
from evaluation.models import AnnualEvaluation, EvaluationRun
from members.kinds import ActivityKind as K
from tests.factories import EntryFactory, MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker(start_worker):
    return start_worker()


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
