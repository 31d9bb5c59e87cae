"""Reading a call target CSV: decoding, header, rows, and every rule of SPEC §2.

The reader never raises for what a file contains: every problem comes back as an
:class:`~calllist_desktop.core.issues.ImportIssue` with the row number a spreadsheet shows
(header = row 1, one row per CSV record, blank lines counted), so the import preview, the
store and the CLI can list them all at once. Whether the list has room for the file is a
separate question (:func:`check_capacity`), as only the store knows what the list holds.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from calllist_desktop.core.columns import (
    ALIASES,
    ASSIGNEE,
    CATEGORIES,
    CATEGORY_SEPARATORS,
    COMPANY,
    FORMULA_TRIGGERS,
    IMPORT_COLUMNS,
    MAX_CATEGORIES,
    MAX_TARGETS_PER_LIST,
    OPTIONAL_ALIASES,
    OPTIONAL_IMPORT_COLUMNS,
    PERSON,
    PHONE,
    TARGETED,
)
from calllist_desktop.core.issues import ROW_ERROR_CODES, ImportIssue, IssueCode
from calllist_desktop.core.phone import (
    NormalizedPhone,
    format_national,
    is_known_region,
    normalize_phone,
    split_extension,
)

ENCODINGS = ("auto", "utf-8", "cp932", "utf-16")


@dataclass(frozen=True, slots=True)
class TargetRecord:
    """One valid data row: the phone in E.164 and the cleaned values; ``row`` as a spreadsheet shows it.

    ``assignee`` is the 発信担当者 cell (a login or a display name, for the store to look up) and
    ``excluded`` the 発信対象 flag, when the file has those columns (an exported file does) and
    the cell says something; ``None`` leaves the number's assignee and the target's flag as they are.
    """

    row: int
    phone: str
    company: str
    person: str
    categories: tuple[str, ...]
    assignee: str | None = None
    excluded: bool | None = None


@dataclass(slots=True)
class ParsedCsv:
    """What the reader made of a file: the valid records, and every error and warning found.

    ``encoding`` is the one used (``utf-8-sig``, ``utf-8``, ``cp932`` or ``utf-16``), ``delimiter``
    ``","`` or ``"\\t"``; both are ``None`` when the file could not be read at all.
    """

    encoding: str | None
    delimiter: str | None
    records: list[TargetRecord] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows_only(self) -> bool:
        """Every error is one of a row (the rows without errors may be imported on their own):
        no header, unreadable or list-wide problem among them."""
        return all(issue.code in ROW_ERROR_CODES for issue in self.errors)


# How often ``progress`` is told, in data rows.
_PROGRESS_EVERY = 500

# Names have no length limit, so no cell may be refused for its size (the csv default is 128 KiB).
# 2**31 - 1 fits the C long that ``field_size_limit`` takes on every platform.
_FIELD_SIZE_LIMIT = 2**31 - 1

# Control characters that never occur in a text file (tab, CR and LF excepted): their presence
# means a binary file (an .xlsx chosen by mistake) or the wrong encoding. C1 controls are included
# because CP932 decodes a stray 0x80 byte to U+0080.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Codec names (as ``codecs.lookup`` spells them) accepted for an explicit ``encoding``.
_EXPLICIT_ENCODINGS = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8",
    "cp932": "cp932",
    # Shift_JIS as Excel writes it is CP932; strict shift_jis would reject ①, ㈱ and 髙.
    "shift_jis": "cp932",
    "utf-16": "utf-16",
}

# How an encoding is named in messages.
_ENCODING_LABELS = {
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-8": "UTF-8",
    "cp932": "CP932 (Shift_JIS)",
    "utf-16": "UTF-16",
}
_AUTO_LABEL = "UTF-8 / CP932 / UTF-16"

_DELIMITERS = (",", "\t")  # in order of preference when both fit the header equally

# Header cell (NFKC-folded, trimmed, case-folded) -> canonical column name.
_HEADER_NAMES: dict[str, str] = {name.casefold(): name for name in IMPORT_COLUMNS + OPTIONAL_IMPORT_COLUMNS}
_HEADER_NAMES.update((alias.casefold(), name) for alias, name in (ALIASES | OPTIONAL_ALIASES).items())

# 発信対象 as export writes it -> the target's excluded flag.
_TARGETED_VALUES = {"対象": False, "対象外": True}

# A file that fails to decode as UTF-8 is still taken for UTF-8 with a few bad bytes (and refused,
# never read as CP932 into mojibake) when its valid characters of three or more bytes (kana and
# kanji in UTF-8) outnumber its bad bytes this many times. CP932 text that happens to hold valid
# UTF-8 sequences has at most about one per bad byte, and far fewer in text of any length.
_UTF8_CHARACTERS_PER_BAD_BYTE = 4

_FORMULA_TRIGGERS = frozenset(FORMULA_TRIGGERS)
_NO_PHONE = NormalizedPhone(None)

_EXPECTED_COLUMNS = ", ".join(IMPORT_COLUMNS)
_NONE_LISTED = "-"


def parse_targets_csv(
    data: bytes,
    encoding: str = "auto",
    region: str = "JP",
    progress: Callable[[int, int], None] | None = None,
) -> ParsedCsv:
    """Decode and validate a whole file. Never raises for bad input: problems come back as issues.

    ``encoding`` is ``"auto"`` or one of :data:`ENCODINGS` (an unknown name is a programming
    error and raises ``ValueError``, as does an unknown ``region``). ``progress(done, total)`` is
    called every few hundred data rows and once at the end; ``total`` is the number of CSV records
    after the header. An exception it raises (a UI's "cancel") propagates.
    """
    explicit = _explicit_encoding(encoding)
    region = region.upper()
    if not is_known_region(region):
        raise ValueError(f"unknown region {region!r}")

    decoded = _decode(data, explicit)
    if isinstance(decoded, ImportIssue):
        return ParsedCsv(None, None, errors=[decoded])
    if isinstance(decoded, list):
        return ParsedCsv(None, None, errors=decoded)
    text, used_encoding = decoded
    if _CONTROL_CHARACTERS.search(text):
        return ParsedCsv(None, None, errors=[_unreadable(1, used_encoding)])

    _ensure_field_size_limit()
    delimiter, header = _choose_delimiter(text)
    if header is None:
        return ParsedCsv(used_encoding, None, errors=[_missing_header()])
    columns = _match_header(header)
    if isinstance(columns, ImportIssue):
        return ParsedCsv(used_encoding, delimiter, errors=[columns])

    records = _read_records(text, delimiter)
    if isinstance(records, int):
        return ParsedCsv(used_encoding, delimiter, errors=[_unreadable(records, used_encoding)])

    result = ParsedCsv(used_encoding, delimiter)
    _check_rows(records, columns, region, progress, result)
    return result


def check_capacity(
    records: Sequence[TargetRecord], phones_in_list: Collection[str], limit: int = MAX_TARGETS_PER_LIST
) -> list[ImportIssue]:
    """``list_full`` errors if adding the records' new phones would take the list past ``limit``.

    A phone already in the list overwrites its target and takes no room. The one error sits on
    the row of the first record that goes over the limit.
    """
    in_list = phones_in_list if isinstance(phones_in_list, (set, frozenset)) else set(phones_in_list)
    new_phones: set[str] = set()
    first_row_over: int | None = None
    for record in records:
        if record.phone in in_list or record.phone in new_phones:
            continue
        new_phones.add(record.phone)
        if first_row_over is None and len(in_list) + len(new_phones) > limit:
            first_row_over = record.row
    if first_row_over is None:
        return []
    params = {"limit": limit, "in_list": len(in_list), "adding": len(new_phones)}
    return [ImportIssue(first_row_over, None, IssueCode.LIST_FULL, params)]


# --- decoding ------------------------------------------------------------------------------


def _explicit_encoding(encoding: str) -> str | None:
    """``None`` for automatic detection, else the codec to decode with; ``ValueError`` if unknown."""
    if encoding.strip().lower() == "auto":
        return None
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        name = ""
    if name not in _EXPLICIT_ENCODINGS:
        raise ValueError(f"unsupported encoding {encoding!r}; use one of {', '.join(ENCODINGS)}")
    return _EXPLICIT_ENCODINGS[name]


def _decode(data: bytes, explicit: str | None) -> tuple[str, str] | ImportIssue | list[ImportIssue]:
    """The text and the encoding it was read with, or the ``unreadable_file`` issues."""
    if explicit is None:
        if data.startswith(codecs.BOM_UTF8):
            candidates = ["utf-8-sig"]
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            candidates = ["utf-16"]
        else:
            candidates = ["utf-8", "cp932"]
    elif explicit == "utf-8" and data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    else:
        candidates = [explicit]
    for candidate in candidates:
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            if candidate.startswith("utf-8") and _mostly_utf8(data):
                return _bad_bytes(data, candidate)
            continue
    label = _AUTO_LABEL if explicit is None else _ENCODING_LABELS[candidates[0]]
    return ImportIssue(1, None, IssueCode.UNREADABLE_FILE, {"encoding": label})


def _mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 are still UTF-8 text with a few bad bytes in it."""
    text = data.decode("utf-8", "surrogateescape")
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    wide = sum(1 for ch in text if ch >= "\u0800" and not "\ud800" <= ch <= "\udfff")
    return wide >= _UTF8_CHARACTERS_PER_BAD_BYTE * bad


def _bad_bytes(data: bytes, encoding: str) -> list[ImportIssue]:
    """One ``unreadable_file`` error for each row (as a spreadsheet counts them) holding bytes
    that are not UTF-8, naming those bytes and every such row."""
    text = data.decode(encoding, "surrogateescape")
    found: dict[int, list[str]] = {}  # row -> its bad bytes, as 0x93
    for row, record in enumerate(_records_for_positions(text), start=1):
        for ch in record:
            if "\udc80" <= ch <= "\udcff":
                found.setdefault(row, []).append(f"0x{ord(ch) - 0xDC00:02X}")
    rows = ", ".join(str(row) for row in found)
    return [
        ImportIssue(
            row,
            None,
            IssueCode.UNREADABLE_FILE,
            {"encoding": "UTF-8", "bytes": " ".join(bad[:8]), "rows": rows},
        )
        for row, bad in found.items()
    ]


def _records_for_positions(text: str) -> list[str]:
    """The text of each CSV record (blank lines included), to tell which row a character is on;
    the physical lines when the text is no well-formed CSV."""
    records: list[str] = []
    try:
        for record in csv.reader(io.StringIO(text, newline="")):
            records.append("".join(record))
    except csv.Error:
        return text.splitlines()
    return records


def _unreadable(row: int, encoding: str) -> ImportIssue:
    return ImportIssue(row, None, IssueCode.UNREADABLE_FILE, {"encoding": _ENCODING_LABELS[encoding]})


def _missing_header() -> ImportIssue:
    return ImportIssue(1, None, IssueCode.MISSING_HEADER, {"expected": _EXPECTED_COLUMNS})


# --- header --------------------------------------------------------------------------------


def _ensure_field_size_limit() -> None:
    if csv.field_size_limit() < _FIELD_SIZE_LIMIT:
        csv.field_size_limit(_FIELD_SIZE_LIMIT)


def _header_key(cell: str) -> str:
    return unicodedata.normalize("NFKC", cell).strip().strip("\ufeff").strip().casefold()


def _known_names(cells: list[str]) -> int:
    return sum(1 for cell in cells if _header_key(cell) in _HEADER_NAMES)


def _choose_delimiter(text: str) -> tuple[str, list[str] | None]:
    """The delimiter whose reading of the first record names the most known columns (comma on a
    tie), and that first record; ``None`` for the record when there is none or it is blank."""
    best_delimiter, best_header, best_score = _DELIMITERS[0], None, -1
    for delimiter in _DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = next(reader)
        except (StopIteration, csv.Error):
            return delimiter, None
        score = _known_names(header)
        if score > best_score:
            best_delimiter, best_header, best_score = delimiter, header, score
    return best_delimiter, best_header or None


def _match_header(header: list[str]) -> tuple[int, ...] | ImportIssue:
    """The indexes of company, person, phone, categories, assignee and targeted (-1 for an optional
    column the file lacks), or the header's problem."""
    found: dict[str, list[int]] = {}
    for index, cell in enumerate(header):
        name = _HEADER_NAMES.get(_header_key(cell))
        if name is not None:
            found.setdefault(name, []).append(index)
    if not found:
        return _missing_header()
    missing = [name for name in IMPORT_COLUMNS if name not in found]
    duplicated = [name for name in IMPORT_COLUMNS + OPTIONAL_IMPORT_COLUMNS if len(found.get(name, ())) > 1]
    if missing or duplicated:
        params = {
            "missing": ", ".join(missing) or _NONE_LISTED,
            "duplicated": ", ".join(duplicated) or _NONE_LISTED,
            "expected": _EXPECTED_COLUMNS,
        }
        return ImportIssue(1, None, IssueCode.BAD_HEADER, params)
    optional = (found.get(name, [-1])[0] for name in (ASSIGNEE, TARGETED))
    return found[COMPANY][0], found[PERSON][0], found[PHONE][0], found[CATEGORIES][0], *optional


# --- records -------------------------------------------------------------------------------


def _read_records(text: str, delimiter: str) -> list[list[str]] | int:
    """Every CSV record (``[]`` for a blank line), header included, or the row where reading failed.

    Read strictly first, to notice a quoted value that is never closed (it would swallow the rest
    of the file); other strict complaints (``"Taro" Yamada``) are then read leniently, as Excel does.
    """
    records: list[list[str]] = []
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            records.append(record)
        return records
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            return len(records) + 1
    records = []
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            records.append(record)
    except csv.Error:
        return len(records) + 1
    return records


def _clean(cell: str) -> str:
    """Trim (full-width spaces too) and take off the ``'`` the exporter puts before a value that
    reaches a formula's first character after its leading ``'`` (``'=x`` -> ``=x``, ``''=x`` ->
    ``'=x``), the inverse of ``core.csv_export.neutralize_formula``."""
    value = cell.strip()
    if value[:1] == "'" and value.lstrip("'")[:1] in _FORMULA_TRIGGERS and value.lstrip("'"):
        return value[1:]
    return value


def _categories(text: str) -> dict[str, None]:
    """The distinct categories of a cell, split on ``|`` or ``｜``, trimmed, blanks dropped."""
    for separator in CATEGORY_SEPARATORS[1:]:
        text = text.replace(separator, CATEGORY_SEPARATORS[0])
    unique = dict.fromkeys(map(str.strip, text.split(CATEGORY_SEPARATORS[0])))
    unique.pop("", None)
    return unique


def _check_rows(
    records: list[list[str]],
    columns: tuple[int, ...],
    region: str,
    progress: Callable[[int, int], None] | None,
    result: ParsedCsv,
) -> None:
    """Apply the row rules to every data record, filling ``result``."""
    i_company, i_person, i_phone, i_categories, i_assignee, i_targeted = columns
    width = max(columns) + 1
    total = len(records) - 1
    errors = result.errors
    warnings = result.warnings
    candidates: list[TargetRecord] = []
    first_seen: dict[str, tuple[int, str]] = {}  # E.164 -> (row, phone text) of its first row
    repeated: dict[str, list[tuple[int, str]]] = {}  # E.164 -> every (row, text), when repeated
    data_rows = 0

    for index in range(1, len(records)):
        if progress is not None and (index - 1) % _PROGRESS_EVERY == 0:
            progress(index - 1, total)
        record = records[index]
        if not record:
            continue  # a blank line: skipped, but it keeps its row number
        if len(record) < width:
            record = record + [""] * (width - len(record))
        company = _clean(record[i_company])
        person = _clean(record[i_person])
        phone_text = _clean(record[i_phone])
        categories_text = _clean(record[i_categories])
        if not (company or person or phone_text or categories_text) and not any(
            cell.strip() for cell in record
        ):
            continue  # ",,," is how a spreadsheet writes a blank row
        row = index + 1
        data_rows += 1
        row_ok = True

        if not (company or person):
            errors.append(ImportIssue(row, None, IssueCode.MISSING_NAME))
            row_ok = False

        number_text, extension = split_extension(phone_text) if phone_text else ("", None)
        normalized = normalize_phone(number_text, region) if number_text else _NO_PHONE
        e164 = normalized.e164
        if e164 is None:
            errors.append(ImportIssue(row, PHONE, IssueCode.INVALID_PHONE, {"phone": phone_text}))
            row_ok = False
        else:
            if extension is not None:
                params = {"phone": phone_text, "extension": extension, "number": format_national(e164)}
                warnings.append(ImportIssue(row, PHONE, IssueCode.EXTENSION_DROPPED, params))
            if normalized.restored_leading_zero:
                params = {"phone": phone_text, "restored": format_national(e164)}
                warnings.append(ImportIssue(row, PHONE, IssueCode.LEADING_ZERO_RESTORED, params))
            first = first_seen.get(e164)
            if first is None:
                first_seen[e164] = (row, phone_text)
            else:
                repeated.setdefault(e164, [first]).append((row, phone_text))

        categories: tuple[str, ...] = ()
        if categories_text:
            unique = _categories(categories_text)
            if len(unique) > MAX_CATEGORIES:
                counts = {"count": len(unique), "limit": MAX_CATEGORIES}
                errors.append(ImportIssue(row, CATEGORIES, IssueCode.TOO_MANY_CATEGORIES, counts))
                row_ok = False
            categories = tuple(unique)

        assignee = _clean(record[i_assignee]) or None if i_assignee >= 0 else None
        excluded: bool | None = None
        targeted = _clean(record[i_targeted]) if i_targeted >= 0 else ""
        if targeted:
            excluded = _TARGETED_VALUES.get(unicodedata.normalize("NFKC", targeted))
            if excluded is None:
                params = {"value": targeted, "targeted": "対象", "excluded": "対象外"}
                warnings.append(ImportIssue(row, TARGETED, IssueCode.UNKNOWN_TARGETED, params))

        if row_ok and e164 is not None:
            candidates.append(TargetRecord(row, e164, company, person, categories, assignee, excluded))

    for e164, group in repeated.items():
        rows = ", ".join(str(row) for row, _ in group)
        number = format_national(e164)
        for row, text in group:
            params = {"phone": text, "number": number, "rows": rows}
            errors.append(ImportIssue(row, PHONE, IssueCode.DUPLICATE_PHONE, params))
    if repeated:
        errors.sort(key=lambda issue: issue.row)  # stable: within a row, the order of the rules
        candidates = [record for record in candidates if record.phone not in repeated]

    if data_rows == 0:
        warnings.append(ImportIssue(1, None, IssueCode.NO_ROWS))
    result.records = candidates
    if progress is not None:
        progress(total, total)
