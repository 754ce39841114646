from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors, xlsx_response
from cppcc.lists import paginate
from cppcc.once import submit_once

from .. import roster, selectors, services
from ..forms import DeactivateForm, ImportForm, MemberForm


def member_list(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    members = selectors.member_list(user=request.user, params=request.GET)
    return render(
        request, "members/member_list.html", {"list": paginate(request, members.qs, filterset=members)}
    )


def member_export(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    members = selectors.member_list(user=request.user, params=request.GET).qs
    stamp = timezone.localdate().strftime("%Y%m%d")
    return xlsx_response(roster.export_workbook(members.iterator(chunk_size=1000)), f"members-{stamp}.xlsx")


@submit_once
def member_create(request: HttpRequest) -> HttpResponse:
    access.ensure_can_edit(request.user)
    form = MemberForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已新增委员 %(name)s。") % {"name": member.name})
            return redirect(member)
    return render(request, "members/member_form.html", {"form": form, "member": None})


def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = access.get_member_for_user(request.user, pk, write=True)
    form = MemberForm(request.POST or None, request.FILES or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(member=member, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存 %(name)s 的信息。") % {"name": member.name})
            return redirect(member)
    return render(request, "members/member_form.html", {"form": form, "member": member})


def member_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    member = access.get_member_for_user(request.user, pk, write=True)
    form = DeactivateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_deactivate(
                member=member,
                how=form.cleaned_data["how"],
                reason=form.cleaned_data["reason"],
                left_on=form.cleaned_data["left_on"],
                actor=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s 已停止履职，其履职记录仍完整保留。") % {"name": member.name}
            )
            return redirect(member)
    return render(request, "members/member_deactivate.html", {"form": form, "member": member})


@require_POST
def member_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    member = access.get_member_for_user(request.user, pk, write=True)
    services.member_reactivate(member=member, actor=request.user)
    messages.success(request, _("%(name)s 已恢复在任。") % {"name": member.name})
    return redirect(member)


def member_import(request: HttpRequest) -> HttpResponse:
    """Upload an office's roster, see how it will be read, then confirm (all rows or none)."""
    access.ensure_can_edit(request.user)
    uploading = request.method == "POST" and not request.POST.get("token")
    form = ImportForm(request.POST, request.FILES) if uploading else ImportForm()
    preview, error = None, ""
    if request.method == "POST" and request.POST.get("token"):
        batch = access.get_import_batch_for_user(request.user, request.POST["token"])
        try:
            created = roster.roster_import(batch=batch, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
            preview = None if isinstance(exc, roster.AlreadyImported) else roster.preview_of(batch)
        else:
            messages.success(request, _("已导入 %(n)s 名委员。") % {"n": created})
            return redirect("members:list")
    elif uploading and form.is_valid():
        preview = roster.roster_preview(
            upload=form.cleaned_data["file"], actor=request.user, max_bytes=settings.IMPORT_MAX_BYTES
        )
    failed = bool(error or form.errors) or (preview is not None and not preview.ok)
    return render(
        request,
        "members/member_import.html",
        {"form": form, "preview": preview, "error": error, "headers": roster.TEMPLATE_COLUMNS},
        status=400 if failed else 200,
    )


def member_import_template(request: HttpRequest) -> HttpResponse:
    access.ensure_can_edit(request.user)
    return xlsx_response(roster.template_workbook(), "member-import-template.xlsx")


def member_photo(request: HttpRequest, pk: int) -> FileResponse:
    """A member's portrait, streamed only to those who may see the member (there is no public URL)."""
    member = access.get_member_for_user(request.user, pk)
    if not member.photo:
        raise Http404
    response = FileResponse(member.photo.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    return response
