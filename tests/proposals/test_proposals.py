from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluation import services as evaluation_services
from members.kinds import ActivityKind as K
from members.models import DossierEntry
from proposals import services as proposal_services
from proposals.models import Proposal
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(db):
    return MemberFactory(name="领衔人")


def _post_data(lead, cosigners=(), **overrides):
    data = {
        "year": 2023,
        "number": 12,
        "title": "关于加快装备制造产业链发展的建议",
        "lead": lead.pk,
        "cosigners": [c.pk for c in cosigners],
        "submitted_on": "2023-01-08",
        "content": "",
        "handling_unit": "",
    }
    data.update(overrides)
    return data


def test_staff_record_a_proposal_with_cosigners(staff_client, lead):
    cosigners = MemberFactory.create_batch(2)
    response = staff_client.post(reverse("proposals:create"), _post_data(lead, cosigners))
    proposal = Proposal.objects.get()
    assert response["Location"] == proposal.get_absolute_url()
    assert set(proposal.cosigners.all()) == set(cosigners)
    assert DossierEntry.objects.filter(kind=K.PROPOSAL_COSIGN).count() == 2


def test_the_lead_cannot_also_cosign(staff_client, lead):
    response = staff_client.post(reverse("proposals:create"), _post_data(lead, [lead]))
    assert "领衔人不能同时是附议人" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_proposal_number_is_unique_within_a_year(staff_client, lead):
    staff_client.post(reverse("proposals:create"), _post_data(lead))
    response = staff_client.post(reverse("proposals:create"), _post_data(lead, title="另一件"))
    assert "本年度已有这个提案号" in response.content.decode()
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        (["filed"], True),
        (["not_filed"], True),
        (["filed", "assigned"], True),
        (["filed", "assigned", "answered"], True),
        (["assigned"], False),
        (["answered"], False),
        (["not_filed", "filed"], False),
        (["filed", "not_filed"], False),
        (["filed", "answered"], False),
    ],
)
def test_only_the_steps_of_the_process_are_allowed(lead, staff, path, allowed):
    proposal = proposal_services.proposal_create(
        actor=staff, year=2023, number=1, title="案由", lead=lead, submitted_on=dt.date(2023, 1, 8)
    )
    extra = {"reason": "转意见", "handling_unit": "市教育局", "answer": "已办理"}

    def walk():
        for step in path:
            proposal_services.proposal_transition(
                proposal=proposal, to=step, on=dt.date(2023, 2, 1), actor=staff, **extra
            )

    if allowed:
        walk()
        proposal.refresh_from_db()
        assert proposal.status == path[-1]
    else:
        with pytest.raises(ValidationError):
            walk()


def test_each_state_change_is_dated_and_in_the_history(staff_client, staff, lead):
    proposal = proposal_services.proposal_create(
        actor=staff, year=2023, number=1, title="案由", lead=lead, submitted_on=dt.date(2023, 1, 8)
    )
    staff_client.post(
        reverse("proposals:transition", args=[proposal.pk]), {"to": "filed", "on": "2023-01-28"}
    )
    staff_client.post(
        reverse("proposals:transition", args=[proposal.pk]),
        {"to": "assigned", "on": "2023-02-03", "handling_unit": "市住房和城乡建设局"},
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_on, proposal.assigned_on) == (
        "assigned",
        dt.date(2023, 1, 28),
        dt.date(2023, 2, 3),
    )
    assert list(proposal.history.order_by("history_date").values_list("status", flat=True)) == [
        "submitted",
        "filed",
        "assigned",
    ]


def test_a_refused_step_is_explained_in_chinese(staff_client, staff, lead):
    proposal = proposal_services.proposal_create(
        actor=staff, year=2023, number=1, title="案由", lead=lead, submitted_on=dt.date(2023, 1, 8)
    )
    response = staff_client.post(
        reverse("proposals:transition", args=[proposal.pk]),
        {"to": "answered", "on": "2023-03-01"},
        follow=True,
    )
    assert "不能改为“已答复”" in response.content.decode()


