"""Reading an office's own roster: find the header row under the title rows, map its words to the
register's fields, and turn each row into a member or into the reasons it cannot be one."""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from cppcc.uploads import check_archive

from ..models import LiaisonGroup, Member, Sector, SpecialCommittee, Term
from ..validators import normalize_id_number, normalize_name
from .columns import (
    COLUMNS,
    WORDS,
    Column,
    ambiguous_month,
    cell_text,
    header_key,
    read_date,
    read_digits,
    read_education,
    read_flag,
    read_gender,
    read_office,
    read_party,
)

# Title rows ("荥阳市政协第六届委员名册", "制表单位：…") come above the header; it is within these.
HEADER_SEARCH_ROWS = 10


class RosterError(ValueError):
    """The file as a whole cannot be read as a roster; the message says why, in Chinese."""


@dataclass
class Mapping:
    header_row: int
    columns: dict[int, Column]  # sheet column index (0-based) → register column
    ignored: list[str] = field(default_factory=list)

    def shown(self) -> list[tuple[str, str]]:
        return [(c.header, c.field) for c in self.columns.values()]


def open_sheets(data: bytes) -> list[list[tuple[Any, ...]]]:
    """Every sheet's rows as values, or a RosterError saying why the file is not a workbook."""
    not_a_workbook = RosterError(
        _(
            "无法读取该文件：请上传 Excel 工作簿（.xlsx）。旧版 .xls 或 .csv 文件请先用 Excel 或 WPS "
            "打开，“另存为”Excel 工作簿（.xlsx）后再上传。"
        )
    )
    if not data.startswith(b"PK\x03\x04"):
        raise not_a_workbook  # a CSV, an old .xls or a program renamed .xlsx
    try:
        check_archive(data)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ValidationError as exc:
        if exc.code == "corrupt":
            raise not_a_workbook from None
        raise RosterError(" ".join(exc.messages)) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise not_a_workbook from None
    try:
        return [[tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]
    finally:
        book.close()


def find_header(rows: list[tuple[Any, ...]]) -> Mapping:
    """The row among the first few whose cells name the most register columns, and the mapping."""
    best: Mapping | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = {i: WORDS[header_key(v)] for i, v in enumerate(row) if header_key(v) in WORDS}
        if best is None or len(columns) > len(best.columns):
            ignored = [cell_text(v) for i, v in enumerate(row) if cell_text(v) and i not in columns]
            best = Mapping(header_row=index + 1, columns=columns, ignored=ignored)
    if best is None or not best.columns:
        raise RosterError(
            _("在前 %(n)s 行里没有找到表头。表头应包含这些词中的几个：%(words)s")
            % {"n": HEADER_SEARCH_ROWS, "words": "、".join(c.header for c in COLUMNS)}
        )
    fields = [c.field for c in best.columns.values()]
    twice = sorted({c.header for c in best.columns.values() if fields.count(c.field) > 1})
    if twice:
        raise RosterError(_("表头中这些列出现了不止一次：%(cols)s") % {"cols": "、".join(twice)})
    missing = [c for c in COLUMNS if c.required and c.field not in fields]
    if missing:
        raise RosterError(
            _("表头（第 %(row)s 行）中找不到：%(cols)s。")
            % {
                "row": best.header_row,
                "cols": "；".join(
                    _("“%(header)s”列（可写作：%(words)s）")
                    % {"header": c.header, "words": "、".join(c.words)}
                    for c in missing
                ),
            }
        )
    return best


class Lookups:
    """Every name a row may refer to, loaded once: validating 2,000 rows costs a fixed few queries."""

    def __init__(self) -> None:
        self.sectors = {normalize_name(s.name): s for s in Sector.objects.all()}
        self.committees: dict[str, SpecialCommittee] = {}
        for c in SpecialCommittee.objects.all():
            self.committees[normalize_name(c.name)] = c
            if c.short_name:
                self.committees.setdefault(normalize_name(c.short_name), c)
        self.terms = {t.name: t for t in Term.objects.all()}
        self.liaison_groups = {normalize_name(g.name): g for g in LiaisonGroup.objects.all()}
        self.current_term = next((t for t in self.terms.values() if t.is_current), None)
        self.taken_ids = dict(Member.objects.exclude(id_number="").values_list("id_number", "name"))
        self.taken_phones = dict(Member.objects.exclude(phone="").values_list("phone", "name"))
        self.taken_names = set(Member.objects.values_list("name", flat=True))
        self.seen_ids: dict[str, int] = {}
        self.seen_phones: dict[str, int] = {}


@dataclass
class Row:
    number: int  # the row number in the sheet, as the office sees it in Excel
    member: Member
    problems: list[str]
    notes: list[str]


# 制表人：王某 · 审核人：李某 · 填报日期：… under the table: a signature line, not a member.
_FOOTER = re.compile(r"^(制表|审核|填表|填报|核对|审批|负责|联系)(人|日期|单位)?\s*[:：]")


def rows_of(rows: list[tuple[Any, ...]], mapping: Mapping, lookups: Lookups) -> Iterator[Row]:
    for index, raw in enumerate(rows[mapping.header_row :], start=mapping.header_row + 1):
        values = {col.field: raw[i] for i, col in mapping.columns.items() if i < len(raw)}
        texts = [cell_text(v) for v in raw if cell_text(v)]
        if all(cell_text(v) == "" for v in values.values()) or all(_FOOTER.match(t) for t in texts):
            continue
        yield _row(index, values, lookups)


def _row(number: int, values: dict[str, Any], lookups: Lookups) -> Row:
    problems: list[str] = []
    notes: list[str] = []
    data: dict[str, Any] = {"name": normalize_name(cell_text(values.get("name")))}

    def read(name: str, label: str, reader: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return reader(values.get(name), *args, **kwargs)
        except ValueError as exc:
            problems.append(f"{label}：{exc}")
            return None

    if not data["name"]:
        problems.append(_("姓名不能为空"))
    for name in ("ethnicity", "employer", "position"):
        data[name] = cell_text(values.get(name))
    if "employer_and_position" in values and not (data["employer"] or data["position"]):
        data["employer"] = cell_text(values.get("employer_and_position"))[:100]
    data["gender"] = read("gender", _("性别"), read_gender) or ""
    data["party"] = read_party(values.get("party"))[:20]
    data["birth_date"] = read("birth_date", _("出生日期"), read_date)
    data["is_standing"] = bool(read("is_standing", _("常委"), read_flag))
    data["office"] = read("office", _("政协职务"), read_office) or Member.Office.MEMBER
    data["education"] = read("education", _("学历"), read_education) or ""
    data["professional_title"] = cell_text(values.get("professional_title"))[:40]
    if ambiguous_month(values.get("birth_date")):
        notes.append(
            _("出生日期 %(value)s 按10月读取；如为1月，请在 Excel 中写成 1975.01 的样子")
            % {"value": values.get("birth_date")}
        )
    _identifiers(data, lookups, number, problems, notes, read)
    _references(values, data, lookups, problems)
    joined = read("joined_on", _("任职日期"), read_date)
    if joined:
        data["joined_on"], data["joined_how"] = joined, Member.Joined.BY_ELECTION
    elif "term" in data:
        # A roster lists the term's members: they joined when it began unless the sheet says otherwise.
        data["joined_on"] = data["term"].start_date
    member = Member(**data)
    try:
        # Uniqueness was checked above for the whole file at once; here only the field rules (every
        # one, so a row lists all it needs at once), leaving out a reference already reported.
        unread = [f for f in ("sector", "term") if f not in data] + ([] if data["name"] else ["name"])
        member.full_clean(exclude=unread, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            label = getattr(Member._meta.get_field(name), "verbose_name", "") if name != "__all__" else ""
            m = messages[0].rstrip("。")  # the first rule broken says it; the rest repeat it
            problems.append(f"{label}：{m}" if label else m)
    return Row(number, member, problems, notes)


def _identifiers(data: dict, lookups: Lookups, number: int, problems: list, notes: list, read: Any) -> None:
    id_number = normalize_id_number(read("id_number", _("身份证号"), read_digits, what=_("身份证号")) or "")
    phone = read("phone", _("手机号"), read_digits, what=_("手机号")) or ""
    data["id_number"], data["phone"] = id_number, phone
    if not (id_number or phone) and data["name"] in lookups.taken_names:
        problems.append(
            _("名册中已有委员 %(name)s；如是同名的另一人，请填写其身份证号或手机号") % {"name": data["name"]}
        )
    for value, taken, seen, label in (
        (id_number, lookups.taken_ids, lookups.seen_ids, _("身份证号")),
        (phone, lookups.taken_phones, lookups.seen_phones, _("手机号")),
    ):
        if not value:
            continue
        if value in taken:
            problems.append(
                _("%(label)s %(value)s 已属于名册中的委员 %(name)s")
                % {"label": label, "value": value, "name": taken[value]}
            )
        elif value in seen:
            problems.append(
                _("%(label)s %(value)s 与第 %(row)s 行重复")
                % {"label": label, "value": value, "row": seen[value]}
            )
        else:
            seen[value] = number
    _against_id(id_number, data, notes)


def _against_id(id_number: str, data: dict, notes: list) -> None:
    """The birth date and gender an 18-digit ID number encodes: filled in when missing (a month's
    day taken from the ID); where they differ, the preview asks the clerk to check."""
    if len(id_number) != 18 or not id_number[:17].isdigit():
        return
    try:
        born = dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return  # the number's own check reports it
    given = data.get("birth_date")
    if given is None or (given.year, given.month, given.day) == (born.year, born.month, 1):
        data["birth_date"] = born  # not given, or given as a month: the day is the ID's
    elif given != born:
        notes.append(_("出生日期与身份证号（%(born)s）不一致，请核对") % {"born": born.isoformat()})
    gender = Member.Gender.MALE if int(id_number[16]) % 2 else Member.Gender.FEMALE
    if data.get("gender") and data["gender"] != gender:
        notes.append(_("性别与身份证号不一致，请核对"))
    data["gender"] = data.get("gender") or gender


def _references(values: dict, data: dict, lookups: Lookups, problems: list) -> None:
    sector = normalize_name(cell_text(values.get("sector")))
    if not sector:
        problems.append(_("界别不能为空"))
    elif sector not in lookups.sectors:
        close = difflib.get_close_matches(sector, lookups.sectors, n=1, cutoff=0.5)
        hint = _("（是不是“%(name)s”？）") % {"name": close[0]} if close else ""
        problems.append(_("界别“%(value)s”不在系统的界别名单中") % {"value": sector} + hint)
    else:
        data["sector"] = lookups.sectors[sector]
    committee = normalize_name(cell_text(values.get("committee")))
    if committee:
        if committee in lookups.committees:
            data["committee"] = lookups.committees[committee]
        else:
            problems.append(_("专委会“%(value)s”不在系统的专委会名单中") % {"value": committee})
    group = normalize_name(cell_text(values.get("liaison_group")))
    if group:
        if group in lookups.liaison_groups:
            data["liaison_group"] = lookups.liaison_groups[group]
        else:
            problems.append(_("联络组“%(value)s”不在系统的联络组名单中") % {"value": group})
    term = cell_text(values.get("term"))
    if term:
        if term in lookups.terms:
            data["term"] = lookups.terms[term]
        else:
            problems.append(_("届别“%(value)s”不存在") % {"value": term})
    elif lookups.current_term is not None:
        data["term"] = lookups.current_term
    else:
        problems.append(_("未填写届别，且系统中没有设置本届"))
