from .dossier import DisputeForm, EntryRecordForm, ResolveForm, ReviewForm, SelfReportForm
from .register import DateInput, DeactivateForm, ImportForm, LinkAccountForm, MemberForm
from .scoring import GradeFormSet, RulesForm, SchemeForm
from .submissions import ProposalForm, SentimentForm, TransitionForm

__all__ = [
    "DateInput", "DeactivateForm", "DisputeForm", "EntryRecordForm", "GradeFormSet", "ImportForm", "LinkAccountForm",
    "MemberForm", "ProposalForm", "ResolveForm", "ReviewForm", "RulesForm", "SchemeForm", "SelfReportForm",
    "SentimentForm", "TransitionForm",
]
