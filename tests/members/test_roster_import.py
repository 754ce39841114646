"""An office imports the roster it already has, not the app's template, and two clerks importing the
same file at the same moment import it once."""

from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from cppcc.documents import active_sheet
from members.models import ImportBatch, LiaisonGroup, Member
from tests.factories import CommitteeFactory, SectorFactory, TermFactory, valid_id_number

URL = reverse("members:import")
HEADER = (
    "序号",
    "姓  名",
    "性别",
    "民族",
    "出生年月",
    "政治面貌",
    "工作单位及职务",
    "界别",
    "是否常委",
    "联系电话",
    "身份证号码",
)


@pytest.fixture
def register(db):
    TermFactory()
    for name in ("经济界", "教育界"):
        SectorFactory(name=name)
    CommitteeFactory(name="经济科技委员会", short_name="经科委")


def _roster(rows, header=HEADER) -> SimpleUploadedFile:
    book = Workbook()
    sheet = active_sheet(book)
    sheet.append(["荥阳市政协第六届委员名册"])
    sheet.merge_cells("A1:K1")
    sheet.append(["制表单位：市政协办公室", None, None, None, None, None, None, "2023年1月"])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("名册（2023）.xlsx", buffer.getvalue())


REAL_ROWS = [
    (
        1,
        "何　勇华",
        "男 ",
        "汉族",
        1975.06,
        "中共党员",
        "荥阳市第一中学校长",
        "教育界",
        "√",
        13700000001,
        valid_id_number(1),
    ),
    (
        2,
        " 王芳",
        "女",
        "回族",
        "1968-3",
        "民盟",
        "荥阳市人民医院主任医师",
        "经济界",
        "否",
        13700000002.0,
        valid_id_number(2),
    ),
    (
        3,
        "李红梅",
        "女",
        "汉族",
        "1980年11月",
        "无党派",
        "荥阳某公司总经理",
        "经济界",
        "",
        "137 0000 0003",
        valid_id_number(3).lower(),
    ),
    (
        4,
        "赵强",
        "男",
        "汉族",
        dt.datetime(1972, 5, 1),
        "九三学社",
        "荥阳某研究所",
        "教育界",
        "是",
        "13700000004",
        valid_id_number(4),
    ),
]


def test_a_real_roster_is_previewed_column_by_column_and_saved_only_on_confirm(staff_client, register):
    response = staff_client.post(URL, {"file": _roster(REAL_ROWS)})
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.ok and preview.mapping.header_row == 3
    assert preview.mapping.ignored == ["序号"]
    assert [c.header for c in preview.mapping.columns.values()] == [
        "姓名",
        "性别",
        "民族",
        "出生日期",
        "党派",
        "工作单位及职务",
        "界别",
        "常委",
        "手机号",
        "身份证号",
    ]
    assert not Member.objects.exists(), "a preview saves nothing"
    body = response.content.decode()
    assert "确认导入 4 名委员" in body and "何勇华" in body and "1975-06-01" in body

    staff_client.post(URL, {"token": preview.batch.token})
    members = {m.name: m for m in Member.objects.all()}
    assert set(members) == {"何勇华", "王芳", "李红梅", "赵强"}
    he, wang, li, zhao = members["何勇华"], members["王芳"], members["李红梅"], members["赵强"]
    assert (he.birth_date, wang.birth_date, li.birth_date, zhao.birth_date) == (
        dt.date(1975, 6, 1),
        dt.date(1968, 3, 1),
        dt.date(1980, 11, 1),
        dt.date(1972, 5, 1),
    )
    assert (he.is_standing, wang.is_standing, li.is_standing, zhao.is_standing) == (True, False, False, True)
    assert (he.phone, wang.phone, li.phone) == ("13700000001", "13700000002", "13700000003")
    assert li.id_number == valid_id_number(3)
    assert (he.party, wang.party, li.party, zhao.party) == (
        "中共党员",
        "民盟盟员",
        "无党派人士",
        "九三学社社员",
    )
    assert he.gender == "M" and he.employer == "荥阳市第一中学校长"
    assert he.joined_on == he.term.start_date


