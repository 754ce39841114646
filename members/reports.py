"""The annual 履职报告 as PDF (WeasyPrint, CJK font from the system) and the dossier as a workbook."""

from __future__ import annotations

import base64
import io
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from cppcc.documents import active_sheet, append_row, render_pdf

from .selectors import DossierView


def _photo(member: Any) -> str:
    """The portrait inlined into the PDF: WeasyPrint cannot fetch a page that needs a login."""
    if not member.photo:
        return ""
    with member.photo.open("rb") as image:
        return "data:image/jpeg;base64," + base64.b64encode(image.read()).decode()


def dossier_pdf(view: DossierView, *, request: Any = None) -> bytes:
    context = {
        "dossier": view,
        "member": view.member,
        "printed_on": timezone.localdate(),
        "photo": _photo(view.member),
    }
    return render_pdf("members/report_pdf.html", context, request=request)


def dossier_workbook(view: DossierView) -> bytes:
    wb = Workbook()
    sheet = active_sheet(wb)
    sheet.title = f"{view.year}年度履职记录"
    bold = Font(bold=True)
    member = view.member
    append_row(sheet, [f"{member.name} {view.year} 年度委员履职档案"])
    sheet["A1"].font = Font(bold=True, size=14)
    append_row(
        sheet,
        [
            "界别",
            member.sector.name,
            "专委会",
            member.committee.name if member.committee else "",
            "常委",
            "是" if member.is_standing else "否",
        ],
    )
    append_row(sheet, [])
    append_row(sheet, ["日期", "类别", "事项", "角色", "状态", "是否计分"])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for e in view.entries:
        append_row(
            sheet,
            [
                e.date,
                e.get_kind_display(),
                e.title,
                e.get_role_display() if e.role else "",
                e.get_status_display(),
                "否" if e.disabled or e.status != "confirmed" else "是",
            ],
        )
        sheet.cell(row=sheet.max_row, column=1).number_format = "yyyy-mm-dd"
    if view.breakdown is not None:
        totals = wb.create_sheet("积分")
        append_row(totals, ["分类", "类别", "次数", "每次分值", "得分", "上限"])
        for cell in totals[1]:
            cell.font = bold
        for category in view.breakdown.categories:
            for line in category.kinds:
                append_row(
                    totals,
                    [
                        category.label,
                        line.label,
                        line.count,
                        float(line.points_each),
                        float(line.points),
                        float(line.cap) if line.cap is not None else "",
                    ],
                )
            append_row(
                totals,
                [
                    category.label,
                    "小计",
                    "",
                    "",
                    float(category.points),
                    float(category.cap) if category.cap is not None else "",
                ],
            )
        append_row(totals, ["基础分", "", "", "", float(view.breakdown.base), ""])
        append_row(totals, ["总分", "", "", "", float(view.breakdown.total), ""])
        append_row(totals, ["等次", view.breakdown.grade])
    for column, width in zip("ABCDEF", (12, 22, 48, 8, 10, 10), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
