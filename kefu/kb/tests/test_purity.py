"""Purity (纯模块): the tokenizer, the markup and the demo texts import nothing but the
standard library (also to be an import-linter contract), so work orders can reuse them."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent
PURE = ("markup", "demo_articles")


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("name", PURE)
def test_a_pure_knowledge_module_imports_only_the_standard_library(name):
    roots = imported_roots(PACKAGE / f"{name}.py") - {"__future__"}
    assert roots <= sys.stdlib_module_names, roots
