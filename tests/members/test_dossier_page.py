from __future__ import annotations

import datetime as dt
import re
import subprocess
import tempfile
from decimal import Decimal

import pytest
from django.urls import reverse

from evaluation import services as evaluation_services
from evaluation.models import ScoringRule
from members import services
from members.kinds import ActivityKind as K
from members.models import DossierEntry, EntryDispute
from tests.factories import EntryFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules(db):
    return evaluation_services.scheme_create_default(year=2023)


def _total(response) -> Decimal:
    return response.context["dossier"].breakdown.total


def test_the_dossier_shows_points_per_kind_and_where_a_cap_bit(member_client, member, rules):
    EntryFactory.create_batch(7, member=member, kind=K.VISIT)  # 7 × 1, capped at 5 (visits)
    EntryFactory(member=member, kind=K.ATTEND_PLENARY)
    response = member_client.get(reverse("me"), {"year": 2023})
    breakdown = response.context["dossier"].breakdown
    visits = next(c for c in breakdown.categories if c.category == "visit")
    assert visits.capped and visits.points == Decimal(5)
    assert breakdown.total == Decimal(60 + 5 + 5)
    body = response.content.decode()
    assert "已达上限" in body and "出席全体会议" in body


def test_the_minimum_duties_say_what_is_still_missing(member_client, member, rules):
    EntryFactory(member=member, kind=K.ATTEND_PLENARY)
    duties = {
        d.code: d.met
        for d in member_client.get(reverse("me"), {"year": 2023}).context["dossier"].breakdown.duties
    }
    assert duties == {"plenary": True, "activities": False, "proposals": False, "sentiments": False}


def test_another_year_shows_that_years_entries_only(staff_client, member, rules):
    EntryFactory(member=member, year=2022, title="去年的记录")
    EntryFactory(member=member, year=2023, title="今年的记录")
    body = staff_client.get(member.get_absolute_url(), {"year": 2022}).content.decode()
    assert "去年的记录" in body and "今年的记录" not in body
    assert "2022 年度尚未设置积分规则" in body


def test_changing_a_rule_changes_the_dossier_at_once(staff_client, member, rules):
    EntryFactory.create_batch(2, member=member, kind=K.ATTEND_STUDY)
    assert _total(staff_client.get(member.get_absolute_url(), {"year": 2023})) == Decimal(62)
    ScoringRule.objects.filter(scheme=rules, kind=K.ATTEND_STUDY).update(points=4)
    assert _total(staff_client.get(member.get_absolute_url(), {"year": 2023})) == Decimal(68)


def test_the_dossier_query_count_does_not_grow_with_entries(
    staff_client, member, rules, django_assert_num_queries
):
    EntryFactory.create_batch(10, member=member)
    url = f"{member.get_absolute_url()}?year=2023"
    staff_client.get(url)  # warm the content-type cache, as any running server has
    with django_assert_num_queries(21):
        staff_client.get(url)
    EntryFactory.create_batch(490, member=member)
    with django_assert_num_queries(21):
        response = staff_client.get(url)
    dossier = response.context["dossier"]
    assert dossier.entry_count == 500 and len(dossier.entries) == 50


def test_a_long_dossier_is_paged_and_its_score_counts_every_entry(staff_client, member, rules):
    from members.selectors import member_dossier

    EntryFactory.create_batch(120, member=member, kind="visit")  # 1 point each, the category capped at 5
    EntryFactory.create_batch(3, member=member, kind="speech_oral")
    url = f"{member.get_absolute_url()}?year=2023"
    first = staff_client.get(url).context["dossier"]
    last = staff_client.get(f"{url}&page=3").context["dossier"]
    whole = member_dossier(member=member, year=2023)
    assert first.entry_count == last.entry_count == len(whole.entries) == 123
    assert len(first.entries) == 50 and len(last.entries) == 23
    assert not {e.pk for e in first.entries} & {e.pk for e in last.entries}
    assert first.breakdown.total == last.breakdown.total == whole.breakdown.total
    assert whole.breakdown.points_by_category() == first.breakdown.points_by_category()
    assert b"page=2" in staff_client.get(url).content


def test_a_member_reports_a_deed_that_counts_only_once_confirmed(member_client, member, staff_client, rules):
    response = member_client.post(
        reverse("members:self_report"),
        {
            "kind": K.PUBLIC_SERVICE,
            "date": "2023-06-01",
            "title": "协调修复村内道路",
            "description": "与村委会协商",
        },
    )
    assert response.status_code == 302
    entry = DossierEntry.objects.get(member=member)
    assert entry.status == DossierEntry.Status.PENDING
    assert _total(member_client.get(reverse("me"), {"year": 2023})) == Decimal(60)
    assert "协调修复村内道路" in staff_client.get(reverse("members:reviews")).content.decode()
    staff_client.post(reverse("members:entry_review", args=[entry.pk]), {"decision": "approve"})
    assert _total(member_client.get(reverse("me"), {"year": 2023})) == Decimal(62)


def test_a_rejected_report_scores_nothing_and_shows_the_reason(member_client, member, staff_client, rules):
    entry = services.entry_self_report(
        member=member, kind=K.VISIT, date=dt.date(2023, 3, 1), title="走访", actor=member.user
    )
    response = staff_client.post(
        reverse("members:entry_review", args=[entry.pk]), {"decision": "reject", "note": ""}
    )
    entry.refresh_from_db()
    assert entry.status == DossierEntry.Status.PENDING, "a rejection needs a reason"
    staff_client.post(
        reverse("members:entry_review", args=[entry.pk]), {"decision": "reject", "note": "缺少走访对象"}
    )
    response = member_client.get(reverse("me"), {"year": 2023})
    assert _total(response) == Decimal(60)
    assert "退回原因：缺少走访对象" in response.content.decode()


