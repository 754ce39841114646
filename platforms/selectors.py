"""Coverage by township, platform pages and session lists — each in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from cppcc import access

from .filters import PlatformFilter, SessionFilter, overdue
from .models import Platform, PlatformSession, Township

L = Platform.Level
F = PlatformSession.FollowUp


@dataclass
class TownshipCoverage:
    township: Township
    levels: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    sessions: int = 0
    open_follow_ups: int = 0
    overdue: int = 0

    @property
    def platforms(self) -> int:
        return sum(self.levels.values())


def coverage(*, year: int) -> tuple[list[TownshipCoverage], dict[str, int], dict[str, Any]]:
    """Per township: platforms by level, sessions this year, open and overdue follow-ups. Three queries."""
    rows = {t.pk: TownshipCoverage(t) for t in Township.objects.all()}
    totals: dict[str, int] = defaultdict(int)
    for r in (
        Platform.objects.filter(is_active=True)
        .values("township_id", "level")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        totals[r["level"]] += r["n"]
        if r["township_id"] in rows:
            rows[r["township_id"]].levels[r["level"]] += r["n"]
    session_rows = (
        PlatformSession.objects.values("platform__township_id")
        .order_by()
        .annotate(
            this_year=Count("pk", filter=Q(date__year=year)),
            open=Count("pk", filter=~Q(follow_up=F.DONE)),
            overdue=Count("pk", filter=overdue()),
        )
    )
    city = {"sessions": 0, "open": 0, "overdue": 0}
    for s in session_rows:
        line = rows.get(s["platform__township_id"])
        if line is None:
            city.update(sessions=s["this_year"], open=s["open"], overdue=s["overdue"])
            continue
        line.sessions, line.open_follow_ups, line.overdue = s["this_year"], s["open"], s["overdue"]
    return list(rows.values()), dict(totals), city


def platform_counts() -> dict[str, int]:
    counts = dict(
        Platform.objects.filter(is_active=True).values_list("level").annotate(n=Count("pk")).order_by()
    )
    return {level: counts.get(level, 0) for level in L.values}


def platform_list(*, params: Any) -> PlatformFilter:
    queryset = (
        Platform.objects.select_related("parent", "township")
        .annotate(n_sessions=Count("sessions"))
        .order_by("township__order", "level", "name")
    )
    return PlatformFilter(params, queryset=queryset)


def session_list(*, user: Any, params: Any) -> SessionFilter:
    queryset = (
        access.visible_sessions(user)
        .select_related("platform", "platform__township")
        .annotate(team=Count("members", distinct=True))
        .order_by("-date", "-pk")
    )
    return SessionFilter(params, queryset=queryset)


def platform_history(platform: Platform) -> tuple[list[Any], float | None]:
    """Sessions per year with their follow-up outcome, and the platform's resolution rate."""
    by_year = list(
        platform.sessions.values("date__year")
        .order_by("-date__year")
        .annotate(
            n=Count("pk"), done=Count("pk", filter=Q(follow_up=F.DONE)), overdue=Count("pk", filter=overdue())
        )
    )
    total = sum(r["n"] for r in by_year)
    done = sum(r["done"] for r in by_year)
    return by_year, (round(done * 100 / total, 1) if total else None)
