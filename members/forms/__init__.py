from .dossier import DisputeForm, EntryRecordForm, ResolveForm, ReviewForm, SelfReportForm
from .register import DeactivateForm, ImportForm, LinkAccountForm, MemberForm

__all__ = [
    "DeactivateForm",
    "DisputeForm",
    "EntryRecordForm",
    "ImportForm",
    "LinkAccountForm",
    "MemberForm",
    "ResolveForm",
    "ReviewForm",
    "SelfReportForm",
]
