"""集体提案: entered by staff for a 界别, a 专委会 or a 党派团体; no lead, no co-signers, nobody's
dossier; through 立案, 交办 and 答复 like any other; its body's 测评 recorded by staff; counted in the
figures and shown as the author everywhere."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from demo.research import _pdf
from members.models import DossierEntry
from notices.models import Notice
from proposals import services
from proposals.figures import year_figures
from proposals.models import Proposal
from tests.factories import CommitteeFactory, MemberFactory, SectorFactory

pytestmark = pytest.mark.django_db
YEAR = 2023
DAY = dt.date(YEAR, 1, 9)


@pytest.fixture
def sector(db):
    return SectorFactory(name="教育界")


def _collective(staff, sector, number=1, **fields):
    values = {"author_kind": "sector", "author_sector": sector, "lead": None}
    values.update(fields)
    return services.proposal_create(
        actor=staff, year=YEAR, number=number, title="关于加强县域高中建设的建议", submitted_on=DAY, **values
    )


def _form(**overrides):
    data = {
        "year": YEAR,
        "number": 7,
        "title": "关于加强县域高中建设的建议",
        "author_kind": "sector",
        "author_sector": "",
        "author_committee": "",
        "author_group": "",
        "lead": "",
        "submitted_on": "2023-01-09",
        "content": "",
        "handling_unit": "",
    }
    data.update(overrides)
    return data


def test_staff_enter_a_collective_proposal_of_a_sector(staff_client, sector):
    response = staff_client.post(reverse("proposals:create"), _form(author_sector=sector.pk))
    proposal = Proposal.objects.get()
    assert response["Location"] == proposal.get_absolute_url()
    assert (proposal.is_collective, proposal.lead, proposal.author_name) == (True, None, "教育界")
    assert proposal.entered_by_staff
    page = staff_client.get(proposal.get_absolute_url()).content.decode()
    assert 'id="proposal-author"' in page and "教育界" in page and "附议人" not in page
    listed = staff_client.get(reverse("proposals:list"), {"author": "collective"}).content.decode()
    assert "教育界" in listed and "集体" in listed


def test_a_collective_proposal_needs_its_body_and_takes_no_lead_or_cosigners(staff_client, sector):
    lead = MemberFactory()
    no_body = staff_client.post(reverse("proposals:create"), _form(author_kind="group"))
    assert no_body.status_code == 200 and "请填写集体提案的提案者" in no_body.content.decode()
    with_lead = staff_client.post(
        reverse("proposals:create"), _form(author_sector=sector.pk, lead=lead.pk, cosigners=[lead.pk])
    )
    text = with_lead.content.decode()
    assert "集体提案不填领衔人" in text and "集体提案没有附议人" in text
    assert not Proposal.objects.exists()


def test_a_members_proposal_still_needs_its_lead(staff):
    with pytest.raises(ValidationError, match="请选择领衔人"):
        services.proposal_create(
            actor=staff, year=YEAR, number=1, title="无领衔人", submitted_on=DAY, lead=None
        )


def test_the_collective_proposal_goes_through_the_chain_and_staff_record_its_rating(
    staff, staff_client, sector, handling_unit
):
    proposal = _collective(staff, sector)
    services.proposal_file(proposal=proposal, actor=staff, on=DAY)
    (assignment,) = services.proposal_assign(proposal=proposal, actor=staff, on=DAY, lead_unit=handling_unit)
    reply = services.reply_create(
        assignment=assignment,
        actor=None,
        category="B",
        replied_on=DAY + dt.timedelta(days=40),
        upload=SimpleUploadedFile("r.pdf", _pdf("r")),
    )
    proposal.refresh_from_db()
    assert proposal.status == "answered" and proposal.filed_number == 1
    page = staff_client.get(proposal.get_absolute_url())
    assert [r.pk for r in page.context["to_rate"]] == [reply.pk]
    response = staff_client.post(reverse("proposals:rate", args=[reply.pk]), {"verdict": "basic"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.verdict == "basic" and reply.ratings.get().member is None
    # No member's dossier counts it, and nobody's inbox hears of it as their proposal.
    assert not DossierEntry.objects.exists()
    assert not Notice.objects.filter(member__isnull=False).exists()
    with pytest.raises(ValidationError):
        services.rating_save(reply=reply, member=None, actor=staff, verdict="satisfied")


def test_a_members_proposal_is_never_rated_by_staff(staff, staff_client, handling_unit):
    lead = MemberFactory()
    proposal = services.proposal_create(
        actor=staff, year=YEAR, number=1, title="个人", lead=lead, submitted_on=DAY
    )
    services.proposal_file(proposal=proposal, actor=staff, on=DAY)
    (assignment,) = services.proposal_assign(proposal=proposal, actor=staff, on=DAY, lead_unit=handling_unit)
    reply = services.reply_create(
        assignment=assignment,
        actor=None,
        category="A",
        replied_on=DAY,
        upload=SimpleUploadedFile("r.pdf", _pdf("r")),
    )
    assert (
        staff_client.post(reverse("proposals:rate", args=[reply.pk]), {"verdict": "satisfied"}).status_code
        == 403
    )
    with pytest.raises(ValidationError, match="只有集体提案"):
        services.rating_save(reply=reply, member=None, actor=staff, verdict="satisfied")


def test_figures_count_collective_proposals_and_show_them_on_their_own(staff, staff_client, sector):
    lead = MemberFactory(sector=sector)
    mine = services.proposal_create(
        actor=staff, year=YEAR, number=1, title="个人", lead=lead, submitted_on=DAY
    )
    of_sector = _collective(staff, sector, number=2)
    of_committee = _collective(
        staff,
        sector,
        number=3,
        author_kind="committee",
        author_committee=CommitteeFactory(),
        author_sector=None,
    )
    _collective(staff, sector, number=4, author_kind="group", author_group="民盟市委", author_sector=None)
    for p in (mine, of_sector, of_committee):
        services.proposal_file(proposal=p, actor=staff, on=DAY)
    figures = year_figures(YEAR)
    total = figures["total"]
    assert (total.counts["submitted"], total.counts["filed"], total.counts["collective"]) == (4, 3, 3)
    # The 界别 row holds the member's proposal and the 界别's own.
    (row,) = [r for r in figures["by_sector"] if r.label == "教育界"]
    assert row.counts["submitted"] == 2
    listed = staff_client.get(row.link("submitted"))
    assert listed.context["list"].total == 2
    page = staff_client.get(reverse("proposals:stats"), {"year": YEAR})
    collective = staff_client.get(
        reverse("proposals:list"), {"year": YEAR, "stage": "submitted", "author": "collective"}
    )
    assert 'id="fig-collective"' in page.content.decode() and collective.context["list"].total == 3


def test_the_export_names_the_collective_author(staff, staff_client, sector):
    _collective(staff, sector)
    response = staff_client.get(reverse("proposals:export"), {"year": YEAR})
    sheet = load_workbook(io.BytesIO(response.content))[f"{YEAR}年度提案"]
    row = dict(zip([c.value for c in sheet[1]], [c.value for c in sheet[2]], strict=True))
    assert (row["提案者"], row["集体提案者"], row["领衔人"], row["界别"]) == (
        "界别",
        "教育界",
        None,
        "教育界",
    )
