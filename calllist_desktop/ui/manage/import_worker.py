"""The import dialog's work off the GUI thread: read a CSV file and check it with a dry run.

Plain Python, no Qt: :func:`_check_file` runs under ``run_in_background`` and reports progress
through the callbacks it is given; the dialog turns those into signals on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from calllist_desktop.core.csv_import import parse_targets_csv
from calllist_desktop.core.phone import format_national
from calllist_desktop.store.store import Store
from calllist_desktop.store.views import ImportReport
from calllist_desktop.ui.manage.import_models import PreviewRow

MAX_FILE_BYTES: Final = 64 * 1024 * 1024
"""Larger files are refused before reading: 5,000 targets never need this much."""


@dataclass(frozen=True, slots=True)
class _Preview:
    """A checked file: the bytes read (what 保存 imports), the rows, and the dry run's report."""

    path: Path
    data: bytes
    encoding: str
    rows: list[PreviewRow]
    report: ImportReport


class _Superseded(Exception):
    """A newer check replaced this one, or the dialog was closed: stop working on it."""


class _FileTooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


Progress = Callable[[int, int], None]


def _check_file(
    store: Store, list_id: int, path: Path, encoding: str, rows_progress: Progress, check_progress: Progress
) -> _Preview:
    """Read ``path`` and check it: the rows for the table, then the store's dry run for the counts.

    The dry run parses again (the store takes bytes, not parsed rows); a 5,000-row file costs
    ~0.15 s per parse, not worth a second entry point into the store. It runs without the
    assignee, which changes nothing in what it checks or counts.
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _FileTooLarge(size)
    data = path.read_bytes()
    parsed = parse_targets_csv(data, encoding, progress=rows_progress)
    rows = [
        PreviewRow(
            record.row,
            record.company,
            record.person,
            format_national(record.phone),
            " | ".join(record.categories),
        )
        for record in parsed.records
    ]
    report = store.import_csv(list_id, data, encoding=encoding, dry_run=True, progress=check_progress)
    return _Preview(path, data, encoding, rows, report)
