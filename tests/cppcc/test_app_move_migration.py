"""A database made before the layout change migrates forward with every row in place.

Proposals, 社情民意, scoring rules, evaluations, runs and awards (and their history) moved from the
members app to proposals/ and evaluation/ by state: members/0005 renames the tables and the new
apps' first migrations move the content type rows. This test builds the old schema, fills it the
way the old code did, migrates and reads everything back through the new models.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

BEFORE = [("members", "0004_default_award_kinds")]
AFTER = [("proposals", "0001_moved_from_members"), ("evaluation", "0001_moved_from_members")]


@pytest.mark.django_db(transaction=True)
def test_moving_the_models_to_their_apps_keeps_every_row_and_every_reference(migrator):
    old = migrator.apply_initial_migration(BEFORE)
    get = old.apps.get_model
    ContentType = get("contenttypes", "ContentType")
    Term, Sector, Member = get("members", "Term"), get("members", "Sector"), get("members", "Member")
    term = Term.objects.create(number=6, name="第六届", start_date=dt.date(2021, 12, 20), is_current=True)
    sector = Sector.objects.create(name="经济界")
    lead = Member.objects.create(name="王芳", term=term, sector=sector)
    cosigner = Member.objects.create(name="赵强", term=term, sector=sector)

    proposal = get("members", "Proposal").objects.create(
        year=2023,
        number=1,
        title="关于加快装备制造产业链发展的建议",
        lead=lead,
        status="filed",
        submitted_on=dt.date(2023, 1, 9),
        decided_on=dt.date(2023, 1, 20),
    )
    proposal.cosigners.add(cosigner)
    get("members", "HistoricalProposal").objects.create(
        id=proposal.pk,
        year=2023,
        number=1,
        title=proposal.title,
        lead=lead,
        status="filed",
        submitted_on=proposal.submitted_on,
        history_date=dt.datetime(2023, 1, 20, tzinfo=dt.UTC),
        history_type="~",
        created_at=dt.datetime(2023, 1, 9, tzinfo=dt.UTC),
    )
    report = get("members", "SentimentReport").objects.create(
        year=2023,
        title="小区电动自行车充电难",
        reported_on=dt.date(2023, 3, 1),
        adoption_level="city",
        adopted_on=dt.date(2023, 3, 20),
    )
    report.authors.add(lead)
    scheme = get("members", "ScoringScheme").objects.create(year=2023, base_score=Decimal(60))
    get("members", "ScoringRule").objects.create(scheme=scheme, kind="proposal_lead", points=Decimal(5))
    get("members", "GradeBand").objects.create(scheme=scheme, name="优秀", min_total=Decimal(90))
    get("members", "CategoryCap").objects.create(scheme=scheme, category="proposal", cap=Decimal(25))
    get("members", "AnnualEvaluation").objects.create(
        year=2023,
        member=lead,
        total=Decimal("68.00"),
        rank=1,
        rank_in_sector=1,
        grade="称职",
        computed_at=dt.datetime(2023, 12, 31, tzinfo=dt.UTC),
    )
    get("members", "EvaluationRun").objects.create(year=2023, status="done", members=2)
    kind = get("members", "AwardKind").objects.get(name="优秀提案领衔人")
    get("members", "Award").objects.create(year=2023, kind=kind, member=lead, status="confirmed")
    # The content types as the old code's post-migrate made them, and the ledger pointing at them.
    proposal_type = ContentType.objects.create(app_label="members", model="proposal")
    report_type = ContentType.objects.create(app_label="members", model="sentimentreport")
    Entry = get("members", "DossierEntry")
    Entry.objects.create(
        member=lead,
        year=2023,
        date=dt.date(2023, 1, 9),
        kind="proposal_lead",
        title="提案",
        source_type=proposal_type,
        source_id=proposal.pk,
    )
    Entry.objects.create(
        member=lead,
        year=2023,
        date=dt.date(2023, 3, 1),
        kind="sentiment_reported",
        title="社情民意",
        source_type=report_type,
        source_id=report.pk,
    )

    new = migrator.apply_tested_migration(AFTER)
    get = new.apps.get_model
    moved = get("proposals", "Proposal").objects.get()
    assert (moved.pk, moved.title, moved.lead_id, moved.status) == (
        proposal.pk,
        proposal.title,
        lead.pk,
        "filed",
    )
    assert list(moved.cosigners.values_list("pk", flat=True)) == [cosigner.pk]
    assert get("proposals", "HistoricalProposal").objects.get().id == proposal.pk
    sentiment = get("proposals", "SentimentReport").objects.get()
    assert (sentiment.pk, sentiment.adoption_level) == (report.pk, "city")
    assert list(sentiment.authors.values_list("pk", flat=True)) == [lead.pk]
    moved_scheme = get("evaluation", "ScoringScheme").objects.get()
    assert moved_scheme.base_score == Decimal(60)
    assert [
        (r.kind, r.points) for r in get("evaluation", "ScoringRule").objects.filter(scheme=moved_scheme)
    ] == [("proposal_lead", Decimal("5.00"))]
    assert get("evaluation", "GradeBand").objects.get().name == "优秀"
    assert get("evaluation", "CategoryCap").objects.get().cap == Decimal(25)
    assert get("evaluation", "AnnualEvaluation").objects.get().total == Decimal("68.00")
    assert get("evaluation", "EvaluationRun").objects.get().members == 2
    assert get("evaluation", "Award").objects.get().kind.name == "优秀提案领衔人"
    assert get("evaluation", "AwardKind").objects.count() == 3

    # The same content type rows now name the new apps, so each entry still finds its source.
    ContentType = get("contenttypes", "ContentType")
    assert ContentType.objects.get(pk=proposal_type.pk).app_label == "proposals"
    assert ContentType.objects.get(pk=report_type.pk).app_label == "proposals"
    assert not ContentType.objects.filter(
        app_label="members", model__in=["proposal", "sentimentreport"]
    ).exists()
    sources = set(get("members", "DossierEntry").objects.values_list("source_type__app_label", "source_id"))
    assert sources == {("proposals", proposal.pk), ("proposals", report.pk)}


@pytest.mark.django_db(transaction=True)
def test_the_move_can_be_reversed_with_its_rows(migrator):
    # From today's schema (every app at its latest migration) back to before the move.
    new = migrator.apply_initial_migration(MigrationLoader(connection).graph.leaf_nodes())
    get = new.apps.get_model
    term = get("members", "Term").objects.create(number=6, name="第六届", start_date=dt.date(2021, 12, 20))
    sector = get("members", "Sector").objects.create(name="经济界")
    lead = get("members", "Member").objects.create(
        name="王芳", term=term, sector=sector, joined_on=term.start_date
    )
    get("proposals", "Proposal").objects.create(
        year=2023, number=7, title="关于完善养老服务体系的建议", lead=lead, submitted_on=dt.date(2023, 1, 9)
    )
    get("evaluation", "ScoringScheme").objects.create(year=2024, base_score=Decimal(70))
    get("contenttypes", "ContentType").objects.create(app_label="proposals", model="proposal")

    old = migrator.apply_tested_migration(BEFORE)
    get = old.apps.get_model
    assert get("members", "Proposal").objects.get().title == "关于完善养老服务体系的建议"
    assert get("members", "ScoringScheme").objects.get().base_score == Decimal(70)
    assert get("contenttypes", "ContentType").objects.filter(app_label="members", model="proposal").exists()
