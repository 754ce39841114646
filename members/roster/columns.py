"""The register's columns as offices' own rosters write them, and how each cell is read.

Column headers are part of the file format the committee office exchanges with other units, so
they are fixed Chinese words whatever the interface language. A real roster says 出生年月 or
出生日期, 联系电话 or 手机, 是否常委 or 常委 — each column knows its synonyms.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ..models import Member


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool = False
    width: int = 14
    synonyms: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        return (self.header, *self.synonyms)


COLUMNS = (
    Column("姓名", "name", required=True, width=10, synonyms=("委员姓名", "名字")),
    Column("性别", "gender", width=6),
    Column("民族", "ethnicity", width=8),
    Column("出生日期", "birth_date", width=12, synonyms=("出生年月", "出生年月日", "生日")),
    Column("身份证号", "id_number", width=21, synonyms=("身份证号码", "公民身份号码", "身份证")),
    Column("手机号", "phone", width=14, synonyms=("手机", "手机号码", "联系电话", "电话", "联系方式")),
    Column("党派", "party", width=12, synonyms=("政治面貌", "党派（政治面貌）", "政治面貌（党派）")),
    Column("界别", "sector", required=True, width=16, synonyms=("所在界别", "界别名称")),
    Column("专委会", "committee", width=22, synonyms=("专门委员会", "所属专委会", "所在专委会")),
    Column("常委", "is_standing", width=6, synonyms=("是否常委", "是否为常委")),
    Column("政协职务", "office", width=10, synonyms=("政协任职",)),
    Column("学历", "education", width=12, synonyms=("文化程度", "最高学历")),
    Column("职称", "professional_title", width=14, synonyms=("专业技术职称", "技术职称")),
    Column("联络组", "liaison_group", width=14, synonyms=("所在联络组", "委员联络组")),
    Column("工作单位", "employer", width=24, synonyms=("单位",)),
    Column("职务", "position", width=16, synonyms=("职称职务",)),
    Column("工作单位及职务", "employer_and_position", width=30, synonyms=("工作单位和职务", "单位及职务")),
    Column("任职日期", "joined_on", width=12, synonyms=("任职时间", "补选日期")),
    Column("届别", "term", width=8),
)
TEMPLATE_COLUMNS = tuple(c for c in COLUMNS if c.field != "employer_and_position")
HEADERS = tuple(c.header for c in TEMPLATE_COLUMNS)


def cell_text(value: Any) -> str:
    """A cell as text. Excel keeps digits typed as numbers (phones, ID numbers) as numbers."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().strip("\u3000")


def header_key(value: Any) -> str:
    """A header cell as compared: no spaces or line breaks, no required-mark, no note in brackets."""
    text = re.sub(r"[\s\u3000*＊]+", "", cell_text(value))
    return re.sub(r"[（(](必填|选填|可选)[)）]$", "", text)


WORDS = {header_key(word): column for column in COLUMNS for word in column.words}


_YES = {"是", "Y", "YES", "TRUE", "1", "√", "✓", "常委", "是常委"}
_NO = {"否", "N", "NO", "FALSE", "0", "", "×", "✗", "委员", "不是"}


def read_flag(value: Any) -> bool:
    text = cell_text(value).upper()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(_("应填“是”或“否”，而不是“%(value)s”") % {"value": cell_text(value)})


_GENDERS = {"男": Member.Gender.MALE, "女": Member.Gender.FEMALE, "": ""}


def read_gender(value: Any) -> str:
    text = cell_text(value).rstrip("性")
    if text in _GENDERS:
        return _GENDERS[text]
    raise ValueError(_("性别“%(value)s”无法识别，应为“男”或“女”") % {"value": cell_text(value)})


# 1975.06 · 1975-6 · 1975/6 · 1975年6月 · 197506 · 1975-06-05 · 1975年6月5日 · 19750605
_DATE = re.compile(r"^(\d{4})\s*[-./年]?\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2})\s*日?|\s*月)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")


