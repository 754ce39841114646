"""通知公告: audiences, publishing now or at a time, attachments, read receipts, reminders, and the
cost of queueing one to 250 members."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from demo.research import _pdf
from members.models import Member
from notices import services
from notices.models import Broadcast, Delivery, Notice
from tests.factories import CommitteeFactory, MemberFactory, SectorFactory

pytestmark = pytest.mark.django_db


def _form(**fields):
    return {
        "title": "关于报送年度履职情况的通知",
        "body": "请各位委员于月底前报送。",
        "audience": "all",
        **fields,
    }


@pytest.fixture
def publish(staff, django_capture_on_commit_callbacks):
    """Write a broadcast as staff do, and let the worker's part run (it runs after the commit)."""

    def _publish(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            broadcast = services.broadcast_create(actor=staff, **_form(**fields))
        broadcast.refresh_from_db()
        return broadcast

    return _publish


@pytest.fixture
def post(staff_client, django_capture_on_commit_callbacks):
    def _post(url, data, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return staff_client.post(url, data, **kwargs)

    return _post


def test_staff_publish_to_everyone_now_and_each_member_gets_it(post, staff_client, member, other_member):
    MemberFactory(status="inactive")
    response = post(reverse("notices:broadcast_create"), _form())
    assert "已发布，正在发送给 2 人" in staff_client.get(response["Location"]).content.decode()
    broadcast = Broadcast.objects.get()
    assert broadcast.status == "published" and broadcast.recipients == 2
    assert set(Notice.objects.values_list("member__name", flat=True)) == {"王芳", "赵强"}
    assert Notice.objects.filter(body="").count() == 2, "the text stays on the broadcast, not in 250 copies"


@pytest.mark.parametrize("audience", ["standing", "committee", "sector", "hand"])
def test_each_audience_reaches_exactly_its_members(publish, audience):
    committee, sector = CommitteeFactory(name="社会法制委员会"), SectorFactory(name="教育界")
    chosen = MemberFactory(is_standing=True, committee=committee, sector=sector)
    MemberFactory()  # in none of them
    MemberFactory(is_standing=True, committee=committee, sector=sector, status="inactive")
    publish(audience=audience, committee=committee, sector=sector, members=[chosen])
    assert list(Notice.objects.values_list("member", flat=True)) == [chosen.pk]


def test_a_group_audience_needs_its_group(staff_client):
    response = staff_client.post(reverse("notices:broadcast_create"), _form(audience="committee"))
    assert response.status_code == 200 and "请选择专委会" in response.content.decode()
    assert not Broadcast.objects.exists()


def test_a_broadcast_set_for_later_is_published_when_its_time_comes(publish, member):
    later = timezone.now() + dt.timedelta(hours=2)
    broadcast = publish(publish_at=later)
    assert broadcast.status == "scheduled" and not Notice.objects.exists()
    assert services.broadcasts_publish_due() == 0
    assert services.broadcasts_publish_due(now=later + dt.timedelta(minutes=1)) == 1
    assert Notice.objects.get().member == member
    assert services.broadcasts_publish_due(now=later + dt.timedelta(minutes=2)) == 0, "published once"


def test_attachments_are_checked_by_content_and_served_only_to_recipients(
    post, staff_client, member_client, member, other_member
):
    bogus = SimpleUploadedFile("通知.pdf", b"MZ\x90\x00 not a document")
    response = staff_client.post(reverse("notices:broadcast_create"), {**_form(), "attachments": [bogus]})
    assert "程序文件" in response.content.decode() and not Broadcast.objects.exists()

    files = [SimpleUploadedFile("通知.pdf", _pdf("通知")), SimpleUploadedFile("附表.pdf", _pdf("附表"))]
    data = _form(audience="hand", members=[member.pk], attachments=files)
    post(reverse("notices:broadcast_create"), data)
    broadcast = Broadcast.objects.get()
    first = broadcast.attachments.first()
    assert [a.name for a in broadcast.attachments.all()] == ["通知.pdf", "附表.pdf"]
    assert "/media/" not in first.file.name and first.file.name.endswith(".pdf")
    body = member_client.get(Notice.objects.get().get_absolute_url()).content.decode()
    assert "附表.pdf" in body
    url = reverse("notices:attachment", args=[first.pk])
    assert member_client.get(url).status_code == 200
    outsider = Client()
    outsider.force_login(other_member.user)
    assert outsider.get(url).status_code == 404


def test_the_sender_sees_who_read_it_and_reminds_the_others_once_a_day(
    publish, staff_client, member, other_member, member_client
):
    broadcast = publish()
    member_client.get(Notice.objects.get(member=member).get_absolute_url())
    page = staff_client.get(broadcast.get_absolute_url())
    assert page.context["read"] == 1
    receipts = {r.member.name: r.read_at is not None for r in page.context["receipts"]}
    assert receipts == {"王芳": True, "赵强": False}
    response = staff_client.post(reverse("notices:broadcast_remind", args=[broadcast.pk]), follow=True)
    assert "已提醒 1 位未读的人" in response.content.decode()
    reminder = Notice.objects.get(title__startswith="提醒")
    original = Notice.objects.get(member=other_member, broadcast=broadcast)
    assert reminder.member == other_member and reminder.url == original.get_absolute_url()
    staff_client.post(reverse("notices:broadcast_remind", args=[broadcast.pk]))
    assert Notice.objects.filter(title__startswith="提醒").count() == 1


def test_a_member_cannot_see_a_broadcasts_receipts(member_client, publish):
    broadcast = publish()
    assert member_client.get(broadcast.get_absolute_url()).status_code == 403
    assert member_client.get(reverse("notices:broadcasts")).status_code == 403


def test_a_second_click_on_publish_sends_nothing_twice(post, staff_client, member):
    form = staff_client.get(reverse("notices:broadcast_create")).content.decode()
    token = form.split('name="submit_token" value="')[1].split('"')[0]
    for _ in range(2):
        post(reverse("notices:broadcast_create"), {**_form(), "submit_token": token})
    assert Broadcast.objects.count() == 1 and Notice.objects.count() == 1
    broadcast = Broadcast.objects.get()
    assert services.broadcast_publish(broadcast=broadcast) == 0


def test_a_notice_to_250_members_is_queued_in_one_request_in_the_same_queries_as_for_25(
    staff_client, django_assert_num_queries, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    url = reverse("notices:broadcast_create")
    for total in (25, 250):
        MemberFactory.create_batch(total - Member.objects.count())
        with django_capture_on_commit_callbacks() as fan_out:
            # session, user, groups; the broadcast checked and written (in a savepoint); read back for
            # the message, with the count of its audience. Nobody's address is read in the request.
            with django_assert_num_queries(9):
                response = staff_client.post(url, _form())
        assert response.status_code == 302 and len(fan_out) == 1
        broadcast = Broadcast.objects.latest("pk")
        assert broadcast.status == "scheduled" and not broadcast.notices.exists()
        # The worker's part: one run publishes it with a handful of bulk statements, whatever the size
        # (inserts go in batches of the database's limit: 500 rows on PostgreSQL, ~80 on SQLite).
        with django_assert_max_num_queries(20), django_capture_on_commit_callbacks() as send:
            fan_out[0]()
        assert len(send) == 1
        broadcast.refresh_from_db()
        assert broadcast.status == "published" and broadcast.recipients == total
        assert (
            Delivery.objects.filter(notice__broadcast=broadcast, status="queued", channel="sms").count()
            == total
        )
