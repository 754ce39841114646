from .dossier import DossierEntry, EntryDispute, EntryRole
from .register import Member, Sector, SpecialCommittee, Term

__all__ = ["DossierEntry", "EntryDispute", "EntryRole", "Member", "Sector", "SpecialCommittee", "Term"]
