"""The member register as Excel: an office's own roster imported (with a preview), the template, the export."""

from .columns import COLUMNS, HEADERS, TEMPLATE_COLUMNS
from .imports import AlreadyImported, Preview, preview_of, roster_import, roster_preview
from .workbooks import export_workbook, template_workbook

__all__ = [
    "COLUMNS",
    "HEADERS",
    "TEMPLATE_COLUMNS",
    "AlreadyImported",
    "Preview",
    "export_workbook",
    "preview_of",
    "roster_import",
    "roster_preview",
    "template_workbook",
]
