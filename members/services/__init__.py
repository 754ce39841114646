"""Every write of the members app: one transaction each, with the author recorded."""

from .awards import award_decide, awards_propose
from .dossier import dispute_resolve, entry_dispute, entry_record, entry_review, entry_self_report
from .evaluation import evaluation_compute, evaluation_queue, evaluation_run, rollup_year
from .register import (
    member_create,
    member_deactivate,
    member_link_account,
    member_reactivate,
    member_unlink_account,
    member_update,
)
from .scoring import scheme_copy, scheme_create_default, scheme_save
from .submissions import (
    proposal_create,
    proposal_delete,
    proposal_transition,
    proposal_update,
    sentiment_create,
    sentiment_delete,
    sentiment_update,
)

__all__ = [
    "award_decide", "awards_propose", "evaluation_compute", "evaluation_queue", "evaluation_run",
    "dispute_resolve", "entry_dispute", "entry_record", "entry_review", "entry_self_report", "member_create",
    "member_deactivate", "member_link_account", "member_reactivate", "member_unlink_account", "member_update",
    "proposal_create", "proposal_delete", "proposal_transition", "proposal_update", "rollup_year", "scheme_copy",
    "scheme_create_default", "scheme_save", "sentiment_create", "sentiment_delete", "sentiment_update",
]
