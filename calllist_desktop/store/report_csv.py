"""A report as a CSV file (SPEC §10 "export as CSV"): what ``calllist report --csv`` prints and
the window's 分析 tab saves, in the encodings and the way of the list export
(``core.csv_export.export_table_csv``: commas, CRLF, formula-neutralised cells, Japanese column
names whatever language the program speaks).

Columns: the group (担当者 with its ログイン, リスト, 日付 or 時間帯), 通話数, 応答数, 応答率 (a
percentage with one decimal, ``50.0%``, which spreadsheets read as a number), 通話時間(秒) and
平均通話時間(秒) (one decimal), one column per outcome of SPEC §1 in its order (zeros included,
so the columns are the same in every file), then ``結果:NAME`` per disposition present.
"""

from __future__ import annotations

from collections.abc import Sequence

from calllist_desktop.core.csv_export import export_table_csv
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.store.report import Grouping, ReportRow

GROUP_COLUMNS: dict[Grouping, tuple[str, ...]] = {
    "operator": ("担当者", "ログイン"),
    "list": ("リスト",),
    "day": ("日付",),
    "hour": ("時間帯",),
}
FIGURE_COLUMNS = ("通話数", "応答数", "応答率", "通話時間(秒)", "平均通話時間(秒)")
DISPOSITION_PREFIX = "結果:"
NO_GROUP_LABEL: dict[Grouping, str] = {
    "operator": "(担当者なし)",
    "list": "(リストなし)",
    "day": "",
    "hour": "",
}
"""What the group cell says for calls without an operator / list (key ``""``)."""


def percent(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.1f}%"


def seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def report_csv(rows: Sequence[ReportRow], by: Grouping, encoding: str = "utf-8-sig") -> bytes:
    """The report's rows as CSV bytes; ``ExportEncodingError`` names rows ``encoding`` cannot hold."""
    dispositions = sorted({name for row in rows for name in row.by_disposition})
    header = [
        *GROUP_COLUMNS[by],
        *FIGURE_COLUMNS,
        *(outcome.label_ja for outcome in Outcome),
        *(DISPOSITION_PREFIX + name for name in dispositions),
    ]
    records = []
    for row in rows:
        group = [row.label or NO_GROUP_LABEL[by]] + ([row.key] if by == "operator" else [])
        records.append(
            [
                *group,
                str(row.calls),
                str(row.answered),
                percent(row.answer_rate),
                seconds(row.talk_seconds),
                seconds(row.mean_talk_seconds),
                *(str(row.by_outcome.get(outcome, 0)) for outcome in Outcome),
                *(str(row.by_disposition.get(name, 0)) for name in dispositions),
            ]
        )
    return export_table_csv(header, records, encoding)