def test_a_member_cannot_report_a_kind_staff_record(member_client, member):
    response = member_client.post(
        reverse("members:self_report"),
        {"kind": K.ATTEND_PLENARY, "date": "2023-06-01", "title": "出席全体会议"},
    )
    assert response.status_code == 200 and not DossierEntry.objects.exists()


def test_a_report_in_the_future_is_refused_and_the_text_kept(member_client):
    response = member_client.post(
        reverse("members:self_report"), {"kind": K.VISIT, "date": "2099-01-01", "title": "明年的走访"}
    )
    body = response.content.decode()
    assert "日期不能晚于今天" in body and "明年的走访" in body


def test_a_dispute_reaches_staff_and_a_resolution_can_switch_the_entry_off(
    member_client, member, staff_client, rules
):
    entry = EntryFactory(member=member, kind=K.ATTEND_PLENARY)
    member_client.post(reverse("members:entry_dispute", args=[entry.pk]), {"comment": "当天我请假了"})
    dispute = EntryDispute.objects.get()
    assert "当天我请假了" in staff_client.get(reverse("members:disputes")).content.decode()
    staff_client.post(
        reverse("members:dispute_resolve", args=[dispute.pk]),
        {"resolution": "核实为请假，已更正", "disable_entry": "on"},
    )
    response = member_client.get(reverse("me"), {"year": 2023})
    assert _total(response) == Decimal(60)
    body = response.content.decode()
    assert "核实为请假，已更正" in body and "不计分" in body


def test_a_member_cannot_dispute_the_same_entry_twice_while_open(member_client, member):
    entry = EntryFactory(member=member)
    member_client.post(reverse("members:entry_dispute", args=[entry.pk]), {"comment": "有误"})
    member_client.post(reverse("members:entry_dispute", args=[entry.pk]), {"comment": "再次"})
    assert EntryDispute.objects.count() == 1


def test_staff_record_a_duty_by_hand_and_it_counts(staff_client, member, rules):
    staff_client.post(
        reverse("members:entry_record", args=[member.pk]),
        {"kind": K.SPEECH_WRITTEN, "date": "2023-07-20", "title": "书面发言：关于保交楼"},
    )
    assert _total(staff_client.get(member.get_absolute_url(), {"year": 2023})) == Decimal(63)


def test_the_pdf_report_holds_the_members_chinese_name_in_a_cjk_font(staff_client, rules):
    member = MemberFactory(name="欧阳晓岚")
    EntryFactory(member=member, kind=K.ATTEND_PLENARY, title="六届二次全体会议")
    response = staff_client.get(reverse("members:report_pdf", args=[member.pk, 2023]))
    assert response["Content-Type"] == "application/pdf"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(response.content)
        pdf.flush()
        text = subprocess.run(["pdftotext", pdf.name, "-"], capture_output=True, text=True, check=True).stdout
        fonts = subprocess.run(["pdffonts", pdf.name], capture_output=True, text=True, check=True).stdout
    assert "欧阳晓岚" in text and "六届二次全体会议" in text and "2023 年度委员履职报告" in text
    assert re.search(r"CJK", fonts), fonts


def test_the_pdf_states_a_rank_without_a_run_to_count_from_as_the_rank_alone(staff_client, rules):
    from evaluation.models import AnnualEvaluation, EvaluationRun

    member = MemberFactory(name="欧阳晓岚")
    EntryFactory(member=member, kind=K.ATTEND_PLENARY)
    evaluation_services.evaluation_compute(2023)  # rows written directly: no finished run
    assert AnnualEvaluation.objects.filter(member=member).exists() and not EvaluationRun.objects.exists()
    response = staff_client.get(reverse("members:report_pdf", args=[member.pk, 2023]))
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(response.content)
        pdf.flush()
        text = subprocess.run(["pdftotext", pdf.name, "-"], capture_output=True, text=True, check=True).stdout
    rank = text.split("全体排名", 1)[1].split("界别内排名", 1)[0]
    assert rank.split() == ["1"], rank  # not "1/" with nothing to count from


def test_the_dossier_exports_to_a_workbook(staff_client, member, rules):
    import io

    from openpyxl import load_workbook

    EntryFactory(member=member, kind=K.VISIT, title="走访企业")
    response = staff_client.get(reverse("members:dossier_xlsx", args=[member.pk, 2023]))
    wb = load_workbook(io.BytesIO(response.content))
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert any(r[2] == "走访企业" for r in rows)
    assert ("总分", "", "", "", 61, "") in [
        tuple("" if v is None else v for v in r) for r in wb["积分"].iter_rows(values_only=True)
    ]


def test_the_year_selector_shows_the_year_of_the_page(staff_client):
    member = MemberFactory()
    response = staff_client.get(reverse("members:detail", args=[member.pk]), {"year": 2019})
    assert response.context["dossier"].year == 2019
    assert '<option value="2019" selected>' in response.content.decode()


def test_pages_are_sent_compressed_to_a_browser_that_accepts_gzip(staff_client, member, rules):
    EntryFactory.create_batch(60, member=member)
    url = f"{member.get_absolute_url()}?year=2023"
    plain = staff_client.get(url)
    packed = staff_client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain
    assert len(packed.content) < len(plain.content) / 3
