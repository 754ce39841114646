"""The year's 提案汇编: one PDF with contents and each filed proposal with its reply, built by the
Celery task (inline here, as without a broker), its progress and file on the figures page."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from demo.research import _pdf
from proposals import services
from proposals.models import Compilation, Proposal
from proposals.services.compilation import STALE
from tests.factories import MemberFactory, SectorFactory

pytestmark = pytest.mark.django_db
YEAR = 2023
DAY = dt.date(YEAR, 3, 1)


def _pdftotext(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        return subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def year_of_proposals(staff, handling_unit):
    """Three filed proposals (one answered, one a 集体提案 waiting for its reply, one typed in with its
    answer as text) and one not filed."""
    lead, cosigner = MemberFactory(name="李明"), MemberFactory(name="张华")

    def make(number, title, **fields):
        fields.setdefault("lead", lead)
        return services.proposal_create(
            actor=staff, year=YEAR, number=number, title=title, submitted_on=DAY, **fields
        )

    answered = make(
        1, "关于老旧小区加装电梯的建议", cosigners=[cosigner], content="电梯情况", suggestions="分步推进"
    )
    services.proposal_file(proposal=answered, actor=staff, on=DAY)
    (assignment,) = services.proposal_assign(proposal=answered, actor=staff, on=DAY, lead_unit=handling_unit)
    services.reply_create(
        assignment=assignment,
        actor=None,
        category="A",
        replied_on=DAY + dt.timedelta(days=30),
        upload=SimpleUploadedFile("r.pdf", _pdf("r")),
        summary="已纳入年度改造计划",
    )
    sector = SectorFactory(name="教育界")
    collective = make(2, "关于加强县域高中建设的建议", lead=None, author_kind="sector", author_sector=sector)
    services.proposal_file(proposal=collective, actor=staff, on=DAY)
    typed = make(3, "关于规范共享单车停放的建议")
    for to, extra in (
        ("filed", {}),
        ("assigned", {"handling_unit": "市城市管理局"}),
        ("answered", {"answer": "已划定停放区"}),
    ):
        services.proposal_transition(proposal=typed, to=to, on=DAY, actor=staff, **extra)
    refused = make(4, "关于一件不予立案的事的建议")
    services.proposal_not_file(proposal=refused, actor=staff, on=DAY, reason="不属于提案范围")
    return answered, collective, typed


def test_the_pdf_has_contents_and_each_filed_proposal_with_its_reply(staff_client, year_of_proposals):
    answered, collective, typed = year_of_proposals
    response = staff_client.post(reverse("proposals:compilation_start") + f"?year={YEAR}")
    assert response.status_code == 302 and response["Location"].endswith("#compilation")
    job = Compilation.objects.get()
    assert (job.status, job.done, job.total) == ("done", 3, 3)

    download = staff_client.get(reverse("proposals:compilation_file", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    text = _pdftotext(b"".join(download.streaming_content))
    contents, body = text.split("关于老旧小区加装电梯的建议", 1)
    assert "目录" in contents and "提案汇编" in contents
    # The contents names every filed proposal with its author, 主办单位 and page; not the refused one.
    for title in (answered.title, collective.title, typed.title):
        assert title in text
    assert "不予立案" not in text and "关于一件不予立案的事的建议" not in text
    assert "李明" in text and "张华" in text and "教育界" in text and "市住房和城乡建设局" in text
    assert "电梯情况" in body and "分步推进" in body
    assert "A 所提问题已经解决或基本解决" in body and "已纳入年度改造计划" in body
    assert "尚未答复" in body  # the 集体提案 has no reply yet
    assert "已划定停放区" in body and "市城市管理局" in body
    assert job.pages == 2 + 3  # cover, contents, a page a proposal
    # Page numbers of the body in the contents: 1, 2, 3.
    assert re.search(r"\b1\s", contents) and "3" in contents


def test_the_figures_page_shows_the_download_when_done(leader_client, year_of_proposals):
    leader_client.post(reverse("proposals:compilation_start") + f"?year={YEAR}")
    page = leader_client.get(reverse("proposals:stats"), {"year": YEAR}).content.decode()
    assert 'id="compilation-download"' in page and "3 件提案" in page


def test_a_second_start_while_one_runs_joins_it(staff, leader):
    running, created = services.compilation_start(year=YEAR, actor=staff)
    again, created_again = services.compilation_start(year=YEAR, actor=leader)
    assert created and not created_again and again.pk == running.pk
    assert Compilation.objects.count() == 1


def test_a_running_job_shows_its_progress_and_a_refresh_link(staff, staff_client):
    job, _created = services.compilation_start(year=YEAR, actor=staff)
    Compilation.objects.filter(pk=job.pk).update(status="running", done=40, total=158)
    page = staff_client.get(reverse("proposals:stats"), {"year": YEAR}).content.decode()
    assert "data-job-status" in page and "40 / 158" in page and "刷新" in page
    status = staff_client.get(reverse("proposals:compilation_status", args=[job.pk])).json()
    assert status["active"] and (status["done"], status["total"], status["percent"]) == (40, 158, 25)
    assert staff_client.get(reverse("proposals:compilation_file", args=[job.pk])).status_code == 404


def test_a_job_lost_by_its_worker_is_replaced_by_the_next_start(staff):
    lost, _created = services.compilation_start(year=YEAR, actor=staff)
    Compilation.objects.filter(pk=lost.pk).update(
        status="running", requested_at=lost.requested_at - STALE * 2
    )
    job, created = services.compilation_start(year=YEAR, actor=staff)
    lost.refresh_from_db()
    assert created and job.pk != lost.pk and lost.status == "failed" and "重新生成" in lost.error


def test_a_failed_job_says_why_in_chinese(staff_client, settings, tmp_path):
    # The file store is not a directory: saving the laid-out PDF fails for real.
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    settings.PRIVATE_MEDIA_ROOT = blocked
    staff_client.post(reverse("proposals:compilation_start") + f"?year={YEAR}")
    job = Compilation.objects.get()
    assert job.status == "failed" and "生成失败" in job.error
    page = staff_client.get(reverse("proposals:stats"), {"year": YEAR}).content.decode()
    assert 'id="compilation-error"' in page and "生成失败" in page


def test_the_job_runs_through_the_celery_task(staff):
    from proposals import tasks

    job, _created = services.compilation_start(year=YEAR, actor=staff)
    result = tasks.build_compilation.apply_async(args=(job.pk,))
    assert result.get() == "done"
    # Delivered again, the task finds the job no longer queued and builds nothing twice.
    assert tasks.build_compilation.apply_async(args=(job.pk,)).get() == "done"
    assert Proposal.objects.count() == 0 and Compilation.objects.get().total == 0
