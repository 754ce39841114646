"""Every write of the proposals app: records entered by staff (`records`), a member's drafts and
co-signers (`submission`), the 提案委's review (`review`), and handling by the units (`handling`)."""

from __future__ import annotations

from .compilation import compilation_build, compilation_fail, compilation_start
from .handling import (
    assignment_opinion,
    assignment_return,
    assignment_sign,
    handling_note_add,
    proposal_assign,
    rating_save,
    reply_create,
)
from .records import (
    proposal_create,
    proposal_delete,
    proposal_transition,
    proposal_update,
)
from .review import proposal_file, proposal_merge, proposal_not_file, proposal_return, proposal_supervise
from .submission import (
    invitation_answer,
    next_number,
    proposal_draft_save,
    proposal_invite,
    proposal_submit,
    proposal_withdraw,
)

__all__ = [
    "assignment_opinion",
    "assignment_return",
    "assignment_sign",
    "compilation_build",
    "compilation_fail",
    "compilation_start",
    "handling_note_add",
    "invitation_answer",
    "next_number",
    "proposal_assign",
    "proposal_create",
    "proposal_delete",
    "proposal_draft_save",
    "proposal_file",
    "proposal_invite",
    "proposal_merge",
    "proposal_not_file",
    "proposal_return",
    "proposal_submit",
    "proposal_supervise",
    "proposal_transition",
    "proposal_update",
    "proposal_withdraw",
    "rating_save",
    "reply_create",
]