def test_not_filing_needs_a_reason(staff, lead):
    proposal = proposal_services.proposal_create(
        actor=staff, year=2023, number=1, title="案由", lead=lead, submitted_on=dt.date(2023, 1, 8)
    )
    with pytest.raises(ValidationError, match="不予立案须写明理由"):
        proposal_services.proposal_transition(
            proposal=proposal, to="not_filed", on=dt.date(2023, 2, 1), actor=staff
        )


def test_only_a_filed_proposal_can_be_key(staff, lead):
    with pytest.raises(ValidationError):
        proposal_services.proposal_create(
            actor=staff,
            year=2023,
            number=1,
            title="案由",
            lead=lead,
            submitted_on=dt.date(2023, 1, 8),
            is_key=True,
        )


def test_filing_and_key_raise_the_leads_points(staff, lead):
    evaluation_services.scheme_create_default(year=2023)
    proposal = proposal_services.proposal_create(
        actor=staff, year=2023, number=1, title="案由", lead=lead, submitted_on=dt.date(2023, 1, 8)
    )
    from members import selectors

    def total():
        return selectors.member_dossier(member=lead, year=2023).breakdown.total

    assert total() == 65
    proposal_services.proposal_transition(proposal=proposal, to="filed", on=dt.date(2023, 2, 1), actor=staff)
    assert total() == 68
    proposal.refresh_from_db()
    proposal.is_key = True
    proposal_services.proposal_update(proposal=proposal, actor=staff, cosigners=[])
    assert total() == 73


def test_a_member_sees_the_proposals_they_wrote_and_no_others(member_client, member, other_member, staff):
    mine = proposal_services.proposal_create(
        actor=staff,
        year=2023,
        number=1,
        title="我领衔的",
        lead=other_member,
        cosigners=[member],
        submitted_on=dt.date(2023, 1, 8),
    )
    proposal_services.proposal_create(
        actor=staff, year=2023, number=2, title="别人的", lead=other_member, submitted_on=dt.date(2023, 1, 8)
    )
    body = member_client.get(reverse("proposals:list")).content.decode()
    assert "我领衔的" in body and "别人的" not in body
    assert member_client.get(mine.get_absolute_url()).status_code == 200


def test_the_list_query_count_does_not_grow_with_proposals(
    staff_client, staff, lead, django_assert_num_queries
):
    def make(start, n):
        for number in range(start, start + n):
            proposal_services.proposal_create(
                actor=staff,
                year=2023,
                number=number,
                title="案由",
                lead=lead,
                cosigners=MemberFactory.create_batch(2),
                submitted_on=dt.date(2023, 1, 8),
            )

    make(1, 3)
    # 6, and two for the 界别 and 承办单位 choices of the filter form.
    with django_assert_num_queries(8):
        staff_client.get(reverse("proposals:list"))
    make(4, 30)
    with django_assert_num_queries(8):
        response = staff_client.get(reverse("proposals:list"))
    assert len(response.context["list"].page) == 33


def test_the_form_offers_the_next_number_of_the_year(staff_client, staff, lead):
    from django.utils import timezone

    year = timezone.localdate().year
    for number in (1, 2, 7):
        proposal_services.proposal_create(
            actor=staff, year=year, number=number, title="案由", lead=lead, submitted_on=timezone.localdate()
        )
    form = staff_client.get(reverse("proposals:create")).context["form"]
    assert form["number"].value() == 8


def test_a_member_sees_co_signers_names_without_links_to_dossiers_they_cannot_open(
    member_client, member, staff
):
    other = MemberFactory(name="赵附议")
    proposal = proposal_services.proposal_create(
        actor=staff,
        year=2023,
        number=9,
        title="提案",
        lead=member,
        cosigners=[other],
        submitted_on=dt.date(2023, 1, 9),
    )
    body = member_client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "赵附议" in body
    assert reverse("members:detail", args=[other.pk]) not in body
    assert reverse("members:detail", args=[member.pk]) in body, "their own name still links to their dossier"
