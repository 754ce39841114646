"""The leadership dashboard: a year against the one before, every figure in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models import Attendance, Meeting
from evaluation.models import AnnualEvaluation
from members.models import DossierEntry, Member
from platforms.models import Platform, PlatformSession
from proposals.models import Proposal, SentimentReport
from research.models import ReportInstruction, ResearchReport, ResearchTopic

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


def _by_year(rows, years: tuple[int, int]) -> dict[int, dict[str, Any]]:
    found = {r.pop("year"): r for r in rows}
    return {y: found.get(y, {}) for y in years}


def _pct(part: int | None, whole: int | None) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def dashboard(year: int) -> dict[str, Any]:
    years = (year, year - 1)
    prev = year - 1

    roster = Member.objects.aggregate(
        active=Count("pk", filter=Q(status=Member.Status.ACTIVE)),
        standing=Count("pk", filter=Q(status=Member.Status.ACTIVE, is_standing=True)),
    )
    meetings = _by_year(Meeting.objects.filter(start_date__year__in=years).values(year=ExtractYear("start_date"))
                        .annotate(n=Count("pk")).order_by(), years)
    attendance = _by_year(
        Attendance.objects.filter(meeting__start_date__year__in=years).exclude(status=Attendance.Status.UNMARKED)
        .values(year=ExtractYear("meeting__start_date"))
        .annotate(marked=Count("pk"), present=Count("pk", filter=Q(status=Attendance.Status.PRESENT))).order_by(),
        years)
    proposals = _by_year(
        Proposal.objects.filter(year__in=years).values("year").annotate(
            n=Count("pk"), filed=Count("pk", filter=Q(status__in=Proposal.FILED_STATES)),
            key=Count("pk", filter=Q(is_key=True))).order_by(), years)
    sentiments = _by_year(
        SentimentReport.objects.filter(year__in=years).values("year").annotate(
            n=Count("pk"), city=Count("pk", filter=Q(adoption_level="city")),
            province=Count("pk", filter=Q(adoption_level="province")),
            national=Count("pk", filter=Q(adoption_level="national")),
            instructed=Count("pk", filter=Q(instruction_on__isnull=False))).order_by(), years)
    research = _by_year(
        ResearchTopic.objects.filter(year__in=years).values("year").annotate(
            n=Count("pk"),
            reports=Count("pk", filter=Q(Exists(ResearchReport.objects.filter(topic=OuterRef("pk"))))),
            instructed=Count("pk", filter=Q(Exists(ReportInstruction.objects.filter(report__topic=OuterRef("pk")))))
        ).order_by(), years)
    platforms = dict(Platform.objects.filter(is_active=True).values_list("level").annotate(n=Count("pk")).order_by())
    settings_rows = list(PlatformSession.objects.filter(date__year__in=years).values("setting")
                         .annotate(now=Count("pk", filter=Q(date__year=year)),
                                   before=Count("pk", filter=Q(date__year=prev))).order_by("setting"))
    today = timezone.localdate()
    open_sessions = PlatformSession.objects.exclude(follow_up=PlatformSession.FollowUp.DONE).aggregate(
        n=Count("pk"), overdue=Count("pk", filter=Q(follow_up_due__lt=today)))
    open_instructions = ReportInstruction.objects.exclude(follow_up=ReportInstruction.FollowUp.DONE).count()

    grades = Counter(AnnualEvaluation.objects.filter(year=year).values_list("grade", flat=True))
    top = list(AnnualEvaluation.objects.filter(year=year).select_related("member", "member__sector")
               .order_by("rank", "member__name")[:10])
    # For a past year the question is asked as of its last day; for the current year, as of today.
    as_of = min(today, dt.date(year, 12, 31))
    since = as_of - dt.timedelta(days=INACTIVE_DAYS)
    # The year condition lets the (member, year, date) index answer for each member.
    recent = DossierEntry.objects.filter(member=OuterRef("pk"), year__in={since.year, as_of.year},
                                         status=DossierEntry.Status.CONFIRMED, date__gte=since, date__lte=as_of)
    inactive_qs = Member.objects.filter(status=Member.Status.ACTIVE).exclude(Exists(recent))
    inactive = list(inactive_qs.select_related("sector").order_by("name")[:12])
    inactive_count = inactive_qs.count()
    by_committee = list(AnnualEvaluation.objects.filter(year=year).values("member__committee__name")
                        .annotate(avg=Avg("total"), n=Count("pk")).order_by("-avg"))
    by_sector = list(AnnualEvaluation.objects.filter(year=year).values("member__sector__name")
                     .annotate(avg=Avg("total"), n=Count("pk")).order_by("-avg"))

    def fig(label, source, key, link, previous=True):
        return Figure(label, source[year].get(key, 0), source[prev].get(key, 0) if previous else None, link)

    att_now = _pct(attendance[year].get("present"), attendance[year].get("marked"))
    att_prev = _pct(attendance[prev].get("present"), attendance[prev].get("marked"))
    grade_order = [g for g in ("优秀", "良好", "称职", "基本称职", "不称职") if g in grades] + sorted(
        g for g in grades if g not in ("优秀", "良好", "称职", "基本称职", "不称职"))
    evaluation_url = reverse("evaluation:year", args=[year])
    return {
        "year": year, "previous": prev,
        "roster": [
            Figure(_("在任委员"), roster["active"], link=reverse("members:list") + "?status=active"),
            Figure(_("常委"), roster["standing"], link=reverse("members:list") + "?status=active&is_standing=1"),
        ],
        "meetings": [
            fig(_("会议活动"), meetings, "n", f"{reverse('consultations:list')}?year={year}"),
            Figure(_("出席率"), att_now, att_prev, f"{reverse('consultations:stats')}?year={year}", "%"),
        ],
        "proposals": [
            fig(_("提交提案"), proposals, "n", f"{reverse('proposals:list')}?year={year}"),
            fig(_("立案"), proposals, "filed", f"{reverse('proposals:list')}?year={year}&status=filed"),
            fig(_("重点提案"), proposals, "key", f"{reverse('proposals:list')}?year={year}&key=1"),
        ],
        "sentiments": [
            fig(_("报送社情民意"), sentiments, "n", f"{reverse('proposals:sentiments')}?year={year}"),
            fig(_("市级采用"), sentiments, "city", f"{reverse('proposals:sentiments')}?year={year}&level=city"),
            fig(_("省级采用"), sentiments, "province", f"{reverse('proposals:sentiments')}?year={year}&level=province"),
            fig(_("全国采用"), sentiments, "national", f"{reverse('proposals:sentiments')}?year={year}&level=national"),
            fig(_("获批示"), sentiments, "instructed", f"{reverse('proposals:sentiments')}?year={year}&instructed=1"),
        ],
        "research": [
            fig(_("调研课题"), research, "n", f"{reverse('research:list')}?year={year}"),
            fig(_("调研报告"), research, "reports", f"{reverse('research:list')}?year={year}"),
            fig(_("获领导批示"), research, "instructed", f"{reverse('research:list')}?year={year}"),
        ],
        "platforms": [
            Figure(label, platforms.get(level, 0), link=f"{reverse('platforms:list')}?level={level}")
            for level, label in Platform.Level.choices
        ],
        "follow_ups": [
            Figure(_("协商活动未办结"), open_sessions["n"], link=f"{reverse('platforms:sessions')}?follow_up=in_progress"),
            Figure(_("其中逾期"), open_sessions["overdue"], link=f"{reverse('platforms:sessions')}?follow_up=overdue"),
            Figure(_("调研批示办理中"), open_instructions, link=reverse("research:list")),
        ],
        "settings_chart": {
            "labels": [str(PlatformSession.Setting(r["setting"]).label) for r in settings_rows],
            "series": [{"label": str(year), "values": [r["now"] for r in settings_rows]},
                       {"label": str(prev), "values": [r["before"] for r in settings_rows]}],
            "links": [f"{reverse('platforms:sessions')}?year={year}&setting={r['setting']}" for r in settings_rows],
        },
        "grade_chart": {"labels": grade_order, "values": [grades[g] for g in grade_order],
                        "links": [f"{evaluation_url}?grade={g}" for g in grade_order]},
        "committee_chart": {
            "labels": [r["member__committee__name"] or str(_("未分配专委会")) for r in by_committee],
            "values": [round(float(r["avg"]), 1) for r in by_committee],
        },
        "by_sector": by_sector, "by_committee": by_committee,
        "top": top, "inactive": inactive, "inactive_count": inactive_count, "inactive_days": INACTIVE_DAYS,
        "inactive_as_of": as_of,
        "evaluated": bool(grades), "evaluation_url": evaluation_url,
    }
