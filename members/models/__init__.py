from .dossier import DossierEntry, EntryAttachment, EntryDispute, EntryRole
from .imports import ImportBatch
from .register import LiaisonGroup, Member, Sector, SpecialCommittee, Term

__all__ = [
    "DossierEntry",
    "EntryAttachment",
    "EntryDispute",
    "EntryRole",
    "ImportBatch",
    "LiaisonGroup",
    "Member",
    "Sector",
    "SpecialCommittee",
    "Term",
]
