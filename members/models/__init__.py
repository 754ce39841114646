from .dossier import DossierEntry, EntryDispute, EntryRole
from .imports import ImportBatch
from .register import Member, Sector, SpecialCommittee, Term

__all__ = [
    "DossierEntry",
    "EntryDispute",
    "EntryRole",
    "ImportBatch",
    "Member",
    "Sector",
    "SpecialCommittee",
    "Term",
]
