"""The leadership dashboard: one function per panel, each a fixed number of queries whatever the data.

Every figure carries the link to the list it counts, and that list shows exactly the figure's rows
(tests/dashboard walks every link and compares).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models import Attendance, Meeting, MeetingKind
from evaluation.models import AnnualEvaluation, EvaluationSummary
from evaluation.selectors import grade_names
from members.models import DossierEntry, Member, Sector, SpecialCommittee
from platforms.models import Platform, PlatformSession
from proposals.models import Proposal
from research.models import ReportInstruction, ResearchReport, ResearchTopic
from sentiments import figures as sentiment_figures

INACTIVE_DAYS = 90


@dataclass(frozen=True)
class Figure:
    label: Any
    value: int | float | None
    previous: int | float | None = None
    link: str = ""
    unit: str = ""

    @property
    def delta(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return round(self.value - self.previous, 1)


def _by_year(rows: Any, years: tuple[int, int]) -> dict[int, dict[str, Any]]:
    found = {r.pop("year"): r for r in rows}
    return {y: found.get(y, {}) for y in years}


def _pct(part: int | None, whole: int | None) -> float | None:
    return round(part * 100 / whole, 1) if whole and part is not None else None


def _url(name: str, **params: Any) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{reverse(name)}?{query}" if query else reverse(name)


def _compare(label: Any, rows: dict[int, dict[str, Any]], key: str, year: int, link: str) -> Figure:
    return Figure(label, rows[year].get(key, 0), rows[year - 1].get(key, 0), link)


def roster() -> list[Figure]:
    counts = Member.objects.aggregate(
        active=Count("pk", filter=Q(status=Member.Status.ACTIVE)),
        standing=Count("pk", filter=Q(status=Member.Status.ACTIVE, is_standing=True)),
    )
    return [
        Figure(_("在任委员"), counts["active"], link=_url("members:list", status="active")),
        Figure(_("常委"), counts["standing"], link=_url("members:list", status="active", is_standing=1)),
    ]


def meetings(year: int) -> list[Figure]:
    years = (year, year - 1)
    held = _by_year(
        Meeting.objects.filter(start_date__year__in=years)
        .values(year=ExtractYear("start_date"))
        .annotate(
            n=Count("pk"),
            **{group: Count("pk", filter=Q(kind__group=group)) for group in MeetingKind.Group.values},
        )
        .order_by(),
        years,
    )
    attendance = _by_year(
        Attendance.objects.filter(meeting__start_date__year__in=years, role=Attendance.Role.MEMBER)
        .exclude(status=Attendance.Status.UNMARKED)
        .values(year=ExtractYear("meeting__start_date"))
        .annotate(marked=Count("pk"), present=Count("pk", filter=Q(status=Attendance.Status.PRESENT)))
        .order_by(),
        years,
    )
    rate_now = _pct(attendance[year].get("present"), attendance[year].get("marked"))
    rate_before = _pct(attendance[year - 1].get("present"), attendance[year - 1].get("marked"))
    return [
        _compare(_("会议活动"), held, "n", year, _url("consultations:list", year=year)),
        Figure(_("出席率"), rate_now, rate_before, _url("consultations:stats", year=year), "%"),
    ] + [
        # 会议, 协商, 视察调研, 学习培训, 活动: each links to the year's meetings of that group.
        _compare(label, held, group, year, _url("consultations:list", year=year, group=group))
        for group, label in MeetingKind.Group.choices
    ]


def proposals(year: int) -> list[Figure]:
    years = (year, year - 1)
    rows = _by_year(
        Proposal.objects.filter(year__in=years)
        .values("year")
        .annotate(
            n=Count("pk"),
            filed=Count("pk", filter=Q(status__in=Proposal.FILED_STATES)),
            key=Count("pk", filter=Q(is_key=True)),
        )
        .order_by(),
        years,
    )
    return [
        _compare(_("提交提案"), rows, "n", year, _url("proposals:list", year=year)),
        _compare(_("立案"), rows, "filed", year, _url("proposals:list", year=year, filed=1)),
        _compare(_("重点提案"), rows, "key", year, _url("proposals:list", year=year, key=1)),
    ]


def sentiments(year: int) -> list[Figure]:
    years = (year, year - 1)
    levels, rows = sentiment_figures.year_counts(years)
    return [
        _compare(_("报送社情民意"), rows, "n", year, _url("sentiments:list", year=year)),
        *(
            _compare(
                _("%(level)s采用") % {"level": level.name},
                rows,
                f"adopted_{level.tier}",
                year,
                _url("sentiments:list", year=year, level=level.tier),
            )
            for level in levels
        ),
        _compare(_("获批示"), rows, "instructed", year, _url("sentiments:list", year=year, instructed=1)),
    ]


def research(year: int) -> list[Figure]:
    years = (year, year - 1)
    rows = _by_year(
        ResearchTopic.objects.filter(year__in=years)
        .values("year")
        .annotate(
            n=Count("pk"),
            reports=Count("pk", filter=Q(Exists(ResearchReport.objects.filter(topic=OuterRef("pk"))))),
            instructed=Count(
                "pk", filter=Q(Exists(ReportInstruction.objects.filter(report__topic=OuterRef("pk"))))
            ),
        )
        .order_by(),
        years,
    )
    return [
        _compare(_("调研课题"), rows, "n", year, _url("research:list", year=year)),
        _compare(_("调研报告"), rows, "reports", year, _url("research:list", year=year, report=1)),
        _compare(_("获领导批示"), rows, "instructed", year, _url("research:list", year=year, instructed=1)),
    ]


def platforms() -> list[Figure]:
    counts = dict(
        Platform.objects.filter(is_active=True).values_list("level").annotate(n=Count("pk")).order_by()
    )
    return [
        Figure(label, counts.get(level, 0), link=_url("platforms:list", level=level, active=1))
        for level, label in Platform.Level.choices
    ]


def follow_ups() -> list[Figure]:
    today = timezone.localdate()
    sessions = PlatformSession.objects.exclude(follow_up=PlatformSession.FollowUp.DONE).aggregate(
        n=Count("pk"), overdue=Count("pk", filter=Q(follow_up_due__lt=today))
    )
    instructions = ReportInstruction.objects.exclude(follow_up=ReportInstruction.FollowUp.DONE).count()
    return [
        Figure(_("协商活动未办结"), sessions["n"], link=_url("platforms:sessions", follow_up="open")),
        Figure(_("其中逾期"), sessions["overdue"], link=_url("platforms:sessions", follow_up="overdue")),
        Figure(_("调研批示办理中"), instructions, link=_url("research:instructions", follow_up="open")),
    ]


def settings_chart(year: int) -> dict[str, Any]:
    rows = list(
        PlatformSession.objects.filter(date__year__in=(year, year - 1))
        .values("setting")
        .annotate(
            now=Count("pk", filter=Q(date__year=year)), before=Count("pk", filter=Q(date__year=year - 1))
        )
        .order_by("setting")
    )
    return {
        "labels": [str(PlatformSession.Setting(r["setting"]).label) for r in rows],
        "series": [
            {"label": str(year), "values": [r["now"] for r in rows]},
            {"label": str(year - 1), "values": [r["before"] for r in rows]},
        ],
        "links": [_url("platforms:sessions", year=year, setting=r["setting"]) for r in rows],
    }


def _summary(year: int) -> EvaluationSummary | None:
    """The rollup's figures for the year, written with the rows they sum (one row, not 11,000)."""
    return EvaluationSummary.objects.filter(year=year).first()


