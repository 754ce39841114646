"""Platforms, their coverage by township, consultations and their follow-up."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.documents import workbook_of
from cppcc.http import add_service_errors, xlsx_response, year_choices, year_param
from cppcc.lists import paginate
from cppcc.once import submit_once
from members.selectors import latest_year

from . import selectors, services
from .forms import FollowUpForm, PlatformForm, SessionForm
from .models import Platform, PlatformSession


def coverage(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    year = year_param(request, latest=latest_year)
    rows, totals, city = selectors.coverage(year=year)
    return render(
        request,
        "platforms/coverage.html",
        {
            "year": year,
            "rows": rows,
            "city": city,
            "uncovered": [r.township for r in rows if not r.platforms],
            "level_totals": [(value, label, totals.get(value, 0)) for value, label in Platform.Level.choices],
            "years": year_choices(),
        },
    )


def platform_list(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    platforms = selectors.platform_list(params=request.GET)
    return render(
        request,
        "platforms/platform_list.html",
        {"list": paginate(request, platforms.qs, filterset=platforms, per_page=200)},
    )


def platform_detail(request: HttpRequest, pk: int) -> HttpResponse:
    platform = access.get_platform_for_user(request.user, pk)
    by_year, resolution = selectors.platform_history(platform)
    return render(
        request,
        "platforms/platform_detail.html",
        {
            "platform": platform,
            "by_year": by_year,
            "resolution": resolution,
            "children": platform.children.order_by("level", "name"),
            "liaisons": platform.liaisons.select_related("sector"),
            "sessions": platform.sessions.annotate(team=Count("members")).order_by("-date")[:50],
        },
    )


def _platform_form(request: HttpRequest, platform: Platform | None) -> HttpResponse:
    form = PlatformForm(request.POST or None, instance=platform)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        liaisons = data.pop("liaisons")
        try:
            platform = services.platform_save(
                platform=platform, liaisons=liaisons, actor=request.user, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存平台“%(n)s”。") % {"n": platform.name})
            return redirect(platform)
    return render(request, "platforms/platform_form.html", {"form": form, "platform": platform})


@submit_once
def platform_create(request: HttpRequest) -> HttpResponse:
    access.ensure_can_edit(request.user)
    return _platform_form(request, None)


def platform_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _platform_form(request, access.get_platform_for_user(request.user, pk, write=True))


def session_list(request: HttpRequest) -> HttpResponse:
    sessions = selectors.session_list(user=request.user, params=request.GET)
    return render(
        request, "platforms/session_list.html", {"list": paginate(request, sessions.qs, filterset=sessions)}
    )


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_page(request, access.get_session_for_user(request.user, pk))


def _session_page(
    request: HttpRequest, session: PlatformSession, form: FollowUpForm | None = None
) -> HttpResponse:
    """The consultation's page; a follow-up sent back with errors is shown as typed (status 400)."""
    return render(
        request,
        "platforms/session_detail.html",
        {
            "session": session,
            "members": session.members.select_related("sector").order_by("name"),
            "next_steps": [
                (s, PlatformSession.FollowUp(s).label)
                for s in PlatformSession.FOLLOW_UP_NEXT[PlatformSession.FollowUp(session.follow_up)]
            ],
            "history": session.history.select_related("history_user").order_by("-history_date")[:30],
            "follow_up_form": form or FollowUpForm(),
        },
        status=400 if form is not None else 200,
    )


def _session_form(request: HttpRequest, session: PlatformSession | None) -> HttpResponse:
    initial = {}
    platform = request.GET.get("platform", "")
    if session is None and platform.isdigit():
        initial["platform"] = int(platform)
    form = SessionForm(request.POST or None, instance=session, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        members = data.pop("members")
        try:
            session = services.session_save(session=session, members=members, actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("已保存协商活动，%(n)s 位参加委员的履职档案已更新。") % {"n": len(members)}
            )
            return redirect(session)
    return render(request, "platforms/session_form.html", {"form": form, "session": session})


@submit_once
def session_create(request: HttpRequest) -> HttpResponse:
    access.ensure_can_edit(request.user)
    return _session_form(request, None)


def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_form(request, access.get_session_for_user(request.user, pk, write=True))


@require_POST
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_session_for_user(request.user, pk, write=True)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_advance(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("办理落实已更新为“%(s)s”。")
                % {"s": PlatformSession.FollowUp(form.cleaned_data["to"]).label},
            )
            return redirect(session)
    return _session_page(request, session, form)


def export(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    platforms = selectors.platform_list(params=request.GET).qs
    sessions = selectors.session_list(user=request.user, params=request.GET).qs
    content = workbook_of(
        [
            (
                "协商议事平台",
                ("名称", "层级", "所在乡镇（街道）", "上级平台", "形式", "召集人", "建立日期", "运行中"),
                (
                    (
                        p.name,
                        p.get_level_display(),
                        p.township.name if p.township else "",
                        p.parent.name if p.parent else "",
                        p.get_mode_display(),
                        p.convenor,
                        p.founded_on,
                        "是" if p.is_active else "否",
                    )
                    for p in platforms
                ),
                (30, 14, 16, 30, 10, 12, 12, 8),
            ),
            (
                "协商活动",
                ("日期", "平台", "议题", "形式", "参加委员", "参加群众", "办理落实", "办结时限", "办结日期"),
                (
                    (
                        s.date,
                        s.platform.name,
                        s.topic,
                        s.get_setting_display(),
                        s.team,
                        s.residents,
                        s.get_follow_up_display(),
                        s.follow_up_due,
                        s.follow_up_done_on,
                    )
                    for s in sessions
                ),
                (12, 30, 40, 10, 10, 10, 10, 12, 12),
            ),
        ]
    )
    return xlsx_response(content, "platforms.xlsx")
