"""Proposals (提案) and 社情民意信息: lists, records, state changes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors, year_choices
from cppcc.once import submit_once
from members.kinds import AdoptionLevel
from members.models import Member

from . import services
from .forms import ProposalForm, SentimentForm, TransitionForm
from .models import Proposal


def _list_context(request: HttpRequest, queryset, **extra):
    page = Paginator(queryset, settings.MEMBERS_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    years = year_choices()
    return {"page": page, "query": query.urlencode(), "years": years, "params": request.GET, **extra}


def _year_filter(request: HttpRequest, queryset):
    year = request.GET.get("year", "")
    return queryset.filter(year=int(year)) if year.isdigit() else queryset


def proposal_list(request: HttpRequest) -> HttpResponse:
    qs = (
        access.visible_proposals(request.user)
        .select_related("lead", "lead__sector")
        .annotate(cosigner_count=Count("cosigners", distinct=True))
        .order_by("-year", "number")
    )
    qs = _year_filter(request, qs)
    status = request.GET.get("status", "")
    if status in Proposal.Status.values:
        qs = qs.filter(status=status)
    if request.GET.get("key") == "1":
        qs = qs.filter(is_key=True)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(lead__name__icontains=q) | Q(handling_unit__icontains=q))
    return render(request, "proposals/proposal_list.html",
                  _list_context(request, qs, statuses=Proposal.Status.choices))


def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_proposal_for_user(request.user, pk)
    cosigners = proposal.cosigners.select_related("sector").order_by("name")
    history = proposal.history.select_related("history_user").order_by("-history_date")[:50]
    transitions = [(state, Proposal.Status(state).label) for state in proposal.next_states()]
    return render(request, "proposals/proposal_detail.html", {
        "proposal": proposal, "cosigners": cosigners, "history": history, "transitions": transitions,
        "transition_form": TransitionForm(initial={"handling_unit": proposal.handling_unit}),
    })


@submit_once
def proposal_create(request: HttpRequest) -> HttpResponse:
    access.ensure_can_edit(request.user)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        cosigners = data.pop("cosigners")
        try:
            proposal = services.proposal_create(actor=request.user, cosigners=cosigners, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已录入第 %(n)s 号提案。") % {"n": proposal.number})
            return redirect(proposal)
    return render(request, "proposals/proposal_form.html", {"form": form, "proposal": None})


def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_proposal_for_user(request.user, pk, write=True)
    form = ProposalForm(request.POST or None, instance=proposal)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        cosigners = data.pop("cosigners")
        try:
            services.proposal_update(proposal=proposal, actor=request.user, cosigners=cosigners, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(proposal)
    return render(request, "proposals/proposal_form.html", {"form": form, "proposal": proposal})


@require_POST
def proposal_transition(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_proposal_for_user(request.user, pk, write=True)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_transition(proposal=proposal, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("提案状态已更新为“%(s)s”。") % {"s": Proposal.Status(form.cleaned_data["to"]).label})
    else:
        messages.error(request, _("请填写日期。"))
    return redirect(proposal)


@require_POST
def proposal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_proposal_for_user(request.user, pk, write=True)
    services.proposal_delete(proposal=proposal, actor=request.user)
    messages.success(request, _("已删除提案及其带来的履职记录。"))
    return redirect("proposals:list")


def sentiment_list(request: HttpRequest) -> HttpResponse:
    qs = access.visible_sentiments(request.user).prefetch_related(
        Prefetch("authors", queryset=Member.objects.order_by("name"))
    ).order_by("-reported_on", "-pk")
    qs = _year_filter(request, qs)
    level = request.GET.get("level", "")
    if level in AdoptionLevel.values:
        qs = qs.filter(adoption_level=level)
    elif level == "none":
        qs = qs.filter(adoption_level="")
    if request.GET.get("instructed") == "1":
        qs = qs.filter(instruction_on__isnull=False)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(authors__name__icontains=q)).distinct()
    return render(request, "proposals/sentiment_list.html",
                  _list_context(request, qs, levels=AdoptionLevel.choices))


def sentiment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_sentiment_for_user(request.user, pk)
    history = report.history.select_related("history_user").order_by("-history_date")[:50]
    return render(request, "proposals/sentiment_detail.html", {
        "report": report, "authors": report.authors.select_related("sector").order_by("name"), "history": history,
    })


def _sentiment_form(request: HttpRequest, report=None) -> HttpResponse:
    form = SentimentForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        authors = data.pop("authors")
        try:
            if report is None:
                report = services.sentiment_create(actor=request.user, authors=authors, **data)
            else:
                services.sentiment_update(report=report, actor=request.user, authors=authors, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存社情民意信息“%(t)s”。") % {"t": report.title})
            return redirect(report)
    return render(request, "proposals/sentiment_form.html", {"form": form, "report": report})


@submit_once
def sentiment_create(request: HttpRequest) -> HttpResponse:
    access.ensure_can_edit(request.user)
    return _sentiment_form(request)


def sentiment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _sentiment_form(request, access.get_sentiment_for_user(request.user, pk, write=True))


@require_POST
def sentiment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_sentiment_for_user(request.user, pk, write=True)
    services.sentiment_delete(report=report, actor=request.user)
    messages.success(request, _("已删除该条社情民意信息及其带来的履职记录。"))
    return redirect("proposals:sentiments")


