"""``calllist report``: calls, answered, answer rate, talk time and outcomes per operator, list,
day or hour (SPEC §8, §10), computed in the database (``store.report``).

Without ``--from``/``--to`` the report covers today (the store's time zone, Japan time); with one
of them, the other defaults to the same day (``--from`` alone: up to today).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from calllist_desktop.cli.common import EXIT_OK, CliError, print_json, print_table
from calllist_desktop.cli.files import write_output
from calllist_desktop.core.csv_export import ExportEncodingError
from calllist_desktop.core.i18n import in_language
from calllist_desktop.store.report import Grouping, ReportQuery, ReportRow
from calllist_desktop.store.report_csv import percent, report_csv
from calllist_desktop.store.store import Store


def cmd_report(args: argparse.Namespace, store: Store) -> int:
    today = store.today()
    start: date = args.start or args.end or today
    end: date = args.end or (max(args.start, today) if args.start else start)
    by: Grouping = args.by
    rows = store.report(ReportQuery(start, end, by, list_name=args.list))
    if args.json:
        print_json([row.to_json(by) for row in rows])
        return EXIT_OK
    if args.csv:
        path = write_output(args.output, report_csv_bytes(rows, by, args.encoding), store)
        if path is not None:
            print(
                in_language(f"集計を書き出しました: {path}", f"wrote the report to {path}"), file=sys.stderr
            )
        return EXIT_OK
    _print_text(rows, by, start, end)
    return EXIT_OK


def report_csv_bytes(rows: list[ReportRow], by: Grouping, encoding: str) -> bytes:
    try:
        return report_csv(rows, by, encoding)
    except ExportEncodingError as exc:
        raise CliError(exc.message) from None


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    whole = round(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def _print_text(rows: list[ReportRow], by: Grouping, start: date, end: date) -> None:
    heading = {
        "operator": in_language("担当者", "operator"),
        "list": in_language("リスト", "list"),
        "day": in_language("日付", "day"),
        "hour": in_language("時間帯", "hour"),
    }[by]
    nobody = {
        "operator": in_language("(担当者なし)", "(none)"),
        "list": in_language("(リストなし)", "(none)"),
    }
    span = start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"
    print(in_language(f"集計期間: {span} (日本時間)", f"period: {span} (Japan time)"))
    print_table(
        [
            heading,
            in_language("通話数", "calls"),
            in_language("応答", "answered"),
            in_language("応答率", "rate"),
            in_language("通話時間", "talk"),
            in_language("平均", "mean"),
        ],
        [
            [
                row.label or nobody.get(by, ""),
                str(row.calls),
                str(row.answered),
                percent(row.answer_rate) or "-",
                _duration(row.talk_seconds),
                _duration(row.mean_talk_seconds),
            ]
            for row in rows
        ],
    )
