"""Review, assignment, the units' pages and rating, through the browser's requests."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from demo.research import _pdf
from proposals import services
from proposals.models import Assignment, Proposal
from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _submitted(member, title="关于加快老旧小区改造的建议"):
    draft = services.proposal_draft_save(
        member=member, actor=member.user, title=title, category="society", content="案据", suggestions="建议"
    )
    return services.proposal_submit(proposal=draft, actor=member.user)


@pytest.fixture
def proposal(member):
    return _submitted(member)


def test_staff_file_a_proposal_as_key_with_its_leader(staff_client, proposal):
    data = {"decision": "file", "on": TODAY.isoformat(), "is_key": "on", "supervisor": "张副市长"}
    response = staff_client.post(reverse("proposals:review", args=[proposal.pk]), data)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.filed_number, proposal.is_key, proposal.supervisor) == (
        "filed",
        1,
        True,
        "张副市长",
    )


def test_not_filing_without_a_reason_is_refused_and_keeps_the_form(staff_client, proposal):
    data = {"decision": "not_file", "on": TODAY.isoformat(), "conversion": "opinion"}
    response = staff_client.post(reverse("proposals:review", args=[proposal.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "不予立案须写明理由" in body
    assert '<option value="opinion" selected>' in body


def test_staff_assign_to_a_lead_and_a_co_unit(staff_client, staff, proposal, handling_unit, other_unit):
    services.proposal_file(proposal=proposal, actor=staff, on=TODAY)
    data = {"lead_unit": handling_unit.pk, "co_units": [other_unit.pk], "on": TODAY.isoformat()}
    response = staff_client.post(reverse("proposals:assign", args=[proposal.pk]), data)
    assert response.status_code == 302
    roles = dict(Assignment.objects.values_list("unit__name", "role"))
    assert roles == {"市住房和城乡建设局": "lead", "市教育局": "co"}


@pytest.fixture
def assigned(staff, proposal, handling_unit, other_unit):
    services.proposal_file(proposal=proposal, actor=staff, on=TODAY)
    services.proposal_assign(
        proposal=proposal, actor=staff, on=TODAY, lead_unit=handling_unit, co_units=[other_unit]
    )
    return proposal


@pytest.fixture
def elsewhere(staff, other_member, other_unit):
    """A proposal assigned only to 市教育局, which 住建局's login must never reach."""
    proposal = _submitted(other_member, "关于校园安全的建议")
    services.proposal_file(proposal=proposal, actor=staff, on=TODAY)
    services.proposal_assign(proposal=proposal, actor=staff, on=TODAY, lead_unit=other_unit)
    return proposal


def test_a_unit_sees_only_what_is_assigned_to_it(unit_client, assigned, elsewhere, member, other_member):
    assert unit_client.get(assigned.get_absolute_url()).status_code == 200
    assert unit_client.get(elsewhere.get_absolute_url()).status_code == 404
    listed = unit_client.get(reverse("proposals:unit_list")).content.decode()
    assert assigned.title in listed and elsewhere.title not in listed
    assert elsewhere.title not in unit_client.get(reverse("proposals:list")).content.decode()
    for url in (
        reverse("members:detail", args=[member.pk]),
        reverse("members:detail", args=[other_member.pk]),
        reverse("members:report_pdf", args=[member.pk, TODAY.year]),
        reverse("consultations:detail", args=[1]),
    ):
        assert unit_client.get(url).status_code == 404, url
    for url in (
        reverse("me"),
        reverse("members:list"),
        reverse("dashboard:index"),
        reverse("consultations:calendar"),
    ):
        assert unit_client.get(url).status_code == 403, url


def test_a_unit_lands_on_its_own_list(unit_client):
    assert unit_client.get(reverse("home"))["Location"] == reverse("proposals:unit_list")


