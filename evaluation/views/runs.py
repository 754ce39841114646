"""The annual evaluation: start it and watch it, read and export the results, propose and confirm awards."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.documents import workbook
from cppcc.http import xlsx_response, year_or_404
from cppcc.lists import paginate
from members.kinds import Category

from .. import selectors, services, tasks
from ..models import AnnualEvaluation, AwardKind, EvaluationRun

logger = logging.getLogger(__name__)


def evaluation_latest(request: HttpRequest) -> HttpResponse:
    """The menu's way in: the latest evaluated year (or this year, to start one)."""
    access.ensure_can_read_all(request.user)
    year = selectors.latest_evaluated_year() or timezone.localdate().year
    return redirect(
        "evaluation:awards" if request.GET.get("to") == "awards" else "evaluation:year", year=year
    )


def evaluation_page(request: HttpRequest, year: int) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_or_404(year)
    grades = selectors.grade_names(year)
    evaluations = selectors.evaluation_list(year=year, params=request.GET, grades=grades)
    distribution, unmet = selectors.grade_distribution(year)
    # 50 rows a page: a city list is read a page at a time. Unfiltered, the list is every evaluated
    # member, whom the grade figures already count.
    filtered = any(request.GET.get(name) for name in evaluations.filters if name != "sort")
    listing = paginate(
        request,
        evaluations.qs,
        filterset=evaluations,
        per_page=50,
        count=None if filtered else sum(distribution.values()),
    )
    for e in listing.page:
        e.category_points = [e.points_by_category.get(c, "") for c in Category.values]
    runs = list(EvaluationRun.objects.filter(year=year).select_related("requested_by")[:5])
    return render(
        request,
        "evaluation/evaluation.html",
        {
            "year": year,
            "list": listing,
            "categories": Category.choices,
            "chart": {
                "labels": grades or sorted(distribution),
                "values": [distribution.get(g, 0) for g in grades],
            },
            "runs": runs,
            "active": next((r for r in runs if r.status in EvaluationRun.ACTIVE), None),
            "unmet": unmet,
        },
    )


@require_POST
def evaluation_start(request: HttpRequest, year: int) -> HttpResponse:
    access.ensure_can_edit(request.user)
    year = year_or_404(year)
    try:
        run = services.evaluation_queue(year=year, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("evaluation:year", year=year)
    try:
        tasks.evaluate_run.apply_async(args=(run.pk,), retry=False)
    except Exception as exc:  # noqa: BLE001 - whatever the broker says, staff get a clear answer
        logger.error("evaluation %s could not be queued: %s", run.pk, exc)
        services.evaluation_run_fail(run=run, reason=_("任务队列（Redis）暂时无法连接，考评未开始。"))
        messages.error(
            request, _("任务队列暂时无法连接，考评没有开始，已有结果保持不变。请稍后再试，或联系系统管理员。")
        )
        return redirect("evaluation:year", year=year)
    run.refresh_from_db()
    if run.status == EvaluationRun.Status.DONE:
        messages.success(
            request, _("%(year)s 年度考评已完成，共 %(n)s 名委员。") % {"year": year, "n": run.members}
        )
    else:
        messages.info(request, _("%(year)s 年度考评已开始计算，本页会自动显示结果。") % {"year": year})
    return redirect("evaluation:year", year=year)


@require_POST
def evaluation_publish(request: HttpRequest, year: int) -> HttpResponse:
    access.ensure_can_edit(request.user)
    try:
        count = services.evaluation_publish(year=year_or_404(year), actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("已向 %(n)s 位委员发送考评结果（已收到本次结果的不再重复）。") % {"n": count}
        )
    return redirect("evaluation:year", year=year)


def evaluation_status(request: HttpRequest, year: int) -> JsonResponse:
    access.ensure_can_read_all(request.user)
    run = EvaluationRun.objects.filter(year=year_or_404(year)).first()
    if run is None:
        return JsonResponse({"status": "none"})
    return JsonResponse(
        {
            "status": run.status,
            "label": str(run.get_status_display()),
            "members": run.members,
            "seconds": run.seconds,
            "error": run.error,
        }
    )


def evaluation_export(request: HttpRequest, year: int) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_or_404(year)
    rows = (
        [
            e.rank,
            e.member.name,
            e.member.sector.name,
            e.member.committee.name if e.member.committee else "",
            "是" if e.member.is_standing else "",
            float(e.total),
            e.grade,
            e.rank_in_sector,
            e.rank_in_committee or "",
            "是" if e.duties_met else "否",
        ]
        + [float(e.points_by_category.get(c, 0)) for c in Category.values]
        for e in selectors.evaluation_list(
            year=year, params=request.GET, grades=selectors.grade_names(year)
        ).qs
    )
    headers = [
        "排名",
        "姓名",
        "界别",
        "专委会",
        "常委",
        "总分",
        "等次",
        "界别内排名",
        "专委会内排名",
        "完成基本要求",
    ]
    headers += [str(label) for _v, label in Category.choices]
    return xlsx_response(
        workbook(f"{year}年度履职考评", headers, rows, (6, 10, 16, 20, 6, 8, 8, 10, 12, 12)),
        f"evaluation-{year}.xlsx",
    )


def award_list(request: HttpRequest, year: int) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_or_404(year)
    awards = selectors.award_list(year=year)
    return render(
        request,
        "evaluation/award_list.html",
        {
            "year": year,
            "awards": awards,
            "kinds": AwardKind.objects.filter(is_active=True),
            "evaluated": AnnualEvaluation.objects.filter(year=year).exists(),
        },
    )


@require_POST
def awards_propose(request: HttpRequest, year: int) -> HttpResponse:
    access.ensure_can_edit(request.user)
    try:
        n = services.awards_propose(year=year_or_404(year), actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已按表彰条件提出 %(n)s 名提名人选，请逐一确认。") % {"n": n})
    return redirect("evaluation:awards", year=year)


@require_POST
def award_decide(request: HttpRequest, pk: int) -> HttpResponse:
    award = access.get_award_for_user(request.user, pk, write=True)
    confirm = request.POST.get("decision") == "confirm"
    services.award_decide(award=award, confirm=confirm, actor=request.user)
    text = _("已确认 %(name)s 为%(award)s。") if confirm else _("%(name)s 的%(award)s提名未采纳。")
    messages.success(request, text % {"name": award.member.name, "award": award.kind.name})
    return redirect("evaluation:awards", year=award.year)