def test_every_problem_is_named_with_its_row_in_the_sheet(staff_client, register):
    rows = [
        REAL_ROWS[0],
        (
            2,
            "王芳",
            "女",
            "回族",
            "1968-13",
            "民盟",
            "医院",
            "卫生界",
            "否",
            "13700000002",
            valid_id_number(2),
        ),
        (3, "李红梅", "女", "汉族", "1980.5", "", "公司", "经济界", "", "13700000003", 410182198005010000),
    ]
    response = staff_client.post(URL, {"file": _roster(rows)})
    assert response.status_code == 400
    problems = {row.number: "；".join(row.problems) for row in response.context["preview"].problems}
    assert set(problems) == {5, 6}
    assert "日期“1968-13”不存在" in problems[5] and "界别“卫生界”不在系统的界别名单中" in problems[5]
    assert "身份证号被 Excel 存成了数字，末几位已经丢失" in problems[6]
    assert "第 5 行" in response.content.decode()
    assert not Member.objects.exists()


def test_an_ambiguous_year_month_typed_as_a_number_is_pointed_out(staff_client, register):
    row = (1, "何勇华", "男", "汉族", 1975.1, "", "学校", "教育界", "否", "13700000001", valid_id_number(1))
    preview = staff_client.post(URL, {"file": _roster([row])}).context["preview"]
    assert preview.rows[0].member.birth_date == dt.date(1975, 10, 1)
    assert "按10月读取" in preview.rows[0].notes[0]


def test_a_header_it_cannot_find_names_the_words_it_expected(staff_client, register):
    response = staff_client.post(URL, {"file": _roster([("1", "张三")], header=("序号", "代表名单"))})
    error = response.context["preview"].file_error
    assert "表头" in error and "姓名" in error and "界别" in error


def test_a_file_confirmed_twice_is_imported_once(staff_client, client, staff, register):
    upload = _roster(REAL_ROWS)
    first = staff_client.post(URL, {"file": upload}).context["preview"].batch
    upload.seek(0)
    client.force_login(staff)
    second = client.post(URL, {"file": upload}).context["preview"].batch
    assert staff_client.post(URL, {"token": first.token}).status_code == 302
    response = client.post(URL, {"token": second.token})
    assert response.status_code == 400
    assert "这个文件已于" in response.content.decode() and "没有重复导入" in response.content.decode()
    assert Member.objects.count() == 4
    upload.seek(0)
    again = staff_client.post(URL, {"file": upload})
    assert "没有重复导入" in again.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_clerks_confirming_the_same_file_at_the_same_moment_import_it_once(staff, register):
    clients = []
    for _ in range(2):
        c = Client()
        c.force_login(staff)
        clients.append(c)
    tokens = []
    for c in clients:
        upload = _roster(REAL_ROWS)
        tokens.append(c.post(URL, {"file": upload}).context["preview"].batch.token)
    start, answers = threading.Barrier(2), []

    def confirm(c, token):
        start.wait()
        try:
            answers.append(c.post(URL, {"token": token}).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=pair) for pair in zip(clients, tokens, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers) == [302, 400]
    assert Member.objects.count() == 4
    assert ImportBatch.objects.filter(status="imported").count() == 1


def test_the_roster_maps_office_education_title_and_liaison_group(staff_client, register):
    LiaisonGroup.objects.create(name="广武镇联络组")
    header = ("姓名", "界别", "政协职务", "文化程度", "专业技术职称", "所在联络组")
    rows = [
        ("何勇华", "教育界", "副主席", "研究生", "正高级教师", "广武镇联络组"),
        ("王芳", "经济界", "委员", "本科", "", ""),
    ]
    preview = staff_client.post(URL, {"file": _roster(rows, header=header)}).context["preview"]
    assert preview.ok, [r.problems for r in preview.problems]
    staff_client.post(URL, {"token": preview.batch.token})
    he = Member.objects.get(name="何勇华")
    assert (he.office, he.is_standing, he.education, he.professional_title, he.liaison_group.name) == (
        "vice_chair",
        True,
        "masters",
        "正高级教师",
        "广武镇联络组",
    )
    assert Member.objects.get(name="王芳").education == "bachelor"
