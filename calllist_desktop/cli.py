"""``calllist``: the admin command line, for scripting, tests and automation (SPEC §8).

Every command opens the store, does one thing, and prints either text for people or, with
``--json``, JSON for programs. Errors are one line on stderr and a non-zero exit; a traceback is
a bug (set ``CALLLIST_DEBUG=1`` to see one anyway).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import stat
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from calllist_desktop import __version__, autocall_cli
from calllist_desktop.core.csv_export import EXPORT_ENCODINGS, ExportEncodingError
from calllist_desktop.core.csv_import import ENCODINGS
from calllist_desktop.core.i18n import current_language, set_language
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.core.phone import format_national, normalize_phone
from calllist_desktop.logs import setup_logging
from calllist_desktop.store import access, backup, database
from calllist_desktop.store.errors import NotFound, StoreError
from calllist_desktop.store.import_report import ImportReport
from calllist_desktop.store.store import Store
from calllist_desktop.store.views import TargetView

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_REJECTED = 3  # an import with errors: nothing was changed


log = logging.getLogger("calllist_desktop.cli")


class CliError(Exception):
    """A problem with what was asked, reported as one line."""


def _t(ja: str, en: str) -> str:
    """The text in the language in force (Japanese first)."""
    return ja if current_language() == "ja" else en


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=None))


def _width(text: str) -> int:
    """Columns a string takes in a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [_width(h) for h in headers]
    for row in rows:
        widths = [max(w, _width(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(cells, widths, strict=True)).rstrip()

    print(line(headers))
    for row in rows:
        print(line(row))


def _phones(raw: Sequence[str]) -> list[str]:
    phones: list[str] = []
    bad: list[str] = []
    for text in raw:
        result = normalize_phone(text)
        if result.e164 is None:
            bad.append(text)
        else:
            phones.append(result.e164)
    if bad:
        raise CliError(_t("電話番号が正しくありません: ", "not a valid phone number: ") + ", ".join(bad))
    return phones


def _acting_user(args: argparse.Namespace, store: Store, why: str) -> str:
    if not args.user:  # team mode: the PostgreSQL role one connected as names the user
        args.user = access.acting_login(store.engine)
    if not args.user:
        raise CliError(_t(f"{why}には --user LOGIN が必要です", f"{why} needs --user LOGIN"))
    store.user(args.user)  # raises NotFound with a clear message
    return str(args.user)


# --- commands --------------------------------------------------------------------------------


def cmd_users_add(args: argparse.Namespace, store: Store) -> int:
    user = store.add_user(
        args.login, args.name, role="admin" if args.admin else "operator", autocall=args.autocall
    )
    print(_t(f"ユーザーを追加しました: {user.login}", f"added user {user.login}"))
    wanted = not args.no_db_role and os.environ.get("CALLLIST_DB_ROLES", "1") != "0"
    if access.is_postgresql(store.engine) and (wanted or args.db_role):
        role = access.grant_db_role(store.engine, user.login, admin=args.admin, role_name=args.db_role)
        print(
            _t(
                f"データベースのロール {role} (LOGIN, パスワードなし) を用意しました。パスワードは "
                f"ALTER ROLE で設定し、各自の ~/.pgpass かサービスファイルに置いてください",
                f"database role {role} ready (LOGIN, no password): set one with ALTER ROLE and keep it "
                "in that person's ~/.pgpass or service file (docs/team.md)",
            )
        )
    return EXIT_OK


def cmd_users_list(args: argparse.Namespace, store: Store) -> int:
    users = store.users()
    if args.json:
        _print_json([user.to_json() for user in users])
        return EXIT_OK
    _print_table(
        [_t("ログイン", "login"), _t("名前", "name"), _t("役割", "role"), _t("オートコール", "auto-call")],
        [[u.login, u.display_name, u.role, "yes" if u.autocall_enabled else "-"] for u in users],
    )
    return EXIT_OK


def cmd_lists_create(args: argparse.Namespace, store: Store) -> int:
    info = store.create_list(args.name)
    print(_t(f"リストを作成しました: {info.name}", f"created list {info.name}"))
    return EXIT_OK


def cmd_lists_list(args: argparse.Namespace, store: Store) -> int:
    lists = store.lists()
    if args.json:
        _print_json([info.to_json() for info in lists])
        return EXIT_OK
    _print_table(
        [_t("リスト名", "name"), _t("発信先", "targets")],
        [[info.name, str(info.target_count)] for info in lists],
    )
    return EXIT_OK


def cmd_lists_rename(args: argparse.Namespace, store: Store) -> int:
    info = store.rename_list(args.old, args.new)
    print(_t(f"リスト名を変更しました: {args.old} → {info.name}", f"renamed {args.old} to {info.name}"))
    return EXIT_OK


def cmd_lists_delete(args: argparse.Namespace, store: Store) -> int:
    if not args.yes:
        raise CliError(
            _t(
                "リストを削除するには --yes を付けてください (連絡先と通話履歴は残ります)",
                "add --yes to delete the list (its contacts and call history stay)",
            )
        )
    removed = store.delete_list(args.name)
    print(
        _t(
            f"リストを削除しました: {args.name} (発信先 {removed} 件。連絡先と通話履歴は残っています)",
            f"deleted list {args.name} ({removed} targets; contacts and call history kept)",
        )
    )
    return EXIT_OK


def _print_import_report(report: ImportReport) -> None:
    """Errors on stderr, one line each (SPEC §8); warnings and the summary on stdout."""
    for issue in report.errors:
        column = f" {issue.column}" if issue.column else ""
        print(
            _t(f"エラー 行 {issue.row}{column}: ", f"error row {issue.row}{column}: ") + issue.message,
            file=sys.stderr,
        )
    for issue in report.warnings:
        column = f" {issue.column}" if issue.column else ""
        print(_t(f"警告 行 {issue.row}{column}: ", f"warning row {issue.row}{column}: ") + issue.message)
    if not report.ok:
        print(
            _t(
                f"取り込みを中止しました: エラー {len(report.errors)} 件。何も変更していません。",
                f"import rejected: {len(report.errors)} errors; nothing was changed.",
            ),
            file=sys.stderr,
        )
        return
    verb = _t("取り込めます (確認のみ)", "would import (dry run)") if report.dry_run else _t("取り込みました", "imported")
    print(
        _t(
            f"{verb}: {report.imported} 件 (追加 {report.imported - report.overwritten}, 上書き "
            f"{report.overwritten}; 連絡先 新規 {report.created_contacts}, 更新 {report.updated_contacts})",
            f"{verb} {report.imported} targets ({report.imported - report.overwritten} added, "
            f"{report.overwritten} overwritten; contacts: {report.created_contacts} created, "
            f"{report.updated_contacts} updated)",
        )
    )


def cmd_import(args: argparse.Namespace, store: Store) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CliError(_t(f"ファイルを読めません: {path}: {exc.strerror}", f"cannot read {path}: {exc.strerror}")) from None
    if args.assignee is not None:
        store.user(args.assignee)
    try:
        list_id: int | None = store.list_by_name(args.list).id
    except NotFound:
        if not args.create:
            raise CliError(
                _t(
                    f"リスト「{args.list}」がありません (--create で作成できます)",
                    f"no list named {args.list!r} (add --create to create it)",
                )
            ) from None
        list_id = None
    created = list_id is None and not args.dry_run
    if created:
        list_id = store.create_list(args.list).id
    try:
        report = store.import_csv(
            list_id, data, assignee=args.assignee, encoding=args.encoding, dry_run=args.dry_run
        )
    except BaseException:
        if created:
            store.delete_list(args.list)
        raise
    if created and not report.ok:
        store.delete_list(args.list)  # a rejected import changes nothing: not even the new list
    if args.json:
        _print_json(report.to_json())
    else:
        _print_import_report(report)
    return EXIT_OK if report.ok else EXIT_REJECTED


def _write_atomically(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, renamed over it at the end."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)  # overwriting keeps the file's permissions
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask  # as any new file (mkstemp alone would leave it 0600)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cmd_export(args: argparse.Namespace, store: Store) -> int:
    info = store.list_by_name(args.list)
    try:
        data = store.export_csv(info.id, args.encoding)
    except ExportEncodingError as exc:
        raise CliError(exc.message) from None
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    path = Path(args.output)
    try:
        _write_atomically(path, data)
    except OSError as exc:
        raise CliError(_t(f"書き込めません: {path}: {exc.strerror}", f"cannot write {path}: {exc.strerror}")) from None
    print(
        _t(f"{info.target_count} 件を書き出しました: {path}", f"exported {info.target_count} targets to {path}"),
        file=sys.stderr,
    )
    return EXIT_OK


def _filter_targets(targets: list[TargetView], args: argparse.Namespace) -> list[TargetView]:
    if args.category is not None:
        targets = [t for t in targets if args.category in t.categories]
    if args.status is not None:
        if args.status == "none":
            targets = [t for t in targets if t.last_call is None]
        else:
            targets = [t for t in targets if t.last_call is not None and t.last_call.outcome == args.status]
    return targets


def cmd_targets(args: argparse.Namespace, store: Store) -> int:
    info = store.list_by_name(args.list)
    if args.mine and args.assignee is not None:
        raise CliError(_t("--mine と --assignee は同時に使えません", "use either --mine or --assignee"))
    assignee = _acting_user(args, store, "--mine") if args.mine else args.assignee
    targets = store.targets(info.id, assignee=assignee, include_excluded=args.include_excluded)
    targets = _filter_targets(targets, args)
    if args.json:
        _print_json([target.to_json() for target in targets])
        return EXIT_OK
    rows = []
    for t in targets:
        last = t.last_call
        status = ""
        if last is not None:
            status = (last.outcome.label_ja if current_language() == "ja" else last.outcome.label_en) if last.outcome else "…"
        rows.append(
            [
                _t("対象外", "excluded") if t.excluded else "",
                t.company,
                t.person,
                format_national(t.phone),
                "|".join(t.categories),
                t.assignee_login or "",
                status,
                (last.agent_login or "") if last else "",
                last.started_at.astimezone().strftime("%Y-%m-%d %H:%M") if last else "",
            ]
        )
    _print_table(
        [
            _t("発信対象外", "excluded"),
            _t("取引先会社名", "company"),
            _t("取引先担当者名", "person"),
            _t("電話番号", "phone"),
            _t("カテゴリー", "categories"),
            _t("発信担当者", "assignee"),
            _t("最終通話ステータス", "last status"),
            _t("最終担当者", "last agent"),
            _t("最終通話日時", "last call"),
        ],
        rows,
    )
    return EXIT_OK


def cmd_contacts(args: argparse.Namespace, store: Store) -> int:
    contacts = store.contacts(args.search)
    if args.json:
        _print_json([contact.to_json() for contact in contacts])
        return EXIT_OK
    _print_table(
        [_t("取引先会社名", "company"), _t("取引先担当者名", "person"), _t("電話番号", "phone"), _t("カテゴリー", "categories"), _t("発信担当者", "assignee")],
        [[c.company, c.person, format_national(c.phone), "|".join(c.categories), c.assignee_login or ""] for c in contacts],
    )
    return EXIT_OK


def cmd_assign(args: argparse.Namespace, store: Store) -> int:
    info = store.list_by_name(args.list)
    assignee = None if args.unassign else args.assignee
    if assignee is None and not args.unassign:
        raise CliError(_t("--assignee LOGIN か --unassign を指定してください", "give --assignee LOGIN or --unassign"))
    count = store.set_assignee(info.id, _phones(args.phones), assignee)
    print(
        _t(
            f"{count} 件の発信担当者を {assignee or '(なし)'} にしました (この番号を含むすべてのリストに反映されます)",
            f"assigned {count} numbers to {assignee or '(nobody)'} (in every list that holds them)",
        )
    )
    return EXIT_OK


def cmd_exclude(args: argparse.Namespace, store: Store) -> int:
    info = store.list_by_name(args.list)
    excluded = args.command == "exclude"
    count = store.set_excluded(info.id, _phones(args.phones), excluded)
    print(
        _t(f"{count} 件を発信対象外にしました", f"excluded {count} targets")
        if excluded
        else _t(f"{count} 件を発信対象にしました", f"included {count} targets")
    )
    return EXIT_OK


def cmd_remove(args: argparse.Namespace, store: Store) -> int:
    if not args.yes:
        raise CliError(
            _t(
                "発信先を削除するには --yes を付けてください (連絡先は残ります)",
                "add --yes to remove the targets (their contacts stay)",
            )
        )
    info = store.list_by_name(args.list)
    count = store.remove_targets(info.id, _phones(args.phones))
    print(_t(f"{count} 件の発信先を削除しました (連絡先は残っています)", f"removed {count} targets (contacts kept)"))
    return EXIT_OK


def cmd_autocall(args: argparse.Namespace, store: Store) -> int:
    return autocall_cli.run_autocall(args, store, _acting_user(args, store, "autocall"))


def cmd_demo(args: argparse.Namespace, store: Store) -> int:
    from calllist_desktop.store.demo import seed_demo_data

    created = seed_demo_data(store)
    if created:
        print(_t("デモデータを作成しました", "demo data created"))
    else:
        print(_t("データが既にあるため、何も追加しませんでした", "the store already has data; nothing added"))
    return EXIT_OK


def cmd_db(args: argparse.Namespace) -> int:
    """``db upgrade`` / ``db check`` work on the engine directly: they must run on an old schema."""
    url = database.resolve_database_url(args.db)
    database_path = make_url(url).database if url.startswith("sqlite") else None
    if args.db_command == "check" and database_path and not Path(database_path).exists():
        raise CliError(_t(f"データベースがありません: {database_path}", f"no database at {database_path}"))
    engine = database.make_engine(url)
    try:
        return _db_command(args, engine)
    except OperationalError as exc:  # the server is down, the database does not exist, …
        raise StoreError(
            f"cannot open the database: {exc.orig}", f"データベースを開けません: {exc.orig}"
        ) from None
    finally:
        engine.dispose()


def _db_command(args: argparse.Namespace, engine: Engine) -> int:
    """The work of ``db upgrade`` / ``db check`` on an open engine."""
    if args.db_command == "backup":
        written = backup.backup(engine, Path(args.file))
        print(_t(f"バックアップしました: {written}", f"backed up to {written}"))
        return EXIT_OK
    if args.db_command == "upgrade":
        database.upgrade(engine)
        print(_t(f"スキーマを最新にしました ({database.head_revision()})", f"schema at {database.head_revision()}"))
        return EXIT_OK
    current = database.current_revision(engine)
    head = database.head_revision()
    report: dict[str, Any] = {
        "url": engine.url.render_as_string(hide_password=True),
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
        _print_json(report)
    else:
        for key, value in report.items():
            print(f"{key}: {value}")
    if current != head:
        print(_t("スキーマが古いです: calllist db upgrade を実行してください", "schema is outdated: run `calllist db upgrade`"), file=sys.stderr)
        return EXIT_ERROR
    if "access" in report and not report["access"]["ok"]:
        print(_t("行単位セキュリティが不完全です: calllist db upgrade を実行してください", "row-level security is incomplete: run `calllist db upgrade`"), file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


# --- parser ----------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2 (its default, kept)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"calllist: {message} (see calllist --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="calllist", description="CallList Desktop admin command line (発信先リスト管理)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="URL", help="database URL or SQLite file (default: $CALLLIST_DB, else the user data folder)")
    parser.add_argument("--user", metavar="LOGIN", help="the person acting (needed for --mine and autocall)")
    parser.add_argument("--lang", choices=["ja", "en"], help="language of messages (default: from the locale)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    users = commands.add_parser("users", help="add and list users").add_subparsers(dest="users_command", required=True)
    p = users.add_parser("add", help="add a user")
    p.add_argument("login")
    p.add_argument("--name", help="display name")
    p.add_argument("--admin", action="store_true", help="a manager (admin role)")
    p.add_argument("--autocall", action="store_true", help="may use auto-call")
    p.add_argument("--db-role", metavar="ROLE", help="PostgreSQL: the role this person connects as (default: the login)")
    p.add_argument("--no-db-role", action="store_true", help="PostgreSQL: do not create or grant a database role (also: CALLLIST_DB_ROLES=0)")
    p.set_defaults(handler=cmd_users_add)
    p = users.add_parser("list", help="list users")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_users_list)

    lists = commands.add_parser("lists", help="create, list, rename and delete call lists").add_subparsers(
        dest="lists_command", required=True
    )
    p = lists.add_parser("create", help="create an empty list")
    p.add_argument("name")
    p.set_defaults(handler=cmd_lists_create)
    p = lists.add_parser("list", help="show the lists")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_lists_list)
    p = lists.add_parser("rename", help="rename a list")
    p.add_argument("old")
    p.add_argument("new")
    p.set_defaults(handler=cmd_lists_rename)
    p = lists.add_parser("delete", help="delete a list (contacts and call history stay)")
    p.add_argument("name")
    p.add_argument("--yes", action="store_true", help="really delete")
    p.set_defaults(handler=cmd_lists_delete)

    p = commands.add_parser("import", help="add targets from a CSV file (発信先を追加)")
    p.add_argument("file")
    p.add_argument("--list", required=True, metavar="NAME")
    p.add_argument("--create", action="store_true", help="create the list if it does not exist")
    p.add_argument("--assignee", metavar="LOGIN", help="assign every imported number to this user")
    p.add_argument("--encoding", choices=ENCODINGS, default="auto")
    p.add_argument("--dry-run", action="store_true", help="check only; change nothing")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)

    p = commands.add_parser("export", help="write a list as CSV (CSV ファイルの作成)")
    p.add_argument("--list", required=True, metavar="NAME")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write, or - for stdout")
    p.add_argument("--encoding", choices=EXPORT_ENCODINGS, default="utf-8-sig")
    p.set_defaults(handler=cmd_export)

    p = commands.add_parser("targets", help="show a list's targets with their last call")
    p.add_argument("--list", required=True, metavar="NAME")
    p.add_argument("--mine", action="store_true", help="only the targets assigned to --user")
    p.add_argument("--assignee", metavar="LOGIN", help="only the targets assigned to LOGIN")
    p.add_argument("--category", metavar="C")
    p.add_argument("--status", metavar="CODE|none", choices=[o.value for o in Outcome] + ["none"], help="last call status; none: never called")
    p.add_argument("--include-excluded", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_targets)

    p = commands.add_parser("contacts", help="show contacts")
    p.add_argument("--search", metavar="TEXT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_contacts)

    db = commands.add_parser("db", help="schema upgrade and check").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="bring the schema up to date")
    p = db.add_parser("backup", help="SQLite: copy the store to FILE while it is in use (PostgreSQL: use pg_dump)")
    p.add_argument("file")
    p = db.add_parser("check", help="show the schema version and row counts")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("assign", help="set the assignee of numbers (in every list holding them)")
    p.add_argument("--list", required=True, metavar="NAME")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--assignee", metavar="LOGIN")
    who.add_argument("--unassign", action="store_true", help="clear the assignee")
    p.add_argument("phones", nargs="+", metavar="PHONE")
    p.set_defaults(handler=cmd_assign)

    for name, text in (("exclude", "mark targets not to be called"), ("include", "mark targets to be called again")):
        p = commands.add_parser(name, help=text)
        p.add_argument("--list", required=True, metavar="NAME")
        p.add_argument("phones", nargs="+", metavar="PHONE")
        p.set_defaults(handler=cmd_exclude)

    p = commands.add_parser("remove", help="remove targets from a list (contacts stay)")
    p.add_argument("--list", required=True, metavar="NAME")
    p.add_argument("phones", nargs="+", metavar="PHONE")
    p.add_argument("--yes", action="store_true", help="really remove")
    p.set_defaults(handler=cmd_remove)

    autocall_cli.add_parser(commands, cmd_autocall)

    p = commands.add_parser("demo", help="fill an empty store with demo users, lists and calls")
    p.set_defaults(handler=cmd_demo)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    _warn_about_password(args.db)
    if args.command == "db":
        return cmd_db(args)
    handler: Callable[[argparse.Namespace, Store], int] = args.handler
    store = Store.open(args.db)
    try:
        return handler(args, store)
    finally:
        store.close()


def _warn_about_password(url: str | None) -> None:
    """A password typed into ``--db`` ends up in the shell history and the process list."""
    if not url or "://" not in url:
        return
    try:
        has_password = make_url(url).password is not None
    except Exception:  # noqa: BLE001 - a malformed URL is reported when the store is opened
        return
    if has_password:
        print(
            _t(
                "calllist: 警告: --db にパスワードが含まれています。~/.pgpass かサービスファイルを使ってください",
                "calllist: warning: --db contains a password; keep it in ~/.pgpass or a service file instead",
            ),
            file=sys.stderr,
        )


def _one_line(text: str) -> str:
    """A message as one line: drivers (psycopg) add hints on lines of their own."""
    return " ".join(text.split())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: runs a command and turns every expected failure into one line on stderr.

    The log goes to the command line's own file only (stdout and stderr belong to the caller's
    script); a bug's traceback lands there, masked, for support.
    """
    setup_logging("calllist", console=False)
    log.info("calllist %s: %s", __version__, " ".join(sys.argv[1:] if argv is None else argv))  # masked
    try:
        return run(argv)
    except (CliError, StoreError, autocall_cli.AutoCallError) as exc:
        print(f"calllist: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("calllist: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`calllist targets … | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except Exception as exc:  # a bug: still one line, unless asked for the traceback
        log.exception("internal error")
        if os.environ.get("CALLLIST_DEBUG"):
            raise
        print(
            f"calllist: internal error: {type(exc).__name__}: {_one_line(str(exc))} (CALLLIST_DEBUG=1 shows details)",
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
