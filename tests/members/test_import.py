from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from cppcc.documents import active_sheet
from members.models import Member
from members.roster import HEADERS
from tests.factories import CommitteeFactory, MemberFactory, SectorFactory, TermFactory, valid_id_number

pytestmark = pytest.mark.django_db
URL = reverse("members:import")


@pytest.fixture(autouse=True)
def reference_data(db):
    TermFactory()
    SectorFactory(name="经济界")
    SectorFactory(name="教育界")
    CommitteeFactory(name="经济科技委员会", short_name="经科委")


def _row(n: int, **overrides):
    values = {
        "姓名": f"委员{n}",
        "性别": "男",
        "民族": "汉族",
        "出生日期": dt.date(1970, 1, 1 + n % 28),
        "身份证号": valid_id_number(1000 + n),
        "手机号": f"1370000{n:04d}",
        "界别": "经济界",
        "专委会": "经科委",
        "党派": "",
        "常委": "否",
        "政协职务": "委员",
        "学历": "大学本科",
        "职称": "",
        "联络组": "",
        "工作单位": "某公司",
        "职务": "经理",
        "任职日期": "",
        "届别": "",
    }
    values.update(overrides)
    return values


def _xlsx(rows, headers=HEADERS) -> SimpleUploadedFile:
    wb = Workbook()
    sheet = active_sheet(wb)
    sheet.append(list(headers))
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("members.xlsx", buffer.getvalue())


def _post(client, upload):
    """Upload, and confirm the preview when it has no problem (as a clerk would)."""
    response = client.post(URL, {"file": upload})
    preview = response.context["preview"] if response.context else None
    if preview is None or not preview.ok:
        return response
    return client.post(URL, {"token": preview.batch.token})


def _problems(response):
    return response.context["preview"].problems


def test_a_clean_file_creates_every_member_with_history(staff_client, staff):
    response = _post(staff_client, _xlsx([_row(1), _row(2, 常委="是", 手机号=13700000002.0)]))
    assert response.status_code == 302
    assert Member.objects.count() == 2
    standing = Member.objects.get(name="委员2")
    assert (
        standing.is_standing
        and standing.term.name == "第六届"
        and standing.committee.name == "经济科技委员会"
    )
    assert standing.phone == "13700000002", "a phone Excel stored as a number is read as digits"
    assert standing.history.get().history_user == staff


def test_it_accepts_dates_written_as_text(staff_client):
    _post(staff_client, _xlsx([_row(1, 出生日期="1970/03/08"), _row(2, 出生日期="1971年4月9日")]))
    assert sorted(Member.objects.values_list("birth_date", flat=True)) == [
        dt.date(1970, 3, 8),
        dt.date(1971, 4, 9),
    ]


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({"姓名": ""}, "姓名不能为空"),
        ({"界别": "火星界"}, "界别“火星界”不在系统的界别名单中"),
        ({"出生日期": "1970-13-45"}, "日期“1970-13-45”不存在"),
        ({"身份证号": "410182197001010000"}, "身份证号校验位不正确"),
        ({"性别": "未知"}, "性别“未知”无法识别"),
        ({"常委": "也许"}, "常委：应填“是”或“否”，而不是“也许”"),
        ({"专委会": "不存在委"}, "专委会“不存在委”不在系统的专委会名单中"),
        ({"届别": "第九届"}, "届别“第九届”不存在"),
    ],
)
def test_one_bad_row_saves_nothing_and_names_the_row_and_reason(staff_client, bad, reason):
    response = _post(staff_client, _xlsx([_row(1), _row(2), _row(3, **bad)]))
    assert response.status_code == 400
    assert not Member.objects.exists()
    errors = _problems(response)
    assert [e.number for e in errors] == [4]
    assert any(reason in r for r in errors[0].problems)
    body = response.content.decode()
    assert "尚未导入" in body and "第 4 行" in body


