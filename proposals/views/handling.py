"""審查, 交办 and handling on the proposal's page: staff review and assign, units sign for, send back,
contact the proposer, give 会办意见 and reply; authors rate. A refused form shows the page again with
what was typed (400)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors
from cppcc.lists import paginate

from .. import selectors, services
from ..forms import (
    AssignForm,
    MergeForm,
    NoteForm,
    OpinionForm,
    RatingForm,
    ReplyForm,
    ReturnForm,
    ReviewForm,
    SuperviseForm,
    TransitionForm,
)
from ..models import Proposal


def render_detail(
    request: HttpRequest, proposal: Proposal, *, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    """The proposal's page with the forms this user may use; `bound` puts back a refused form."""
    context = selectors.proposal_page(proposal=proposal, user=request.user)
    S = Proposal.Status
    forms: dict[str, Any] = {}
    if access.can_edit(request.user):
        if proposal.status == S.SUBMITTED:
            forms["review_form"] = ReviewForm()
        if proposal.status in (S.SUBMITTED, S.FILED, S.ASSIGNED):
            forms["merge_form"] = MergeForm(proposal=proposal)
        if proposal.is_filed:
            forms["supervise_form"] = SuperviseForm(
                initial={
                    "is_key": proposal.is_key,
                    "supervisor": proposal.supervisor,
                    "supervision_note": proposal.supervision_note,
                }
            )
        if proposal.status in (S.FILED, S.ASSIGNED):
            forms["assign_form"] = AssignForm()
    mine = context["my_assignment"]
    if mine is not None:
        forms["return_form"] = ReturnForm()
        forms["note_form"] = NoteForm()
        forms["opinion_form"] = OpinionForm(initial={"opinion": mine.opinion})
        forms["reply_form"] = ReplyForm()
    if context["to_rate"]:
        forms["rating_form"] = RatingForm()
    context.update({**forms, **(bound or {})})
    transitions = [(state, Proposal.Status(state).label) for state in proposal.next_states()]
    context.update(
        {
            "proposal": proposal,
            "history": proposal.history.select_related("history_user").order_by("-history_date")[:50],
            # The old free state changes stay for records entered after the fact, where no review page applies.
            "transitions": transitions if "review_form" not in forms and "assign_form" not in forms else [],
            "transition_form": TransitionForm(initial={"handling_unit": proposal.handling_unit}),
            "today": timezone.localdate(),
        }
    )
    return render(request, "proposals/proposal_detail.html", context, status=status)


