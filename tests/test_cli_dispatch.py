"""``calllist`` imports a command's module when that command runs (cli.main's ``Handler``)."""

from __future__ import annotations

import argparse
import ast
import importlib
import subprocess
import sys
from pathlib import Path

from calllist_desktop.cli import build_parser
from calllist_desktop.cli.main import Handler
from calllist_desktop.store.store import Store


def _handlers(parser: argparse.ArgumentParser, inherited: object = None) -> dict[str, object]:
    """Every command's handler, by the command as typed ("lists list")."""
    found: dict[str, object] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                handler = sub.get_default("handler") or inherited
                inner = _handlers(sub, handler)
                found.update({f"{name} {key}": value for key, value in inner.items()})
                if not inner:
                    found[name] = handler
    return found


def test_every_command_names_a_function_that_exists() -> None:
    handlers = _handlers(build_parser())
    assert {"lists list", "import", "db check", "autocall", "users add", "include"} <= handlers.keys()
    for command, handler in handlers.items():
        assert callable(handler), command
        if isinstance(handler, Handler):
            module, _, name = handler.path.partition(":")
            assert callable(getattr(importlib.import_module(module), name)), command


def test_a_command_loads_its_own_module_and_not_the_others(tmp_path: Path) -> None:
    database = tmp_path / "store.sqlite3"
    code = (
        "import sys\n"
        "from calllist_desktop.cli import main\n"
        f"assert main(['--db', {str(database)!r}, 'lists', 'list']) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('calllist_desktop.cli.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = result.stdout.strip().splitlines()[-1]
    assert "'calllist_desktop.cli.lists'" in loaded
    assert "'calllist_desktop.cli.people'" not in loaded
    assert "'calllist_desktop.cli.db'" not in loaded


def test_db_commands_run_without_a_store_object(tmp_path: Path) -> None:
    database = tmp_path / "missing.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "calllist_desktop.cli", "--db", str(database), "db", "check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "no database" in result.stderr or "データベースがありません" in result.stderr
    assert not database.exists()  # a Store would have made (and upgraded) it


def test_lists_list_does_not_load_the_auto_call_engine(tmp_path: Path) -> None:
    """Building the parser defines ``autocall``'s options (cli.autocall_args) without its engine."""
    database = tmp_path / "store.sqlite3"
    code = (
        "import sys\n"
        "from calllist_desktop.cli import main\n"
        f"assert main(['--db', {str(database)!r}, 'lists', 'list']) == 0\n"
        "print(sorted(sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    assert "calllist_desktop.cli.autocall_args" in loaded
    heavy = [
        name
        for name in loaded
        if name.startswith(("calllist_desktop.core.autocall.", "calllist_desktop.telephony"))
    ]
    assert "calllist_desktop.core.autocall" not in loaded and "calllist_desktop.cli.autocall" not in loaded
    assert heavy == []


def test_lists_list_on_sqlite_loads_neither_the_postgresql_dialect_nor_phonenumbers(tmp_path: Path) -> None:
    """Neither serves ``lists list`` on a SQLite store (``bench/cli_start.py``): the PostgreSQL
    dialect comes with a PostgreSQL engine (``store.database.upsert``), phonenumbers with the
    first number to read or write (``core.phone``). The store is made first: upgrading a new
    one runs the migrations, which speak of PostgreSQL."""
    database = tmp_path / "store.sqlite3"
    Store.open(f"sqlite:///{database}").close()
    code = (
        "import sys\n"
        "from calllist_desktop.cli import main\n"
        f"assert main(['--db', {str(database)!r}, 'lists', 'list']) == 0\n"
        "print(sorted(sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    assert "sqlalchemy.dialects.sqlite" in loaded  # the engine's own, as a check of the list
    assert [
        name for name in loaded if name.startswith(("sqlalchemy.dialects.postgresql", "phonenumbers"))
    ] == []
