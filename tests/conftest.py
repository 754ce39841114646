"""The fixed cast every test can call on: staff, leader, member, other_member, unit_user (a login of
the handling unit 市住房和城乡建设局), anonymous."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import Client

from cppcc import access

from .factories import MemberFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_and_plain(settings, tmp_path):
    # A cheap hasher keeps logins fast; plain static storage needs no collectstatic manifest.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "cppcc.passwords.InitialPasswordHasher",
    ]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Uploaded files go to a directory of the test's own, never into var/.
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


_DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _shipped_rows(request):
    """The meeting kinds and 社情民意 levels their migrations install. A transactional test (browser, real worker) empties
    every table when it ends, so the next test on that database would find none; put them back."""
    if request.node.get_closest_marker("django_db") is None and not _DB_FIXTURES & set(request.fixturenames):
        return
    request.getfixturevalue("_django_db_helper")
    from consultations.kinds import install_default_kinds
    from consultations.models import MeetingKind
    from sentiments.services import install_default_levels

    install_default_kinds(MeetingKind)
    install_default_levels()


@pytest.fixture
def staff(db):
    return UserFactory(username="staff", first_name="刘敏", role=access.STAFF_GROUP)


@pytest.fixture
def leader(db):
    return UserFactory(username="leader", first_name="陈建国", role=access.LEADER_GROUP)


@pytest.fixture
def member(db):
    """A member record with a linked login in the 委员 group."""
    user = UserFactory(username="member", first_name="王芳", role=access.MEMBER_GROUP)
    return MemberFactory(name="王芳", user=user)


@pytest.fixture
def other_member(db):
    user = UserFactory(username="other", first_name="赵强", role=access.MEMBER_GROUP)
    return MemberFactory(name="赵强", user=user)


@pytest.fixture
def handling_unit(db):
    from proposals.models import HandlingUnit

    return HandlingUnit.objects.get_or_create(name="市住房和城乡建设局")[0]


@pytest.fixture
def other_unit(db):
    from proposals.models import HandlingUnit

    return HandlingUnit.objects.get_or_create(name="市教育局")[0]


@pytest.fixture
def unit_user(handling_unit):
    """A login of the handling unit 市住房和城乡建设局, in the 承办单位 group."""
    user = UserFactory(username="unit", first_name="住建局办公室", role=access.UNIT_GROUP)
    handling_unit.users.add(user)
    return user


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def staff_client(staff) -> Client:
    return _client(staff)


@pytest.fixture
def leader_client(leader) -> Client:
    return _client(leader)


@pytest.fixture
def member_client(member) -> Client:
    return _client(member.user)


@pytest.fixture
def unit_client(unit_user) -> Client:
    return _client(unit_user)


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    broker = settings.CELERY_BROKER_URL or "none (tasks run inline)"
    return [f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}", f"celery broker: {broker}"]


@pytest.fixture
def use_broker():
    """Point the Celery app at a real broker for one test, then back to running tasks inline.

    Celery keeps a producer pool bound to the broker it first connected to, so the pool is dropped
    both ways; otherwise a message could go to whatever broker an earlier test left behind. Kombu's
    own registry of pools (by broker URL) is cleared too: a later test on the same URL would otherwise
    be handed the pool an earlier one closed.
    """
    from kombu import pools

    from cppcc.celery import app

    def _reset_pool():
        if app._pool is not None:
            app._pool.force_close_all()
            app._pool = None
        app.amqp._producer_pool = None
        pools.reset()

    def switch(url: str) -> None:
        _reset_pool()
        app.conf.update(task_always_eager=False, broker_url=url)

    yield switch
    _reset_pool()
    app.conf.update(task_always_eager=True, broker_url=None)


@pytest.fixture
def targets(member, other_member, staff):
    """The access matrix's object builder, for tests that walk every URL."""
    from tests.cppcc.test_access_matrix import build_targets

    return build_targets(member, other_member, staff)


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_up() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.exceptions.ConnectionError:
        return False


def _database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def start_worker(use_broker: Callable[[str], None]) -> Iterator[Callable[..., subprocess.Popen]]:
    """Start a real Celery worker process on Redis (`TEST_REDIS_URL`), reading the test's database and
    taking only a queue of the test's own (`app.conf.task_default_queue` while the test runs), so
    workers of other runs never take its tasks. Keyword arguments become the worker's environment."""
    from django.conf import settings

    from cppcc.celery import app

    if not _redis_up():
        message = f"Redis is not reachable at {REDIS_URL}"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: CI must start it (.ci/run)")
        pytest.skip(f"{message}; start redis-server to run this test")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    use_broker(REDIS_URL)
    app.conf.task_default_queue = queue
    started: list[subprocess.Popen] = []

    def start(*, concurrency: int = 1, **environment: str) -> subprocess.Popen:
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": REDIS_URL,
            "CELERY_QUEUE": queue,
            "DJANGO_SETTINGS_MODULE": "cppcc.settings",
            **environment,
        }
        pool = ["--pool=solo"] if concurrency == 1 else ["--pool=prefork", f"--concurrency={concurrency}"]
        command = [sys.executable, "-m", "celery", "-A", "cppcc", "worker", *pool, "-Q", queue]
        command += ["-l", "warning", "--without-heartbeat", "--without-mingle", "--without-gossip"]
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        started.append(process)
        return process

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    app.conf.task_default_queue = settings.CELERY_TASK_DEFAULT_QUEUE
