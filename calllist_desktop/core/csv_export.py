"""Writing a call target list as CSV (SPEC §3).

The file is what Japanese Excel reads and what our importer reads back: the Japanese column
names of :data:`~calllist_desktop.core.columns.EXPORT_COLUMNS`, commas, CRLF line endings,
minimal quoting, phone numbers in the hyphenated national form (03-1234-5678) so that a
spreadsheet keeps the leading 0, and labels always in Japanese (the file format is shared with
the commercial product, whatever language the program speaks).

A value that a spreadsheet would run as a formula gets a leading ``'``
(:func:`neutralize_formula`); the importer takes it off again. A character the chosen encoding
cannot hold is an :class:`ExportEncodingError` naming every such row: nothing is replaced.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from calllist_desktop.core.columns import CATEGORY_SEPARATOR, EXPORT_COLUMNS, FORMULA_TRIGGERS
from calllist_desktop.core.i18n import Language, LocalizedError
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.core.phone import format_national

EXPORT_ENCODINGS = ("utf-8-sig", "utf-8", "cp932")

TARGETED_LABEL = "対象"
EXCLUDED_LABEL = "対象外"

# How many rows and characters an error message names before it says "and N more".
_MESSAGE_LIMIT = 10

_ENCODING_NAMES = {"utf-8-sig": "UTF-8 (BOM)", "utf-8": "UTF-8", "cp932": "CP932 (Shift_JIS)"}


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One target as exported: the contact, its assignee's name, its last call and its exclusion.

    Rows are written in the order given; errors name them by their row number in the file as a
    spreadsheet shows it (the header is row 1, the first row given is row 2).
    """

    phone: str  # E.164
    company: str
    person: str
    categories: tuple[str, ...]
    assignee: str | None
    last_call_type: Direction | None
    last_call_status: Outcome | None
    last_agent: str | None
    last_call_at: datetime | None  # aware
    excluded: bool


class ExportEncodingError(LocalizedError, ValueError):
    """Some values cannot be written in the chosen encoding; nothing was written.

    ``rows`` are the spreadsheet row numbers (header = 1) that hold such characters, in file
    order; ``characters`` the distinct characters that cannot be written, in order of first
    appearance. ``message`` says so in the current language and suggests UTF-8 instead.
    """

    def __init__(self, encoding: str, rows: list[int], characters: str) -> None:
        self.encoding = encoding
        self.rows = rows
        self.characters = characters
        super().__init__(encoding, rows, characters)  # keeps the exception picklable

    def message_in(self, language: Language) -> str:
        """One line in the given language: the encoding, the characters, the rows, and the way out."""
        name = _ENCODING_NAMES.get(self.encoding, self.encoding)
        suggest = not self.encoding.startswith("utf-")
        characters = [_describe_character(ch, language) for ch in self.characters]
        rows = [str(row) for row in self.rows]
        if language == "ja":
            text = (
                f"{name} では書き出せない文字があります: {_limited(characters, '、', ' 他 {} 文字')}。"
                f"該当する行: {_limited(rows, ', ', ' 他 {} 行')}。"
            )
            return text + ("文字コードに UTF-8 (BOM付き) を選んで書き出してください。" if suggest else "")
        text = (
            f"Some characters cannot be written in {name}: {_limited(characters, ', ', ' and {} more')}; "
            f"rows {_limited(rows, ', ', ' and {} more')}."
        )
        return text + (" Export as UTF-8 (with BOM) instead." if suggest else "")


def export_targets_csv(rows: Iterable[ExportRow], encoding: str = "utf-8-sig") -> bytes:
    """The whole file as bytes, or :class:`ExportEncodingError` naming the rows that cannot be encoded.

    ``encoding`` is one of :data:`EXPORT_ENCODINGS`; any other name is a :class:`ValueError`.
    An empty ``rows`` gives just the header.
    """
    return _encode_table(EXPORT_COLUMNS, [_cells(row) for row in rows], encoding)


