"""The import's work on the store: read and check a file, save the checked parse.

Plain Python, no Qt: these functions run in a child process of ``import_process`` (which
imports no Qt there, so a child starts without loading it). Each takes the open store first and
reports ``progress(done, total)`` last; the child opens the store on the dialog's database URL
and sends the progress back to the GUI process.

The file is read once: :func:`check_file` parses it, makes the preview's rows from that parse,
checks the parse with the store's dry run, and returns the parse with them; 保存 hands that very
parse back to :func:`save_parsed`, so what is saved is what was checked, whatever happened to
the file since. The parse travels through the GUI process packed (:class:`PackedParse`): that
process only shows the rows, and unpickling and pickling 5,000 records there held its GIL.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from calllist_desktop.core.csv_import import ParsedCsv, parse_targets_csv
from calllist_desktop.core.import_file import read_import_file
from calllist_desktop.core.phone import format_national
from calllist_desktop.store.import_report import ImportReport
from calllist_desktop.store.store import Store

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One row the file would import, as the preview shows it (phone in national form)."""

    row: int
    company: str
    person: str
    phone: str
    categories: str


@dataclass(frozen=True, slots=True)
class PackedParse:
    """A parse, pickled where it was made: one bytes object for the GUI process to hold and hand
    back, opened again in the child process that saves it."""

    data: bytes

    @classmethod
    def pack(cls, parsed: ParsedCsv) -> PackedParse:
        return cls(pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))

    def unpack(self) -> ParsedCsv:
        parsed: ParsedCsv = pickle.loads(self.data)  # noqa: S301 - made by this program's own child
        return parsed


@dataclass(frozen=True, slots=True)
class Preview:
    """A checked file: its parse (what 保存 imports), its rows as shown, and the dry run's report."""

    path: Path
    parsed: PackedParse
    rows: list[PreviewRow]
    report: ImportReport


def check_file(
    store: Store,
    list_id: int,
    path: Path,
    encoding: str,
    assignee: str | None,
    progress: Progress,
) -> Preview:
    """Read ``path`` once and check it: the rows for the table, then the store's dry run of the
    same parse for the counts (reading is the first half of the progress, the dry run the second).

    The dry run runs with the assignee, so that it can say which numbers would move from other
    operators (``reassigned``). A device, a pipe or a file over ``MAX_IMPORT_BYTES`` is refused
    before reading (``ImportFileRefused``).
    """
    data = read_import_file(path)
    parsed = parse_targets_csv(data, encoding, progress=lambda done, total: progress(done, 2 * total))
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
    report = store.import_parsed(
        list_id,
        parsed,
        assignee=assignee,
        dry_run=True,
        progress=lambda done, total: progress(total + done, 2 * total),
    )
    return Preview(path, PackedParse.pack(parsed), rows, report)


def save_parsed(
    store: Store,
    list_id: int,
    parsed: PackedParse,
    assignee: str | None,
    skip_bad_rows: bool,
    progress: Progress,
) -> ImportReport:
    """The real import of a checked parse (see :func:`check_file`)."""
    return store.import_parsed(
        list_id, parsed.unpack(), assignee=assignee, skip_bad_rows=skip_bad_rows, progress=progress
    )
