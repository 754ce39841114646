from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from demo.research import _pdf
from evaluation import services as evaluation_services
from members import selectors as member_selectors
from members.kinds import ActivityKind as K
from members.models import DossierEntry
from research import services
from research.models import ResearchTopic
from tests.factories import CommitteeFactory, MemberFactory

pytestmark = pytest.mark.django_db
S = ResearchTopic.Status


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def topic(db):
    return services.topic_create(
        actor=None,
        year=2023,
        title="安置房建设和“保交楼”工作",
        leader="主席 王建华",
        committee=CommitteeFactory(name="社会法制和民族宗教委员会"),
        planned_start=dt.date(2023, 3, 1),
        planned_end=dt.date(2023, 9, 30),
    )


@pytest.fixture
def team(topic):
    lead, author, helper = (
        MemberFactory(name="牵头人"),
        MemberFactory(name="执笔人"),
        MemberFactory(name="参加人"),
    )
    services.topic_set_participants(
        topic=topic, leads=[lead], authors=[author], members=[helper, author], actor=None
    )
    return lead, author, helper


def _report(topic, **kw):
    fields = dict(
        title="关于保交楼的调研报告",
        completed_on=dt.date(2023, 8, 10),
        upload=SimpleUploadedFile("报告.pdf", _pdf("x")),
    )
    fields.update(kw)
    return services.report_save(topic=topic, actor=None, **fields)


def test_participants_get_entries_and_a_member_named_twice_keeps_the_larger_part(team):
    lead, author, helper = team
    assert sorted(DossierEntry.objects.values_list("member__name", "kind")) == [
        ("参加人", K.RESEARCH_PARTICIPATION),
        ("执笔人", K.RESEARCH_PARTICIPATION),
        ("牵头人", K.RESEARCH_PARTICIPATION),
    ]
    assert author.research_roles.get().role == "author"


@pytest.mark.parametrize(
    ("steps", "allowed"),
    [
        (["researching"], True),
        (["researching", "reported"], False),
        (["reported"], False),
        (["closed"], False),
        (["instructed"], False),
    ],
)
def test_status_transitions_allowed_and_refused(topic, steps, allowed):
    def walk():
        for step in steps:
            services.topic_transition(topic=topic, to=step, actor=None)

    if allowed:
        walk()
        topic.refresh_from_db()
        assert topic.status == steps[-1]
    else:
        with pytest.raises(ValidationError):
            walk()


def test_a_report_moves_the_topic_on_and_gives_the_author_an_entry(topic, team):
    _report(topic, submitted_to="市委、市政府", submitted_on=dt.date(2023, 8, 15))
    topic.refresh_from_db()
    assert topic.status == S.SUBMITTED
    assert DossierEntry.objects.filter(kind=K.RESEARCH_AUTHOR).get().member.name == "执笔人"
    services.topic_transition(topic=topic, to=S.CLOSED, actor=None)


def test_an_instruction_raises_the_authors_points(topic, team):
    evaluation_services.scheme_create_default(year=2023)
    lead, author, helper = team
    _report(topic)

    def total(m):
        return member_selectors.member_dossier(member=m, year=2023).breakdown.total

    before = (total(lead), total(author), total(helper))
    services.instruction_create(
        report=topic.report,
        actor=None,
        leader="市委主要领导",
        level="city",
        date=dt.date(2023, 8, 30),
        content="请认真研究落实",
        assigned_to="市住建局",
    )
    assert (total(lead), total(author), total(helper)) == (before[0] + 5, before[1] + 5, before[2])
    topic.refresh_from_db()
    assert topic.status == S.INSTRUCTED
    assert total(author) == Decimal(60 + 2 + 5 + 5)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("报告.pdf", b"MZ\x90\x00" + b"\x00" * 200, "程序文件"),
        ("报告.pdf", b"", "空文件"),
        ("报告.docx", b"just some text pretending", "只接受"),
        ("报告.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "只接受"),
    ],
    ids=["renamed-exe", "empty", "renamed-text", "word97-not-wps"],
)
def test_uploads_are_judged_by_content(staff_client, topic, name, content, reason):
    response = staff_client.post(
        reverse("research:report", args=[topic.pk]),
        {"title": "报告", "completed_on": "2023-08-10", "upload": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not hasattr(ResearchTopic.objects.get(pk=topic.pk), "report")


def test_an_oversized_file_is_refused(staff_client, topic, settings):
    settings.REPORT_MAX_BYTES = 1024 * 1024
    big = _pdf("x") + b"0" * (1024 * 1024)
    response = staff_client.post(
        reverse("research:report", args=[topic.pk]),
        {"title": "报告", "completed_on": "2023-08-10", "upload": SimpleUploadedFile("big.pdf", big)},
    )
    assert "文件过大" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "kind"), [("a.pdf", None, "pdf"), ("a.docx", "docx", "docx"), ("a.wps", "wps", "wps")]
)
def test_pdf_docx_and_wps_are_accepted(topic, name, content, kind):
    data = {None: _pdf("x"), "docx": _docx(), "wps": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500}[
        content
    ]
    report = _report(topic, upload=SimpleUploadedFile(name, data))
    assert report.file_kind == kind and report.file.name.endswith(f".{kind}")


