"""Which dossier entries a proposal implies (registered with `dossier.builder`)."""

from __future__ import annotations

from members.dossier import EntrySpec, builder
from members.kinds import ActivityKind as K
from members.models import EntryRole

from .models import Proposal

# A draft, a proposal sent back for changes or withdrawn is not (or no longer) submitted: no entries.
_UNSUBMITTED = (Proposal.Status.DRAFT, Proposal.Status.RETURNED, Proposal.Status.WITHDRAWN)


@builder(Proposal, url_name="proposals:detail")
def proposal_entries(p: Proposal) -> list[EntrySpec]:
    # A 集体提案 is the 界别's, 专委会's or 党派's: it scores in no member's dossier.
    if p.status in _UNSUBMITTED or p.lead_id is None:
        return []
    cosigners = sorted(m.pk for m in p.cosigners.all())
    n = len(cosigners)
    authors = [(p.lead_id, EntryRole.LEAD)] + [(pk, EntryRole.COSIGNER) for pk in cosigners]
    specs = [EntrySpec(p.lead_id, K.PROPOSAL_LEAD, p.submitted_on, p.year, p.title, EntryRole.LEAD, n)]
    specs += [
        EntrySpec(pk, K.PROPOSAL_COSIGN, p.submitted_on, p.year, p.title, EntryRole.COSIGNER, n)
        for pk in cosigners
    ]
    decided = p.decided_on or p.submitted_on
    # A proposal merged into another (并案) is filed when that one is.
    filed = p.is_filed or (p.merged_into is not None and p.merged_into.is_filed)
    for flag, kind in (
        (filed, K.PROPOSAL_FILED),
        (p.is_key, K.PROPOSAL_KEY),
        (p.is_excellent, K.PROPOSAL_EXCELLENT),
    ):
        if flag:
            specs += [EntrySpec(pk, kind, decided, p.year, p.title, role, n) for pk, role in authors]
    return specs
