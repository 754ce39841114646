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
    MemberSentimentForm,
    ProposalForm,
    SentimentForm,
    TransitionForm,
)

__all__ = [
    "AssignForm",
    "DraftForm",
    "InviteForm",
    "MemberSentimentForm",
    "MergeForm",
    "NoteForm",
    "OpinionForm",
    "ProposalForm",
    "RatingForm",
    "ReplyForm",
    "ReturnForm",
    "ReviewForm",
    "SentimentForm",
    "SuperviseForm",
    "TransitionForm",
]
