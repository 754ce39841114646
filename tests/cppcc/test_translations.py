"""The English catalogue is complete and its compiled form is the one the app loads."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries() -> dict[str, str]:
    entries: dict[str, str] = {}
    msgid = msgstr = None
    target = None
    for line in PO.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgid "):
            msgid, target = ast.literal_eval(line[6:]), "id"
        elif line.startswith("msgid_plural"):
            target = "skip"
        elif line.startswith("msgstr"):
            value = ast.literal_eval(line.split(" ", 1)[1])
            msgstr = value if msgstr is None else msgstr
            target = "str"
        elif line.startswith('"') and target == "id":
            msgid += ast.literal_eval(line)
        elif line.startswith('"') and target == "str":
            msgstr += ast.literal_eval(line)
        elif not line.strip() and msgid is not None:
            if msgid:
                entries[msgid] = msgstr or ""
            msgid = msgstr = target = None
    return entries


def test_every_label_has_an_english_translation():
    entries = _entries()
    assert len(entries) > 100
    assert [m for m, s in entries.items() if not s] == []
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8")


def test_the_compiled_catalogue_matches_the_source():
    compiled = gettext.GNUTranslations(PO.with_suffix(".mo").open("rb"))
    stale = [m for m, s in _entries().items() if compiled.gettext(m) != s]
    assert stale == [], "run `make messages`"
