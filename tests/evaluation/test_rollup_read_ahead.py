"""The rollup reads the next chunks of members on connections of their own while it scores
(PostgreSQL, outside a caller's transaction): the rows must be those of a plain serial run, a
failure in a reader must reach the rollup, and inside an outer transaction nothing is read ahead."""

from __future__ import annotations

import threading

import pytest
from django.db import transaction

from evaluation import services as evaluation_services
from evaluation.models import AnnualEvaluation
from evaluation.services import rollup_input
from members.kinds import ActivityKind as K
from tests.factories import CommitteeFactory, EntryFactory, MemberFactory, SectorFactory


@pytest.fixture
def committee(transactional_db):
    evaluation_services.scheme_create_default(year=2023)
    sectors = [SectorFactory(name=f"界别{i}") for i in range(3)]
    committees = [CommitteeFactory(name=f"专委会{i}") for i in range(2)]
    kinds = [K.ATTEND_PLENARY, K.SPEECH_ORAL, K.VISIT, K.SENTIMENT_REPORTED, K.ABSENCE]
    for i in range(11):
        member = MemberFactory(
            name=f"委员{i:02d}",
            sector=sectors[i % 3],
            committee=committees[i % 2] if i % 4 else None,
            is_standing=i % 5 == 0,
        )
        for j, kind in enumerate(kinds):
            EntryFactory.create_batch((i * (j + 1)) % 4, member=member, kind=kind)
        EntryFactory(member=member, kind=K.PROPOSAL_LEAD, role="lead")


def _rows():
    return sorted(
        AnnualEvaluation.objects.filter(year=2023).values_list(
            "member__name", "total", "grade", "rank", "rank_in_sector", "rank_in_committee", "duties_met"
        )
    )


def _read_by_threads(monkeypatch) -> list[str]:
    """Chunks of 2 members, read ahead by two readers; the names of the threads that read them."""
    monkeypatch.setattr(rollup_input, "CHUNK", 2)
    monkeypatch.setattr(rollup_input, "READERS", 2)
    monkeypatch.setattr("evaluation.services.rollup.read_ahead_possible", lambda: True)
    readers: list[str] = []
    chunk = rollup_input._chunk

    def recording(*args, **kwargs):
        readers.append(threading.current_thread().name)
        return chunk(*args, **kwargs)

    monkeypatch.setattr(rollup_input, "_chunk", recording)
    return readers


def test_read_ahead_gives_the_rows_of_a_serial_run(committee, monkeypatch):
    evaluation_services.evaluation_compute(2023)
    serial = _rows()
    assert len(serial) == 11
    AnnualEvaluation.objects.all().delete()
    readers = _read_by_threads(monkeypatch)
    result = evaluation_services.evaluation_compute(2023)
    assert result.members == 11
    assert _rows() == serial
    # Six chunks of at most two members, each read on one of the two reader threads.
    assert len(readers) == 6
    assert {name.rsplit("-", 1)[0] for name in readers} == {"rollup-read-2023"}
    assert len(set(readers)) == 2
    # A re-run with nothing changed reads ahead too and changes nothing.
    evaluation_services.evaluation_compute(2023)
    assert _rows() == serial


def test_a_reader_that_fails_fails_the_rollup_and_writes_nothing(committee, monkeypatch):
    _read_by_threads(monkeypatch)
    calls = 0
    chunk = rollup_input._chunk

    def third_fails(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("数据库连接中断")
        return chunk(*args, **kwargs)

    monkeypatch.setattr(rollup_input, "_chunk", third_fails)
    with pytest.raises(RuntimeError, match="数据库连接中断"):
        evaluation_services.evaluation_compute(2023)
    assert not AnnualEvaluation.objects.exists()  # the chunks written before it are rolled back
    assert not [t for t in threading.enumerate() if t.name.startswith("rollup-read-")]


def test_nothing_is_read_ahead_inside_a_callers_transaction(committee):
    with transaction.atomic():
        assert not rollup_input.read_ahead_possible()
        EntryFactory(member=MemberFactory(name="新委员"), kind=K.VISIT)
        evaluation_services.evaluation_compute(2023)  # sees the entry its caller just wrote
        assert AnnualEvaluation.objects.filter(member__name="新委员").exists()
