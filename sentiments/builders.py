"""Which dossier entries a 社情民意 report and a 批示 imply (registered with `dossier.builder`).

A report gives each author a 报送 entry, and one adoption entry per distinct level it was adopted at
(the level's tier decides the kind; dated by the first adoption there). Each 批示 is its own source
and gives each author one entry, so two 批示 score twice and deleting one removes only its entries.
"""

from __future__ import annotations

from members.dossier import EntrySpec, builder
from members.kinds import ActivityKind as K

from .models import SentimentForwarding, SentimentInstruction, SentimentLevel, SentimentReport

T = SentimentLevel.Tier
ADOPTION_KIND = {
    T.LOCAL: K.SENTIMENT_ADOPTED_LOCAL,
    T.CITY: K.SENTIMENT_ADOPTED_CITY,
    T.PROVINCE: K.SENTIMENT_ADOPTED_PROVINCE,
    T.NATIONAL: K.SENTIMENT_ADOPTED_NATIONAL,
}


@builder(SentimentReport, url_name="sentiments:detail")
def sentiment_entries(r: SentimentReport) -> list[EntrySpec]:
    authors = sorted(m.pk for m in r.authors.all())
    specs = [EntrySpec(pk, K.SENTIMENT_REPORTED, r.reported_on, r.year, r.title) for pk in authors]
    first_adoption: dict[str, SentimentForwarding] = {}
    adoptions = r.forwardings.filter(action=SentimentForwarding.Action.ADOPTED).select_related("level")
    for record in adoptions.order_by("date", "pk"):
        first_adoption.setdefault(record.level.tier, record)
    for tier, record in sorted(first_adoption.items()):
        kind = ADOPTION_KIND[T(tier)]
        specs += [EntrySpec(pk, kind, record.date, r.year, r.title) for pk in authors]
    return specs


@builder(SentimentInstruction, url_name="sentiments:instruction")
def instruction_entries(i: SentimentInstruction) -> list[EntrySpec]:
    report = i.report
    return [
        EntrySpec(m.pk, K.SENTIMENT_INSTRUCTED, i.date, report.year, report.title)
        for m in sorted(report.authors.all(), key=lambda m: m.pk)
    ]
