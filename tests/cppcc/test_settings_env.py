"""`.env.example` is the list of every setting an operator can set: it names each variable the
settings read, and nothing they do not."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _read_by_settings() -> set[str]:
    source = (ROOT / "cppcc" / "settings.py").read_text()
    return set(re.findall(r'\benv(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]*)"', source))


def _listed() -> set[str]:
    lines = (ROOT / ".env.example").read_text().splitlines()
    return {line.split("=", 1)[0] for line in lines if line and not line.startswith("#")}


def test_the_example_lists_every_variable_the_settings_read():
    read = _read_by_settings()
    assert "DATABASE_URL" in read  # the pattern finds them
    assert read - _listed() == set(), "add these to .env.example with a one-line comment"


def test_the_example_names_no_variable_the_settings_ignore():
    assert _listed() - _read_by_settings() == set(), "these are in .env.example but nothing reads them"


def test_every_variable_in_the_example_has_a_comment_above_it():
    lines = (ROOT / ".env.example").read_text().splitlines()
    for index, line in enumerate(lines):
        if line and not line.startswith("#"):
            assert lines[index - 1].startswith("#"), f"{line.split('=')[0]} needs a one-line comment"
