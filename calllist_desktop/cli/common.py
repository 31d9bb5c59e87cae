"""What every ``calllist`` command shares: the exit codes, the one-line error, texts in the
language in force, JSON and terminal tables, phone arguments and the acting user.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Protocol, TypeVar

from calllist_desktop.core.i18n import in_language
from calllist_desktop.core.phone import normalize_phone
from calllist_desktop.store import access
from calllist_desktop.store.store import Store

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_REJECTED = 3  # an import with errors: nothing was changed


class CliError(Exception):
    """A problem with what was asked, reported as one line."""


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=None))


def text_width(text: str) -> int:
    """Columns a string takes in a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [text_width(h) for h in headers]
    for row in rows:
        widths = [max(w, text_width(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell + " " * (w - text_width(cell)) for cell, w in zip(cells, widths, strict=True)
        ).rstrip()

    print(line(headers))
    for row in rows:
        print(line(row))


class _ToJson(Protocol):
    def to_json(self) -> Any: ...


Item = TypeVar("Item", bound=_ToJson)


def print_items(
    items: Sequence[Item],
    *,
    as_json: bool,
    headers: Sequence[str],
    row: Callable[[Item], Sequence[str]],
    to_json: Callable[[Item], Any] | None = None,
) -> None:
    """What a command that lists things prints: with ``--json`` one JSON array of the items
    (``item.to_json()``, or ``to_json(item)`` when given), else a table of ``headers`` with
    ``row(item)`` for each item."""
    if as_json:
        print_json([to_json(item) if to_json is not None else item.to_json() for item in items])
    else:
        print_table(headers, [row(item) for item in items])


def parse_day(text: str) -> date:
    """``YYYY-MM-DD`` as a date, for argparse's ``type=``; anything else a one-line usage error."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            in_language(f"日付は YYYY-MM-DD で指定してください: {text}", f"give a date as YYYY-MM-DD: {text}")
        ) from None


def parse_phones(raw: Sequence[str]) -> list[str]:
    phones: list[str] = []
    bad: list[str] = []
    for text in raw:
        result = normalize_phone(text)
        if result.e164 is None:
            bad.append(text)
        else:
            phones.append(result.e164)
    if bad:
        raise CliError(
            in_language("電話番号が正しくありません: ", "not a valid phone number: ") + ", ".join(bad)
        )
    return phones


def acting_user(args: argparse.Namespace, store: Store, why: str) -> str:
    if not args.user:  # team mode: the PostgreSQL role one connected as names the user
        args.user = access.acting_login(store.engine)
    if not args.user:
        raise CliError(in_language(f"{why}には --user LOGIN が必要です", f"{why} needs --user LOGIN"))
    if not store.user(args.user).active:  # raises NotFound with a clear message for an unknown login
        raise CliError(
            in_language(
                f"ユーザー「{args.user}」は無効化されています", f"the user {args.user} is deactivated"
            )
        )
    return str(args.user)
