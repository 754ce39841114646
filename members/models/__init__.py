from .dossier import (
    AnnualEvaluation,
    Award,
    AwardKind,
    CategoryCap,
    DossierEntry,
    EntryDispute,
    EntryRole,
    EvaluationRun,
    GradeBand,
    ScoringRule,
    ScoringScheme,
)
from .register import Member, Sector, SpecialCommittee, Term
from .submissions import AdoptionLevel, Proposal, SentimentReport

__all__ = [
    "AdoptionLevel", "AnnualEvaluation", "Award", "AwardKind", "CategoryCap", "DossierEntry", "EntryDispute", "EntryRole", "EvaluationRun", "GradeBand", "Member",
    "Proposal", "ScoringRule", "ScoringScheme", "Sector", "SentimentReport", "SpecialCommittee", "Term",
]