def test_the_unit_signs_contacts_and_replies_with_a_letter(unit_client, assigned, handling_unit):
    lead = assigned.assignments.get(unit=handling_unit)
    unit_client.post(reverse("proposals:unit_sign", args=[lead.pk]))
    unit_client.post(
        reverse("proposals:unit_note", args=[lead.pk]),
        {"method": "phone", "date": TODAY.isoformat(), "note": "电话沟通办理思路"},
    )
    response = unit_client.post(
        reverse("proposals:unit_reply", args=[lead.pk]),
        {
            "category": "B",
            "replied_on": TODAY.isoformat(),
            "summary": "已列入明年计划",
            "letter": SimpleUploadedFile("答复函.pdf", _pdf("reply")),
        },
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assigned.refresh_from_db()
    assert lead.signed_on == TODAY and lead.notes.count() == 1
    assert assigned.status == "answered"
    reply = assigned.replies.get()
    letter = unit_client.get(reverse("proposals:reply_letter", args=[reply.pk]))
    assert letter.status_code == 200 and b"".join(letter.streaming_content).startswith(b"%PDF-")


def test_a_letter_that_is_not_a_pdf_is_refused_in_chinese_and_the_summary_stays(
    unit_client, assigned, handling_unit
):
    lead = assigned.assignments.get(unit=handling_unit)
    response = unit_client.post(
        reverse("proposals:unit_reply", args=[lead.pk]),
        {
            "category": "A",
            "replied_on": TODAY.isoformat(),
            "summary": "我们的答复摘要",
            "letter": SimpleUploadedFile("答复函.pdf", b"just text, not a pdf"),
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "只接受 PDF 格式" in body and "我们的答复摘要" in body


def test_a_co_unit_sends_its_opinion(assigned, other_unit):
    co_user = UserFactory(username="unit2", role="承办单位")
    other_unit.users.add(co_user)
    client = Client()
    client.force_login(co_user)
    co = assigned.assignments.get(unit=other_unit)
    page = client.get(assigned.get_absolute_url()).content.decode()
    assert "提交会办意见" in page and "提交答复" not in page
    client.post(
        reverse("proposals:unit_opinion", args=[co.pk]), {"opinion": "建议结合学校布局", "opinion_on": TODAY}
    )
    co.refresh_from_db()
    assert co.opinion == "建议结合学校布局"


def test_an_overdue_assignment_is_marked(unit_client, assigned, handling_unit):
    Assignment.objects.filter(unit=handling_unit).update(deadline=TODAY - dt.timedelta(days=1))
    listed = unit_client.get(reverse("proposals:unit_list"), {"state": "overdue"}).content.decode()
    assert assigned.title in listed and "已超期" in listed
    assert "已超期" in unit_client.get(assigned.get_absolute_url()).content.decode()


def test_the_proposer_rates_unsatisfied_and_the_unit_answers_again(
    member_client, unit_client, assigned, handling_unit
):
    lead = assigned.assignments.get(unit=handling_unit)
    services.reply_create(
        assignment=lead,
        actor=None,
        category="C",
        replied_on=TODAY,
        upload=SimpleUploadedFile("a.pdf", _pdf("a")),
    )
    first = assigned.replies.get()
    response = member_client.post(reverse("proposals:rate", args=[first.pk]), {"verdict": "unsatisfied"})
    assert response.status_code == 400 and "不满意请写明意见" in response.content.decode()
    member_client.post(
        reverse("proposals:rate", args=[first.pk]), {"verdict": "unsatisfied", "comment": "没有解决"}
    )
    assert Proposal.objects.get(pk=assigned.pk).status == "assigned"
    assert "重新办理后再次答复" in unit_client.get(assigned.get_absolute_url()).content.decode()


def test_a_member_who_did_not_sign_cannot_rate(assigned, handling_unit, staff):
    lead = assigned.assignments.get(unit=handling_unit)
    reply = services.reply_create(
        assignment=lead,
        actor=None,
        category="A",
        replied_on=TODAY,
        upload=SimpleUploadedFile("a.pdf", _pdf("a")),
    )
    stranger = MemberFactory(user=UserFactory(username="stranger", role="委员"))
    client = Client()
    client.force_login(stranger.user)
    assert (
        client.post(reverse("proposals:rate", args=[reply.pk]), {"verdict": "satisfied"}).status_code == 404
    )


def test_the_unit_list_runs_the_same_queries_for_one_or_many(
    unit_client, staff, member, handling_unit, django_assert_max_num_queries
):
    def add():
        p = _submitted(member, "又一件")
        services.proposal_file(proposal=p, actor=staff, on=TODAY)
        services.proposal_assign(proposal=p, actor=staff, on=TODAY, lead_unit=handling_unit)

    add()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        unit_client.get(reverse("proposals:unit_list"))
    for _ in range(6):
        add()
    with django_assert_max_num_queries(len(one)):
        unit_client.get(reverse("proposals:unit_list"))


def test_leaders_see_overdue_key_proposals_and_their_supervisor_at_a_glance(
    leader_client, staff, member, handling_unit
):
    proposal = _submitted(member)
    services.proposal_file(proposal=proposal, actor=staff, on=TODAY, is_key=True, supervisor="张副市长")
    services.proposal_assign(proposal=proposal, actor=staff, on=TODAY, lead_unit=handling_unit)
    Assignment.objects.update(deadline=TODAY - dt.timedelta(days=1))
    body = leader_client.get(reverse("proposals:list"), {"key": "1", "overdue": "1"}).content.decode()
    assert proposal.title in body and "督办：张副市长" in body and "超期" in body