def export_table_csv(header: Sequence[str], rows: Iterable[Sequence[str]], encoding: str = "utf-8-sig") -> bytes:
    """Any table as a CSV file written the way the list export writes one (commas, CRLF, minimal
    quoting, formula-neutralised cells, one of :data:`EXPORT_ENCODINGS`), or
    :class:`ExportEncodingError` naming the rows the encoding cannot hold. For the report's export."""
    records = [[neutralize_formula(cell) if cell.startswith(_MAY_NEED_QUOTE) else cell for cell in row] for row in rows]
    return _encode_table(header, records, encoding)


def _encode_table(header: Sequence[str], records: list[list[str]], encoding: str) -> bytes:
    if encoding not in EXPORT_ENCODINGS:
        raise ValueError(f"unknown export encoding {encoding!r}; use one of {', '.join(EXPORT_ENCODINGS)}")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(records)
    try:
        return buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        raise _encoding_error([list(header), *records], encoding, first_row=1) from None


def neutralize_formula(value: str) -> str:
    """The value as written to a cell: with a leading ``'`` if a spreadsheet would run it as a formula.

    Triggers are = + - @ tab and CR. A value that reaches a trigger only after leading ``'`` gets
    one more (``'=x`` is written ``''=x``), so the round trip is exact for an importer that takes
    one ``'`` off a value starting with ``'`` whose first character other than ``'`` is a trigger.
    Any other value, even one starting with ``'``, is written as it is.
    """
    if value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def format_local_datetime(moment: datetime) -> str:
    """An aware time as local wall-clock time, ``YYYY-MM-DD HH:MM:SS`` as Excel reads it.

    Seconds are truncated; a naive time is taken to be local already.
    """
    return moment.astimezone().replace(tzinfo=None).isoformat(" ", "seconds")


# The first characters worth a closer look by neutralize_formula (a cheap test on every cell).
_MAY_NEED_QUOTE = ("'", *FORMULA_TRIGGERS)

# Formatting with phonenumbers costs tens of microseconds a number; a list exported again (or a
# number in several lists) is served from here.


def _cells(row: ExportRow) -> list[str]:
    """The row's cells in the order of EXPORT_COLUMNS, formula-neutralised."""
    cells = [
        row.company,
        row.person,
        format_national(row.phone),
        CATEGORY_SEPARATOR.join(row.categories),
        row.assignee or "",
        row.last_call_type.label_ja if row.last_call_type is not None else "",
        row.last_call_status.label_ja if row.last_call_status is not None else "",
        row.last_agent or "",
        format_local_datetime(row.last_call_at) if row.last_call_at is not None else "",
        EXCLUDED_LABEL if row.excluded else TARGETED_LABEL,
    ]
    return [neutralize_formula(cell) if cell.startswith(_MAY_NEED_QUOTE) else cell for cell in cells]


def _encoding_error(records: list[list[str]], encoding: str, first_row: int = 2) -> ExportEncodingError:
    """Find every row and every distinct character that ``encoding`` cannot hold; ``records[0]``
    is row ``first_row`` (the header is row 1)."""
    bad_rows: list[int] = []
    bad_characters: dict[str, None] = {}  # ordered set
    for number, cells in enumerate(records, start=first_row):
        text = "".join(cells)
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            bad_rows.append(number)
            for ch in text:
                if ch in bad_characters:
                    continue
                try:
                    ch.encode(encoding)
                except UnicodeEncodeError:
                    bad_characters[ch] = None
    return ExportEncodingError(encoding, bad_rows, "".join(bad_characters))


def _describe_character(ch: str, language: Language) -> str:
    """「😀」(U+1F600) or "😀" (U+1F600); just U+200B for a character that does not show."""
    code = f"U+{ord(ch):04X}"
    if not ch.isprintable():
        return code
    return f"「{ch}」({code})" if language == "ja" else f'"{ch}" ({code})'


def _limited(items: list[str], separator: str, more: str) -> str:
    """The first items joined, then ``more`` filled with how many were left out."""
    shown = items[:_MESSAGE_LIMIT]
    rest = len(items) - len(shown)
    return separator.join(shown) + (more.format(rest) if rest else "")
