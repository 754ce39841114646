"""编报: issues numbered per year, composed from uncompiled reports, reordered, printed."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections
from django.urls import reverse

from members.models import DossierEntry
from sentiments import services
from sentiments.models import SentimentIssue, SentimentReport
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
YEAR = 2023


def _report(staff, title: str, **fields) -> SentimentReport:
    return services.sentiment_create(
        actor=staff,
        authors=[MemberFactory.create(name=fields.pop("author", "王芳"))],
        year=fields.pop("year", YEAR),
        title=title,
        reported_on=dt.date(YEAR, 3, 1),
        **fields,
    )


def _issue(staff, number: int, reports=(), **fields) -> SentimentIssue:
    return services.issue_create(
        actor=staff, year=YEAR, number=number, date=dt.date(YEAR, 4, 1), reports=reports, **fields
    )


def test_the_next_number_follows_the_highest_of_the_year(staff):
    assert services.issue_next_number(YEAR) == 1
    _issue(staff, 1)
    _issue(staff, 4)
    services.issue_create(actor=staff, year=2022, number=9, date=dt.date(2022, 4, 1))
    assert services.issue_next_number(YEAR) == 5


def test_a_number_already_used_this_year_is_refused_in_chinese(staff):
    _issue(staff, 3)
    with pytest.raises(ValidationError) as refused:
        _issue(staff, 3)
    assert "已有第 3 期" in str(refused.value)
    assert SentimentIssue.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_clerks_taking_the_same_number_at_once_get_one_issue_and_one_clean_refusal(staff):
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def clerk() -> None:
        try:
            barrier.wait()
            _issue(staff, 7)
            outcomes.append("saved")
        except ValidationError as exc:
            outcomes.append("refused" if "已有第 7 期" in str(exc) else f"other: {exc}")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=clerk) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert SentimentIssue.objects.filter(number=7).count() == 1


def test_items_are_ordered_reordered_and_removed_and_a_report_is_compiled_once(staff):
    a, b, c = (_report(staff, t) for t in ("甲", "乙", "丙"))
    issue = _issue(staff, 1, reports=[a, b])
    services.issue_set_items(issue=issue, actor=staff, reports=[c, a])
    assert list(issue.items.values_list("report__title", "position")) == [("丙", 1), ("甲", 2)]
    with pytest.raises(ValidationError):
        _issue(staff, 2, reports=[a])
    assert _issue(staff, 2, reports=[b]).items.count() == 1  # 乙 was removed from the first issue


def test_a_report_of_another_year_is_refused(staff):
    old = _report(staff, "旧", year=2022)
    with pytest.raises(ValidationError):
        _issue(staff, 1, reports=[old])


def test_compiling_gives_no_dossier_entry(staff):
    report = _report(staff, "甲")
    before = DossierEntry.objects.count()
    _issue(staff, 1, reports=[report])
    assert DossierEntry.objects.count() == before


def test_staff_compose_an_issue_from_the_uncompiled_reports(staff_client, staff):
    a, b = _report(staff, "甲"), _report(staff, "乙")
    page = staff_client.get(reverse("sentiments:issue_create") + f"?year={YEAR}")
    assert page.context["form"].initial["number"] == 1
    data = {"year": YEAR, "number": 1, "date": "2023-04-01", "title": "", "note": "", "reports": [b.pk, a.pk]}
    response = staff_client.post(reverse("sentiments:issue_create"), data)
    issue = SentimentIssue.objects.get()
    assert response["Location"] == issue.get_absolute_url()
    # Move 乙 after 甲 and take it out again, all through the contents form.
    response = staff_client.post(
        reverse("sentiments:issue_items", args=[issue.pk]), {f"pos_{a.pk}": 1, f"pos_{b.pk}": 2}
    )
    assert response.status_code == 302
    assert list(issue.items.values_list("report__title", flat=True)) == ["甲", "乙"]
    staff_client.post(
        reverse("sentiments:issue_items", args=[issue.pk]),
        {f"pos_{a.pk}": 1, f"pos_{b.pk}": 2, f"remove_{b.pk}": "on"},
    )
    assert list(issue.items.values_list("report__title", flat=True)) == ["甲"]
    listed = staff_client.get(reverse("sentiments:list") + f"?year={YEAR}&compiled=0").context["list"]
    assert listed.total == 1


def test_the_issue_pdf_has_the_masthead_contents_and_each_item(staff_client, staff):
    a = _report(
        staff,
        "关于小区充电难的反映",
        content="充电桩不足，飞线充电多。",
        suggestion="增设充电桩。",
        author="李娜",
    )
    b = _report(staff, "关于农村饮水安全的反映", content="水质不稳定。", author="张伟")
    issue = services.issue_create(
        actor=staff, year=YEAR, number=12, date=dt.date(YEAR, 5, 8), title="民生专刊", reports=[a, b]
    )
    response = staff_client.get(reverse("sentiments:issue_pdf", args=[issue.pk]))
    assert response["Content-Type"] == "application/pdf"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(response.content)
        pdf.flush()
        text = subprocess.run(["pdftotext", pdf.name, "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    for expected in (
        "社情民意",
        "2023年第12期",
        "2023年5月8日",
        "民生专刊",
        "本期目录",
        "关于小区充电难的反映（李娜）",
        "关于农村饮水安全的反映（张伟）",
        "充电桩不足，飞线充电多。",
        "增设充电桩。",
        "水质不稳定。",
    ):
        assert expected in flat, expected
    assert flat.index("关于小区充电难的反映（李娜）") < flat.index("关于农村饮水安全的反映（张伟）")


def test_the_issue_page_costs_the_same_queries_for_two_or_eight_items(
    staff_client, staff, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = _issue(staff, 1, reports=[_report(staff, f"甲{n}") for n in range(2)])
    big = _issue(staff, 2, reports=[_report(staff, f"乙{n}") for n in range(8)])
    with CaptureQueriesContext(connection) as ctx:
        staff_client.get(small.get_absolute_url())
    with django_assert_num_queries(len(ctx.captured_queries)):
        staff_client.get(big.get_absolute_url())
