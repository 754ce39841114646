"""QR self check-in: a member scanning the screen's current code during the window is signed in once;
every other scan is refused with a reason the member can act on. 列席 and non-member participants are
counted apart and only members who came get dossier entries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations import checkin, selectors, services
from consultations.models import Attendance, Meeting
from members.kinds import ActivityKind as K
from members.models import DossierEntry
from tests.factories import MemberFactory, TermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(staff, member):
    today = timezone.localdate()
    meeting = services.meeting_create(
        actor=staff, kind="plenary", term=TermFactory(), start_date=today, start_time=dt.time(9, 0)
    )
    services.meeting_invite(meeting=meeting, members=[member, *MemberFactory.create_batch(3)], actor=staff)
    return meeting


def _open(meeting, staff, *, late_in_minutes=None):
    now = timezone.now()
    late = now + dt.timedelta(minutes=late_in_minutes) if late_in_minutes is not None else None
    return services.checkin_open(
        meeting=meeting, closes_at=now + dt.timedelta(hours=1), late_after=late, actor=staff
    )


def _scan(client, meeting, code):
    return client.get(reverse("consultations:checkin", args=[meeting.pk, code]))


def test_a_scan_in_the_window_signs_the_member_in_once(member_client, meeting, member, staff):
    meeting = _open(meeting, staff, late_in_minutes=30)
    code = checkin.code_for(meeting)
    response = _scan(member_client, meeting, code)
    assert response.status_code == 200
    assert "已签到" in response.content.decode()
    line = meeting.attendances.get(member=member)
    assert (line.status, line.late) == ("present", False)
    assert line.checked_in_at is not None
    entries = DossierEntry.objects.filter(member=member)
    assert list(entries.values_list("kind", flat=True)) == [K.ATTEND_PLENARY]

    again = _scan(member_client, meeting, code)
    assert "您已经签过到了" in again.content.decode()
    assert meeting.attendances.get(member=member).checked_in_at == line.checked_in_at
    assert entries.count() == 1


def test_a_scan_after_the_late_time_is_marked_late(member_client, meeting, member, staff):
    meeting = _open(meeting, staff, late_in_minutes=-5)
    response = _scan(member_client, meeting, checkin.code_for(meeting))
    assert "迟到" in response.content.decode()
    assert meeting.attendances.get(member=member).late is True


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("expired", "二维码已过期"),
        ("other_meeting", "不是本次会议当前的签到码"),
        ("forged", "不是本次会议当前的签到码"),
        ("reopened", "不是本次会议当前的签到码"),
        ("closed", "扫码签到已经结束"),
        ("never_opened", "不是本次会议当前的签到码"),
        ("uninvited", "不在本次会议的参会名单中"),
    ],
)
def test_every_other_scan_is_refused_with_its_reason(case, message, member_client, meeting, member, staff):
    other = services.meeting_create(
        actor=staff, kind="study", term=meeting.term, start_date=timezone.localdate(), title="学习"
    )
    services.meeting_invite(meeting=other, members=[member], actor=staff)
    if case != "never_opened":
        meeting = _open(meeting, staff)
        other = _open(other, staff)
    code = checkin.code_for(meeting) if case != "never_opened" else "29000000-abc"
    if case == "expired":
        code = checkin.code_for(meeting, timezone.now() - dt.timedelta(minutes=checkin.VALID_MINUTES))
    elif case == "other_meeting":
        code = checkin.code_for(other)
    elif case == "forged":
        minute = code.partition("-")[0]
        code = f"{minute}-{'0' * 20}"
    elif case == "reopened":
        _open(meeting, staff)  # a new key: the code shown before no longer works
    elif case == "closed":
        services.checkin_close(meeting=meeting, actor=staff)
    elif case == "uninvited":
        meeting.attendances.filter(member=member).delete()
    response = _scan(member_client, meeting, code)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not meeting.attendances.filter(member=member, status="present").exists()
    assert not DossierEntry.objects.filter(member=member).exists()


def test_the_screen_shows_a_server_drawn_qr_code_that_changes_each_minute(staff_client, meeting, staff):
    screen = reverse("consultations:checkin_screen", args=[meeting.pk])
    assert "开放扫码签到" in staff_client.get(screen).content.decode()
    response = staff_client.post(screen, {"closes_at": "23:59", "late_after": ""})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert services.checkin_is_open(meeting)
    image = staff_client.get(reverse("consultations:checkin_qr", args=[meeting.pk]))
    assert image["Content-Type"] == "image/svg+xml"
    assert b'xmlns="http://www.w3.org/2000/svg"' in image.content and b"<path" in image.content
    now = timezone.now()
    assert checkin.code_for(meeting, now) != checkin.code_for(meeting, now + dt.timedelta(minutes=1))
    assert staff_client.get(screen).context["live"]["invited"] == 4


def test_a_closing_time_in_the_past_is_refused_and_kept(staff_client, meeting):
    now = timezone.localtime()
    past = max(now - dt.timedelta(minutes=5), now.replace(hour=0, minute=0)).strftime("%H:%M")
    response = staff_client.post(
        reverse("consultations:checkin_screen", args=[meeting.pk]), {"closes_at": past}
    )
    assert response.status_code == 400
    assert "签到截止时间应晚于现在" in response.content.decode()
    assert f'value="{past}"' in response.content.decode()


def test_the_live_count_follows_scans(staff_client, member_client, meeting, staff):
    meeting = _open(meeting, staff)
    live = reverse("consultations:checkin_live", args=[meeting.pk])
    assert staff_client.get(live).json()["present"] == 0
    _scan(member_client, meeting, checkin.code_for(meeting))
    data = staff_client.get(live).json()
    assert (data["present"], data["invited"], data["scanned"]) == (1, 4, 1)
    assert data["latest"][0]["name"] == "王芳"


def test_a_clerk_marking_present_a_member_who_scanned_meanwhile_is_not_a_conflict(meeting, member, staff):
    meeting = _open(meeting, staff)
    shown = {a.member_id: services.SheetRow.of(a) for a in meeting.attendances.all()}
    services.check_in(meeting=meeting, member=member, code=checkin.code_for(meeting))
    agree = {member.pk: services.SheetRow("present")}
    services.sheet_save(meeting=meeting, rows=agree, originals=shown, actor=staff)
    with pytest.raises(services.StaleSheet):
        services.sheet_save(
            meeting=meeting,
            rows={member.pk: services.SheetRow("absent")},
            originals=shown,  # still the page from before the scan
            actor=staff,
        )
    assert meeting.attendances.get(member=member).status == "present"


def test_observers_and_guests_are_counted_apart_and_only_members_who_came_score(staff_client, staff):
    summoned, observers = MemberFactory.create_batch(2), MemberFactory.create_batch(2)
    meeting = services.meeting_create(
        actor=staff, kind="standing", term=TermFactory(), start_date=dt.date(2023, 7, 20)
    )
    services.meeting_invite(meeting=meeting, members=summoned, actor=staff)
    services.meeting_invite(meeting=meeting, members=observers, actor=staff, role=Attendance.Role.OBSERVER)
    for name in ("李科长", "周主任"):
        response = staff_client.post(
            reverse("consultations:guest_add", args=[meeting.pk]),
            {"name": name, "unit": "市政协办公室", "category": "staff"},
        )
        assert response.status_code == 302
    guest = meeting.guests.get(name="李科长")
    staff_client.post(reverse("consultations:guest_mark", args=[guest.pk]), {"present": "1"})
    rows = {
        summoned[0].pk: services.SheetRow("present"),
        summoned[1].pk: services.SheetRow("absent"),
        observers[0].pk: services.SheetRow("present"),
        observers[1].pk: services.SheetRow("absent"),
    }
    services.sheet_save(meeting=meeting, rows=rows, actor=staff)

    kinds = {(e.member_id, e.kind) for e in DossierEntry.objects.all()}
    assert kinds == {
        (summoned[0].pk, K.ATTEND_STANDING),
        (summoned[1].pk, K.ABSENCE),
        (observers[0].pk, K.ATTEND_STANDING),  # 列席 and came: the meeting's entry
    }  # an observer who stayed away is not absent; the guests are in no dossier
    counted = selectors.with_rates(Meeting.objects.filter(pk=meeting.pk)).get()
    assert (counted.invited, counted.present, counted.absent, counted.observers) == (2, 1, 1, 2)
    body = staff_client.get(reverse("consultations:sheet", args=[meeting.pk])).content.decode()
    assert "列席 2（到 1）" in body
    assert "其他参会人员 2（到 1）" in body
    assert 'data-count="present">1<' in body


def test_a_guest_without_a_name_is_refused_and_the_unit_typed_stays(staff_client, meeting):
    response = staff_client.post(
        reverse("consultations:guest_add", args=[meeting.pk]),
        {"name": "", "unit": "市财政局", "category": "department"},
    )
    assert response.status_code == 400
    assert 'value="市财政局"' in response.content.decode()
    assert not meeting.guests.exists()


def test_check_in_opens_only_on_the_meeting_day(staff_client, staff):
    past = services.meeting_create(
        actor=staff, kind="study", term=TermFactory(), start_date=dt.date(2023, 4, 15)
    )
    response = staff_client.post(
        reverse("consultations:checkin_screen", args=[past.pk]), {"closes_at": "23:59"}
    )
    assert response.status_code == 400
    assert "扫码签到只能在会议当天开放" in response.content.decode()
    past.refresh_from_db()
    assert not services.checkin_is_open(past) and past.checkin_key == ""