def grades(year: int, summary: EvaluationSummary | None) -> dict[str, Any]:
    """Members per grade, in the order of the year's own grade bands (as the committee names them)."""
    counts = {g: n for g, n in (summary.grades if summary else {}).items() if n}
    bands = grade_names(year)
    names = [g for g in bands if g in counts] + sorted(g for g in counts if g not in bands)
    url = reverse("evaluation:year", args=[year])
    return {
        "labels": names,
        "values": [counts[g] for g in names],
        "links": [f"{url}?grade={g}" for g in names],
    }


def averages(summary: EvaluationSummary | None) -> dict[str, list[Any]]:
    """Average totals by committee and by sector, highest first (names looked up, two small tables)."""
    if summary is None:
        return {"by_committee": [], "by_sector": []}

    def rows(groups: list[list[Any]], names: dict[int, str], key: str) -> list[dict[str, Any]]:
        out = [
            {
                key: names.get(group) if group is not None else None,
                "avg": Decimal(cents).scaleb(-2) / n,
                "n": n,
            }
            for group, n, cents in groups
            if n
        ]
        return sorted(out, key=lambda r: -r["avg"])

    committees = dict(SpecialCommittee.objects.values_list("pk", "name"))
    sectors = dict(Sector.objects.values_list("pk", "name"))
    return {
        "by_committee": rows(summary.by_committee, committees, "member__committee__name"),
        "by_sector": rows(summary.by_sector, sectors, "member__sector__name"),
    }


