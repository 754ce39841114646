"""The year's proposal figures (each a link to its list), the workbook of every proposal, and the
year's 提案汇编 (PDF) built in the background with its progress."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import xlsx_response, year_choices, year_param

from .. import services, tasks
from ..exports import proposals_workbook
from ..figures import STAGE_LABELS, year_figures
from ..models import Compilation, Proposal

logger = logging.getLogger(__name__)


def _latest_year() -> int | None:
    return Proposal.objects.order_by("-year").values_list("year", flat=True).first()


def proposal_stats(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_param(request, latest=_latest_year)
    context = year_figures(year)
    links = {stage: context["total"].link(stage) for stage in ("filed", "replied", "satisfied", "basic")}
    context.update({"year": year, "years": year_choices(), "labels": STAGE_LABELS, "links": links})
    context["compilation"] = Compilation.objects.filter(year=year).select_related("requested_by").first()
    return render(request, "proposals/proposal_stats.html", context)


def proposal_export(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_param(request, latest=_latest_year)
    return xlsx_response(proposals_workbook(year=year), f"proposals-{year}.xlsx")


@require_POST
def compilation_start(request: HttpRequest) -> HttpResponse:
    """Start the year's 汇编, or join the one under way; without a broker it is built right here."""
    access.ensure_can_read_all(request.user)
    year = year_param(request, latest=_latest_year)
    job, created = services.compilation_start(year=year, actor=request.user)
    if not created:
        messages.info(request, _("本年度的提案汇编正在生成中，完成后可在本页下载。"))
    else:
        try:
            tasks.build_compilation.apply_async(args=(job.pk,), retry=False)
        except Exception as exc:  # noqa: BLE001 - whatever the broker says, the page answers in words
            logger.error("compilation %s could not be queued: %s", job.pk, exc)
            services.compilation_fail(job=job, reason=_("任务队列暂时无法连接，提案汇编没有开始生成。"))
    return redirect(f"{reverse('proposals:stats')}?year={year}#compilation")


def compilation_status(request: HttpRequest, pk: int) -> JsonResponse:
    job = access.get_compilation_for_user(request.user, pk)
    counts = {"done": job.done, "total": job.total, "percent": job.percent}
    text = _("%(label)s：%(done)s / %(total)s 件") % {**counts, "label": job.get_status_display()}
    return JsonResponse({"status": job.status, "active": job.is_active, "text": text, **counts})


def compilation_file(request: HttpRequest, pk: int) -> FileResponse:
    job = access.get_compilation_for_user(request.user, pk)
    if job.status != Compilation.Status.DONE or not job.file:
        raise Http404
    name = f"提案汇编-{job.year}.pdf"
    return FileResponse(
        job.file.open("rb"), content_type="application/pdf", as_attachment=True, filename=name
    )
