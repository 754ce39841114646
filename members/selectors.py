"""Reads of the member register, always through what `cppcc.access` lets the user see."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cppcc import access
from evaluation import scoring
from evaluation.models import AnnualEvaluation, Award, EvaluationRun, ScoringScheme
from evaluation.scoring import ZERO

from . import dossier
from .filters import MemberFilter, ReviewFilter
from .kinds import Category
from .models import DossierEntry, EntryDispute, Member


def member_list(*, user: Any, params: Any) -> MemberFilter:
    """The register filtered by the query string; rows carry their sector, committee and term."""
    queryset = access.visible_members(user).select_related("sector", "committee", "term", "liaison_group")
    return MemberFilter(params, queryset=queryset)


@dataclass(frozen=True)
class HistoryLine:
    when: Any
    who: str
    action: str
    changes: list[tuple[str, str, str]]


_ACTIONS = {"+": gettext_lazy("创建"), "~": gettext_lazy("修改"), "-": gettext_lazy("删除")}


def member_history(*, member: Member) -> list[HistoryLine]:
    """Who changed what and when, newest first, with foreign keys shown by name."""
    from .models import Sector, SpecialCommittee, Term

    records = list(member.history.select_related("history_user").order_by("history_date", "history_id"))
    names = {
        "sector": dict(Sector.objects.values_list("pk", "name")),
        "committee": dict(SpecialCommittee.objects.values_list("pk", "name")),
        "term": dict(Term.objects.values_list("pk", "name")),
    }
    fields = {f.name: f for f in Member._meta.fields}

    def shown(field_name: str, value: Any) -> str:
        if value in (None, ""):
            return "—"
        if field_name in names:
            return names[field_name].get(value, str(value))
        field = fields.get(field_name)
        if field is not None and field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("是") if value else _("否")
        if field_name == "user":
            return _("已关联")
        return str(value)

    lines: list[HistoryLine] = []
    previous = None
    for record in records:
        changes: list[tuple[str, str, str]] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=["updated_at", "created_at"])
            for change in delta.changes:
                field_name = change.field
                label = str(fields[field_name].verbose_name) if field_name in fields else field_name
                changes.append((label, shown(field_name, change.old), shown(field_name, change.new)))
        user = record.history_user
        who = (user.get_full_name() or user.username) if user else _("系统")
        lines.append(
            HistoryLine(record.history_date, who, str(_ACTIONS.get(record.history_type, "")), changes)
        )
        previous = record
    lines.reverse()
    return lines


def register_summary(*, user: Any) -> dict[str, Any]:
    """Head counts for the landing pages, in one aggregate query."""
    counts = access.visible_members(user).aggregate(
        active=Count("pk", filter=Q(status=Member.Status.ACTIVE)),
        standing=Count("pk", filter=Q(status=Member.Status.ACTIVE, is_standing=True)),
        inactive=Count("pk", filter=Q(status=Member.Status.INACTIVE)),
        unlinked=Count("pk", filter=Q(status=Member.Status.ACTIVE, user__isnull=True)),
    )
    return counts


def members_by(*, user: Any, field: str) -> QuerySet:
    """Active members counted per sector or per committee."""
    return (
        access.visible_members(user)
        .filter(status=Member.Status.ACTIVE)
        .values(f"{field}__name")
        .annotate(n=Count("pk"), standing=Count("pk", filter=Q(is_standing=True)))
        .order_by(f"{field}__order", f"{field}__name")
    )


@dataclass
class ChartRow:
    label: str
    points: Decimal
    median: Decimal | None
    points_pct: float
    median_pct: float


@dataclass
class DossierView:
    member: Member
    year: int
    years: list[int]
    scheme: scoring.Scheme | None
    breakdown: scoring.Breakdown | None
    entries: list[DossierEntry]
    evaluation: AnnualEvaluation | None
    chart: list[ChartRow] = field(default_factory=list)
    pending: int = 0
    served: Fraction = scoring.FULL_YEAR

    @property
    def part_year_rule(self) -> str:
        if self.scheme is None:
            return ""
        return str(ScoringScheme.PartYear(self.scheme.part_year_duties).label)

    run: EvaluationRun | None = None
    awards: list[Award] = field(default_factory=list)
    # The year's entries in all, and the page of them shown (None: `entries` holds every one).
    entry_count: int = 0
    page: Page | None = None


def _chart(breakdown: scoring.Breakdown, medians: dict[str, str]) -> list[ChartRow]:
    rows: list[tuple[Any, Decimal, Decimal | None]] = []
    for code, label in Category.choices:
        points = next((c.points for c in breakdown.categories if c.category == code), ZERO)
        median = Decimal(medians[code]) if code in medians else None
        if points == 0 and not median:
            continue
        rows.append((label, Decimal(points), median))
    widest: Decimal = max(
        [abs(p) for _l, p, _m in rows] + [abs(m) for _l, _p, m in rows if m is not None] + [Decimal(1)]
    )
    return [
        ChartRow(str(label), p, m, float(abs(p) / widest * 100), float(abs(m or ZERO) / widest * 100))
        for label, p, m in rows
    ]


# Entries shown per page of a dossier: a county member has ~80 a year, a busy city member 500.
ENTRIES_PER_PAGE = 50


def member_dossier(*, member: Member, year: int, page: str | None = None) -> DossierView:
    """Everything the dossier page shows for one member and year, in a fixed number of queries.

    With `page` (a page number, as the query string has it) `entries` is that page of the year's
    entries; without, every entry (the printed report and the workbook list them all). The score and
    the counts come from aggregates over the whole year either way, so they never depend on the page.
    """
    year_entries = member.entries.filter(year=year)
    counted = year_entries.order_by().aggregate(
        n=Count("pk"), pending=Count("pk", filter=Q(status=DossierEntry.Status.PENDING))
    )
    listed = (
        year_entries.select_related("reviewed_by")
        .prefetch_related(Prefetch("disputes", queryset=EntryDispute.objects.order_by("-raised_at")))
        .order_by("-date", "-pk")
    )
    shown: Page | None = None
    if page is not None:
        paginator = Paginator(listed, ENTRIES_PER_PAGE)
        paginator.count = counted["n"]  # already counted above: no second COUNT query
        shown = paginator.get_page(page if page.isdigit() and len(page) < 10 else 1)
        entries = list(shown.object_list)
    else:
        entries = list(listed)
    for entry in entries:
        entry.source_url = dossier.source_url(entry)
        entry.open_dispute = next(
            (d for d in entry.disputes.all() if d.status == EntryDispute.Status.OPEN), None
        )
        entry.last_dispute = next(iter(entry.disputes.all()), None)
    years = set(member.entries.order_by().values_list("year", flat=True).distinct())
    # The year shown is always among the years offered, so the selector and the page agree.
    years.update({timezone.localdate().year, year})
    scheme = scoring.load_scheme(year)
    served = scoring.served_share(member, year)
    breakdown = (
        scoring.evaluate(
            scheme,
            scoring.entry_groups(year_entries).get(member.pk, ()),
            is_standing=member.is_standing,
            served=served,
        )
        if scheme
        else None
    )
    evaluation = AnnualEvaluation.objects.filter(member=member, year=year).first()
    awards = list(
        member.awards.filter(status=Award.Status.CONFIRMED).select_related("kind").order_by("-year")
    )
    view = DossierView(
        member=member,
        year=year,
        years=sorted(years, reverse=True),
        scheme=scheme,
        breakdown=breakdown,
        entries=entries,
        evaluation=evaluation,
        pending=counted["pending"],
        awards=awards,
        served=served,
        entry_count=counted["n"],
        page=shown,
    )
    if breakdown is not None:
        run = (
            EvaluationRun.objects.filter(year=year, status=EvaluationRun.Status.DONE)
            .order_by("-finished_at")
            .first()
        )
        view.run = run
        view.chart = _chart(breakdown, run.medians if run else {})
    return view


def pending_reviews() -> QuerySet[DossierEntry]:
    return (
        DossierEntry.objects.filter(status=DossierEntry.Status.PENDING)
        .select_related("member", "member__sector")
        .order_by("created_at", "pk")
    )


def review_list(*, params: Any) -> ReviewFilter:
    """The review queue, filtered; each entry with its photos (one more query, whatever the count)."""
    queryset = pending_reviews().prefetch_related("attachments")
    return ReviewFilter(params, queryset=queryset)


def open_disputes() -> QuerySet[EntryDispute]:
    return (
        EntryDispute.objects.filter(status=EntryDispute.Status.OPEN)
        .select_related("entry", "entry__member", "entry__member__sector")
        .order_by("raised_at")
    )


def latest_year(member: Member | None = None) -> int | None:
    """The most recent year, up to this one, with a dossier entry (of one member, or of anyone)."""
    entries = DossierEntry.objects.filter(year__lte=timezone.localdate().year)
    if member is not None:
        entries = entries.filter(member=member)
    return entries.aggregate(year=Max("year"))["year"]
