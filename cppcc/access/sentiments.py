"""Who may see and change 社情民意: a member their own reports only (another member's is a 404),
leaders read everything, staff do everything; a handling unit's login reaches nothing here
(`unit_may_open`). Part of `cppcc.access`, re-exported there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from . import _authored_by, _fetch, ensure_can_read_all

if TYPE_CHECKING:
    from . import AnyUser


def visible_sentiments(user: AnyUser) -> QuerySet:
    from sentiments.models import SentimentReport

    return _authored_by(user, SentimentReport.objects.all(), "authors")


def get_sentiment_for_user(user: AnyUser, pk: int, *, write: bool = False):
    return _fetch(visible_sentiments(user), pk, user, write)


def get_forwarding_for_user(user: AnyUser, pk: int, *, write: bool = False):
    """A 报送 or 采用 record: whoever may see its report may read it; staff change it."""
    from sentiments.models import SentimentForwarding

    queryset = SentimentForwarding.objects.filter(report__in=visible_sentiments(user))
    return _fetch(queryset.select_related("report", "level"), pk, user, write)


def get_instruction_for_user(user: AnyUser, pk: int, *, write: bool = False):
    """A 批示 on a report: whoever may see the report may read it; staff change it."""
    from sentiments.models import SentimentInstruction

    queryset = SentimentInstruction.objects.filter(report__in=visible_sentiments(user))
    return _fetch(queryset.select_related("report", "level"), pk, user, write)


def ensure_can_see_sentiment_office(user: AnyUser) -> None:
    """The levels, the figures and the compiled issues are the committee office's: staff and leaders."""
    ensure_can_read_all(user)


def get_issue_for_user(user: AnyUser, pk: int, *, write: bool = False):
    """An issue of 《社情民意》: the office's publication, read by staff and leaders, kept by staff."""
    from sentiments.models import SentimentIssue

    ensure_can_read_all(user)
    return _fetch(SentimentIssue.objects.all(), pk, user, write)


__all__ = [
    "get_issue_for_user",
    "ensure_can_see_sentiment_office",
    "get_forwarding_for_user",
    "get_instruction_for_user",
    "get_sentiment_for_user",
    "visible_sentiments",
]
