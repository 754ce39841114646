from .dossier import DisputeForm, EntryRecordForm, ResolveForm, ReviewForm, SelfReportForm
from .register import DeactivateForm, ImportForm, MemberForm

__all__ = [
    "DeactivateForm",
    "DisputeForm",
    "EntryRecordForm",
    "ImportForm",
    "MemberForm",
    "ResolveForm",
    "ReviewForm",
    "SelfReportForm",
]
