"""The layout stays readable: views only call services, modules stay small, apps stay apart."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "cppcc",
    "members",
    "proposals",
    "sentiments",
    "evaluation",
    "consultations",
    "research",
    "platforms",
    "dashboard",
    "demo",
    "notices",
)
WRITES = {
    "save",
    "delete",
    "create",
    "update",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
}
# Calls on these names are not database writes (a dict of template context, a form's data).
NOT_MODELS = {"context", "data", "initial", "query", "params", "response", "headers", "kwargs", "fields"}


def _modules(pattern: str) -> list[Path]:
    return sorted(p for app in APPS for p in (ROOT / app).glob(pattern) if "migrations" not in p.parts)


def _view_modules() -> list[Path]:
    return _modules("views.py") + _modules("views/*.py")


def _receiver_name(node: ast.expr) -> str:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def _writes_in(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES:
            if _receiver_name(node.func.value) not in NOT_MODELS:
                found.append(f"line {node.lineno} .{node.func.attr}(")
    return found


def test_the_write_finder_sees_writes_and_ignores_a_context_dict():
    source = (
        "def v(request, member):\n    Member.objects.filter(pk=1).update(name='x')\n    context.update(a=1)\n"
        "    member.save()\n    Award.objects.bulk_create([])\n"
    )
    assert _writes_in(source) == ["line 2 .update(", "line 4 .save(", "line 5 .bulk_create("]


@pytest.mark.parametrize("path", _view_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_views_write_only_through_services(path):
    assert _writes_in(path.read_text()) == [], "move these writes into a service"


@pytest.mark.parametrize("path", _modules("**/*.py"), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_hand_written_module_grows_past_about_350_lines(path):
    lines = len(path.read_text().splitlines())
    assert lines <= 360, f"{lines} lines: split it into a package of focused modules"


@pytest.mark.parametrize("app", [a for a in APPS if (ROOT / a).is_dir()])
def test_no_app_grows_past_about_3000_lines(app):
    total = sum(
        len(p.read_text().splitlines()) for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts
    )
    assert total <= 3100, f"{app} has {total} lines: a domain of its own is hiding inside it"
