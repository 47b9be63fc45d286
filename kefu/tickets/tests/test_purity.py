"""Purity (纯模块): the engine, categories, vocabulary and presets import no Django."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent
# The pure rule modules (also an import-linter contract); models, services and the rest are
# the app around them.
PURE = (
    "categories",
    "definitions",
    "vocabulary",
    "checks",
    "serialization",
    "workflow",
    "sniffing",
    "replytext",
)
PURE_MODULES = sorted(
    [PACKAGE / f"{name}.py" for name in PURE] + list((PACKAGE / "presets").glob("*.py"))
)
# Hand-written modules stay small; generated migrations are left out.
MODULES = sorted(
    p
    for p in PACKAGE.rglob("*.py")
    if not {"tests", "migrations"} & set(p.relative_to(PACKAGE).parts)
)


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", PURE_MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_pure_tickets_module_imports_no_django(path):
    assert not {n for n in imported_names(path) if n.split(".")[0] == "django"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_tickets_module_stays_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) < 250
