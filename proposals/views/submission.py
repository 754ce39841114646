"""A member's own proposal: invite co-signers, answer an invitation, submit, withdraw (撤案)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access

from .. import services
from ..forms import InviteForm


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@require_POST
def proposal_invite(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_proposal_for_proposer(request.user, pk)
    form = InviteForm(request.POST, proposal=proposal)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(proposal)
    try:
        made = services.proposal_invite(
            proposal=proposal,
            members=form.cleaned_data["members"],
            deadline=form.cleaned_data["deadline"],
            actor=request.user,
        )
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("已向 %(n)s 位委员发出联名邀请。") % {"n": len(made)})
    return redirect(proposal)


@require_POST
def invitation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = access.get_invitation_for_user(request.user, pk)
    accept = request.POST.get("accept") == "1"
    try:
        services.invitation_answer(invitation=invitation, accept=accept, actor=request.user)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("已同意联名。") if accept else _("已答复不同意联名。"))
    return redirect(invitation.proposal)


@require_POST
def proposal_submit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_proposal_for_proposer(request.user, pk)
    try:
        proposal = services.proposal_submit(proposal=proposal, actor=request.user)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("提案已提交，提案号 %(n)s。") % {"n": proposal.number})
    return redirect(proposal)


@require_POST
def proposal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_proposal_for_proposer(request.user, pk)
    try:
        services.proposal_withdraw(proposal=proposal, actor=request.user)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("已撤案。"))
    return redirect(proposal)
