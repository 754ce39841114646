"""The research plan: topics, teams, reports (files served only through here), instructions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.documents import render_pdf, workbook
from cppcc.http import add_service_errors, pdf_response, xlsx_response, year_choices, year_param
from cppcc.lists import paginate
from cppcc.once import submit_once
from members.selectors import latest_year

from . import selectors, services
from .forms import FollowUpForm, InstructionForm, ReportForm, TeamForm, TopicForm
from .models import Participant, ResearchReport, ResearchTopic

_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "wps": "application/vnd.ms-works",
}


def topic_list(request: HttpRequest) -> HttpResponse:
    year = year_param(request, latest=latest_year)
    topics = selectors.topic_list(user=request.user, year=year, params=request.GET)
    context = {
        "year": year,
        "list": paginate(request, topics.qs, filterset=topics, per_page=200),
        "years": year_choices(),
        "keep": [("year", year)],
    }
    if access.can_read_all(request.user):
        context["figures"] = selectors.year_figures(access.visible_topics(request.user), year)
    return render(request, "research/topic_list.html", context)


def instruction_list(request: HttpRequest) -> HttpResponse:
    """Leaders' instructions on research reports and how far their follow-up has come."""
    access.ensure_can_read_all(request.user)
    instructions = selectors.instruction_list(params=request.GET)
    return render(
        request,
        "research/instruction_list.html",
        {"list": paginate(request, instructions.qs, filterset=instructions)},
    )


def topic_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _topic_page(request, access.get_topic_for_user(request.user, pk))


def _topic_page(
    request: HttpRequest,
    topic: ResearchTopic,
    *,
    instruction_form: InstructionForm | None = None,
    follow_up: tuple[int, FollowUpForm] | None = None,
) -> HttpResponse:
    """The topic page; a 批示 or follow-up form sent back with errors is shown as typed (status 400)."""
    report = ResearchReport.objects.filter(topic=topic).first()
    instructions = list(report.instructions.all()) if report else []
    for instruction in instructions:
        bound = follow_up is not None and follow_up[0] == instruction.pk
        instruction.follow_up_form = (
            follow_up[1] if bound and follow_up else FollowUpForm(instance=instruction)
        )
        instruction.open_form = bound
    return render(
        request,
        "research/topic_detail.html",
        {
            "topic": topic,
            "report": report,
            "team": topic.participants.select_related("member", "member__sector").order_by(
                "role", "member__name"
            ),
            "instructions": instructions,
            "transitions": [(s, ResearchTopic.Status(s).label) for s in topic.next_states()],
            "instruction_form": instruction_form or InstructionForm(),
            "history": topic.history.select_related("history_user").order_by("-history_date")[:30],
        },
        status=400 if instruction_form is not None or follow_up is not None else 200,
    )