def _done(request: HttpRequest, proposal: Proposal, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect(proposal)


def _refused(request: HttpRequest, proposal: Proposal, name: str, form: Any) -> HttpResponse:
    return render_detail(request, proposal, bound={name: form}, status=400)


@require_POST
def proposal_review(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_proposal_for_user(request.user, pk, write=True)
    form = ReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "file":
                services.proposal_file(
                    proposal=proposal,
                    actor=request.user,
                    on=data["on"],
                    filed_number=data["filed_number"],
                    is_key=data["is_key"],
                    supervisor=data["supervisor"],
                )
                text = _("已立案。")
            elif data["decision"] == "not_file":
                services.proposal_not_file(
                    proposal=proposal,
                    actor=request.user,
                    on=data["on"],
                    reason=data["reason"],
                    conversion=data["conversion"],
                )
                text = _("已不予立案。")
            else:
                services.proposal_return(proposal=proposal, actor=request.user, note=data["note"])
                text = _("已退回提案人修改。")
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _done(request, proposal, text)
    return _refused(request, proposal, "review_form", form)


def _apply(
    request: HttpRequest, proposal: Proposal, form: Any, name: str, write: Callable[[dict], Any], done: str
) -> HttpResponse:
    """A staff action from the proposal page: the form's data through a service, or the page again with
    the form as typed and the service's refusal at its field."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _done(request, proposal, done)
    return _refused(request, proposal, name, form)


@require_POST
def proposal_merge(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_proposal_for_user(request.user, pk, write=True)
    return _apply(
        request,
        proposal,
        MergeForm(request.POST, proposal=proposal),
        "merge_form",
        lambda data: services.proposal_merge(
            lead=proposal, others=data["others"], actor=request.user, on=data["on"]
        ),
        _("已并案。"),
    )


@require_POST
def proposal_supervise(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_proposal_for_user(request.user, pk, write=True)
    return _apply(
        request,
        proposal,
        SuperviseForm(request.POST),
        "supervise_form",
        lambda data: services.proposal_supervise(proposal=proposal, actor=request.user, **data),
        _("督办信息已保存。"),
    )


@require_POST
def proposal_assign(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_proposal_for_user(request.user, pk, write=True)
    return _apply(
        request,
        proposal,
        AssignForm(request.POST),
        "assign_form",
        lambda data: services.proposal_assign(proposal=proposal, actor=request.user, **data),
        _("已交办。"),
    )


@require_POST
def unit_sign(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_user(request.user, pk, write=True)
    try:
        services.assignment_sign(assignment=assignment, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(assignment.proposal)
    return _done(request, assignment.proposal, _("已签收。"))


def _unit_form(
    request: HttpRequest, pk: int, form_class: Any, name: str, act: Any, text: str
) -> HttpResponse:
    assignment = access.get_assignment_for_user(request.user, pk, write=True)
    form = form_class(request.POST, request.FILES) if form_class is ReplyForm else form_class(request.POST)
    if form.is_valid():
        try:
            act(assignment, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _done(request, assignment.proposal, text)
    return _refused(request, assignment.proposal, name, form)


@require_POST
def unit_return(request: HttpRequest, pk: int) -> HttpResponse:
    def act(assignment: Any, data: dict[str, Any]) -> None:
        services.assignment_return(assignment=assignment, actor=request.user, reason=data["reason"])

    return _unit_form(request, pk, ReturnForm, "return_form", act, _("已退回提案委，等待重新交办。"))


@require_POST
def unit_note(request: HttpRequest, pk: int) -> HttpResponse:
    def act(assignment: Any, data: dict[str, Any]) -> None:
        services.handling_note_add(assignment=assignment, actor=request.user, **data)

    return _unit_form(request, pk, NoteForm, "note_form", act, _("沟通联系已记录。"))


@require_POST
def unit_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    def act(assignment: Any, data: dict[str, Any]) -> None:
        services.assignment_opinion(
            assignment=assignment, actor=request.user, opinion=data["opinion"], on=data["opinion_on"]
        )

    return _unit_form(request, pk, OpinionForm, "opinion_form", act, _("会办意见已送主办单位。"))


@require_POST
def unit_reply(request: HttpRequest, pk: int) -> HttpResponse:
    def act(assignment: Any, data: dict[str, Any]) -> None:
        services.reply_create(
            assignment=assignment,
            actor=request.user,
            category=data["category"],
            replied_on=data["replied_on"],
            summary=data["summary"],
            upload=data["letter"],
        )

    return _unit_form(request, pk, ReplyForm, "reply_form", act, _("答复已提交，等待提案人测评。"))


@require_POST
def reply_rate(request: HttpRequest, pk: int) -> HttpResponse:
    reply, member = access.get_reply_to_rate(request.user, pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rating_save(reply=reply, member=member, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _done(request, reply.proposal, _("测评已提交。"))
    return _refused(request, reply.proposal, "rating_form", form)


def reply_letter(request: HttpRequest, pk: int) -> FileResponse:
    """The signed reply letter, streamed only to those who may see the proposal; no public URL."""
    reply = access.get_reply_for_user(request.user, pk)
    response = FileResponse(
        reply.letter.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"答复函-{reply.proposal.year}-{reply.proposal.number}-{reply.round}.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def unit_list(request: HttpRequest) -> HttpResponse:
    """承办单位's own list (staff and leaders: every assignment), overdue ones marked."""
    if not (access.is_unit_user(request.user) or access.can_read_all(request.user)):
        raise PermissionDenied
    rows = selectors.assignment_list(user=request.user, params=request.GET)
    return render(
        request,
        "proposals/assignment_list.html",
        {"list": paginate(request, rows.qs, filterset=rows), "today": timezone.localdate()},
    )
