from __future__ import annotations

import datetime as dt

import pytest

from members.kinds import ActivityKind as K
from members.models import DossierEntry
from proposals import services as proposal_services
from proposals.models import Proposal
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _entries(**filters):
    return sorted(
        DossierEntry.objects.filter(**filters).values_list("member__name", "kind", "role", "joint_size")
    )


@pytest.fixture
def people(db):
    return {name: MemberFactory(name=name) for name in ("领衔", "附议甲", "附议乙")}


def _proposal(people, staff=None, **fields):
    return proposal_services.proposal_create(
        actor=staff,
        cosigners=[people["附议甲"], people["附议乙"]],
        year=2023,
        number=1,
        title="关于养老服务的建议",
        lead=people["领衔"],
        submitted_on=dt.date(2023, 1, 8),
        **fields,
    )


def test_a_proposal_gives_its_lead_and_cosigners_entries(people):
    _proposal(people)
    assert _entries() == [
        ("附议乙", K.PROPOSAL_COSIGN, "cosigner", 2),
        ("附议甲", K.PROPOSAL_COSIGN, "cosigner", 2),
        ("领衔", K.PROPOSAL_LEAD, "lead", 2),
    ]


def test_syncing_twice_gives_the_same_entries(people):
    from members import dossier

    proposal = _proposal(people)
    before = list(DossierEntry.objects.order_by("pk").values())
    result = dossier.sync(proposal)
    assert (result.created, result.updated, result.deleted) == (0, 0, 0)
    assert list(DossierEntry.objects.order_by("pk").values()) == before


def test_removing_a_cosigner_removes_their_entry_and_resizes_the_others(people, staff):
    proposal = _proposal(people)
    proposal_services.proposal_update(proposal=proposal, actor=staff, cosigners=[people["附议甲"]])
    assert _entries() == [("附议甲", K.PROPOSAL_COSIGN, "cosigner", 1), ("领衔", K.PROPOSAL_LEAD, "lead", 1)]
    change = Proposal.history.filter(history_type="~").latest("history_date")
    assert change.history_user == staff, "the source's history says who removed the co-signer"


def test_filing_adds_a_filed_entry_for_every_author_dated_on_the_decision(people, staff):
    proposal = _proposal(people)
    proposal_services.proposal_transition(
        proposal=proposal, to=Proposal.Status.FILED, on=dt.date(2023, 2, 1), actor=staff
    )
    filed = DossierEntry.objects.filter(kind=K.PROPOSAL_FILED)
    assert filed.count() == 3
    assert set(filed.values_list("date", flat=True)) == {dt.date(2023, 2, 1)}


def test_deleting_a_proposal_removes_its_entries(people, staff):
    proposal = _proposal(people)
    proposal_services.proposal_delete(proposal=proposal, actor=staff)
    assert not DossierEntry.objects.exists()
    assert Proposal.history.filter(history_type="-").exists(), "history keeps the deleted proposal"


def test_sync_keeps_the_review_state_of_surviving_entries(people, staff):
    proposal = _proposal(people)
    entry = DossierEntry.objects.get(kind=K.PROPOSAL_LEAD)
    DossierEntry.objects.filter(pk=entry.pk).update(disabled=True, disabled_reason="重复录入")
    proposal_services.proposal_update(
        proposal=proposal, actor=staff, cosigners=[people["附议甲"]], title="新案由"
    )
    entry.refresh_from_db()
    assert entry.disabled and entry.title == "新案由"


def test_saving_a_proposal_costs_the_same_queries_for_two_or_twenty_cosigners(
    people, staff, django_assert_max_num_queries
):
    crowd = MemberFactory.create_batch(20)
    proposal = _proposal(people)
    with django_assert_max_num_queries(40) as few:
        proposal_services.proposal_update(proposal=proposal, actor=staff, cosigners=crowd[:2])
    with django_assert_max_num_queries(40) as many:
        proposal_services.proposal_update(proposal=proposal, actor=staff, cosigners=crowd)
    assert len(many) - len(few) <= 2, "writes are bulk: more co-signers must not mean more queries"
