from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from consultations import services
from consultations.forms import SheetForm
from consultations.kinds import KindCode
from consultations.models import Attendance, LeaveRequest, Meeting
from evaluation import services as evaluation_services
from members import selectors as member_selectors
from members.kinds import ActivityKind as K
from members.models import DossierEntry
from tests.factories import MemberFactory, TermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    return services.meeting_create(
        actor=None,
        kind=KindCode.STANDING,
        term=TermFactory(),
        topic="安置房建设和“保交楼”工作",
        start_date=dt.date(2023, 7, 20),
    )


def _post(meeting, statuses, **extra):
    """What the sheet page posts: the marks, and the rows as the page showed them (from the database)."""
    shown = {a.member_id: services.SheetRow.of(a) for a in meeting.attendances.all()}
    data = {"was": SheetForm.encode(shown)}
    for member_id, status in statuses.items():
        data[f"status-{member_id}"] = status
        data[f"speech-{member_id}"] = ""
        data[f"reason-{member_id}"] = ""
    data.update(extra)
    return data


def test_standing_meetings_are_numbered_within_the_term():
    term = TermFactory()
    first = services.meeting_create(
        actor=None, kind=KindCode.STANDING, term=term, start_date=dt.date(2023, 1, 7)
    )
    services.meeting_create(actor=None, kind=KindCode.PLENARY, term=term, start_date=dt.date(2023, 1, 8))
    second = services.meeting_create(
        actor=None, kind=KindCode.STANDING, term=term, start_date=dt.date(2023, 4, 25)
    )
    assert (first.number, second.number) == (1, 2)
    assert services.next_number(term, KindCode.STANDING) == 3
    assert second.display_title == "六届二次常委会会议"
    eighth = services.meeting_create(
        actor=None, kind=KindCode.STANDING, term=term, number=8, start_date=dt.date(2023, 7, 20)
    )
    assert eighth.display_title == "六届八次常委会会议"
    assert services.next_number(term, KindCode.STANDING) == 9


def test_a_number_already_used_in_the_term_is_refused(staff_client, meeting):
    response = staff_client.post(
        reverse("consultations:create"),
        {"kind": "standing", "term": meeting.term_id, "number": meeting.number, "start_date": "2023-08-01"},
    )
    assert "本届已有这一次会议" in response.content.decode()


def test_saving_a_sheet_twice_gives_the_same_entries(staff_client, meeting):
    people = MemberFactory.create_batch(3)
    services.meeting_invite(meeting=meeting, members=people, actor=None)
    statuses = {p.pk: "present" for p in people}
    staff_client.post(reverse("consultations:sheet", args=[meeting.pk]), _post(meeting, statuses))
    first = sorted(DossierEntry.objects.values_list("member_id", "kind", "title"))
    meeting.refresh_from_db()
    staff_client.post(reverse("consultations:sheet", args=[meeting.pk]), _post(meeting, statuses))
    assert sorted(DossierEntry.objects.values_list("member_id", "kind", "title")) == first
    assert {k for _m, k, _t in first} == {K.ATTEND_STANDING}
    assert {t for _m, _k, t in first} == {"六届一次常委会会议"}


def test_moving_a_member_from_present_to_absent_changes_their_points(staff_client, meeting):
    evaluation_services.scheme_create_default(year=2023)
    member = MemberFactory(is_standing=True)
    services.meeting_invite(meeting=meeting, members=[member], actor=None)

    def save(status):
        meeting.refresh_from_db()
        staff_client.post(
            reverse("consultations:sheet", args=[meeting.pk]), _post(meeting, {member.pk: status})
        )
        return member_selectors.member_dossier(member=member, year=2023).breakdown.total

    assert save("present") == Decimal(63)  # base 60 + 3 for a standing committee meeting
    assert save("absent") == Decimal(55)  # a 常委's unexcused absence costs 5
    assert save("leave") == Decimal(58)  # a 常委's leave costs 2
    assert list(DossierEntry.objects.values_list("kind", flat=True)) == [K.LEAVE]


def test_a_speech_adds_its_own_entry(meeting):
    member = MemberFactory()
    services.meeting_invite(meeting=meeting, members=[member], actor=None)
    services.sheet_save(
        meeting=meeting, rows={member.pk: services.SheetRow("present", speech="oral")}, actor=None
    )
    assert set(DossierEntry.objects.values_list("kind", flat=True)) == {K.ATTEND_STANDING, K.SPEECH_ORAL}


def test_removing_a_member_from_the_sheet_removes_their_entry(staff_client, meeting):
    a, b = MemberFactory.create_batch(2)
    services.meeting_invite(meeting=meeting, members=[a, b], actor=None)
    services.sheet_save(
        meeting=meeting,
        rows={a.pk: services.SheetRow("present"), b.pk: services.SheetRow("present")},
        actor=None,
    )
    meeting.refresh_from_db()
    staff_client.post(
        reverse("consultations:sheet", args=[meeting.pk]),
        _post(meeting, {a.pk: "present", b.pk: "present"}, **{f"remove-{b.pk}": "1"}),
    )
    assert list(meeting.attendances.values_list("member_id", flat=True)) == [a.pk]
    assert list(DossierEntry.objects.values_list("member_id", flat=True)) == [a.pk]


