"""Two clerks on one sign-in sheet never undo each other's marks, and the sheet validates like a form."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from consultations import services
from consultations.kinds import KindCode
from consultations.models import Attendance
from tests.factories import MemberFactory, TermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    return services.meeting_create(
        actor=None, kind=KindCode.STANDING, term=TermFactory(), start_date=dt.date(2023, 7, 20)
    )


@pytest.fixture
def people(meeting):
    people = MemberFactory.create_batch(3)
    services.meeting_invite(meeting=meeting, members=people, actor=None)
    return people


def _opened(client, meeting):
    """The sheet as a clerk's browser holds it: every row's current marks and the hidden `was`."""
    response = client.get(reverse("consultations:sheet", args=[meeting.pk]))
    data = {"was": response.context["was"]}
    for line in response.context["lines"]:
        data[f"status-{line.member_id}"] = line.status
        data[f"speech-{line.member_id}"] = line.speech
        data[f"reason-{line.member_id}"] = line.leave_reason
    return data


def _statuses():
    return dict(Attendance.objects.values_list("member_id", "status"))


def test_two_clerks_marking_different_rows_both_keep_their_marks(
    staff_client, client, staff, meeting, people
):
    client.force_login(staff)
    first, second = _opened(staff_client, meeting), _opened(client, meeting)
    first[f"status-{people[0].pk}"] = "present"
    second[f"status-{people[1].pk}"] = "absent"
    url = reverse("consultations:sheet", args=[meeting.pk])
    assert staff_client.post(url, first).status_code == 302
    assert client.post(url, second).status_code == 302
    assert _statuses() == {people[0].pk: "present", people[1].pk: "absent", people[2].pk: "unmarked"}


def test_a_clerk_who_changed_a_row_someone_else_changed_is_shown_both_and_loses_nothing(
    staff_client, client, staff, meeting, people
):
    client.force_login(staff)
    first, second = _opened(staff_client, meeting), _opened(client, meeting)
    first[f"status-{people[0].pk}"] = "present"
    first[f"status-{people[2].pk}"] = "present"
    second[f"status-{people[0].pk}"] = "leave"
    second[f"reason-{people[0].pk}"] = "因公出差"
    second[f"status-{people[1].pk}"] = "absent"
    url = reverse("consultations:sheet", args=[meeting.pk])
    staff_client.post(url, first)

    refused = client.post(url, second)
    assert refused.status_code == 409
    assert _statuses() == {people[0].pk: "present", people[1].pk: "unmarked", people[2].pk: "present"}
    body = refused.content.decode()
    assert "本次未保存" in body
    assert "其他人已改为：出席" in body
    lines = {line.member_id: line for line in refused.context["lines"]}
    # The other clerk's 出席 on a row this clerk never touched is shown as it is, not as 未签到.
    assert lines[people[2].pk].status == "present"
    # This clerk's own changes are kept on the page, marked for review.
    assert (lines[people[0].pk].status, lines[people[0].pk].leave_reason) == ("leave", "因公出差")
    assert lines[people[1].pk].status == "absent" and lines[people[1].pk].mine

    # Saving the page again applies this clerk's changes on top of the other clerk's.
    again = {"was": refused.context["was"]}
    for member_id, line in lines.items():
        again.update(
            {
                f"status-{member_id}": line.status,
                f"speech-{member_id}": line.speech,
                f"reason-{member_id}": line.leave_reason,
            }
        )
    assert client.post(url, again).status_code == 302
    assert _statuses() == {people[0].pk: "leave", people[1].pk: "absent", people[2].pk: "present"}


def test_a_row_removed_by_one_clerk_and_changed_by_another_is_a_conflict(staff_client, meeting, people):
    url = reverse("consultations:sheet", args=[meeting.pk])
    first, second = _opened(staff_client, meeting), _opened(staff_client, meeting)
    first[f"remove-{people[0].pk}"] = "1"
    staff_client.post(url, first)
    second[f"status-{people[0].pk}"] = "present"
    refused = staff_client.post(url, second)
    assert refused.status_code == 409
    assert "已被移出参会名单" in refused.content.decode()
    assert not Attendance.objects.filter(member=people[0]).exists()


def test_a_ten_thousand_character_reason_and_a_nul_byte_are_refused_with_the_row_named(
    staff_client, meeting, people
):
    url = reverse("consultations:sheet", args=[meeting.pk])
    data = _opened(staff_client, meeting)
    data[f"status-{people[0].pk}"] = "leave"
    data[f"reason-{people[0].pk}"] = "出差" * 5000
    data[f"status-{people[1].pk}"] = "leave"
    data[f"reason-{people[1].pk}"] = "病假\x00"
    response = staff_client.post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert f"{people[0].name}：请假事由不能超过 200 个字" in body
    assert f"{people[1].name}：请假事由中有不可见的控制字符，请删除" in body
    assert "空字符" not in body
    assert set(_statuses().values()) == {"unmarked"}
    assert staff_client.get(reverse("consultations:sheet_xlsx", args=[meeting.pk])).status_code == 200


def test_a_tampered_or_missing_page_state_saves_nothing(staff_client, meeting, people):
    data = _opened(staff_client, meeting)
    data["was"] = "not json"
    data[f"status-{people[0].pk}"] = "present"
    response = staff_client.post(reverse("consultations:sheet", args=[meeting.pk]), data)
    assert response.status_code == 400
    assert "签到表页面已过期" in response.content.decode()
    assert set(_statuses().values()) == {"unmarked"}


def test_attendance_cannot_be_marked_before_the_meeting_but_leave_can(staff_client, people):
    later = services.meeting_create(
        actor=None,
        kind=KindCode.STUDY,
        term=TermFactory(),
        start_date=dt.date.today() + dt.timedelta(days=2),
    )
    services.meeting_invite(meeting=later, members=people, actor=None)
    url = reverse("consultations:sheet", args=[later.pk])
    data = _opened(staff_client, later)
    data[f"status-{people[0].pk}"] = "present"
    response = staff_client.post(url, data)
    assert response.status_code == 400
    assert "现在还不能标记出席或缺席" in response.content.decode()
    data[f"status-{people[0].pk}"] = "leave"
    data[f"reason-{people[0].pk}"] = "出国访问"
    assert staff_client.post(url, data).status_code == 302
    assert Attendance.objects.get(meeting=later, member=people[0]).status == "leave"


def test_the_sheet_workbook_writes_reasons_as_plain_text(staff_client, meeting, people):
    services.sheet_save(
        meeting=meeting, rows={people[0].pk: services.SheetRow("leave", '=HYPERLINK("http://x")')}, actor=None
    )
    content = staff_client.get(reverse("consultations:sheet_xlsx", args=[meeting.pk])).content
    cells = [c for row in load_workbook(io.BytesIO(content)).active.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
