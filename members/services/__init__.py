"""Every write of the members app: one transaction each, with the author recorded."""

from .dossier import (
    dispute_resolve,
    entry_dispute,
    entry_record,
    entry_review,
    entry_review_bulk,
    entry_self_report,
)
from .register import (
    member_create,
    member_deactivate,
    member_reactivate,
    member_update,
)

__all__ = [
    "dispute_resolve",
    "entry_dispute",
    "entry_record",
    "entry_review",
    "entry_review_bulk",
    "entry_self_report",
    "member_create",
    "member_deactivate",
    "member_reactivate",
    "member_update",
]
