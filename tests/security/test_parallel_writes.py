"""Ten clerks saving at the same moment all get their records saved — on the embedded SQLite
default too (WAL, a busy timeout, write transactions that take the lock when they begin)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import Client
from django.urls import reverse

from sentiments.models import SentimentReport
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_embedded_database_runs_in_wal_mode_with_a_busy_timeout(tmp_path, settings):
    """Checked on a SQLite file of its own, so that the PostgreSQL CI run checks it too."""
    embedded = DatabaseWrapper(
        {
            **connection.settings_dict,
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / "db.sqlite3"),
            "OPTIONS": settings.SQLITE_OPTIONS,
        }
    )
    try:
        with embedded.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] >= 20000
        assert embedded.transaction_mode == "IMMEDIATE"
    finally:
        embedded.close()
    if connection.vendor == "sqlite":
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_ten_parallel_saves_all_succeed(staff):
    author = MemberFactory()
    start = threading.Barrier(10)
    answers: list[int] = []

    def clerk(n: int) -> None:
        client = Client()
        client.force_login(staff)
        start.wait()
        try:
            response = client.post(
                reverse("sentiments:create"),
                {
                    "year": 2023,
                    "title": f"并发报送第{n}篇",
                    "authors": [author.pk],
                    "reported_on": "2023-03-01",
                },
            )
            answers.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers) == [302] * 10
    assert SentimentReport.objects.count() == 10
