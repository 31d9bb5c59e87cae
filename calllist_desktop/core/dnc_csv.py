"""The do-not-call list (発信禁止番号) as CSV: read a file of numbers, write the list (SPEC §9).

Reading takes the list imports' encodings (UTF-8 with or without BOM, CP932, UTF-16; detected, or
chosen) through the same decoder (``core.csv_import``), and their phone normalisation. A header
row with a 電話番号 / phone column (and optionally 理由 / reason) is used when there is one;
otherwise every row's first cell is a number. Errors name the row as a spreadsheet shows it.
Writing uses the export's encodings, neutralises formulas, and imports again unchanged.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from calllist_desktop.core.csv_export import EXPORT_ENCODINGS, format_local_datetime, neutralize_formula
from calllist_desktop.core.csv_import import _decode, _explicit_encoding
from calllist_desktop.core.i18n import current_language
from calllist_desktop.core.phone import format_national, normalize_phone

PHONE_HEADERS = {"電話番号", "phone", "番号", "number"}
REASON_HEADERS = {"理由", "reason"}
EXPORT_HEADER = ("電話番号", "理由", "登録日時", "登録者")


@dataclass(slots=True)
class ParsedDnc:
    rows: list[tuple[str, str]] = field(default_factory=list)  # (E.164, reason) in file order, no repeats
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row, message)


def _key(cell: str) -> str:
    return unicodedata.normalize("NFKC", cell).strip().strip("\ufeff").strip().casefold()


def _unquote(cell: str) -> str:
    cell = cell.strip()
    return cell[1:] if cell.startswith("'") and cell.lstrip("'")[:1] in ("=", "+", "-", "@") else cell


def parse_dnc_csv(data: bytes, encoding: str = "auto") -> ParsedDnc:
    """The numbers (E.164) and reasons of a do-not-call CSV file, or its errors by row."""
    parsed = ParsedDnc()
    ja = current_language() == "ja"
    try:
        explicit = _explicit_encoding(encoding)
    except ValueError as exc:
        parsed.errors.append((1, str(exc)))
        return parsed
    decoded = _decode(data, explicit)
    if not isinstance(decoded, tuple):
        issues = decoded if isinstance(decoded, list) else [decoded]
        parsed.errors.extend((issue.row, issue.message) for issue in issues)
        return parsed
    text, _ = decoded
    delimiter = "\t" if "\t" in text.split("\n", 1)[0] and "," not in text.split("\n", 1)[0] else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        parsed.errors.append((1, f"CSV を読めません: {exc}" if ja else f"not a readable CSV file: {exc}"))
        return parsed
    phone_column, reason_column, first_row = 0, None, 1
    if records:
        header = [_key(cell) for cell in records[0]]
        if any(name in PHONE_HEADERS for name in header):
            phone_column = next(i for i, name in enumerate(header) if name in PHONE_HEADERS)
            reason_column = next((i for i, name in enumerate(header) if name in REASON_HEADERS), None)
            first_row = 2
            records = records[1:]
    seen: set[str] = set()
    for row, record in enumerate(records, start=first_row):
        if not any(cell.strip() for cell in record):
            continue
        cell = _unquote(record[phone_column]) if phone_column < len(record) else ""
        e164 = normalize_phone(cell).e164 if cell else None
        if e164 is None:
            shown = cell or ("(空)" if ja else "(empty)")
            parsed.errors.append((row, f"電話番号が正しくありません: {shown}" if ja else f"not a valid phone number: {shown}"))
            continue
        if e164 in seen:
            continue
        seen.add(e164)
        reason = _unquote(record[reason_column]) if reason_column is not None and reason_column < len(record) else ""
        parsed.rows.append((e164, reason))
    return parsed


def export_dnc_csv(entries: Iterable[tuple[str, str, datetime, str | None]], encoding: str = "utf-8-sig") -> bytes:
    """``(phone, reason, added_at, added_by)`` rows as a CSV file ``parse_dnc_csv`` reads back.

    A character the encoding cannot hold is a :class:`ValueError` naming the row.
    """
    if encoding not in EXPORT_ENCODINGS:
        raise ValueError(f"unknown export encoding {encoding!r}; use one of {', '.join(EXPORT_ENCODINGS)}")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADER)
    rows = [
        [
            format_national(phone) if phone.startswith("+81") else phone,
            neutralize_formula(reason),
            format_local_datetime(added_at),
            neutralize_formula(added_by or ""),
        ]
        for phone, reason, added_at, added_by in entries
    ]
    writer.writerows(rows)
    try:
        return buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        bad = []
        for index, cells in enumerate(rows, start=2):
            try:
                ",".join(cells).encode(encoding)
            except UnicodeEncodeError:
                bad.append(str(index))
        raise ValueError(
            f"rows {', '.join(bad[:10])} hold characters {encoding} cannot encode: export as UTF-8 (with BOM)"
        ) from None
