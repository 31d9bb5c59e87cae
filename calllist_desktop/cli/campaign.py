"""``calllist lists rules / callbacks / dnc / history``: campaign rules, callbacks (再架電予約),
the do-not-call list (発信禁止番号) and a number's history (SPEC §8, §9).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import replace
from datetime import datetime

from calllist_desktop.cli.common import (
    EXIT_OK,
    EXIT_REJECTED,
    CliError,
    acting_user,
    parse_phones,
    print_items,
    print_json,
    print_table,
)
from calllist_desktop.cli.files import read_input, write_output
from calllist_desktop.core.campaign_rules import (
    ListRules,
    RuleError,
    parse_days,
    parse_duration,
    parse_hours,
    parse_retry,
)
from calllist_desktop.core.i18n import in_language
from calllist_desktop.core.phone import format_national
from calllist_desktop.store.campaign_views import HistoryEntry
from calllist_desktop.store.store import Store


def _shown(phone: str) -> str:
    return format_national(phone) if phone.startswith("+81") else phone


def _local(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else "-"


def _acting_or_none(args: argparse.Namespace, store: Store) -> str | None:
    """The person acting, when one is named or the PostgreSQL role names one (managers' commands
    on a SQLite store may run without)."""
    if args.user or store.engine.dialect.name == "postgresql":
        try:
            return acting_user(args, store, "this command")
        except CliError:
            return None
    return None


# --- lists rules ----------------------------------------------------------------------------------


def cmd_lists_rules(args: argparse.Namespace, store: Store) -> int:
    """``lists rules NAME [options]``: show the rules, or change the ones given."""
    info = store.list_by_name(args.name)
    rules = store.list_rules(info.id)
    changes: dict[str, object] = {}
    try:
        if args.max_attempts is not None:
            changes["max_attempts"] = (
                None if args.max_attempts.lower() in ("none", "0", "off") else int(args.max_attempts)
            )
        if args.retry:
            delays = dict(rules.retry_delays)
            for text in args.retry:
                code, delay = parse_retry(text)
                if delay:
                    delays[code] = delay
                else:
                    delays.pop(code, None)
            changes["retry_delays"] = delays
        if args.ending is not None:
            changes["ending_outcomes"] = frozenset(
                code.strip() for code in args.ending.split(",") if code.strip()
            )
        if args.hours is not None:
            changes["hours"] = parse_hours(args.hours)
        if args.days is not None:
            changes["days"] = parse_days(args.days)
        if args.holidays is not None:
            changes["call_on_holidays"] = args.holidays == "call"
        if args.time_zone is not None:
            changes["time_zone"] = args.time_zone
        if changes:
            new_rules: ListRules = replace(rules, **changes)  # type: ignore[arg-type]
            rules = store.set_list_rules(info.id, new_rules, by=_acting_or_none(args, store))
    except ValueError as exc:  # RuleError, or int() of --max-attempts
        message = (
            str(exc)
            if isinstance(exc, RuleError)
            else in_language(
                f"--max-attempts は数字で指定してください: {args.max_attempts!r}",
                f"--max-attempts: {args.max_attempts!r} is no number",
            )
        )
        raise CliError(message) from None
    if args.json:
        print_json({"list": info.name, **rules.to_json()})
        return EXIT_OK
    if changes:
        print(
            in_language(f"発信ルールを変更しました: {info.name}", f"changed the rules of {info.name}"),
            file=sys.stderr,
        )
    shown = rules.to_json()
    retry = ", ".join(f"{code}={delay}" for code, delay in shown["retry"].items()) or "-"
    rows = [
        [
            in_language("最大発信回数", "max attempts"),
            str(rules.max_attempts or in_language("制限なし", "no limit")),
        ],
        [in_language("再発信間隔", "retry"), retry],
        [in_language("終了とする結果", "ending outcomes"), ", ".join(shown["ending_outcomes"]) or "-"],
        [in_language("発信時間", "hours"), shown["hours"] or in_language("制限なし", "any time")],
        [in_language("曜日", "days"), shown["days"]],
        [in_language("祝日", "holidays"), shown["holidays"]],
        [in_language("タイムゾーン", "time zone"), shown["time_zone"]],
    ]
    print_table([in_language("ルール", "rule"), in_language("値", "value")], rows)
    return EXIT_OK


# --- callbacks ------------------------------------------------------------------------------------

_RELATIVE = re.compile(r"^\+\s*(\d+\s*[smhd])$")


def parse_when(text: str, now: datetime | None = None) -> datetime:
    """``+30m`` / ``+2h`` / ``+1d`` from now, or an ISO date-time (local time when no offset)."""
    now = now or datetime.now().astimezone()
    match = _RELATIVE.match(text.strip())
    if match:
        try:
            return now + parse_duration(match.group(1))
        except RuleError as exc:
            raise CliError(str(exc)) from None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CliError(
            in_language(
                f"--at は ISO 形式の日時 (2026-12-08T10:00) か +30m / +2h / +1d です: {text!r}",
                f"--at is an ISO date-time (2026-12-08T10:00) or +30m / +2h / +1d, not {text!r}",
            )
        ) from None
    return moment if moment.tzinfo is not None else moment.astimezone()


def cmd_callbacks_add(args: argparse.Namespace, store: Store) -> int:
    (phone,) = parse_phones([args.phone])
    user = acting_user(args, store, in_language("再架電予約", "booking a callback"))
    info = store.list_by_name(args.list)
    booked = store.add_callback(
        phone,
        list_id=info.id,
        due_at=parse_when(args.at),
        to=args.to,
        anyone=args.anyone,
        by=user,
        note=args.note,
    )
    if args.json:
        print_json(booked.to_json())
    else:
        whom = booked.for_login or in_language("誰でも", "anyone")
        print(
            in_language(
                f"再架電予約 {booked.id}: {_shown(phone)} {_local(booked.due_at)} ({whom})",
                f"callback {booked.id}: {_shown(phone)} at {_local(booked.due_at)} for {whom}",
            )
        )
    return EXIT_OK


def cmd_callbacks_list(args: argparse.Namespace, store: Store) -> int:
    user = acting_user(args, store, "--mine") if args.mine else args.user
    now = datetime.now().astimezone()
    print_items(
        store.callbacks(user=user, mine=args.mine, due=args.due, include_done=args.all, now=now),
        as_json=args.json,
        to_json=lambda c: {**c.to_json(), "overdue": c.is_due(now)},
        headers=[
            "ID",
            in_language("予定日時", "due"),
            in_language("電話番号", "phone"),
            in_language("リスト", "list"),
            in_language("相手", "company / person"),
            in_language("担当", "for"),
            in_language("メモ", "note"),
        ],
        row=lambda c: [
            str(c.id),
            _local(c.due_at)
            + (" !" if c.is_due(now) else "")
            + (in_language(" (済)", " (done)") if c.done_at else ""),
            _shown(c.phone),
            c.list_name or "-",
            " ".join(part for part in (c.company, c.person) if part) or "-",
            c.for_login or in_language("誰でも", "anyone"),
            (c.note or "").replace("\n", " "),
        ],
    )
    return EXIT_OK


def cmd_callbacks_remove(args: argparse.Namespace, store: Store) -> int:
    store.remove_callback(args.id)
    print(in_language(f"再架電予約 {args.id} を削除しました", f"removed callback {args.id}"))
    return EXIT_OK


# --- do-not-call list -----------------------------------------------------------------------------


def cmd_dnc_add(args: argparse.Namespace, store: Store) -> int:
    phones = parse_phones(args.phones)
    added = store.add_dnc(phones, reason=args.reason or "", by=_acting_or_none(args, store))
    print(
        in_language(
            f"発信禁止番号に {added} 件追加しました ({len(phones) - added} 件は登録済み)",
            f"added {added} numbers to the do-not-call list ({len(phones) - added} were on it)",
        )
    )
    return EXIT_OK


def cmd_dnc_remove(args: argparse.Namespace, store: Store) -> int:
    phones = parse_phones(args.phones)
    removed = store.remove_dnc(phones, by=_acting_or_none(args, store))
    print(
        in_language(
            f"発信禁止番号から {removed} 件削除しました",
            f"removed {removed} numbers from the do-not-call list",
        )
    )
    return EXIT_OK


def cmd_dnc_list(args: argparse.Namespace, store: Store) -> int:
    print_items(
        store.dnc_entries(),
        as_json=args.json,
        headers=[
            in_language("電話番号", "phone"),
            in_language("理由", "reason"),
            in_language("登録日時", "added"),
            in_language("登録者", "by"),
        ],
        row=lambda e: [_shown(e.phone), e.reason or "-", _local(e.added_at), e.added_by_login or "-"],
    )
    return EXIT_OK


def cmd_dnc_import(args: argparse.Namespace, store: Store) -> int:
    data = read_input(args.file)
    report = store.import_dnc_csv(
        data,
        encoding=args.encoding,
        reason=args.reason or "",
        by=_acting_or_none(args, store),
        dry_run=args.dry_run,
    )
    if args.json:
        print_json(report.to_json())
    elif report.ok:
        print(
            in_language(
                f"発信禁止番号に {report.added} 件追加しました ({report.already} 件は登録済み)",
                f"added {report.added} numbers to the do-not-call list ({report.already} were on it)",
            )
        )
    else:
        print(
            in_language("取り込みませんでした (何も変更していません):", "not imported (nothing changed):"),
            file=sys.stderr,
        )
        for row, message in report.errors:
            print(in_language(f"  {row} 行目: {message}", f"  row {row}: {message}"), file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_REJECTED


def cmd_dnc_export(args: argparse.Namespace, store: Store) -> int:
    write_output(args.output, store.export_dnc_csv(args.encoding), store)
    return EXIT_OK


# --- history --------------------------------------------------------------------------------------


def cmd_history(args: argparse.Namespace, store: Store) -> int:
    (phone,) = parse_phones([args.phone])
    print_items(
        store.history(phone, limit=args.limit),
        as_json=args.json,
        headers=[
            in_language("日時", "time"),
            in_language("種別", "direction"),
            in_language("結果", "outcome"),
            in_language("担当", "agent"),
            in_language("リスト", "list"),
            in_language("通話時間", "talk"),
            in_language("結果・メモ", "disposition / note"),
        ],
        row=_history_row,
    )
    return EXIT_OK


def _history_row(e: HistoryEntry) -> list[str]:
    if e.kind == "note":
        return [
            _local(e.started_at),
            in_language("メモ", "note"),
            "-",
            e.agent_login or "-",
            "-",
            "-",
            e.note or "",
        ]
    talk = f"{int(e.duration) // 60}:{int(e.duration) % 60:02d}" if e.duration is not None else "-"
    return [
        _local(e.started_at),
        str(e.direction),
        str(e.outcome) if e.outcome else in_language("通話中", "in progress"),
        e.agent_login or "-",
        e.list_name or in_language("(手動)", "(by hand)")
        if e.direction == "outbound"
        else e.list_name or "-",
        talk,
        " / ".join(part for part in (e.disposition, e.note) if part),
    ]
