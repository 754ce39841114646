"""The year's 提案汇编 as one PDF: a cover, the contents (立案号, 案由, 提案者, 主办单位, page), then
each filed proposal in 立案号 order with its authors, 案据, 建议办法, handling units and reply.

Laid out in parts of `PART` proposals so that a long year reports its progress part by part; the
body is numbered from 1 across the parts, and the contents is laid out last, knowing the pages.
A fixed number of queries whatever the number of proposals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from cppcc.documents import join_documents, render_document

from .models import Assignment, Proposal, Reply

PART = 20


def compilation_pdf(year: int, progress: Callable[[int, int], Any]) -> tuple[bytes, int]:
    """The PDF and its number of pages; `progress(done, total)` is told after each part."""
    proposals: list[Any] = list(
        Proposal.objects.filter(year=year, status__in=Proposal.FILED_STATES)
        .select_related("lead__sector", "author_sector", "author_committee")
        .prefetch_related(
            "cosigners",
            Prefetch(
                "assignments", Assignment.objects.filter(is_active=True).select_related("unit"), "units"
            ),
            Prefetch("replies", Reply.objects.select_related("assignment__unit"), "reply_list"),
        )
        .order_by("filed_number", "number", "pk")
    )
    for p in proposals:
        # Records typed in before units had accounts keep their unit as text.
        p.lead_unit = "、".join(a.unit.name for a in p.units if a.replies_to_proposer) or p.handling_unit
        p.co_units = "、".join(a.unit.name for a in p.units if not a.replies_to_proposer)
    total, parts, starts, page = len(proposals), [], {}, 1
    progress(0, total)
    for first in range(0, total, PART):
        chunk = proposals[first : first + PART]
        document = render_document("proposals/compilation_part_pdf.html", {"proposals": chunk, "start": page})
        for index, laid in enumerate(document.pages):
            starts.update(dict.fromkeys(laid.anchors, page + index))
        page += len(document.pages)
        parts.append(document)
        progress(first + len(chunk), total)
    for p in proposals:
        p.page = starts.get(f"p{p.pk}")
    context = {"year": year, "proposals": proposals, "printed_on": timezone.localdate()}
    documents = [render_document("proposals/compilation_pdf.html", context), *parts]
    return join_documents(documents), sum(len(d.pages) for d in documents)
