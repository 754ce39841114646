"""The proposal handling chain through its services: draft → 联名 → 提交 → 立案 → 交办 → 答复 → 测评."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from demo.research import _pdf
from members.kinds import ActivityKind as K
from members.models import DossierEntry
from notices.models import Notice
from proposals import services
from proposals.models import Assignment, Proposal, ProposalInvitation, add_months
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def letter(name: str = "答复函.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _pdf("reply"))


def draft(member, **fields):
    values = {
        "title": "关于老旧小区加装电梯的建议",
        "category": "society",
        "content": "情况",
        "suggestions": "建议",
    }
    values.update(fields)
    return services.proposal_draft_save(member=member, actor=member.user, **values)


@pytest.fixture
def submitted(member, other_member):
    proposal = draft(member)
    (invitation,) = services.proposal_invite(proposal=proposal, members=[other_member], actor=member.user)
    services.invitation_answer(invitation=invitation, accept=True, actor=other_member.user)
    return services.proposal_submit(proposal=proposal, actor=member.user)


@pytest.fixture
def assigned(submitted, staff, handling_unit, other_unit):
    services.proposal_file(proposal=submitted, actor=staff, on=TODAY)
    services.proposal_assign(
        proposal=submitted, actor=staff, on=TODAY, lead_unit=handling_unit, co_units=[other_unit]
    )
    submitted.refresh_from_db()
    return submitted


def test_a_draft_has_no_number_and_no_dossier_entry(member):
    proposal = draft(member)
    assert (proposal.status, proposal.number) == ("draft", None)
    assert not DossierEntry.objects.exists()


def test_submitting_numbers_the_proposal_and_credits_lead_and_accepted_cosigner(
    submitted, member, other_member
):
    assert submitted.status == "submitted" and submitted.number == 1
    kinds = set(DossierEntry.objects.values_list("member_id", "kind"))
    assert kinds == {(member.pk, K.PROPOSAL_LEAD), (other_member.pk, K.PROPOSAL_COSIGN)}


def test_a_declined_invitation_does_not_make_a_cosigner(member, other_member):
    proposal = draft(member)
    (invitation,) = services.proposal_invite(proposal=proposal, members=[other_member], actor=member.user)
    services.invitation_answer(invitation=invitation, accept=False, actor=other_member.user)
    services.proposal_submit(proposal=proposal, actor=member.user)
    assert not proposal.cosigners.exists()
    assert Notice.objects.filter(member=other_member, kind="proposal").exists()


def test_an_invitation_cannot_be_answered_after_its_deadline(member, other_member):
    proposal = draft(member)
    (invitation,) = services.proposal_invite(proposal=proposal, members=[other_member], actor=member.user)
    ProposalInvitation.objects.filter(pk=invitation.pk).update(deadline=TODAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="已过"):
        services.invitation_answer(invitation=invitation, accept=True, actor=other_member.user)


def test_unanswered_invitations_lapse_on_submission(member, other_member):
    proposal = draft(member)
    (invitation,) = services.proposal_invite(proposal=proposal, members=[other_member], actor=member.user)
    services.proposal_submit(proposal=proposal, actor=member.user)
    invitation.refresh_from_db()
    assert invitation.status == "expired"
    with pytest.raises(ValidationError):
        services.invitation_answer(invitation=invitation, accept=True, actor=other_member.user)


def test_a_draft_without_suggestions_cannot_be_submitted(member):
    proposal = draft(member, suggestions="")
    with pytest.raises(ValidationError, match="建议办法"):
        services.proposal_submit(proposal=proposal, actor=member.user)


def test_filed_numbers_count_within_term_and_year(member, staff):
    first, second = (services.proposal_submit(proposal=draft(member), actor=member.user) for _ in range(2))
    services.proposal_file(proposal=second, actor=staff, on=TODAY)
    services.proposal_file(proposal=first, actor=staff, on=TODAY)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.filed_number, first.filed_number) == (1, 2)
    assert first.term_id == member.term_id


def test_not_filing_keeps_the_reason_and_conversion(submitted, staff):
    services.proposal_not_file(
        proposal=submitted, actor=staff, on=TODAY, reason="属于个案", conversion="sentiment"
    )
    submitted.refresh_from_db()
    assert (submitted.status, submitted.conversion) == ("not_filed", "sentiment")
    assert not DossierEntry.objects.filter(kind=K.PROPOSAL_FILED).exists()


def test_a_merged_proposal_s_authors_are_credited_when_the_lead_is_filed(submitted, staff, other_member):
    other = services.proposal_submit(proposal=draft(other_member, title="同题提案"), actor=other_member.user)
    services.proposal_merge(lead=submitted, others=[other], actor=staff, on=TODAY)
    services.proposal_file(proposal=submitted, actor=staff, on=TODAY)
    other.refresh_from_db()
    assert (other.status, other.merged_into_id) == ("merged", submitted.pk)
    assert DossierEntry.objects.filter(
        kind=K.PROPOSAL_FILED, member=other_member, source_id=other.pk
    ).exists()


def test_a_returned_proposal_goes_back_to_the_proposer_and_can_be_withdrawn(submitted, staff, member):
    services.proposal_return(proposal=submitted, actor=staff, note="请补充数据")
    submitted.refresh_from_db()
    assert submitted.status == "returned" and not DossierEntry.objects.exists()
    services.proposal_withdraw(proposal=submitted, actor=member.user)
    submitted.refresh_from_db()
    assert submitted.status == "withdrawn"


def test_a_filed_proposal_cannot_be_withdrawn(submitted, staff, member):
    services.proposal_file(proposal=submitted, actor=staff, on=TODAY)
    with pytest.raises(ValidationError, match="不能再撤案"):
        services.proposal_withdraw(proposal=submitted, actor=member.user)


def test_a_key_proposal_needs_its_supervising_leader(submitted, staff):
    with pytest.raises(ValidationError, match="督办领导"):
        services.proposal_file(proposal=submitted, actor=staff, on=TODAY, is_key=True)


def test_assignment_defaults_to_a_three_month_deadline(unit_user, handling_unit, assigned):
    lead = assigned.assignments.get(role="lead")
    assert lead.deadline == add_months(TODAY, 3)
    assert assigned.status == "assigned" and assigned.handling_unit == handling_unit.name
    assert Notice.objects.filter(user=unit_user, kind="proposal").exists()


def test_a_unit_may_send_a_proposal_back_within_ten_days_only(assigned, unit_user):
    lead = assigned.assignments.get(role="lead")
    with pytest.raises(ValidationError, match="10 天"):
        services.assignment_return(
            assignment=lead,
            actor=unit_user,
            reason="不属本单位职责",
            on=lead.assigned_on + dt.timedelta(days=11),
        )
    with pytest.raises(ValidationError):
        services.assignment_return(assignment=lead, actor=unit_user, reason="")
    services.assignment_return(assignment=lead, actor=unit_user, reason="不属本单位职责")
    lead.refresh_from_db()
    assert not lead.is_active


def test_a_co_handling_unit_gives_an_opinion_not_a_reply(assigned, unit_user):
    co = assigned.assignments.get(role="co")
    with pytest.raises(ValidationError, match="会办单位不直接答复"):
        services.reply_create(assignment=co, actor=unit_user, category="A", replied_on=TODAY, upload=letter())
    services.assignment_opinion(assignment=co, actor=unit_user, opinion="同意主办意见", on=TODAY)
    co.refresh_from_db()
    assert co.opinion == "同意主办意见"


def test_a_reply_letter_must_be_a_pdf_by_its_content(assigned, unit_user):
    lead = assigned.assignments.get(role="lead")
    fake = SimpleUploadedFile("答复函.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError) as caught:
        services.reply_create(assignment=lead, actor=unit_user, category="A", replied_on=TODAY, upload=fake)
    assert "letter" in caught.value.message_dict


def test_unsatisfied_reopens_once_and_the_second_reply_is_final(assigned, unit_user, member, other_member):
    lead = assigned.assignments.get(role="lead")
    first = services.reply_create(
        assignment=lead, actor=unit_user, category="C", replied_on=TODAY, upload=letter()
    )
    assigned.refresh_from_db()
    assert assigned.status == "answered"
    with pytest.raises(ValidationError, match="写明意见"):
        services.rating_save(reply=first, member=member, actor=member.user, verdict="unsatisfied")
    services.rating_save(
        reply=first, member=member, actor=member.user, verdict="unsatisfied", comment="未解决"
    )
    assigned.refresh_from_db()
    assert (assigned.status, assigned.reopened, assigned.verdict) == ("assigned", True, "unsatisfied")
    second = services.reply_create(
        assignment=lead, actor=unit_user, category="B", replied_on=TODAY, upload=letter()
    )
    assert second.round == 2
    services.rating_save(reply=second, member=member, actor=member.user, verdict="satisfied")
    services.rating_save(
        reply=second, member=other_member, actor=other_member.user, verdict="unsatisfied", comment="仍不满意"
    )
    assigned.refresh_from_db()
    assert (assigned.status, assigned.verdict) == ("answered", "satisfied")
    with pytest.raises(ValidationError, match="不需要答复"):
        services.reply_create(
            assignment=lead, actor=unit_user, category="A", replied_on=TODAY, upload=letter()
        )


def test_only_authors_rate_a_reply(assigned, unit_user):
    reply = services.reply_create(
        assignment=assigned.assignments.get(role="lead"),
        actor=unit_user,
        category="A",
        replied_on=TODAY,
        upload=letter(),
    )
    stranger = MemberFactory()
    with pytest.raises(ValidationError, match="领衔人和附议人"):
        services.rating_save(reply=reply, member=stranger, actor=None, verdict="satisfied")


def test_split_assignment_is_answered_when_every_unit_replied(submitted, staff, handling_unit, other_unit):
    services.proposal_file(proposal=submitted, actor=staff, on=TODAY)
    services.proposal_assign(
        proposal=submitted, actor=staff, on=TODAY, split_units=[handling_unit, other_unit]
    )
    parts = list(Assignment.objects.filter(proposal=submitted))
    services.reply_create(assignment=parts[0], actor=None, category="A", replied_on=TODAY, upload=letter())
    assert Proposal.objects.get(pk=submitted.pk).status == "assigned"
    services.reply_create(assignment=parts[1], actor=None, category="B", replied_on=TODAY, upload=letter())
    assert Proposal.objects.get(pk=submitted.pk).status == "answered"


def test_the_proposal_page_lists_the_lead_unit_before_the_co_handling_ones(assigned, staff):
    from proposals.selectors import proposal_page

    page = proposal_page(proposal=assigned, user=staff)
    assert [a.role for a in page["assignments"]] == ["lead", "co"]
