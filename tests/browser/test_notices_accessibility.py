"""The notices pages pass the same axe-core check as the rest (see test_accessibility.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consultations import services as meetings
from demo.research import _pdf
from notices import services
from notices.models import Notice
from tests.factories import MemberFactory, TermFactory

from .test_accessibility import _walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def notified(member, staff):
    """A coming meeting the member is invited to, with a paper, and a broadcast with an attachment."""
    meeting = meetings.meeting_create(
        actor=staff,
        kind="standing",
        term=TermFactory(),
        start_date=timezone.localdate() + dt.timedelta(days=5),
        place="市政协三楼会议室",
    )
    meetings.meeting_invite(meeting=meeting, members=[member, *MemberFactory.create_batch(3)], actor=staff)
    services.attachment_add(upload=SimpleUploadedFile("议程.pdf", _pdf("议程")), meeting=meeting, actor=staff)
    broadcast = services.broadcast_create(
        actor=staff,
        title="关于报送年度履职情况的通知",
        body="请于月底前报送。",
        audience="all",
        uploads=[SimpleUploadedFile("附件.pdf", _pdf("附件"))],
    )
    services.broadcast_publish(broadcast=broadcast)
    return meeting, broadcast, Notice.objects.get(member=member, meeting=meeting)


def test_the_staff_notices_pages_have_no_serious_violation(live_server, login, notified):
    meeting, broadcast, _notice = notified
    page = login("staff")
    paths = [
        "/notices/",
        "/notices/broadcasts/",
        "/notices/broadcasts/new/",
        f"/notices/broadcasts/{broadcast.pk}/",
        "/notices/deliveries/",
        "/notices/preferences/",
        f"/meetings/{meeting.pk}/invite/",
    ]
    assert _walk(page, live_server.url, paths) == {}


def test_a_members_notices_on_a_phone_have_no_serious_violation(live_server, browser, notified):
    _meeting, _broadcast, notice = notified
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("member")
    page.get_by_label("密码").fill("Passw0rd!x")
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    assert (
        _walk(page, live_server.url, ["/notices/", f"/notices/{notice.pk}/", "/notices/preferences/"]) == {}
    )
    context.close()
