"""The import dialog's work off the GUI thread: read a CSV file and check it with a dry run.

Plain Python, no Qt: :func:`_check_file` runs under ``run_in_background`` and reports progress
through the callbacks it is given; the dialog turns those into signals on the GUI thread.

Usually the work runs in a child process instead (``import_process``), so that parsing and the
store's Python code never hold the GUI process's GIL: :func:`check_in_child` and
:func:`import_in_child` run there, open their own store on the dialog's database URL, send
progress as ``(token, value)`` through the queue :func:`init_child` was given, and return plain
picklable values. This module imports no Qt, so a child starts without loading it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from calllist_desktop.core.csv_import import parse_targets_csv
from calllist_desktop.core.import_file import read_import_file
from calllist_desktop.core.phone import format_national
from calllist_desktop.store.deferred import StoreApi
from calllist_desktop.store.import_report import ImportReport
from calllist_desktop.store.store import Store

_STORES_KEPT: Final = 4  # stores a child keeps open (one per database URL it was asked about)


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One row the file would import, as the preview shows it (phone in national form)."""

    row: int
    company: str
    person: str
    phone: str
    categories: str


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


Progress = Callable[[int, int], None]


def _check_file(
    store: StoreApi,
    list_id: int,
    path: Path,
    encoding: str,
    assignee: str | None,
    rows_progress: Progress,
    check_progress: Progress,
) -> _Preview:
    """Read ``path`` and check it: the rows for the table, then the store's dry run for the counts.

    The dry run parses again (the store takes bytes, not parsed rows); a 5,000-row file costs
    ~0.15 s per parse, not worth a second entry point into the store. It runs with the assignee,
    so that it can say which numbers would move from other operators (``reassigned``).
    A device, a pipe or a file over ``MAX_IMPORT_BYTES`` is refused before reading
    (``ImportFileRefused``).
    """
    data = read_import_file(path)
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
    report = store.import_csv(
        list_id, data, assignee=assignee, encoding=encoding, dry_run=True, progress=check_progress
    )
    return _Preview(path, data, encoding, rows, report)


# --- in a child process -------------------------------------------------------------------------

_progress_queue: Any = None  # the queue progress goes back through (set by init_child)
_stores: dict[str, Store] = {}  # open stores by URL, oldest first


def init_child(progress_queue: Any) -> None:
    """A child process's initializer: remember where progress goes."""
    global _progress_queue
    _progress_queue = progress_queue


def _store_at(url: str) -> Store:
    store = _stores.get(url)
    if store is None:
        while len(_stores) >= _STORES_KEPT:
            _stores.pop(next(iter(_stores))).close()
        store = _stores[url] = Store.open(url)
    return store


def _queued_progress(token: int, start: int, span: int) -> Progress:
    """A ``progress(done, total)`` that sends ``(token, start + span * done / total)`` to the
    GUI process, only when that value changes."""
    last = -1

    def progress(done: int, total: int) -> None:
        nonlocal last
        value = start + (span * done // total if total else span)
        if value != last and _progress_queue is not None:
            last = value
            _progress_queue.put((token, value))

    return progress


def check_in_child(
    token: int,
    url: str,
    list_id: int,
    path: Path,
    encoding: str,
    assignee: str | None,
    spans: tuple[tuple[int, int], tuple[int, int]],
) -> _Preview:
    """:func:`_check_file` in a child process, on the store at ``url``; ``spans`` are the
    (start, span) of the progress values for reading the rows and for the dry run."""
    (rows_start, rows_span), (check_start, check_span) = spans
    return _check_file(
        _store_at(url),
        list_id,
        path,
        encoding,
        assignee,
        _queued_progress(token, rows_start, rows_span),
        _queued_progress(token, check_start, check_span),
    )


def import_in_child(
    token: int,
    url: str,
    list_id: int,
    data: bytes,
    assignee: str | None,
    encoding: str,
    skip_bad_rows: bool,
    span: tuple[int, int],
) -> ImportReport:
    """The real import in a child process, on the store at ``url``."""
    return _store_at(url).import_csv(
        list_id,
        data,
        assignee=assignee,
        encoding=encoding,
        skip_bad_rows=skip_bad_rows,
        progress=_queued_progress(token, *span),
    )