def test_inviting_all_standing_members_in_one_step(staff_client, meeting):
    MemberFactory.create_batch(4, is_standing=True)
    MemberFactory.create_batch(3, is_standing=False)
    staff_client.post(reverse("consultations:invite", args=[meeting.pk]), {"scope": "standing"})
    assert meeting.attendances.count() == 4
    staff_client.post(reverse("consultations:invite", args=[meeting.pk]), {"scope": "all"})
    assert meeting.attendances.count() == 7, "inviting again adds, never duplicates"


def test_the_sheet_query_count_does_not_grow_with_invitees(staff_client, meeting, django_assert_num_queries):
    services.meeting_invite(meeting=meeting, members=MemberFactory.create_batch(5), actor=None)
    url = reverse("consultations:sheet", args=[meeting.pk])
    # The bell's unread count, the replies to the meeting notice with the leave requests behind them,
    # and the participants who are not members.
    with django_assert_num_queries(10):
        staff_client.get(url)
    services.meeting_invite(meeting=meeting, members=MemberFactory.create_batch(245), actor=None)
    with django_assert_num_queries(10):
        response = staff_client.get(url)
    assert len(response.context["lines"]) == 250


def test_a_250_invitee_sheet_stays_small_and_carries_every_stored_value(staff_client, meeting):
    people = MemberFactory.create_batch(250, name="欧阳<思>远")
    services.meeting_invite(meeting=meeting, members=people, actor=None)
    rows = {p.pk: services.SheetRow("present") for p in people}
    rows[people[7].pk] = services.SheetRow("leave", '赴省"学习"<一周>', "written")
    services.sheet_save(meeting=meeting, rows=rows, actor=None)
    body = staff_client.get(reverse("consultations:sheet", args=[meeting.pk])).content.decode()
    # A clerk on a slow line gets the whole plenary at once; 150 KiB even before gzip.
    assert len(body.encode()) <= 150 * 1024
    assert body.count("value=present id=p") == 250 and body.count(" checked>") == 250
    assert "欧阳<思>远" not in body and body.count("欧阳&lt;思&gt;远") >= 250
    row = body[body.index(f"data-member={people[7].pk} ") :].split("</tr>", 1)[0]
    assert 'data-reason="赴省&quot;学习&quot;&lt;一周&gt;"' in row and 'data-speech="written"' in row
    assert f"value=leave id=l{people[7].pk} checked>" in row


def test_a_row_posted_without_its_reason_and_speech_keeps_them(staff_client, meeting):
    """Without the script that adds those fields, marking the sheet must not wipe what was stored."""
    a, b = MemberFactory.create_batch(2)
    services.meeting_invite(meeting=meeting, members=[a, b], actor=None)
    services.sheet_save(
        meeting=meeting,
        rows={a.pk: services.SheetRow("leave", "因公出差", "oral"), b.pk: services.SheetRow("unmarked")},
        actor=None,
    )
    shown = {x.member_id: services.SheetRow.of(x) for x in meeting.attendances.all()}
    data = {"was": SheetForm.encode(shown), f"status-{a.pk}": "leave", f"status-{b.pk}": "present"}
    response = staff_client.post(reverse("consultations:sheet", args=[meeting.pk]), data)
    assert response.status_code == 302
    kept = meeting.attendances.get(member=a)
    assert (kept.status, kept.leave_reason, kept.speech) == ("leave", "因公出差", "oral")
    assert meeting.attendances.get(member=b).status == "present"


def test_saving_a_sheet_of_250_issues_a_bounded_number_of_queries(meeting, django_assert_max_num_queries):
    people = MemberFactory.create_batch(250)
    services.meeting_invite(meeting=meeting, members=people, actor=None)
    rows = {p.pk: services.SheetRow("present") for p in people}
    with django_assert_max_num_queries(20):
        services.sheet_save(meeting=meeting, rows=rows, actor=None)
    rows.update({p.pk: services.SheetRow("absent") for p in people[:40]})
    with django_assert_max_num_queries(20):
        services.sheet_save(meeting=meeting, rows=rows, actor=None)
    assert DossierEntry.objects.filter(kind=K.ABSENCE).count() == 40


