from .dossier import DossierEntry, EntryDispute, EntryRole
from .imports import ImportBatch
from .register import LiaisonGroup, Member, Sector, SpecialCommittee, Term

__all__ = [
    "DossierEntry",
    "EntryDispute",
    "EntryRole",
    "ImportBatch",
    "LiaisonGroup",
    "Member",
    "Sector",
    "SpecialCommittee",
    "Term",
]
