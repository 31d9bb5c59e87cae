"""The import's errors and warnings as a CSV report file the user keeps (レポートを保存).

Plain Python: the dialog asks where, and runs :func:`write_issues_report` off the GUI thread.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from calllist_desktop.core.issues import ImportIssue
from calllist_desktop.store import output

REPORT_COLUMNS: Final = ("行", "列", "コード", "内容")


def issues_report_csv(issues: Sequence[ImportIssue]) -> bytes:
    """The errors and warnings as a CSV report: UTF-8 with BOM (Excel opens it), 行, 列, コード, 内容."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    for issue in issues:
        writer.writerow([issue.row, issue.column or "", str(issue.code), issue.message])
    return buffer.getvalue().encode("utf-8-sig")


def report_path(chosen: str) -> Path:
    """The file for a name the user chose: ``.csv`` added when the name has no suffix."""
    path = Path(chosen)
    return path if path.suffix else path.with_suffix(".csv")


def write_issues_report(path: Path, issues: Sequence[ImportIssue], protected: Sequence[Path] = ()) -> Path:
    """Write the report to ``path``, whole or not at all, never over the store's files
    (``protected``); gives ``path``."""
    output.write_bytes(path, issues_report_csv(issues), protected)
    return path
