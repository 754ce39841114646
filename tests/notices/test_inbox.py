"""The inbox every role has: the bell, the list, reading, channel choices, and whose notices they are."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from notices import services
from notices.models import ChannelPreference, Notice, NoticeKind
from notices.services import Message, Recipients
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _send(to, title, *, kind=NoticeKind.BROADCAST, key=None, url=""):
    return services.notify(
        kind=kind, key=key or f"test:{title}", to=Recipients(members=to), message=Message(title, "正文", url)
    )


def test_the_bell_counts_unread_notices_in_one_query(member_client, member, django_assert_num_queries):
    _send([member], "第一条")
    _send([member], "第二条")
    url = reverse("consultations:mine")
    member_client.get(url)
    with django_assert_num_queries(8) as queries:
        body = member_client.get(url).content.decode()
    assert 'id="bell-count">2<' in body
    assert sum("notices_notice" in q["sql"] for q in queries.captured_queries) == 1


def test_the_inbox_lists_newest_first_marks_unread_and_links_each_to_its_object(member_client, member):
    _send([member], "较早的通知", url="/meetings/1/")
    Notice.objects.update(created_at=timezone.now() - dt.timedelta(days=1))
    _send([member], "最新的通知")
    Notice.objects.filter(title="较早的通知").update(read_at=timezone.now())
    response = member_client.get(reverse("notices:inbox"))
    titles = [n.title for n in response.context["list"].page]
    assert titles == ["最新的通知", "较早的通知"]
    body = response.content.decode()
    assert body.count("未读</span>") == 1 and 'href="/meetings/1/"' in body


def test_the_inbox_filters_by_kind_and_by_unread(member_client, member):
    _send([member], "会议", kind=NoticeKind.MEETING)
    _send([member], "公告", kind=NoticeKind.BROADCAST)
    page = member_client.get(reverse("notices:inbox"), {"kind": "meeting"}).context["list"].page
    assert [n.title for n in page] == ["会议"]
    Notice.objects.filter(title="会议").update(read_at=timezone.now())
    page = member_client.get(reverse("notices:inbox"), {"state": "unread"}).context["list"].page
    assert [n.title for n in page] == ["公告"]
    page = (
        member_client.get(reverse("notices:inbox"), {"kind": "nonsense", "state": "x"}).context["list"].page
    )
    assert len(page) == 2, "an unreadable filter is dropped, not an error"


def test_opening_a_notice_records_when_it_was_read_once(member_client, member):
    [pk] = _send([member], "请阅")
    member_client.get(reverse("notices:detail", args=[pk]))
    first = Notice.objects.get(pk=pk).read_at
    assert first is not None
    member_client.get(reverse("notices:detail", args=[pk]))
    assert Notice.objects.get(pk=pk).read_at == first


def test_mark_read_and_mark_all_read(member_client, member):
    first, *_rest = (_send([member], f"第{i}条")[0] for i in range(3))
    member_client.post(reverse("notices:read", args=[first]))
    assert Notice.objects.filter(read_at__isnull=True).count() == 2
    response = member_client.post(reverse("notices:read_all"), follow=True)
    assert "已将 2 条消息标为已读" in response.content.decode()
    assert not Notice.objects.filter(read_at__isnull=True).exists()
    assert 'id="bell-count"' not in response.content.decode()


def test_nobody_reads_another_persons_notice(member_client, other_member, staff_client, leader_client):
    [pk] = _send([other_member], "赵强的通知")
    for client in (member_client, staff_client, leader_client):
        assert client.get(reverse("notices:detail", args=[pk])).status_code == 404
        assert client.post(reverse("notices:read", args=[pk])).status_code == 404
        assert "赵强的通知" not in client.get(reverse("notices:inbox")).content.decode()
    member_client.post(reverse("notices:read_all"))
    assert Notice.objects.get(pk=pk).read_at is None


def test_staff_and_leaders_have_inboxes_of_their_own(staff_client, staff):
    services.notify(
        kind=NoticeKind.DISPUTE, key="x", to=Recipients(users=[staff]), message=Message("有新的异议")
    )
    assert "有新的异议" in staff_client.get(reverse("notices:inbox")).content.decode()


def test_a_members_notices_follow_the_login_linked_to_the_member(staff):
    person = MemberFactory(name="李红")
    _send([person], "早先的通知")
    assert Notice.objects.get().user is None
    user = account_services.account_link(
        member=person, username="lihong", password="Lh-2023-secure!", actor=staff
    )
    assert Notice.objects.get().user == user
    client = Client()
    client.force_login(user)
    assert "早先的通知" in client.get(reverse("notices:inbox")).content.decode()
    account_services.account_unlink(member=person, actor=staff)
    assert Notice.objects.get().user is None
    assert "早先的通知" not in client.get(reverse("notices:inbox")).content.decode()


def test_logins_made_in_bulk_read_the_notices_their_members_already_had(staff):
    people = MemberFactory.create_batch(3, user=None)
    _send(people, "开通账号前的通知")
    slips = account_services.accounts_create_bulk(members=people, actor=staff)
    owners = dict(Notice.objects.values_list("member__name", "user__username"))
    assert owners == {slip.member.name: slip.username for slip in slips}


def test_each_kind_has_its_channels_and_a_meeting_notice_always_reaches_the_inbox(member_client, member):
    data = {"meeting": ["email"], "broadcast": ["in_app", "sms"], "review": []}
    member_client.post(reverse("notices:preferences"), data)
    chosen = {p.kind: p.channels() for p in ChannelPreference.objects.filter(user=member.user)}
    assert chosen["meeting"] == {"in_app", "email"}
    assert chosen["broadcast"] == {"in_app", "sms"}
    assert chosen["review"] == frozenset()
    _send([member], "不在站内显示", kind=NoticeKind.REVIEW)
    assert not Notice.objects.exists(), "a person who wants no channel for a kind gets no notice of it"
    body = member_client.get(reverse("notices:preferences")).content.decode()
    assert 'name="meeting" value="in_app" aria-label="会议通知：站内消息" checked disabled' in body
