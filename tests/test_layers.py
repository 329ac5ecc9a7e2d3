"""The architecture's import rules (README, "How it is built"), checked with ``ast`` over every .py file.

A slip fails with the file and line of the import. Every import counts: at the top, inside a function
(lazy imports) and under ``if TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# layer -> what it may not import (top-level names; our packages and Streamlit)
RULES = {
    "analysis": {"data", "ui", "charts", "report", "pages", "streamlit"},  # pure: imports nothing of ours
    "charts": {"ui", "pages", "streamlit"},
    "report": {"ui", "pages", "streamlit"},
    "data": {"ui", "pages", "charts", "report", "streamlit"},  # data may use analysis (the privacy Rules)
    "pages": {"data"},  # pages reach the data through ui/
}


def imported_modules(path: Path) -> list[tuple[int, str, str]]:
    """(line, dotted module, the statement) of every import in the file, by line; relative imports resolved
    against the file's package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, f"import {alias.name}") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            names = ", ".join(alias.name for alias in node.names)
            found.append((node.lineno, module, f"from {'.' * node.level}{node.module or ''} import {names}"))
    return sorted(found)


def violations(layer: str) -> list[str]:
    forbidden = RULES[layer]
    found = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        for line, module, statement in imported_modules(path):
            if module.split(".")[0] in forbidden:
                found.append(f"{path.relative_to(ROOT)}:{line}: {statement}")
    return found


def test_every_layer_has_python_files() -> None:
    for layer in RULES:
        assert list((ROOT / layer).rglob("*.py")), f"{layer}/ has no .py files: is the rule still right?"


def test_the_checker_finds_imports_of_every_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "analysis" / "sub"
    package.mkdir(parents=True)
    (package / "x.py").write_text(
        "import os\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ui import widgets\n"
        "def f():\n    import streamlit as st\nfrom ..data_like import y\nfrom . import z\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert [(line, module) for line, module, _ in imported_modules(package / "x.py")] == [
        (1, "os"),
        (2, "typing"),
        (4, "ui"),
        (6, "streamlit"),
        (7, "analysis.data_like"),
        (8, "analysis.sub"),
    ]
    assert violations("analysis") == [
        "analysis/sub/x.py:4: from ui import widgets",
        "analysis/sub/x.py:6: import streamlit",
    ]


@pytest.mark.parametrize("layer", ["analysis", "charts", "report", "data"])
def test_layer_imports_only_what_the_architecture_allows(layer: str) -> None:
    found = violations(layer)
    assert not found, f"{layer}/ may not import {', '.join(sorted(RULES[layer]))}:\n" + "\n".join(found)


def test_pages_reach_data_only_through_ui() -> None:
    found = violations("pages")
    assert not found, "pages/ may not import data/ (use ui/):\n" + "\n".join(found)
