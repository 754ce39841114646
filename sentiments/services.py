"""社情民意: each write saves the report and rewrites its dossier entries together."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cppcc.records import save_record
from members import dossier
from members.models import Member

from .models import SentimentReport


def _save_sentiment(report: SentimentReport, authors: list[Member], actor: Any) -> SentimentReport:
    if not authors:
        raise ValidationError({"authors": _("至少要有一位反映人。")})
    save_record(report, actor)
    report.authors.set(authors)
    dossier.sync(report, actor=actor)
    return report


@transaction.atomic
def sentiment_create(*, actor: Any, authors: Iterable[Member], **fields: Any) -> SentimentReport:
    return _save_sentiment(SentimentReport(**fields), list(authors), actor)


@transaction.atomic
def sentiment_update(*, report: SentimentReport, actor: Any, authors: Iterable[Member], **fields: Any):
    for name, value in fields.items():
        setattr(report, name, value)
    return _save_sentiment(report, list(authors), actor)


@transaction.atomic
def sentiment_delete(*, report: SentimentReport, actor: Any) -> None:
    dossier.delete_source(report, actor=actor)
