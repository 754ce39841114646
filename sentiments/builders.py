"""Which dossier entries a 社情民意 report implies (registered with `dossier.builder`)."""

from __future__ import annotations

from members.dossier import EntrySpec, builder
from members.kinds import ActivityKind as K

from .models import SentimentReport

_ADOPTION_KIND = {
    "city": K.SENTIMENT_ADOPTED_CITY,
    "province": K.SENTIMENT_ADOPTED_PROVINCE,
    "national": K.SENTIMENT_ADOPTED_NATIONAL,
}


@builder(SentimentReport, url_name="sentiments:detail")
def sentiment_entries(r: SentimentReport) -> list[EntrySpec]:
    authors = sorted(m.pk for m in r.authors.all())
    specs = [EntrySpec(pk, K.SENTIMENT_REPORTED, r.reported_on, r.year, r.title) for pk in authors]
    if r.adoption_level and r.adopted_on:
        kind = _ADOPTION_KIND[r.adoption_level]
        specs += [EntrySpec(pk, kind, r.adopted_on, r.year, r.title) for pk in authors]
    if r.instruction_on:
        specs += [EntrySpec(pk, K.SENTIMENT_INSTRUCTED, r.instruction_on, r.year, r.title) for pk in authors]
    return specs
