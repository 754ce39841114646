"""Reads of 社情民意, always through what `cppcc.access` lets the user see."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from cppcc import access
from members.models import Member

from .filters import SentimentFilter


def sentiment_list(*, user: Any, params: Any) -> SentimentFilter:
    queryset = (
        access.visible_sentiments(user)
        .prefetch_related(Prefetch("authors", queryset=Member.objects.order_by("name")))
        .order_by("-reported_on", "-pk")
    )
    return SentimentFilter(params, queryset=queryset)
