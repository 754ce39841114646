"""大会发言材料: members submit their speech for a session beforehand; staff mark it delivered orally or
in writing, which is what the dossier scores."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from consultations import services
from consultations.models import Speech
from members.kinds import ActivityKind as K
from members.models import DossierEntry
from tests.factories import TermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(staff, member):
    meeting = services.meeting_create(
        actor=staff,
        kind="plenary",
        term=TermFactory(),
        start_date=timezone.localdate() + dt.timedelta(days=3),
    )
    services.meeting_invite(meeting=meeting, members=[member], actor=staff)
    return meeting


def test_a_member_submits_a_speech_from_the_meeting_page_and_staff_mark_it_oral(
    member_client, staff_client, session, member
):
    page = member_client.get(reverse("consultations:detail", args=[session.pk])).content.decode()
    assert "提交大会发言材料" in page
    url = reverse("consultations:speech_submit", args=[session.pk])
    response = member_client.post(url, {"title": "关于发展银发经济的几点建议", "text": "一、……\n二、……"})
    assert response.status_code == 302
    speech = Speech.objects.get()
    assert (speech.member, speech.delivered) == (member, "")
    member_client.post(url, {"title": "关于加快发展银发经济的建议", "text": "修改稿"})
    assert Speech.objects.get().title == "关于加快发展银发经济的建议"  # revised, not duplicated

    listing = staff_client.get(reverse("consultations:speeches", args=[session.pk])).content.decode()
    assert "关于加快发展银发经济的建议" in listing and "王芳" in listing
    staff_client.post(reverse("consultations:speech_mark", args=[speech.pk]), {"delivered": "oral"})
    assert session.attendances.get(member=member).speech == "oral"
    assert DossierEntry.objects.filter(member=member, kind=K.SPEECH_ORAL).count() == 1

    staff_client.post(reverse("consultations:speech_mark", args=[speech.pk]), {"delivered": "written"})
    kinds = set(DossierEntry.objects.filter(member=member).values_list("kind", flat=True))
    assert K.SPEECH_WRITTEN in kinds and K.SPEECH_ORAL not in kinds
    refused = member_client.post(url, {"title": "再改", "text": "……"})
    assert refused.status_code == 400 and Speech.objects.get().title == "关于加快发展银发经济的建议"


def test_an_empty_speech_is_refused_and_what_was_typed_stays(member_client, session):
    response = member_client.post(
        reverse("consultations:speech_submit", args=[session.pk]), {"title": "题目已写", "text": ""}
    )
    assert response.status_code == 400
    assert 'value="题目已写"' in response.content.decode()
    assert not Speech.objects.exists()


def test_only_invitees_submit_and_only_for_numbered_sessions(other_member, member, staff):
    session = services.meeting_create(
        actor=staff,
        kind="plenary",
        term=TermFactory(),
        start_date=timezone.localdate() + dt.timedelta(days=3),
    )
    services.meeting_invite(meeting=session, members=[member], actor=staff)
    with pytest.raises(ValidationError, match="不在本次会议的参会名单中"):
        services.speech_submit(meeting=session, member=other_member, title="t", text="x", actor=None)
    study = services.meeting_create(
        actor=staff, kind="study", term=session.term, start_date=session.start_date, title="学习"
    )
    services.meeting_invite(meeting=study, members=[member], actor=staff)
    with pytest.raises(ValidationError, match="不收发言材料"):
        services.speech_submit(meeting=study, member=member, title="t", text="x", actor=None)


def test_papers_are_listed_on_the_meeting_page_for_invitees_only(member_client, other_member, session, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from demo.research import _pdf
    from notices import services as notices

    notices.attachment_add(
        upload=SimpleUploadedFile("会议议程.pdf", _pdf("议程")), meeting=session, actor=staff
    )
    assert (
        "会议议程.pdf"
        in member_client.get(reverse("consultations:detail", args=[session.pk])).content.decode()
    )
    outsider = Client()
    outsider.force_login(other_member.user)
    assert (
        "会议议程.pdf"
        not in outsider.get(reverse("consultations:detail", args=[session.pk])).content.decode()
    )
