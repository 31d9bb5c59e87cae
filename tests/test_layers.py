"""The layers' one-way imports: ``ui -> (store, telephony) -> core`` (STYLE.md "The house").

Checked twice: statically, every import statement of a layer's files; and at run time, that
importing the whole non-UI program loads no Qt at all.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "calllist_desktop"

QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "qasync")
FORBIDDEN = {
    "core": QT + ("sqlalchemy", "alembic", "psycopg", "calllist_desktop.store", "calllist_desktop.ui", "calllist_desktop.telephony"),
    "store": QT + ("calllist_desktop.ui", "calllist_desktop.telephony"),
    "telephony": QT + ("calllist_desktop.ui", "calllist_desktop.store"),
}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_one_way(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no files found in {layer}"
    offences = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in files
        for name in sorted(imported_modules(path))
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer])
    ]
    assert offences == []


def test_the_static_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport sqlalchemy.orm\n", encoding="utf-8")
    assert imported_modules(sample) == {"PySide6.QtCore", "sqlalchemy.orm"}


def test_importing_core_store_telephony_and_cli_loads_no_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, calllist_desktop.core, calllist_desktop.store, calllist_desktop.telephony\n"
        "for package in (calllist_desktop.core, calllist_desktop.store, calllist_desktop.telephony):\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        if '.migrations' not in info.name:\n"
        "            importlib.import_module(info.name)\n"
        "import calllist_desktop.cli\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {QT!r})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
