from .handling import (
    AssignForm,
    MergeForm,
    NoteForm,
    OpinionForm,
    RatingForm,
    ReplyForm,
    ReturnForm,
    ReviewForm,
    SuperviseForm,
)
from .records import (
    DraftForm,
    InviteForm,
    ProposalForm,
    TransitionForm,
)

__all__ = [
    "AssignForm",
    "DraftForm",
    "InviteForm",
    "MergeForm",
    "NoteForm",
    "OpinionForm",
    "ProposalForm",
    "RatingForm",
    "ReplyForm",
    "ReturnForm",
    "ReviewForm",
    "SuperviseForm",
    "TransitionForm",
]
