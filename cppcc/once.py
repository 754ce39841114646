"""Create forms are accepted once: the form carries a token, the first submission claims it.

A second submission with the same token (a double click, a resent POST after a slow answer) is not
saved again; it is sent where the first one went. A form sent back with errors releases its token so
the corrected form can be sent.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .models import SubmitToken

FIELD = "submit_token"


def new_token() -> str:
    return uuid.uuid4().hex


def submit_once(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        token = request.POST.get(FIELD, "")[:64] if request.method == "POST" else ""
        if not token:
            return view(request, *args, **kwargs)
        try:
            with transaction.atomic():
                claim = SubmitToken.objects.create(
                    token=token, user=request.user if request.user.is_authenticated else None
                )
        except IntegrityError:
            first = SubmitToken.objects.filter(token=token).first()
            messages.info(request, _("这张表单已经提交过，没有重复保存。"))
            return redirect(first.location if first and first.location else request.path)
        response = view(request, *args, **kwargs)
        if response.status_code in (301, 302, 303):
            SubmitToken.objects.filter(pk=claim.pk).update(location=response["Location"][:500])
        else:
            SubmitToken.objects.filter(pk=claim.pk).delete()
        return response

    return wrapper
