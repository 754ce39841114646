"""A member sends 社情民意 from the browser and sees only their own; staff enter and edit any."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from sentiments import services
from sentiments.models import SentimentLevel, SentimentReport

pytestmark = pytest.mark.django_db


def test_a_member_sends_a_public_opinion_report_from_a_phone(member_client, member):
    refused = member_client.post(reverse("sentiments:create"), {"title": "小区充电难", "content": ""})
    assert refused.status_code == 200 and "小区充电难" in refused.content.decode()
    data = {"title": "小区电动自行车充电难", "content": "充电桩少", "suggestion": "增设充电桩"}
    response = member_client.post(reverse("sentiments:create"), data)
    report = SentimentReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    assert list(report.authors.all()) == [member] and report.suggestion == "增设充电桩"


def _report(staff, title="小区充电难", authors=None):
    from tests.factories import MemberFactory

    return services.sentiment_create(
        actor=staff,
        authors=authors or [MemberFactory()],
        year=2023,
        title=title,
        reported_on=dt.date(2023, 3, 1),
    )


def _fill(staff, report, levels):
    for tier in ("local", "city", "province"):
        services.forwarding_save(
            report=report, actor=staff, action="adopted", level=levels[tier], date=dt.date(2023, 3, 9)
        )
    services.instruction_save(
        report=report, actor=staff, leader="市长", level=levels["city"], date=dt.date(2023, 3, 9)
    )


@pytest.fixture
def levels():
    return {level.tier: level for level in SentimentLevel.objects.all()}


def test_a_refused_adoption_keeps_what_was_typed_and_says_why_in_chinese(staff_client, staff, levels):
    report = _report(staff)
    data = {"action": "adopted", "level": levels["city"].pk, "date": "2023-02-01", "body": "郑州市政协"}
    response = staff_client.post(reverse("sentiments:forwarding_create", args=[report.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "日期不能早于报送日期" in page and 'value="郑州市政协"' in page
    response = staff_client.post(
        reverse("sentiments:forwarding_create", args=[report.pk]), {**data, "date": "2023-03-20"}
    )
    assert response.status_code == 302 and report.forwardings.get().body == "郑州市政协"


def test_a_refused_instruction_edit_opens_that_instruction_with_the_typed_feedback(
    staff_client, staff, levels
):
    report = _report(staff)
    record = services.instruction_save(
        report=report, actor=staff, leader="市长", level=levels["city"], date=dt.date(2023, 4, 2)
    )
    page = staff_client.get(report.get_absolute_url()).content.decode()
    opened = re.search(rf'name="i{record.pk}-opened" value="([^"]+)"', page).group(1)
    data = {
        f"i{record.pk}-{k}": v
        for k, v in {
            "leader": "市长",
            "level": levels["city"].pk,
            "date": "2023-04-02",
            "feedback": "已完成整改",
            "feedback_on": "2023-04-01",
            "opened": opened,
        }.items()
    }
    response = staff_client.post(reverse("sentiments:instruction_edit", args=[record.pk]), data)
    assert response.status_code == 400
    assert "已完成整改" in response.content.decode()
    data[f"i{record.pk}-feedback_on"] = "2023-05-01"
    assert (
        staff_client.post(reverse("sentiments:instruction_edit", args=[record.pk]), data).status_code == 302
    )
    record.refresh_from_db()
    assert record.feedback == "已完成整改"


def test_the_level_names_are_renamed_by_staff_and_shown_on_the_report(staff_client, staff, levels):
    data = {f"name_{level.pk}": level.name for level in levels.values()}
    data[f"name_{levels['city'].pk}"] = "郑州市"
    assert staff_client.post(reverse("sentiments:levels"), data).status_code == 302
    report = _report(staff)
    services.forwarding_save(
        report=report, actor=staff, action="adopted", level=levels["city"], date=dt.date(2023, 3, 9)
    )
    assert "郑州市" in staff_client.get(report.get_absolute_url()).content.decode()


def test_the_list_and_a_report_page_cost_the_same_queries_for_few_or_many_rows(
    staff_client, staff, levels, django_assert_num_queries
):
    from tests.factories import MemberFactory

    def cost(url: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert staff_client.get(url).status_code == 200
        return len(ctx.captured_queries)

    first = _report(staff)
    _fill(staff, first, levels)
    list_url = reverse("sentiments:list") + "?year=2023"
    small_list, small_detail = cost(list_url), cost(first.get_absolute_url())
    crowd = MemberFactory.create_batch(4)
    for n in range(6):
        _fill(staff, _report(staff, title=f"反映{n}", authors=crowd), levels)
    big = _report(staff, authors=crowd)
    _fill(staff, big, levels)
    _fill(staff, big, levels)
    with django_assert_num_queries(small_list):
        staff_client.get(list_url)
    with django_assert_num_queries(small_detail):
        staff_client.get(big.get_absolute_url())


def test_a_member_sees_only_their_own_reports(member_client, member, other_member, staff):
    mine = _report(staff, title="我的反映", authors=[member])
    theirs = _report(staff, title="别人的反映", authors=[other_member])
    page = member_client.get(reverse("sentiments:list")).content.decode()
    assert "我的反映" in page and "别人的反映" not in page
    assert member_client.get(mine.get_absolute_url()).status_code == 200
    assert member_client.get(theirs.get_absolute_url()).status_code == 404


def test_a_member_adds_a_photo_from_the_phone_and_only_readers_of_the_report_get_it(
    member_client, other_member, member
):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    photo = BytesIO()
    Image.new("RGB", (40, 30), "red").save(photo, "PNG")
    data = {"title": "路灯不亮", "content": "夜间无照明", "suggestion": "尽快维修"}
    renamed = SimpleUploadedFile("photo.jpg", b"plain text, not a photo")
    refused = member_client.post(reverse("sentiments:create"), {**data, "attachment": renamed})
    assert refused.status_code == 200 and "附件只接受照片" in refused.content.decode()
    assert not SentimentReport.objects.exists()
    upload = SimpleUploadedFile("IMG_0001.png", photo.getvalue())
    member_client.post(reverse("sentiments:create"), {**data, "attachment": upload})
    report = SentimentReport.objects.get()
    assert (report.attachment_kind, report.attachment_name) == ("jpg", "IMG_0001.png")
    response = member_client.get(reverse("sentiments:attachment", args=[report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    other = Client()
    other.force_login(other_member.user)
    assert other.get(reverse("sentiments:attachment", args=[report.pk])).status_code == 404
