"""Printed and exported documents shared by every app: PDF through WeasyPrint, xlsx through openpyxl."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


_FONTS: Any = None


def _font_config() -> Any:
    """One font configuration per process: fontconfig reads the system's CJK fonts once, not per PDF."""
    global _FONTS
    if _FONTS is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONTS = FontConfiguration()
    return _FONTS


def render_pdf(template: str, context: dict[str, Any], *, request: Any = None) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which only the PDF pages need.
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base_url).write_pdf(font_config=_font_config())


def render_document(template: str, context: dict[str, Any]) -> Any:
    """A laid-out WeasyPrint document (pages with their anchors), for a long PDF built in parts."""
    from weasyprint import HTML

    return HTML(string=render_to_string(template, context)).render(font_config=_font_config())


def join_documents(documents: Sequence[Any]) -> bytes:
    """One PDF of the pages of `documents`, in order."""
    return bytes(documents[0].copy([page for d in documents for page in d.pages]).write_pdf())


def warm_pdf() -> None:
    """Load WeasyPrint, Pango and the CJK font before the first request (a web worker calls this at
    start), so the first person to print does not wait for the font set-up."""
    from weasyprint import HTML

    HTML(string="<p style=\"font-family: 'Noto Sans CJK SC'\">政协 PDF</p>").write_pdf(
        font_config=_font_config()
    )


# A text cell starting with one of these is a formula to Excel and WPS (or turns into one when the
# cell is edited); such text is written as a string cell with Excel's own "typed as text" flag.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def append_row(sheet: Worksheet, values: Sequence[Any]) -> None:
    """Append a row whose text is only ever text: never a live formula, never a character the file
    format forbids (a pasted NUL would otherwise make the whole export fail)."""
    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
            cell.data_type = "s"
            cell.quotePrefix = True


def active_sheet(wb: Workbook) -> Worksheet:
    """The sheet a new workbook opens on (openpyxl types it as optional)."""
    sheet = wb.active
    if not isinstance(sheet, Worksheet):
        raise TypeError("a new workbook always has a worksheet")
    return sheet


Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]], Sequence[int]]


def workbook(
    title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[int] = ()
) -> bytes:
    """One sheet: a bold header row, then the rows; dates get a date format."""
    return workbook_of([(title, headers, rows, widths)])


def workbook_of(sheets: Sequence[Sheet]) -> bytes:
    """Several such sheets in one file."""
    import datetime as dt

    wb = Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    for title, headers, rows, widths in sheets:
        sheet = wb.create_sheet(title[:31])
        append_row(sheet, list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in rows:
            append_row(sheet, list(row))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