def test_the_file_is_served_only_to_those_who_may_see_the_topic(
    topic, team, staff_client, member_client, member, client, settings
):
    _report(topic)
    url = reverse("research:report_file", args=[topic.pk])
    response = staff_client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    assert member_client.get(url).status_code == 404
    services.topic_set_participants(topic=topic, members=[member], actor=None)
    assert member_client.get(url).status_code == 200
    stored = topic.report.file.name
    assert client.get(f"/media/{stored}").status_code in (302, 404), "no public URL serves the file"
    assert str(settings.PRIVATE_MEDIA_ROOT) not in str(settings.STATIC_ROOT)


def test_a_member_sees_the_topics_they_take_part_in_only(member_client, member, topic):
    other = services.topic_create(
        actor=None,
        year=2023,
        title="人才建设",
        leader="副主席 孙立军",
        office="办公室",
        planned_start=dt.date(2023, 3, 1),
        planned_end=dt.date(2023, 9, 30),
    )
    services.topic_set_participants(topic=other, members=[member], actor=None)
    body = member_client.get(reverse("research:list"), {"year": 2023}).content.decode()
    assert "人才建设" in body and "保交楼" not in body
    assert member_client.get(topic.get_absolute_url()).status_code == 404


def test_the_year_page_counts_topics_reports_and_instructions(leader_client, topic, team):
    _report(topic)
    services.instruction_create(
        report=topic.report,
        actor=None,
        leader="市委主要领导",
        level="city",
        date=dt.date(2023, 8, 30),
        content="落实",
    )
    services.topic_create(
        actor=None,
        year=2023,
        title="人才建设",
        leader="副主席 孙立军",
        office="办公室",
        planned_start=dt.date(2023, 3, 1),
        planned_end=dt.date(2023, 4, 30),
    )
    figures = leader_client.get(reverse("research:list"), {"year": 2023}).context["figures"]
    assert (figures.topics, figures.reports, figures.instructed, figures.overdue) == (2, 1, 1, 1)


def test_the_year_exports_and_a_topic_prints(staff_client, topic, team):
    from openpyxl import load_workbook

    response = staff_client.get(reverse("research:export"), {"year": 2023})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "安置房建设和“保交楼”工作"
    pdf = staff_client.get(reverse("research:summary_pdf", args=[topic.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")


def test_closing_a_follow_up_needs_its_result(topic):
    _report(topic)
    instruction = services.instruction_create(
        report=topic.report,
        actor=None,
        leader="市委主要领导",
        level="city",
        date=dt.date(2023, 8, 30),
        content="落实",
    )
    with pytest.raises(ValidationError):
        services.instruction_follow_up(
            instruction=instruction, assigned_to="市住建局", follow_up="done", result="", actor=None
        )


def _bomb(expanded: int, entries: int = 2) -> bytes:
    """A real .docx layout whose document part expands to `expanded` bytes of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * expanded)
        for i in range(entries - 2):
            z.writestr(f"word/media/part{i}.xml", "")
    return buffer.getvalue()


def test_a_docx_that_expands_far_past_any_real_document_is_refused_and_replaces_nothing(staff_client, topic):
    services.report_save(
        topic=topic,
        actor=None,
        title="原报告",
        completed_on=dt.date(2023, 8, 1),
        upload=SimpleUploadedFile("r.docx", _docx()),
    )
    before = topic.report.file.name
    bomb = _bomb(300 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024, "a small file on disk"
    response = staff_client.post(
        reverse("research:report", args=[topic.pk]),
        {"title": "新报告", "completed_on": "2023-08-02", "upload": SimpleUploadedFile("r.docx", bomb)},
    )
    assert "文件解压后有 300 MB" in response.content.decode()
    topic.report.refresh_from_db()
    assert (topic.report.file.name, topic.report.title) == (before, "原报告")


def test_a_docx_with_thousands_of_parts_is_refused(topic):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="个部件"):
        services.report_save(
            topic=topic,
            actor=None,
            title="报告",
            completed_on=dt.date(2023, 8, 1),
            upload=SimpleUploadedFile("r.docx", _bomb(10, entries=2500)),
        )
