"""``calllist db upgrade / check / backup``: on the engine itself, so they run on an old schema too."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from calllist_desktop.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    CliError,
    print_json,
)
from calllist_desktop.core.i18n import in_language
from calllist_desktop.store import access, backup, database
from calllist_desktop.store.store import Store


def cmd_db(args: argparse.Namespace) -> int:
    """``db upgrade`` / ``db check`` work on the engine directly: they must run on an old schema."""
    engine = database.make_engine(database.resolve_database_url(args.db))
    database_path = engine.url.database if engine.dialect.name == "sqlite" else None
    try:
        if args.db_command == "check" and database_path and not Path(database_path).exists():
            raise CliError(in_language(f"データベースがありません: {database_path}", f"no database at {database_path}"))
        return _db_command(args, engine)
    except DBAPIError as exc:  # the server is down, the database does not exist, no database file, …
        raise database.store_error(exc, opening=engine.url) from exc
    finally:
        engine.dispose()


def _db_command(args: argparse.Namespace, engine: Engine) -> int:
    """The work of ``db upgrade`` / ``db check`` on an open engine."""
    if args.db_command == "backup":
        written = backup.backup(engine, Path(args.file))
        print(in_language(f"バックアップしました: {written}", f"backed up to {written}"))
        return EXIT_OK
    if args.db_command == "upgrade":
        database.upgrade(engine)
        print(in_language(f"スキーマを最新にしました ({database.head_revision()})", f"schema at {database.head_revision()}"))
        return EXIT_OK
    current = database.current_revision(engine)
    head = database.head_revision()
    report: dict[str, Any] = {
        "url": database.shown_url(engine.url),
        "schema": current,
        "expected": head,
        "up_to_date": current == head,
    }
    if current == head:
        report["rows"] = Store(engine).counts()
        rls = access.access_report(engine)
        if rls is not None:
            report["access"] = rls.to_json()
    if args.json:
        print_json(report)
    else:
        for key, value in report.items():
            print(f"{key}: {value}")
    if current != head:
        print(in_language("スキーマが古いです: calllist db upgrade を実行してください", "schema is outdated: run `calllist db upgrade`"), file=sys.stderr)
        return EXIT_ERROR
    if "access" in report and not report["access"]["ok"]:
        print(in_language("行単位セキュリティが不完全です: calllist db upgrade を実行してください", "row-level security is incomplete: run `calllist db upgrade`"), file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK
