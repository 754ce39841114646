"""Who may see and change 社情民意: a member their own reports only (another member's is a 404),
leaders read everything, staff do everything; a handling unit's login reaches nothing here
(`unit_may_open`). Part of `cppcc.access`, re-exported there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from . import _authored_by, _fetch

if TYPE_CHECKING:
    from . import AnyUser


def visible_sentiments(user: AnyUser) -> QuerySet:
    from sentiments.models import SentimentReport

    return _authored_by(user, SentimentReport.objects.all(), "authors")


def get_sentiment_for_user(user: AnyUser, pk: int, *, write: bool = False):
    return _fetch(visible_sentiments(user), pk, user, write)


__all__ = [
    "get_sentiment_for_user",
    "visible_sentiments",
]