def test_every_bad_row_is_listed_not_only_the_first(staff_client):
    response = _post(staff_client, _xlsx([_row(1, 姓名=""), _row(2), _row(3, 界别="不存在")]))
    assert [e.number for e in _problems(response)] == [2, 4]


def test_duplicates_inside_the_file_name_the_first_row(staff_client):
    response = _post(
        staff_client, _xlsx([_row(1), _row(2, 身份证号=valid_id_number(1001), 手机号="13700000001")])
    )
    (error,) = _problems(response)
    assert error.number == 3
    assert any("与第 2 行重复" in r and "身份证号" in r for r in error.problems)
    assert any("与第 2 行重复" in r and "手机号" in r for r in error.problems)
    assert not Member.objects.exists()


def test_duplicates_of_the_register_are_refused(staff_client):
    MemberFactory(id_number=valid_id_number(1001), phone="13700000009")
    response = _post(staff_client, _xlsx([_row(1), _row(9, 身份证号=valid_id_number(5555))]))
    reasons = [r for e in _problems(response) for r in e.problems]
    assert any("已属于名册中的委员" in r and "身份证号" in r for r in reasons)
    assert any("已属于名册中的委员" in r and "手机号" in r for r in reasons)
    assert Member.objects.count() == 1


def test_a_missing_column_is_named_with_the_words_expected(staff_client):
    headers = ("委员", "界别", "手机")
    response = _post(staff_client, _xlsx([{"委员": "张三", "界别": "经济界", "手机": "1"}], headers=headers))
    error = response.context["preview"].file_error
    assert "表头（第 1 行）中找不到：“姓名”列（可写作：姓名、委员姓名、名字）" in error
    assert not Member.objects.exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "所提交的是空文件"),
        (b"name,sector\n\xe5\xbc\xa0\xe4\xb8\x89,x\n", "请上传 Excel 工作簿"),
        (b"MZ\x90\x00\x03\x00\x00\x00" * 64, "请上传 Excel 工作簿"),
        (b"PK\x03\x04 broken zip", "请上传 Excel 工作簿"),
    ],
    ids=["empty", "csv-renamed", "exe-renamed", "broken-zip"],
)
def test_a_file_that_is_not_a_workbook_is_refused(staff_client, content, reason):
    response = _post(staff_client, SimpleUploadedFile("members.xlsx", content))
    body = response.content.decode()
    assert reason in body
    assert not Member.objects.exists()


def test_a_workbook_with_only_headers_is_refused(staff_client):
    response = _post(staff_client, _xlsx([]))
    assert "表头下方没有委员信息" in response.context["preview"].file_error


def test_a_file_over_the_limit_is_refused(staff_client, settings):
    settings.IMPORT_MAX_BYTES = 1024
    response = _post(staff_client, SimpleUploadedFile("big.xlsx", b"PK" + b"0" * 4096))
    assert "文件过大" in response.context["preview"].file_error


def test_the_downloaded_template_imports_once_filled(staff_client):
    response = staff_client.get(reverse("members:import_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    sheet = wb["委员名册"]
    assert tuple(c.value for c in sheet[1]) == HEADERS
    assert "经济界" in [c.value for c in wb["可选值"]["A"]]
    row = _row(7)
    sheet.append([row[h] for h in HEADERS])
    buffer = io.BytesIO()
    wb.save(buffer)
    _post(staff_client, SimpleUploadedFile("filled.xlsx", buffer.getvalue()))
    assert list(Member.objects.values_list("name", flat=True)) == ["委员7"]


def test_export_holds_the_filtered_members_and_reimports(staff_client):
    edu = SectorFactory(name="教育界")
    MemberFactory(name="甲老师", sector=edu, is_standing=True)
    MemberFactory(name="乙经理")
    response = staff_client.get(reverse("members:export"), {"sector": edu.pk})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][: len(HEADERS)] == HEADERS
    assert [r[0] for r in rows[1:]] == ["甲老师"]
    assert rows[1][HEADERS.index("常委")] == "是" and rows[1][-1] == "在任"