def read_date(value: Any) -> dt.date | None:
    """A date as rosters write it; a year and month alone is the first of that month.

    A year-month typed into Excel as a number arrives as one: 1975.06 is June, 1975.6 June too; 1975.1
    is read as October (Excel keeps 1975.10 as 1975.1) — `ambiguous_month` lets the preview say so.
    """
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float | int) and 9999 < value < 73051:  # 1927 to 2099
        # A date cell that lost its date format: Excel's day number (25691 is 1970-05-03).
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    if isinstance(value, float):
        whole = int(value)
        fraction = round((value - whole) * 100)
        fraction = fraction // 10 if fraction % 10 == 0 and fraction > 12 else fraction
        return _date(whole, fraction or 1, 1, value)
    text = cell_text(value)
    match = _DATE.match(text) or _COMPACT.match(text)
    if not match:
        raise ValueError(
            _("日期“%(value)s”无法识别，可写成 1975-06-05、1975.06 或 1975年6月") % {"value": text}
        )
    year, month, day = match.group(1), match.group(2), match.group(3)
    return _date(int(year), int(month), int(day or 1), text)


def ambiguous_month(value: Any) -> bool:
    """1975.1 in a numeric cell: October to a roster that writes 1975.10, January to one writing 1975.1."""
    return isinstance(value, float) and round((value - int(value)) * 100) == 10


def _date(year: int, month: int, day: int, shown: Any) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(_("日期“%(value)s”不存在") % {"value": shown}) from None


def read_digits(value: Any, *, what: str) -> str:
    """A phone or ID number. An 18-digit ID typed as a number lost its last digits inside Excel."""
    text = cell_text(value)
    as_number = isinstance(value, float | int) and len(str(int(value))) >= 16
    if as_number or re.match(r"^\d\.\d+[eE]\+?1\d$", text):  # 4.10182E+17 pasted as text
        raise ValueError(
            _("%(what)s被 Excel 存成了数字，末几位已经丢失；请把这一列设为“文本”后重新填写") % {"what": what}
        )
    return re.sub(r"^\+86|[\s\u3000-]", "", text)


_PARTIES = {
    "中共": "中共党员",
    "中共党员": "中共党员",
    "中国共产党": "中共党员",
    "党员": "中共党员",
    "中共预备党员": "中共党员",
    "民革": "民革党员",
    "民革党员": "民革党员",
    "民盟": "民盟盟员",
    "民盟盟员": "民盟盟员",
    "民建": "民建会员",
    "民建会员": "民建会员",
    "民进": "民进会员",
    "民进会员": "民进会员",
    "农工党": "农工党党员",
    "农工党党员": "农工党党员",
    "致公党": "致公党党员",
    "致公党党员": "致公党党员",
    "九三": "九三学社社员",
    "九三学社": "九三学社社员",
    "九三学社社员": "九三学社社员",
    "台盟": "台盟盟员",
    "台盟盟员": "台盟盟员",
    "无党派": "无党派人士",
    "无党派人士": "无党派人士",
    "群众": "群众",
    "共青团员": "共青团员",
    "团员": "共青团员",
}


# The names 政治面貌 takes on the register, in the order offices list them.
PARTY_NAMES = tuple(dict.fromkeys(_PARTIES.values()))


def read_party(value: Any) -> str:
    text = re.sub(r"\s+", "", cell_text(value))
    return _PARTIES.get(text, text)


_OFFICES = {label: value for value, label in Member.Office.choices} | {
    "常务委员": Member.Office.STANDING,
    "": "",
}


def read_office(value: Any) -> str:
    text = re.sub(r"\s+", "", cell_text(value)).removeprefix("政协").removeprefix("市政协")
    if text in _OFFICES:
        return _OFFICES[text]
    raise ValueError(
        _("政协职务“%(value)s”应为主席、副主席、秘书长、常委或委员") % {"value": cell_text(value)}
    )


_EDUCATION = {
    "博士": "doctorate",
    "博士研究生": "doctorate",
    "硕士": "masters",
    "硕士研究生": "masters",
    "研究生": "masters",
    "大学": "bachelor",
    "本科": "bachelor",
    "大学本科": "bachelor",
    "大专": "college",
    "专科": "college",
    "大学专科": "college",
    "中专": "secondary",
    "高中": "secondary",
    "中专或高中": "secondary",
    "初中": "other",
    "初中及以下": "other",
    "": "",
}


def read_education(value: Any) -> str:
    text = re.sub(r"\s+", "", cell_text(value)).removesuffix("学历").removesuffix("毕业")
    if text in _EDUCATION:
        return _EDUCATION[text]
    raise ValueError(
        _("学历“%(value)s”无法识别，可写博士、硕士、本科、大专、中专、高中") % {"value": cell_text(value)}
    )
