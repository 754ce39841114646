"""What offices' own files do that the template does not (tried with a clerk's files): the register on
a second sheet, an old .xls, a date cell that lost its format, +86 phones, a signature line under the
table, a mistyped sector, a namesake without an ID, and an ID that disagrees with the birth date."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from cppcc.documents import active_sheet
from members.models import Member
from members.validators import id_check_digit
from tests.factories import MemberFactory, SectorFactory, TermFactory
from tests.members.test_roster_import import URL

pytestmark = pytest.mark.django_db
HEADER = ("姓名", "性别", "出生年月", "界别", "联系电话", "身份证号码")


def _id(born: dt.date, male: bool, serial: int = 1) -> str:
    first17 = f"410182{born:%Y%m%d}{serial:02d}{1 if male else 2}"
    return first17 + id_check_digit(first17)


@pytest.fixture
def register(db):
    TermFactory()
    SectorFactory(name="经济界")
    SectorFactory(name="教育界")


def _file(rows, *, before=()) -> SimpleUploadedFile:
    book = Workbook()
    sheet = active_sheet(book)
    for extra_title, lines in before:  # sheets ahead of the register
        sheet.title = extra_title
        for line in lines:
            sheet.append([line])
        sheet = book.create_sheet("委员名册")
    sheet.append(list(HEADER))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("名册.xlsx", buffer.getvalue())


def _preview(client, upload):
    return client.post(URL, {"file": upload}).context["preview"]


def _problems(preview) -> dict[int, str]:
    return {row.number: "；".join(row.problems) for row in preview.problems}


def test_the_register_on_a_second_sheet_after_a_notes_sheet_is_found(staff_client, register):
    notes = ("填表说明", ["1. 姓名请填写全名", "2. 身份证号请设为文本格式", "3. 请勿合并单元格"])
    row = ("王芳", "女", "1968.3", "教育界", "13700000002", _id(dt.date(1968, 3, 9), male=False))
    preview = _preview(staff_client, _file([row], before=[notes]))
    assert preview.ok and preview.mapping.header_row == 1 and len(preview.rows) == 1


def test_an_old_xls_file_is_refused_with_how_to_save_it_as_xlsx(staff_client, register):
    old = SimpleUploadedFile("名册.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    preview = _preview(staff_client, old)
    assert "另存为" in preview.file_error and ".xls" in preview.file_error
    assert not Member.objects.exists()


def test_office_quirks_are_read_as_the_clerk_meant(staff_client, register):
    rows = [
        # A birth date cell that lost its date format shows Excel's day number.
        ("张伟", "男", 25691, "经济界", "+86 139 1234 1107", ""),
        ("制表人：王某某", None, None, None, "审核人：李某某", None),  # a signature line, not a member
    ]
    preview = _preview(staff_client, _file(rows))
    assert preview.ok, _problems(preview)
    assert len(preview.rows) == 1
    member = preview.rows[0].member
    assert (member.birth_date, member.phone) == (dt.date(1970, 5, 3), "13912341107")


def test_each_wrong_value_is_named_once_in_words_a_clerk_can_act_on(staff_client, register):
    rows = [
        ("李娜", "女", "1980.5", "经济界别", "0371-62345678", ""),
        ("赵强", "男", "1979.2", "教育界", "", "4.10182E+17"),
    ]
    problems = _problems(_preview(staff_client, _file(rows)))
    assert "是不是“经济界”" in problems[2]
    phone = [p for p in problems[2].split("；") if p.startswith("手机号")]
    assert len(phone) == 1 and "确保" not in phone[0] and "。" not in phone[0]
    assert "身份证号被 Excel 存成了数字" in problems[3]
    assert not Member.objects.exists()


def test_a_namesake_without_an_id_or_phone_is_stopped_one_with_an_id_is_a_new_member(staff_client, register):
    MemberFactory(name="吕远新", id_number="", phone="")
    alone = ("吕远新", "女", "1973.01", "经济界", "", "")
    stopped = _problems(_preview(staff_client, _file([alone])))
    assert "名册中已有委员 吕远新" in stopped[2]
    other = ("吕远新", "女", "1985.06", "经济界", "", _id(dt.date(1985, 6, 15), male=False))
    assert _preview(staff_client, _file([other])).ok


def test_the_id_number_fills_the_day_and_gender_and_points_out_what_disagrees(staff_client, register):
    rows = [
        ("周丽华", "", "1985.03", "经济界", "", _id(dt.date(1985, 3, 15), male=False)),
        ("钱三", "男", "1990.2.2", "经济界", "", _id(dt.date(1980, 1, 1), male=False, serial=2)),
    ]
    preview = _preview(staff_client, _file(rows))
    assert preview.ok
    zhou, qian = (row.member for row in preview.rows)
    assert (zhou.birth_date, zhou.gender) == (dt.date(1985, 3, 15), Member.Gender.FEMALE)
    notes = "；".join(preview.rows[1].notes)
    assert "出生日期与身份证号（1980-01-01）不一致" in notes and "性别与身份证号不一致" in notes
    assert not preview.rows[0].notes
