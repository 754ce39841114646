"""The member register as an Excel workbook: blank template, all-or-nothing import, export.

Column headers are part of the file format the committee office exchanges with other units, so
they are fixed Chinese words whatever the interface language.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history

from cppcc.documents import active_sheet, append_row

from .models import Member, Sector, SpecialCommittee, Term
from .validators import normalize_id_number


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool = False
    width: int = 14


COLUMNS = (
    Column("姓名", "name", required=True, width=10),
    Column("性别", "gender", width=6),
    Column("民族", "ethnicity", width=8),
    Column("出生日期", "birth_date", width=12),
    Column("身份证号", "id_number", width=21),
    Column("手机号", "phone", width=14),
    Column("界别", "sector", required=True, width=16),
    Column("专委会", "committee", width=22),
    Column("常委", "is_standing", width=6),
    Column("工作单位", "employer", width=24),
    Column("职务", "position", width=16),
    Column("届别", "term", width=8),
)
HEADERS = tuple(c.header for c in COLUMNS)
_BY_HEADER = {c.header: c for c in COLUMNS}
_YES = {"是", "Y", "YES", "TRUE", "1", "√"}
_NO = {"否", "N", "NO", "FALSE", "0", ""}
_GENDERS = {"男": Member.Gender.MALE, "女": Member.Gender.FEMALE, "": ""}
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


@dataclass
class RowError:
    row: int
    reasons: list[str]


@dataclass
class ImportResult:
    created: int = 0
    file_error: str = ""
    row_errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.row_errors


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel stores long digit strings typed as numbers (phones) as floats.
        value = int(value)
    return str(value).strip()


def _parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


class _Lookups:
    """Every name a row may refer to, loaded once so validating 250 rows costs a fixed few queries."""

    def __init__(self) -> None:
        self.sectors = {s.name: s for s in Sector.objects.all()}
        self.committees: dict[str, SpecialCommittee] = {}
        for c in SpecialCommittee.objects.all():
            self.committees[c.name] = c
            if c.short_name:
                self.committees.setdefault(c.short_name, c)
        self.terms = {t.name: t for t in Term.objects.all()}
        self.current_term = next((t for t in self.terms.values() if t.is_current), None)
        self.taken_ids = set(Member.objects.exclude(id_number="").values_list("id_number", flat=True))
        self.taken_phones = set(Member.objects.exclude(phone="").values_list("phone", flat=True))


def _member_from_row(values: dict[str, Any], lookups: _Lookups, seen_ids: dict, seen_phones: dict, row: int):
    reasons: list[str] = []
    data: dict[str, Any] = {}
    for col in ("name", "ethnicity", "employer", "position"):
        data[col] = _text(values.get(col))
    if not data["name"]:
        reasons.append(_("姓名不能为空"))

    gender = _text(values.get("gender"))
    if gender in _GENDERS:
        data["gender"] = _GENDERS[gender]
    else:
        reasons.append(_("性别“%(value)s”无法识别，应为“男”或“女”") % {"value": gender})

    try:
        data["birth_date"] = _parse_date(values.get("birth_date"))
    except ValueError as exc:
        reasons.append(_("出生日期“%(value)s”不是有效日期，请写成 1970-01-31") % {"value": exc.args[0]})

    id_number = normalize_id_number(_text(values.get("id_number")))
    data["id_number"] = id_number
    if id_number:
        if id_number in lookups.taken_ids:
            reasons.append(_("身份证号 %(value)s 已属于名册中的委员") % {"value": id_number})
        elif id_number in seen_ids:
            reasons.append(
                _("身份证号 %(value)s 与第 %(row)s 行重复") % {"value": id_number, "row": seen_ids[id_number]}
            )
        else:
            seen_ids[id_number] = row

    phone = _text(values.get("phone"))
    data["phone"] = phone
    if phone:
        if phone in lookups.taken_phones:
            reasons.append(_("手机号 %(value)s 已属于名册中的委员") % {"value": phone})
        elif phone in seen_phones:
            reasons.append(
                _("手机号 %(value)s 与第 %(row)s 行重复") % {"value": phone, "row": seen_phones[phone]}
            )
        else:
            seen_phones[phone] = row

    sector_name = _text(values.get("sector"))
    if not sector_name:
        reasons.append(_("界别不能为空"))
    elif sector_name not in lookups.sectors:
        reasons.append(_("界别“%(value)s”不存在") % {"value": sector_name})
    else:
        data["sector"] = lookups.sectors[sector_name]

    committee_name = _text(values.get("committee"))
    if committee_name:
        if committee_name in lookups.committees:
            data["committee"] = lookups.committees[committee_name]
        else:
            reasons.append(_("专委会“%(value)s”不存在") % {"value": committee_name})

    standing = _text(values.get("is_standing")).upper()
    if standing in _YES:
        data["is_standing"] = True
    elif standing in _NO:
        data["is_standing"] = False
    else:
        reasons.append(_("常委一栏应填“是”或“否”，而不是“%(value)s”") % {"value": standing})

    term_name = _text(values.get("term"))
    if term_name:
        if term_name in lookups.terms:
            data["term"] = lookups.terms[term_name]
        else:
            reasons.append(_("届别“%(value)s”不存在") % {"value": term_name})
    elif lookups.current_term is not None:
        data["term"] = lookups.current_term
    else:
        reasons.append(_("未填写届别，且系统中没有设置本届"))
    if "term" in data:
        # A roster lists the term's members: they joined when it began unless the sheet says otherwise.
        data["joined_on"] = data["term"].start_date

    member = Member(**data)
    if not reasons:
        try:
            # Uniqueness was checked above for the whole file at once; here only the field rules.
            member.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                label = getattr(Member._meta.get_field(name), "verbose_name", "") if name != "__all__" else ""
                reasons.extend(f"{label}：{m}" if label else m for m in messages)
    return member, reasons


def _open_rows(upload: Any, max_bytes: int) -> tuple[list[str], Iterable[tuple[int, tuple]]]:
    if upload.size == 0:
        raise ValueError(_("文件是空的。"))
    if upload.size > max_bytes:
        raise ValueError(_("文件过大（上限 %(mb)s MB）。") % {"mb": max_bytes // (1024 * 1024)})
    try:
        workbook = load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise ValueError(_("无法读取该文件：请上传 Excel 工作簿（.xlsx），可先下载模板再填写。")) from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    if header_row is None:
        raise ValueError(_("文件是空的。"))
    headers = [_text(h) for h in header_row]
    while headers and not headers[-1]:
        headers.pop()
    return headers, enumerate(rows, start=2)


def import_members(*, upload: Any, actor: Any, max_bytes: int) -> ImportResult:
    """Create members from an uploaded workbook. Any bad row means nothing is saved."""
    result = ImportResult()
    try:
        headers, rows = _open_rows(upload, max_bytes)
    except ValueError as exc:
        result.file_error = str(exc)
        return result

    missing = [c.header for c in COLUMNS if c.required and c.header not in headers]
    unknown = [h for h in headers if h and h not in _BY_HEADER]
    duplicated = sorted({h for h in headers if h and headers.count(h) > 1})
    if missing or unknown or duplicated:
        parts = []
        if missing:
            parts.append(_("缺少列：%(cols)s") % {"cols": "、".join(missing)})
        if unknown:
            parts.append(_("无法识别的列：%(cols)s") % {"cols": "、".join(unknown)})
        if duplicated:
            parts.append(_("重复的列：%(cols)s") % {"cols": "、".join(duplicated)})
        result.file_error = _("表头不正确（%(detail)s）。请使用模板中的表头：%(headers)s") % {
            "detail": "；".join(parts),
            "headers": "、".join(HEADERS),
        }
        return result

    lookups = _Lookups()
    seen_ids: dict[str, int] = {}
    seen_phones: dict[str, int] = {}
    members: list[Member] = []
    for row_number, raw in rows:
        if all(_text(v) == "" for v in raw):
            continue
        values = {_BY_HEADER[h].field: v for h, v in zip(headers, raw, strict=False) if h}
        member, reasons = _member_from_row(values, lookups, seen_ids, seen_phones, row_number)
        if reasons:
            result.row_errors.append(RowError(row_number, reasons))
        members.append(member)
    if not members and not result.row_errors:
        result.file_error = _("文件中没有数据行：请在表头下方逐行填写委员信息。")
        return result
    if result.row_errors:
        return result

    with transaction.atomic():
        bulk_create_with_history(members, Member, batch_size=500, default_user=actor)
    result.created = len(members)
    return result


def _styled_header(sheet: Any) -> None:
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="9E1B1B")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = bold, fill
        sheet.column_dimensions[cell.column_letter].width = column.width
    sheet.freeze_panes = "A2"


def template_workbook() -> bytes:
    """A blank import sheet, with the valid 界别 / 专委会 / 届别 on a second sheet and as drop-downs."""
    wb = Workbook()
    sheet = active_sheet(wb)
    sheet.title = "委员名册"
    _styled_header(sheet)

    ref = wb.create_sheet("可选值")
    lists = {
        "界别": list(Sector.objects.values_list("name", flat=True)),
        "专委会": list(SpecialCommittee.objects.values_list("name", flat=True)),
        "届别": list(Term.objects.values_list("name", flat=True)),
        "性别": ["男", "女"],
        "常委": ["是", "否"],
    }
    for col_index, (title, values) in enumerate(lists.items(), start=1):
        ref.cell(row=1, column=col_index, value=title).font = Font(bold=True)
        for row_index, value in enumerate(values, start=2):
            ref.cell(row=row_index, column=col_index, value=value)
        letter = get_column_letter(col_index)
        ref.column_dimensions[letter].width = 24
        if values:
            target = HEADERS.index(title) + 1
            target_letter = get_column_letter(target)
            validation = DataValidation(
                type="list", formula1=f"='可选值'!${letter}$2:${letter}${len(values) + 1}", allow_blank=True
            )
            sheet.add_data_validation(validation)
            validation.add(f"{target_letter}2:{target_letter}2000")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def export_workbook(members: Iterable[Member]) -> bytes:
    """The given members in the import layout plus status, so a sheet can travel both ways."""
    wb = Workbook()
    sheet = active_sheet(wb)
    sheet.title = "委员名册"
    _styled_header(sheet)
    status_col = len(COLUMNS) + 1
    sheet.cell(row=1, column=status_col, value="状态").font = Font(bold=True)
    for m in members:
        append_row(
            sheet,
            [
                m.name,
                m.get_gender_display(),
                m.ethnicity,
                m.birth_date,
                m.id_number,
                m.phone,
                m.sector.name,
                m.committee.name if m.committee else "",
                "是" if m.is_standing else "否",
                m.employer,
                m.position,
                m.term.name,
                m.get_status_display(),
            ],
        )
    for cell in sheet["D"][1:]:
        cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
