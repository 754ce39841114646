"""The delivery records: every email and SMS, queued, sent or failed with the reason."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cppcc import access
from cppcc.lists import paginate

from .. import selectors


def delivery_list(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    deliveries = selectors.delivery_list(params=request.GET)
    return render(
        request,
        "notices/delivery_list.html",
        {"list": paginate(request, deliveries.qs, filterset=deliveries)},
    )
