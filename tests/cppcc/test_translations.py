"""The English catalogue is complete and its compiled form is the one the app loads."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries() -> dict[str, list[str]]:
    """msgid → its translations (one, or one per plural form), each joined across wrapped lines."""
    entries: dict[str, list[str]] = {}
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        msgid, forms, current = "", [], None
        for line in block.splitlines():
            if line.startswith("msgid "):
                current, msgid = "id", ast.literal_eval(line[6:])
            elif line.startswith("msgid_plural"):
                current = "plural"
            elif line.startswith("msgstr"):
                current = "str"
                forms.append(ast.literal_eval(line.split(" ", 1)[1]))
            elif line.startswith('"') and current == "id":
                msgid += ast.literal_eval(line)
            elif line.startswith('"') and current == "str":
                forms[-1] += ast.literal_eval(line)
        if msgid:
            entries[msgid] = forms
    return entries


def test_every_label_has_an_english_translation():
    entries = _entries()
    assert len(entries) > 100
    assert [m for m, forms in entries.items() if not all(forms)] == []
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8")


def test_the_compiled_catalogue_matches_the_source():
    compiled = gettext.GNUTranslations(PO.with_suffix(".mo").open("rb"))
    stale = [m for m, forms in _entries().items() if compiled.gettext(m) != forms[0]]
    assert stale == [], "run `make messages`"
