"""Account slips: one card per member with the login name and initial password, to cut and hand out."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cppcc.documents import render_pdf

from .services import Slip


def slips_pdf(slips: list[Slip], *, address: str, request: Any = None) -> bytes:
    return render_pdf(
        "accounts/slips_pdf.html",
        {"slips": slips, "address": address, "printed_on": timezone.localdate()},
        request=request,
    )