def test_a_member_asks_for_leave_and_staff_approve_it(member_client, member, staff_client):
    meeting = services.meeting_create(
        actor=None,
        kind=KindCode.CONSULTATION,
        term=TermFactory(),
        topic="养老服务",
        start_date=dt.date.today() + dt.timedelta(days=3),
    )
    services.meeting_invite(meeting=meeting, members=[member], actor=None)
    member_client.post(reverse("consultations:leave_request", args=[meeting.pk]), {"reason": "因公出差"})
    leave = LeaveRequest.objects.get()
    assert leave.status == "pending"
    assert "因公出差" in staff_client.get(reverse("consultations:sheet", args=[meeting.pk])).content.decode()
    staff_client.post(reverse("consultations:leave_decide", args=[leave.pk]), {"decision": "approve"})
    attendance = Attendance.objects.get()
    assert (attendance.status, attendance.leave_reason) == ("leave", "因公出差")
    assert DossierEntry.objects.get().kind == K.LEAVE
    assert "已准假" in member_client.get(reverse("consultations:detail", args=[meeting.pk])).content.decode()


def test_a_member_cannot_see_or_decide_another_members_leave_request(member_client, other_member):
    meeting = services.meeting_create(
        actor=None,
        kind=KindCode.STUDY,
        term=TermFactory(),
        start_date=dt.date.today() + dt.timedelta(days=3),
    )
    services.meeting_invite(meeting=meeting, members=[other_member], actor=None)
    leave = services.leave_request_create(meeting=meeting, member=other_member, reason="私事", actor=None)
    assert (
        member_client.post(
            reverse("consultations:leave_decide", args=[leave.pk]), {"decision": "approve"}
        ).status_code
        == 404
    )
    assert (
        "私事" not in member_client.get(reverse("consultations:detail", args=[meeting.pk])).content.decode()
    )


def test_leave_cannot_be_asked_for_a_meeting_already_held(member):
    meeting = services.meeting_create(
        actor=None, kind=KindCode.STUDY, term=TermFactory(), start_date=dt.date(2023, 1, 1)
    )
    services.meeting_invite(meeting=meeting, members=[member], actor=None)
    with pytest.raises(Exception, match="会议已经结束"):
        services.leave_request_create(meeting=meeting, member=member, reason="x", actor=None)


def test_outcomes_and_instructions_are_recorded(staff_client, meeting):
    staff_client.post(
        reverse("consultations:outcome_create", args=[meeting.pk]),
        {
            "title": "关于保交楼的建议",
            "content": "建议一、二、三",
            "sent_to": "市委、市政府",
            "sent_on": "2023-07-30",
        },
    )
    outcome = meeting.outcomes.get()
    staff_client.post(
        reverse("consultations:instruction_create", args=[outcome.pk]),
        {"leader": "市委主要领导", "level": "city", "date": "2023-08-07", "content": "请认真研究落实"},
    )
    body = staff_client.get(meeting.get_absolute_url()).content.decode()
    assert "关于保交楼的建议" in body and "市委主要领导（市级）批示" in body and "请认真研究落实" in body


def test_attendance_statistics_per_member_and_kind(meeting):
    member = MemberFactory()
    other = services.meeting_create(
        actor=None, kind=KindCode.INSPECTION, term=meeting.term, start_date=dt.date(2023, 5, 1)
    )
    for m, status in ((meeting, "present"), (other, "absent")):
        services.meeting_invite(meeting=m, members=[member], actor=None)
        services.sheet_save(meeting=m, rows={member.pk: services.SheetRow(status)}, actor=None)
    from consultations.selectors import attendance_by_member

    (line,) = attendance_by_member(year=2023)
    assert (line.invited, line.present, line.absent, line.rate) == (2, 1, 1, 50.0)
    assert line.by_kind[KindCode.STANDING] == [1, 1] and line.by_kind[KindCode.INSPECTION] == [0, 1]


def test_the_printable_sheet_and_the_workbooks(staff_client, meeting):
    import io
    import subprocess
    import tempfile

    from openpyxl import load_workbook

    member = MemberFactory(name="司马光明")
    services.meeting_invite(meeting=meeting, members=[member], actor=None)
    pdf = staff_client.get(reverse("consultations:sheet_pdf", args=[meeting.pk]))
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf.content)
        f.flush()
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout
    assert "司马光明" in text and "本人签名" in text
    wb = load_workbook(
        io.BytesIO(staff_client.get(reverse("consultations:sheet_xlsx", args=[meeting.pk])).content)
    )
    assert [r[1] for r in wb.active.iter_rows(min_row=2, values_only=True)] == ["司马光明"]
    stats = staff_client.get(reverse("consultations:stats_xlsx"), {"year": 2023})
    assert stats.status_code == 200
    assert (
        staff_client.get(reverse("consultations:stats_pdf"), {"year": 2023})["Content-Type"]
        == "application/pdf"
    )


def test_meetings_on_the_calendar_span_their_days(member_client):
    services.meeting_create(
        actor=None,
        kind=KindCode.TRAINING,
        term=TermFactory(),
        title="素能提升培训班",
        start_date=dt.date(2023, 4, 15),
        end_date=dt.date(2023, 4, 20),
    )
    body = member_client.get(reverse("consultations:calendar"), {"month": "2023-04"}).content.decode()
    assert body.count("素能提升培训班") == 6
    assert Meeting.objects.count() == 1