def _topic_form(request: HttpRequest, topic: ResearchTopic | None) -> HttpResponse:
    form = TopicForm(request.POST or None, instance=topic)
    if request.method == "POST" and form.is_valid():
        try:
            if topic is None:
                topic = services.topic_create(actor=request.user, **form.cleaned_data)
                messages.success(request, _("已立项“%(t)s”，下一步：确定课题组成员。") % {"t": topic.title})
                return redirect("research:team", pk=topic.pk)
            services.topic_update(topic=topic, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(topic)
    return render(request, "research/topic_form.html", {"form": form, "topic": topic})


@submit_once
def topic_create(request: HttpRequest) -> HttpResponse:
    access.ensure_can_edit(request.user)
    return _topic_form(request, None)


def topic_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _topic_form(request, access.get_topic_for_user(request.user, pk, write=True))


def topic_team(request: HttpRequest, pk: int) -> HttpResponse:
    topic = access.get_topic_for_user(request.user, pk, write=True)
    current = {
        role: [p.member_id for p in topic.participants.all() if p.role == role]
        for role in Participant.Role.values
    }
    form = TeamForm(
        request.POST or None,
        initial={"leads": current["lead"], "authors": current["author"], "members": current["member"]},
    )
    if request.method == "POST" and form.is_valid():
        services.topic_set_participants(topic=topic, actor=request.user, **form.cleaned_data)
        messages.success(request, _("课题组成员已保存，相关委员的履职档案已更新。"))
        return redirect(topic)
    return render(request, "research/topic_team.html", {"form": form, "topic": topic})


def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    topic = access.get_topic_for_user(request.user, pk, write=True)
    report = ResearchReport.objects.filter(topic=topic).first()
    initial = {}
    if report is not None:
        initial = {
            f: getattr(report, f)
            for f in ("title", "summary", "completed_on", "submitted_to", "submitted_on")
        }
    form = ReportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_save(topic=topic, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("调研报告已保存。"))
            return redirect(topic)
    return render(request, "research/report_form.html", {"form": form, "topic": topic, "report": report})


def report_file(request: HttpRequest, pk: int) -> FileResponse:
    """The report file, streamed only to those who may see the topic; there is no public URL."""
    topic = access.get_topic_for_user(request.user, pk)
    report = ResearchReport.objects.filter(topic=topic).first()
    if report is None or not report.file:
        raise Http404
    response = FileResponse(
        report.file.open("rb"),
        content_type=_CONTENT_TYPES.get(report.file_kind),
        as_attachment=True,
        filename=f"{report.title}.{report.file_kind}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def topic_transition(request: HttpRequest, pk: int) -> HttpResponse:
    topic = access.get_topic_for_user(request.user, pk, write=True)
    to = request.POST.get("to", "")
    try:
        if to not in ResearchTopic.Status.values:
            raise ValidationError(_("无法识别的状态。"))
        services.topic_transition(topic=topic, to=to, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("课题状态已更新为“%(s)s”。") % {"s": ResearchTopic.Status(to).label})
    return redirect(topic)


@require_POST
def instruction_create(request: HttpRequest, pk: int) -> HttpResponse:
    topic = access.get_topic_for_user(request.user, pk, write=True)
    report = ResearchReport.objects.filter(topic=topic).first()
    if report is None:
        messages.error(request, _("请先上传调研报告。"))
        return redirect(topic)
    form = InstructionForm(request.POST)
    if form.is_valid():
        try:
            services.instruction_create(report=report, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已记录领导批示，执笔和牵头委员的履职档案已更新。"))
            return redirect(f"{topic.get_absolute_url()}#instructions")
    return _topic_page(request, topic, instruction_form=form)


@require_POST
def instruction_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    instruction = access.get_report_instruction_for_user(request.user, pk, write=True)
    form = FollowUpForm(request.POST, instance=instruction)
    if form.is_valid():
        try:
            services.instruction_follow_up(instruction=instruction, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("办理情况已更新。"))
            return redirect(f"{instruction.report.topic.get_absolute_url()}#instructions")
    return _topic_page(request, instruction.report.topic, follow_up=(instruction.pk, form))


def year_export(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_param(request, latest=latest_year)
    topics = selectors.topics_of_year(access.visible_topics(request.user), year)
    rows = (
        (
            t.title,
            t.leader,
            t.owner,
            t.get_status_display(),
            t.planned_start,
            t.planned_end,
            t.team,
            t.report.title if hasattr(t, "report") else "",
            "是" if t.instructed else "否",
            "是" if t.is_overdue else "",
        )
        for t in topics
    )
    content = workbook(
        f"{year}年度调研课题",
        (
            "课题",
            "领题领导",
            "牵头单位",
            "状态",
            "计划开始",
            "计划完成",
            "课题组人数",
            "调研报告",
            "获批示",
            "逾期",
        ),
        rows,
        (36, 16, 22, 10, 12, 12, 10, 36, 8, 6),
    )
    return xlsx_response(content, f"research-{year}.xlsx")


def topic_summary_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    topic = access.get_topic_for_user(request.user, pk)
    report = ResearchReport.objects.filter(topic=topic).first()
    content = render_pdf(
        "research/summary_pdf.html",
        {
            "topic": topic,
            "report": report,
            "team": topic.participants.select_related("member").order_by("role", "member__name"),
            "instructions": report.instructions.all() if report else [],
        },
        request=request,
    )
    return pdf_response(content, f"research-{topic.pk}.pdf")
