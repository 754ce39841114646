"""The register as a workbook: the blank template (with drop-downs) and the export, in one layout so
a sheet can travel both ways."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from cppcc.documents import active_sheet, append_row

from ..models import LiaisonGroup, Member, Sector, SpecialCommittee, Term
from .columns import HEADERS, TEMPLATE_COLUMNS


def _styled_header(sheet: Any) -> None:
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="9E1B1B")
    for index, column in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = bold, fill
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"


def _saved(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def template_workbook() -> bytes:
    """A blank import sheet, with the valid 界别 / 专委会 / 届别 on a second sheet and as drop-downs."""
    wb = Workbook()
    sheet = active_sheet(wb)
    sheet.title = "委员名册"
    _styled_header(sheet)
    ref = wb.create_sheet("可选值")
    lists: dict[str, list[str]] = {
        "界别": list(Sector.objects.values_list("name", flat=True)),
        "专委会": list(SpecialCommittee.objects.values_list("name", flat=True)),
        "届别": list(Term.objects.values_list("name", flat=True)),
        "性别": ["男", "女"],
        "常委": ["是", "否"],
        "政协职务": [str(label) for _v, label in Member.Office.choices],
        "学历": [str(label) for _v, label in Member.Education.choices],
        "联络组": list(LiaisonGroup.objects.values_list("name", flat=True)),
    }
    for col_index, (title, values) in enumerate(lists.items(), start=1):
        ref.cell(row=1, column=col_index, value=title).font = Font(bold=True)
        for row_index, value in enumerate(values, start=2):
            ref.cell(row=row_index, column=col_index, value=value)
        letter = get_column_letter(col_index)
        ref.column_dimensions[letter].width = 24
        if values:
            target_letter = get_column_letter(HEADERS.index(title) + 1)
            validation = DataValidation(
                type="list", formula1=f"='可选值'!${letter}$2:${letter}${len(values) + 1}", allow_blank=True
            )
            sheet.add_data_validation(validation)
            validation.add(f"{target_letter}2:{target_letter}2000")
    # ID numbers and phones are text: typed as numbers, Excel would round an ID number's last digits.
    for header in ("身份证号", "手机号"):
        letter = get_column_letter(HEADERS.index(header) + 1)
        for row in range(2, 2001):
            sheet[f"{letter}{row}"].number_format = "@"
    return _saved(wb)


def export_workbook(members: Iterable[Member]) -> bytes:
    """The given members in the import layout plus status."""
    wb = Workbook()
    sheet = active_sheet(wb)
    sheet.title = "委员名册"
    _styled_header(sheet)
    sheet.cell(row=1, column=len(TEMPLATE_COLUMNS) + 1, value="状态").font = Font(bold=True)
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
                m.party,
                m.sector.name,
                m.committee.name if m.committee else "",
                "是" if m.is_standing else "否",
                m.get_office_display(),
                m.get_education_display(),
                m.professional_title,
                m.liaison_group.name if m.liaison_group else "",
                m.employer,
                m.position,
                m.joined_on,
                m.term.name,
                m.get_status_display(),
            ],
        )
    for header in ("出生日期", "任职日期"):
        for cell in sheet[get_column_letter(HEADERS.index(header) + 1)][1:]:
            cell.number_format = "yyyy-mm-dd"
    return _saved(wb)
