from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from consultations import services
from consultations.kinds import KindCode
from tests.factories import TermFactory

pytestmark = pytest.mark.django_db


def _meeting(topic, day, **kw):
    return services.meeting_create(
        actor=None,
        kind=KindCode.CONSULTATION,
        term=TermFactory(),
        topic=topic,
        start_date=day,
        place="市政协会议室",
        **kw,
    )


def test_the_feed_is_valid_icalendar_with_only_the_members_meetings(anonymous, member, other_member):
    soon = dt.date.today() + dt.timedelta(days=5)
    mine = _meeting("养老服务体系建设", soon, start_time=dt.time(9, 0))
    theirs = _meeting("民营经济发展", soon)
    services.meeting_invite(meeting=mine, members=[member], actor=None)
    services.meeting_invite(meeting=theirs, members=[other_member], actor=None)
    feed = services.calendar_feed_for(member)
    response = anonymous.get(reverse("consultations:feed", args=[feed.token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = [c for c in calendar.walk("VEVENT")]
    assert [str(e["SUMMARY"]) for e in events] == ["专题协商会：养老服务体系建设"]
    assert events[0].decoded("DTSTART").hour == 9 and str(events[0]["LOCATION"]) == "市政协会议室"


def test_a_wrong_token_is_a_404(anonymous, member):
    services.calendar_feed_for(member)
    assert anonymous.get(reverse("consultations:feed", args=["not-a-token"])).status_code == 404


def test_resetting_the_address_cuts_off_the_old_one(member_client, member, anonymous):
    old = services.calendar_feed_for(member).token
    member_client.post(reverse("consultations:calendar_reset"))
    assert anonymous.get(reverse("consultations:feed", args=[old])).status_code == 404
    new = services.calendar_feed_for(member).token
    assert new != old and anonymous.get(reverse("consultations:feed", args=[new])).status_code == 200


def test_the_feed_carries_the_time_zone_it_names(client, member):
    from consultations import services
    from tests.factories import TermFactory

    meeting = services.meeting_create(
        actor=None, kind="study", term=TermFactory(), start_date=dt.date.today(), start_time=dt.time(9, 0)
    )
    services.meeting_invite(meeting=meeting, members=[member], actor=None)
    body = client.get(
        reverse("consultations:feed", args=[services.calendar_feed_for(member).token])
    ).content.decode()
    assert "TZID=Asia/Shanghai" in body
    assert "BEGIN:VTIMEZONE" in body and "TZID:Asia/Shanghai" in body
