"""``calllist``: the admin command line, for scripting, tests and automation (SPEC §8).

Every command opens the store, does one thing, and prints either text for people or, with
``--json``, JSON for programs. Errors are one line on stderr and a non-zero exit; a traceback is
a bug (set ``CALLLIST_DEBUG=1`` to see one anyway). This module holds the parser and the entry
point; the commands live beside it by subject.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy.exc import DBAPIError

from calllist_desktop import __version__
from calllist_desktop.cli import autocall_args, sip_account_args
from calllist_desktop.cli.common import (
    EXIT_ERROR,
    EXIT_USAGE,
    CliError,
    parse_day,
)
from calllist_desktop.core.csv_export import EXPORT_ENCODINGS
from calllist_desktop.core.csv_import import ENCODINGS
from calllist_desktop.core.i18n import in_language, set_language
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.logs import MASK, mask_secrets, setup_logging
from calllist_desktop.store import database
from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.store import Store

log = logging.getLogger("calllist_desktop.cli")


@dataclass(frozen=True)
class Handler:
    """A command's function, named ``"module:function"`` and imported when the command runs.

    Every sub-command's parser is built at start, each command's module only when it is the one
    asked for: a command loads what it needs and nothing of the others' (``bench/cli_start.py``).
    """

    path: str

    def __call__(self, *arguments: Any) -> int:
        module, _, name = self.path.partition(":")
        function: Callable[..., int] = getattr(importlib.import_module(module), name)
        return function(*arguments)


# --- parser ----------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2 (its default, kept)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"calllist: {message} (see calllist --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="calllist", description="CallList Desktop admin command line (発信先リスト管理)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL or SQLite file (default: $CALLLIST_DB, else the user data folder)",
    )
    parser.add_argument("--user", metavar="LOGIN", help="the person acting (needed for --mine and autocall)")
    parser.add_argument(
        "--lang", choices=["ja", "en"], help="language of messages (default: from the locale)"
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    users = commands.add_parser("users", help="add and list users").add_subparsers(
        dest="users_command", required=True
    )
    p = users.add_parser("add", help="add a user")
    p.add_argument("login")
    p.add_argument("--name", help="display name")
    p.add_argument("--admin", action="store_true", help="a manager (admin role)")
    p.add_argument("--autocall", action="store_true", help="may use auto-call")
    p.add_argument(
        "--db-role", metavar="ROLE", help="PostgreSQL: the role this person connects as (default: the login)"
    )
    p.add_argument(
        "--no-db-role",
        action="store_true",
        help="PostgreSQL: do not create or grant a database role (also: CALLLIST_DB_ROLES=0)",
    )
    p.set_defaults(handler=Handler("calllist_desktop.cli.people:cmd_users_add"))
    p = users.add_parser("list", help="list users")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=Handler("calllist_desktop.cli.people:cmd_users_list"))
    p = users.add_parser(
        "deactivate", help="keep a user's history, but let them neither sign in nor be assigned"
    )
    p.add_argument("login")
    p.set_defaults(handler=Handler("calllist_desktop.cli.people:cmd_users_deactivate"))
    p = users.add_parser("activate", help="let a deactivated user sign in and be assigned again")
    p.add_argument("login")
    p.set_defaults(handler=Handler("calllist_desktop.cli.people:cmd_users_activate"))

    lists = commands.add_parser("lists", help="create, list, rename and delete call lists").add_subparsers(
        dest="lists_command", required=True
    )
    p = lists.add_parser("create", help="create an empty list")
    p.add_argument("name")
    p.set_defaults(handler=Handler("calllist_desktop.cli.lists:cmd_lists_create"))
    p = lists.add_parser("list", help="show the lists")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=Handler("calllist_desktop.cli.lists:cmd_lists_list"))
    p = lists.add_parser("rename", help="rename a list")
    p.add_argument("old")
    p.add_argument("new")
    p.set_defaults(handler=Handler("calllist_desktop.cli.lists:cmd_lists_rename"))
    p = lists.add_parser("delete", help="delete a list (contacts and call history stay)")
    p.add_argument("name")
    p.add_argument("--yes", action="store_true", help="really delete")
    p.set_defaults(handler=Handler("calllist_desktop.cli.lists:cmd_lists_delete"))

    _add_campaign_commands(commands, lists)

    p = commands.add_parser("import", help="add targets from a CSV file (発信先を追加)")
    p.add_argument("file")
    p.add_argument("--list", required=True, metavar="NAME")
    p.add_argument("--create", action="store_true", help="create the list if it does not exist")
    p.add_argument("--assignee", metavar="LOGIN", help="assign every imported number to this user")
    p.add_argument("--encoding", choices=ENCODINGS, default="auto")
    p.add_argument("--dry-run", action="store_true", help="check only; change nothing")
    p.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="import the rows without errors; the result names the others",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=Handler("calllist_desktop.cli.lists:cmd_import"))

    p = commands.add_parser("export", help="write a list as CSV (CSV ファイルの作成)")
    p.add_argument("--list", required=True, metavar="NAME")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write, or - for stdout")
    p.add_argument("--encoding", choices=EXPORT_ENCODINGS, default="utf-8-sig")
    p.set_defaults(handler=Handler("calllist_desktop.cli.lists:cmd_export"))

    p = commands.add_parser("targets", help="show a list's targets with their last call")
    p.add_argument("--list", required=True, metavar="NAME")
    p.add_argument("--mine", action="store_true", help="only the targets assigned to --user")
    p.add_argument("--assignee", metavar="LOGIN", help="only the targets assigned to LOGIN")
    p.add_argument("--category", metavar="C")
    p.add_argument(
        "--status",
        metavar="CODE|none",
        choices=[o.value for o in Outcome] + ["none"],
        help="last call status; none: never called",
    )
    p.add_argument("--include-excluded", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=Handler("calllist_desktop.cli.lists:cmd_targets"))

    p = commands.add_parser("contacts", help="show contacts")
    p.add_argument("--search", metavar="TEXT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=Handler("calllist_desktop.cli.lists:cmd_contacts"))

    p = commands.add_parser("db", help="schema upgrade and check")
    p.set_defaults(handler=Handler("calllist_desktop.cli.db:cmd_db"))  # on the engine, without a Store
    db = p.add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="bring the schema up to date")
    p = db.add_parser(
        "backup", help="SQLite: copy the store to FILE while it is in use (PostgreSQL: use pg_dump)"
    )
    p.add_argument("file")
    p = db.add_parser("check", help="show the schema version and row counts")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("assign", help="set the assignee of numbers (in every list holding them)")
    p.add_argument("--list", required=True, metavar="NAME")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--assignee", metavar="LOGIN")
    who.add_argument("--unassign", action="store_true", help="clear the assignee")
    p.add_argument("phones", nargs="+", metavar="PHONE")
    p.set_defaults(handler=Handler("calllist_desktop.cli.lists:cmd_assign"))

    for name, text in (
        ("exclude", "mark targets not to be called"),
        ("include", "mark targets to be called again"),
    ):
        p = commands.add_parser(name, help=text)
        p.add_argument("--list", required=True, metavar="NAME")
        p.add_argument("phones", nargs="+", metavar="PHONE")
        p.set_defaults(handler=Handler("calllist_desktop.cli.lists:cmd_exclude"))

    p = commands.add_parser("remove", help="remove targets from a list (contacts stay)")
    p.add_argument("--list", required=True, metavar="NAME")
    p.add_argument("phones", nargs="+", metavar="PHONE")
    p.add_argument("--yes", action="store_true", help="really remove")
    p.set_defaults(handler=Handler("calllist_desktop.cli.lists:cmd_remove"))

    autocall_args.add_parser(commands, Handler("calllist_desktop.cli.autocall:cmd_autocall"))
    sip_account_args.add_parser(commands, Handler("calllist_desktop.cli.sip_account:cmd_sip_account"))

    p = commands.add_parser("report", help="calls, answered and talk time per operator, list, day or hour")
    p.add_argument("--from", dest="start", type=parse_day, metavar="DATE", help="first day, YYYY-MM-DD (default: today)")
    p.add_argument("--to", dest="end", type=parse_day, metavar="DATE", help="last day, included (default: today)")
    p.add_argument("--by", choices=["operator", "list", "day", "hour"], default="operator", help="group by (default: operator)")
    p.add_argument("--list", metavar="NAME", help="only calls dialled from this list")
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="one object per group")
    shape.add_argument("--csv", action="store_true", help="CSV as the list export writes it")
    p.add_argument("--encoding", choices=EXPORT_ENCODINGS, default="utf-8-sig", help="of --csv (default: utf-8-sig)")
    p.add_argument("-o", "--output", metavar="FILE", help="with --csv: write to FILE instead of stdout")
    p.set_defaults(handler=Handler("calllist_desktop.cli.report:cmd_report"))
    p = commands.add_parser("devices", help="the sound devices the line can use")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=Handler("calllist_desktop.cli.audio:cmd_devices"), needs_store=False)
    recording = commands.add_parser("recording", help="call recording (通話録音) for the whole team").add_subparsers(
        dest="recording_command", required=True
    )
    recording.add_parser("on", help="record every answered call (admin)")
    recording.add_parser("off", help="stop recording calls (admin)")
    recording.add_parser("status", help="whether calls are recorded, and where this computer keeps them")
    p = recording.add_parser("folder", help="where this computer writes its recordings (a team's shared folder)")
    p.add_argument("folder", metavar="DIR")
    for name in ("on", "off", "status", "folder"):
        recording.choices[name].set_defaults(handler=Handler("calllist_desktop.cli.audio:cmd_recording"))

    p = commands.add_parser("demo", help="fill an empty store with demo users, lists and calls")
    p.set_defaults(handler=Handler("calllist_desktop.cli.people:cmd_demo"))
    return parser


def _add_campaign_commands(commands: Any, lists: Any) -> None:
    """``lists rules``, ``callbacks``, ``dnc``, ``history`` (SPEC §8, §9; ``cli.campaign``)."""
    module = "calllist_desktop.cli.campaign"
    p = lists.add_parser("rules", help="show or change a list's calling rules (発信ルール)")
    p.add_argument("name")
    p.add_argument("--max-attempts", metavar="N", help="most calls per target (none: no limit)")
    p.add_argument(
        "--retry", nargs="+", metavar="OUTCOME=DURATION", help="delay before calling again after OUTCOME (0 removes it)"
    )
    p.add_argument("--ending", metavar="CODES", help="outcomes that end a target, comma-separated")
    p.add_argument("--hours", metavar="HH:MM-HH:MM", help="calling hours in the list's time zone (any: no limit)")
    p.add_argument("--days", metavar="mon-fri", help="calling days (mon-fri, mon,wed,fri, all)")
    p.add_argument("--holidays", choices=["skip", "call"], help="Japanese public holidays")
    p.add_argument("--time-zone", metavar="ZONE", help="the list's time zone (default Asia/Tokyo)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=Handler(f"{module}:cmd_lists_rules"))

    callbacks = commands.add_parser("callbacks", help="callbacks (再架電予約)").add_subparsers(
        dest="callbacks_command", required=True
    )
    p = callbacks.add_parser("add", help="book a callback")
    p.add_argument("phone")
    p.add_argument("--list", required=True, metavar="NAME")
    p.add_argument("--at", required=True, metavar="ISO|+DURATION", help="2026-12-08T10:00, or +30m / +2h / +1d")
    whom = p.add_mutually_exclusive_group()
    whom.add_argument("--to", metavar="LOGIN", help="for this person (default: --user)")
    whom.add_argument("--anyone", action="store_true", help="for whoever calls the number")
    p.add_argument("--note", metavar="T")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=Handler(f"{module}:cmd_callbacks_add"))
    p = callbacks.add_parser("list", help="show callbacks")
    p.add_argument("--mine", action="store_true", help="only those for --user and for anyone")
    p.add_argument("--due", action="store_true", help="only those due now")
    p.add_argument("--all", action="store_true", help="done ones too")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=Handler(f"{module}:cmd_callbacks_list"))
    p = callbacks.add_parser("remove", help="delete a callback")
    p.add_argument("id", type=int)
    p.set_defaults(handler=Handler(f"{module}:cmd_callbacks_remove"))

    dnc = commands.add_parser("dnc", help="the do-not-call list (発信禁止番号)").add_subparsers(
        dest="dnc_command", required=True
    )
    p = dnc.add_parser("add", help="block numbers for everyone")
    p.add_argument("phones", nargs="+", metavar="PHONE")
    p.add_argument("--reason", metavar="T")
    p.set_defaults(handler=Handler(f"{module}:cmd_dnc_add"))
    p = dnc.add_parser("remove", help="unblock numbers")
    p.add_argument("phones", nargs="+", metavar="PHONE")
    p.set_defaults(handler=Handler(f"{module}:cmd_dnc_remove"))
    p = dnc.add_parser("list", help="show the blocked numbers")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=Handler(f"{module}:cmd_dnc_list"))
    p = dnc.add_parser("import", help="block the numbers of a CSV file (all or nothing)")
    p.add_argument("file")
    p.add_argument("--encoding", choices=ENCODINGS, default="auto")
    p.add_argument("--reason", metavar="T", help="for rows without a reason")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=Handler(f"{module}:cmd_dnc_import"))
    p = dnc.add_parser("export", help="write the do-not-call list as CSV")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write, or - for stdout")
    p.add_argument("--encoding", choices=EXPORT_ENCODINGS, default="utf-8-sig")
    p.set_defaults(handler=Handler(f"{module}:cmd_dnc_export"))

    p = commands.add_parser("history", help="the calls and notes of one number, newest first")
    p.add_argument("phone")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=Handler(f"{module}:cmd_history"))


def run(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    _warn_about_password(args.db)
    handler: Callable[..., int] = args.handler
    if args.command in ("db", "sip-account") or not getattr(args, "needs_store", True):  # no store needed
        return handler(args)
    store = Store.open(args.db)
    try:
        return handler(args, store)
    finally:
        store.close()


def _warn_about_password(explicit: str | None) -> None:
    """A password in ``--db`` or ``$CALLLIST_DB`` ends up in shell histories, process lists and
    scripts; libpq reads it from ~/.pgpass or PGPASSWORD instead. Said once, on stderr.

    "Has a password" is "the masking changes it" (``logs.mask_secrets``): every form the log
    hides, a raw ``@`` in it, ``?password=`` or a libpq ``password=…`` alike.
    """
    source, url = ("--db", explicit) if explicit else ("CALLLIST_DB", os.environ.get("CALLLIST_DB"))
    if not url or mask_secrets(url) == url:
        return
    print(
        in_language(
            f"calllist: 警告: {source} にパスワードが含まれています。~/.pgpass か PGPASSWORD (または"
            "キーリング) を使ってください",
            f"calllist: warning: {source} contains a password; keep it in ~/.pgpass or PGPASSWORD "
            "(or a keyring) instead",
        ),
        file=sys.stderr,
    )


def _check_arguments(argv: Sequence[str]) -> None:
    """Refuse an argument that is not valid UTF-8 (Python keeps such bytes as surrogates): it
    would be written into the store or used as a file name that nobody can type again."""
    for argument in argv:
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise CliError(
                in_language(
                    f"引数が UTF-8 として正しくありません: {mask_secrets(shown)} (端末やスクリプトの文字コードを確認してください)",
                    f"an argument is not valid UTF-8: {mask_secrets(shown)} (check the encoding of the terminal or script)",
                )
            ) from None


def _logged_command(argv: Sequence[str]) -> str:
    """The command line for the log: customers' names typed as a search stay out of it (the
    log masks the rest: numbers, passwords)."""
    shown = list(argv)
    for index, argument in enumerate(shown[:-1]):
        if argument == "--search":
            shown[index + 1] = MASK
    shown = [part if not part.startswith("--search=") else f"--search={MASK}" for part in shown]
    return " ".join(shown).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _one_line(text: str) -> str:
    """A message as one line: drivers (psycopg) add hints on lines of their own."""
    return " ".join(text.split())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: runs a command and turns every expected failure into one line on stderr.

    The log goes to the command line's own file only (stdout and stderr belong to the caller's
    script); a bug's traceback lands there, masked, for support.
    """
    setup_logging("calllist", console=False)
    arguments = sys.argv[1:] if argv is None else list(argv)
    log.info("calllist %s: %s", __version__, _logged_command(arguments))  # masked
    try:
        _check_arguments(arguments)
        return run(arguments)
    except (CliError, StoreError) as exc:
        print(f"calllist: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except DBAPIError as exc:  # the store failed mid-way (locked, the server went away, …)
        log.error("database error", exc_info=exc)  # the log masks it; parameters are never in it
        print(f"calllist: {_one_line(str(database.store_error(exc)))}", file=sys.stderr)
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
