"""A database made while 社情民意 lived in the proposals app migrates forward with every row in place.

proposals/0005 renames the tables; sentiments/0001 takes the state up and moves the content type rows,
so the dossier entries (generic references) and the history still find their report.
"""

from __future__ import annotations

import datetime as dt

import pytest

BEFORE = [("proposals", "0004_sentiment_suggestion")]
AFTER = [("sentiments", "0001_moved_from_proposals")]


def _old_report(get):
    term = get("members", "Term").objects.create(
        number=6, name="第六届", start_date=dt.date(2021, 12, 20), is_current=True
    )
    sector = get("members", "Sector").objects.create(name="经济界")
    author = get("members", "Member").objects.create(
        name="王芳", term=term, sector=sector, joined_on=term.start_date
    )
    report = get("proposals", "SentimentReport").objects.create(
        year=2023,
        title="小区电动自行车充电难",
        content="充电桩不足",
        suggestion="增设充电桩",
        reported_on=dt.date(2023, 3, 1),
        adoption_level="city",
        adopted_on=dt.date(2023, 3, 20),
        adopted_by="郑州市政协",
    )
    report.authors.add(author)
    return author, report


@pytest.mark.django_db(transaction=True)
def test_moving_sentiments_to_their_app_keeps_rows_history_and_references(migrator):
    old = migrator.apply_initial_migration(BEFORE)
    get = old.apps.get_model
    author, report = _old_report(get)
    history = get("proposals", "HistoricalSentimentReport").objects.create(
        id=report.pk,
        year=2023,
        title=report.title,
        reported_on=report.reported_on,
        adoption_level="city",
        adopted_on=report.adopted_on,
        history_date=dt.datetime(2023, 3, 20, tzinfo=dt.UTC),
        history_type="~",
        created_at=dt.datetime(2023, 3, 1, tzinfo=dt.UTC),
    )
    get("proposals", "HistoricalSentimentReport_authors").objects.create(
        id=1, history=history, sentimentreport=report, member=author
    )
    ContentType = get("contenttypes", "ContentType")
    report_type = ContentType.objects.create(app_label="proposals", model="sentimentreport")
    get("members", "DossierEntry").objects.create(
        member=author,
        year=2023,
        date=dt.date(2023, 3, 1),
        kind="sentiment_reported",
        title=report.title,
        source_type=report_type,
        source_id=report.pk,
    )

    new = migrator.apply_tested_migration(AFTER)
    get = new.apps.get_model
    moved = get("sentiments", "SentimentReport").objects.get()
    assert (moved.pk, moved.title, moved.suggestion, moved.adoption_level, moved.adopted_by) == (
        report.pk,
        "小区电动自行车充电难",
        "增设充电桩",
        "city",
        "郑州市政协",
    )
    assert list(moved.authors.values_list("pk", flat=True)) == [author.pk]
    old_history = get("sentiments", "HistoricalSentimentReport").objects.get()
    assert (old_history.history_id, old_history.id, old_history.history_type) == (history.pk, report.pk, "~")
    through = get("sentiments", "HistoricalSentimentReport_authors").objects.get()
    assert (through.history_id, through.member_id) == (history.pk, author.pk)

    ContentType = get("contenttypes", "ContentType")
    assert ContentType.objects.get(pk=report_type.pk).app_label == "sentiments"
    assert not ContentType.objects.filter(app_label="proposals", model="sentimentreport").exists()
    entry = get("members", "DossierEntry").objects.get()
    assert (entry.source_type.app_label, entry.source_id) == ("sentiments", report.pk)


@pytest.mark.django_db(transaction=True)
def test_the_sentiments_move_can_be_reversed_with_its_rows(migrator):
    new = migrator.apply_initial_migration(AFTER)
    get = new.apps.get_model
    term = get("members", "Term").objects.create(number=6, name="第六届", start_date=dt.date(2021, 12, 20))
    sector = get("members", "Sector").objects.create(name="经济界")
    author = get("members", "Member").objects.create(
        name="王芳", term=term, sector=sector, joined_on=term.start_date
    )
    report = get("sentiments", "SentimentReport").objects.create(
        year=2023, title="农村饮水安全", reported_on=dt.date(2023, 4, 1)
    )
    report.authors.add(author)
    get("contenttypes", "ContentType").objects.create(app_label="sentiments", model="sentimentreport")

    old = migrator.apply_tested_migration(BEFORE)
    get = old.apps.get_model
    back = get("proposals", "SentimentReport").objects.get()
    assert (back.title, list(back.authors.values_list("pk", flat=True))) == ("农村饮水安全", [author.pk])
    assert (
        get("contenttypes", "ContentType")
        .objects.filter(app_label="proposals", model="sentimentreport")
        .exists()
    )


@pytest.mark.django_db(transaction=True)
def test_the_single_adoption_and_instruction_become_records_and_the_entry_follows(migrator):
    old = migrator.apply_initial_migration([("sentiments", "0002_levels_forwardings_instructions")])
    get = old.apps.get_model
    term = get("members", "Term").objects.create(number=6, name="第六届", start_date=dt.date(2021, 12, 20))
    sector = get("members", "Sector").objects.create(name="经济界")
    author = get("members", "Member").objects.create(
        name="王芳", term=term, sector=sector, joined_on=term.start_date
    )
    Report = get("sentiments", "SentimentReport")
    adopted = Report.objects.create(
        year=2023,
        title="小区充电难",
        reported_on=dt.date(2023, 3, 1),
        adoption_level="province",
        adopted_on=dt.date(2023, 3, 20),
        adopted_by="河南省政协",
        instruction_by="省领导",
        instruction_level="province",
        instruction_on=dt.date(2023, 3, 28),
        instruction_content="请研究",
    )
    adopted.authors.add(author)
    Report.objects.create(year=2023, title="未采用", reported_on=dt.date(2023, 3, 2))
    ContentType = get("contenttypes", "ContentType")
    report_type = ContentType.objects.get_or_create(app_label="sentiments", model="sentimentreport")[0]
    get("members", "DossierEntry").objects.create(
        member=author,
        year=2023,
        date=dt.date(2023, 3, 28),
        kind="sentiment_instructed",
        title=adopted.title,
        source_type=report_type,
        source_id=adopted.pk,
    )

    new = migrator.apply_tested_migration([("sentiments", "0004_drop_single_adoption_and_instruction")])
    get = new.apps.get_model
    assert list(
        get("sentiments", "SentimentLevel").objects.order_by("order").values_list("name", "tier")
    ) == [
        ("本级", "local"),
        ("上级市", "city"),
        ("省", "province"),
        ("全国", "national"),
    ]
    (record,) = get("sentiments", "SentimentForwarding").objects.all()
    assert (record.report_id, record.action, record.level.tier, record.date, record.body) == (
        adopted.pk,
        "adopted",
        "province",
        dt.date(2023, 3, 20),
        "河南省政协",
    )
    (instruction,) = get("sentiments", "SentimentInstruction").objects.all()
    assert (instruction.leader, instruction.level.tier, instruction.date, instruction.content) == (
        "省领导",
        "province",
        dt.date(2023, 3, 28),
        "请研究",
    )
    entry = get("members", "DossierEntry").objects.get()
    assert (entry.source_type.model, entry.source_id) == ("sentimentinstruction", instruction.pk)
