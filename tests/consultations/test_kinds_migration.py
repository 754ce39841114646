"""A database with meetings of every old kind migrates to kinds-as-rows with each meeting's kind kept."""

from __future__ import annotations

import datetime as dt

import pytest

BEFORE = ("consultations", "0002_plausible_dates")
AFTER = ("consultations", "0003_meeting_kinds_as_data")


@pytest.mark.django_db(transaction=True)
def test_every_meeting_keeps_its_kind_and_scores_as_before(migrator):
    old = migrator.apply_initial_migration(BEFORE)
    Term = old.apps.get_model("members", "Term")
    Meeting = old.apps.get_model("consultations", "Meeting")
    term = Term.objects.create(number=6, name="第六届", start_date=dt.date(2021, 12, 20), is_current=True)
    held = {
        "plenary": Meeting.objects.create(
            kind="plenary", term=term, number=2, start_date=dt.date(2023, 1, 8)
        ),
        "standing": Meeting.objects.create(
            kind="standing", term=term, number=8, start_date=dt.date(2023, 7, 20)
        ),
        "study": Meeting.objects.create(
            kind="study", term=term, title="学习", start_date=dt.date(2023, 3, 1)
        ),
        "inspection": Meeting.objects.create(kind="inspection", term=term, start_date=dt.date(2023, 5, 9)),
        # A code no release shipped (typed into the database by hand): it becomes a kind of its own.
        "forum": Meeting.objects.create(
            kind="forum", term=term, title="论坛", start_date=dt.date(2023, 6, 1)
        ),
    }

    new = migrator.apply_tested_migration(AFTER)
    Meeting = new.apps.get_model("consultations", "Meeting")
    kinds = {
        m.pk: (m.kind.code, m.kind.group, m.kind.numbered, m.kind.activity_kind)
        for m in Meeting.objects.all()
    }
    assert kinds == {
        held["plenary"].pk: ("plenary", "meeting", True, "attend_plenary"),
        held["standing"].pk: ("standing", "meeting", True, "attend_standing"),
        held["study"].pk: ("study", "training", False, "attend_study"),
        held["inspection"].pk: ("inspection", "inspection", False, "attend_inspection"),
        held["forum"].pk: ("forum", "activity", False, "attend_other"),
    }
    MeetingKind = new.apps.get_model("consultations", "MeetingKind")
    assert {
        "counterpart",
        "sector_consultation",
        "proposal_consultation",
        "committee",
        "sector_activity",
        "democratic_review",
        "studio",
    } <= set(MeetingKind.objects.values_list("code", flat=True))
    assert Meeting.objects.get(pk=held["standing"].pk).number == 8