def top_members(year: int) -> list[AnnualEvaluation]:
    # The first ten places have ranks of at most ten: read through the (year, rank) index.
    return list(
        AnnualEvaluation.objects.filter(year=year, rank__lte=10)
        .select_related("member", "member__sector")
        .order_by("rank", "member__name")[:10]
    )


def inactive_members(year: int, shown: int = 12) -> dict[str, Any]:
    """Serving members with no confirmed entry in the last 90 days of the year (or up to today).

    The dashboard loads this panel after the page (it probes every serving member); its own page,
    `dashboard:inactive`, lists them all.
    """
    inactive, as_of = inactive_queryset(year)
    # The names stop at the twelfth inactive member in name order; only the count probes every member.
    rows = list(inactive.order_by("name", "pk").only("pk", "name")[:shown])
    return {"members": rows, "count": inactive.count(), "days": INACTIVE_DAYS, "as_of": as_of}


def inactive_queryset(year: int) -> tuple[QuerySet[Member], dt.date]:
    today = timezone.localdate()
    as_of = min(today, dt.date(year, 12, 31))
    since = as_of - dt.timedelta(days=INACTIVE_DAYS)
    # Answered for each member from the partial index of confirmed entries by (member, date), without
    # touching the table: a city's 11,000 members are 11,000 index probes.
    recent = DossierEntry.objects.filter(
        member=OuterRef("pk"),
        status=DossierEntry.Status.CONFIRMED,
        date__gte=since,
        date__lte=as_of,
    )
    return Member.objects.filter(status=Member.Status.ACTIVE).exclude(Exists(recent)), as_of


def dashboard(year: int) -> dict[str, Any]:
    summary = _summary(year)
    grade_chart = grades(year, summary)
    averages_ = averages(summary)
    return {
        "year": year,
        "previous": year - 1,
        "roster": roster(),
        "meetings": meetings(year),
        "proposals": proposals(year),
        "sentiments": sentiments(year),
        "research": research(year),
        "platforms": platforms(),
        "follow_ups": follow_ups(),
        "settings_chart": settings_chart(year),
        "grade_chart": grade_chart,
        "committee_chart": {
            "labels": [
                r["member__committee__name"] or str(_("未分配专委会")) for r in averages_["by_committee"]
            ],
            "values": [round(float(r["avg"]), 1) for r in averages_["by_committee"]],
        },
        "by_sector": averages_["by_sector"],
        "top": top_members(year),
        "evaluated": bool(grade_chart["values"]),
        "evaluation_url": reverse("evaluation:year", args=[year]),
    }


def proposal_handling(year: int) -> list[Figure]:
    """提案办理: 交办, 办复率, 满意率, 基本满意率, 超期 and 不满意, as the proposal stats page counts them
    (one module defines each, `proposals.figures`), each a link to its list. One query."""
    from proposals.figures import year_figures_total

    total = year_figures_total(year)
    return [
        Figure(_("交办提案"), total.counts.get("assigned", 0), link=total.link("assigned")),
        Figure(_("办复率"), total.reply_rate, link=total.link("replied"), unit="%"),
        Figure(_("满意率"), total.satisfied_rate, link=total.link("satisfied"), unit="%"),
        Figure(_("基本满意率"), total.basic_rate, link=total.link("basic"), unit="%"),
        Figure(_("不满意"), total.counts.get("unsatisfied", 0), link=total.link("unsatisfied")),
        Figure(
            _("超期未答复"), total.counts.get("overdue", 0), link=_url("proposals:list", year=year, overdue=1)
        ),
    ]
