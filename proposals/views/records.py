"""Proposals (提案): lists, records, state changes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors
from cppcc.lists import paginate
from cppcc.once import submit_once

from .. import selectors, services
from ..forms import DraftForm, ProposalForm, TransitionForm
from ..models import Proposal


def proposal_list(request: HttpRequest) -> HttpResponse:
    proposals = selectors.proposal_list(user=request.user, params=request.GET)
    return render(
        request,
        "proposals/proposal_list.html",
        {"list": paginate(request, proposals.qs, filterset=proposals)},
    )


def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from .handling import render_detail

    return render_detail(request, access.get_proposal_for_user(request.user, pk))


def _draft_form(request: HttpRequest, proposal: Proposal | None) -> HttpResponse:
    """A member's own draft: 案由, 类别, 案据, 建议办法 (phone or desktop)."""
    member = access.own_member(request.user)
    if member is None:
        raise PermissionDenied
    form = DraftForm(request.POST or None, instance=proposal)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "opened"}
        try:
            proposal = services.proposal_draft_save(
                member=member, actor=request.user, proposal=proposal, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("草稿已保存。可以邀请联名，写好后提交。"))
            return redirect(proposal)
    return render(request, "proposals/draft_form.html", {"form": form, "proposal": proposal})


@submit_once
def proposal_create(request: HttpRequest) -> HttpResponse:
    if not access.may_enter_proposals(request.user):
        raise PermissionDenied
    if not access.can_edit(request.user):
        return _draft_form(request, None)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        cosigners = data.pop("cosigners")
        try:
            # Staff typing in a member's paper proposal: marked 代录.
            proposal = services.proposal_create(
                actor=request.user, cosigners=cosigners, entered_by_staff=True, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已录入第 %(n)s 号提案。") % {"n": proposal.number})
            return redirect(proposal)
    return render(request, "proposals/proposal_form.html", {"form": form, "proposal": None})


def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.can_edit(request.user):
        proposal = access.get_proposal_for_proposer(request.user, pk)
        if not proposal.is_open:
            raise PermissionDenied
        return _draft_form(request, proposal)
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
            messages.success(
                request,
                _("提案状态已更新为“%(s)s”。") % {"s": Proposal.Status(form.cleaned_data["to"]).label},
            )
    else:
        messages.error(request, _("请填写日期。"))
    return redirect(proposal)


@require_POST
def proposal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_proposal_for_user(request.user, pk, write=True)
    services.proposal_delete(proposal=proposal, actor=request.user)
    messages.success(request, _("已删除提案及其带来的履职记录。"))
    return redirect("proposals:list")
