from .compilation import Compilation
from .handling import (
    Assignment,
    HandlingNote,
    ProposalInvitation,
    Rating,
    Reply,
    add_months,
    reply_path,
)
from .records import HandlingUnit, Proposal

__all__ = [
    "Assignment",
    "Compilation",
    "HandlingNote",
    "HandlingUnit",
    "Proposal",
    "ProposalInvitation",
    "Rating",
    "Reply",
    "add_months",
    "reply_path",
]
