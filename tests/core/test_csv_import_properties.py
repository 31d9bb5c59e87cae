"""Properties of the CSV reader over generated input: it never raises, and what it says is sane."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from calllist_desktop.core.columns import FORMULA_TRIGGERS, IMPORT_COLUMNS
from calllist_desktop.core.csv_import import ENCODINGS, ParsedCsv, parse_targets_csv
from calllist_desktop.core.i18n import LANGUAGES
from calllist_desktop.core.issues import IssueCode
from calllist_desktop.core.phone import format_national

SETTINGS = settings(max_examples=200, deadline=None, database=None)

HEADER_BYTES = (",".join(IMPORT_COLUMNS) + "\r\n").encode()

# Text as people put it in cells: anything but control characters (tab, CR and LF allowed).
cell_text = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\r\n\u3000'=+-@|"), max_size=12
)
any_cell = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12)


def assert_sane(parsed: ParsedCsv, record_count: int | None = None) -> None:
    """Codes known, errors and warnings where they belong, rows in range, messages that format."""
    assert parsed.ok == (not parsed.errors)
    for issue in parsed.errors + parsed.warnings:
        assert isinstance(issue.code, IssueCode)
        assert issue.row >= 1
        if record_count is not None:
            assert issue.row <= record_count
        for language in LANGUAGES:
            issue.message_in(language)
    assert all(issue.is_error for issue in parsed.errors)
    assert not any(issue.is_error for issue in parsed.warnings)
    error_rows = {issue.row for issue in parsed.errors}
    record_rows = [record.row for record in parsed.records]
    assert not error_rows & set(record_rows)  # records only from rows without errors
    assert record_rows == sorted(set(record_rows))
    assert all(row >= 2 for row in record_rows)
    assert len({record.phone for record in parsed.records}) == len(parsed.records)


@SETTINGS
@given(data=st.binary(max_size=400), encoding=st.sampled_from(ENCODINGS))
def test_arbitrary_bytes_never_raise(data: bytes, encoding: str) -> None:
    assert_sane(parse_targets_csv(data, encoding=encoding))


@SETTINGS
@given(tail=st.binary(max_size=400))
def test_arbitrary_bytes_after_a_valid_header_never_raise(tail: bytes) -> None:
    assert_sane(parse_targets_csv(HEADER_BYTES + tail))


@SETTINGS
@given(
    rows=st.lists(st.lists(any_cell, max_size=6), max_size=12),
    delimiter=st.sampled_from([",", "\t"]),
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_csv_of_arbitrary_cells_never_raises_and_rows_are_in_range(
    rows: list[list[str]], delimiter: str, codec: str
) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(IMPORT_COLUMNS)
    writer.writerows(rows)
    parsed = parse_targets_csv(out.getvalue().encode(codec))
    assert_sane(parsed, record_count=1 + len(rows))


def expected_cell(text: str) -> str:
    value = text.strip()
    if value.startswith("'") and value[1:2] in FORMULA_TRIGGERS and value[1:2]:
        return value[1:]
    return value


@SETTINGS
@given(names=st.lists(st.tuples(cell_text, cell_text, cell_text), min_size=1, max_size=10))
def test_values_come_back_as_written(names: list[tuple[str, str, str]]) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(IMPORT_COLUMNS)
    phones = [f"+8131234{index:04d}" for index in range(len(names))]
    for (company, person, categories), phone in zip(names, phones, strict=True):
        writer.writerow([company, person, format_national(phone), categories])
    parsed = parse_targets_csv(out.getvalue().encode("utf-8"))
    assert_sane(parsed, record_count=1 + len(names))

    expected_ok = [bool(expected_cell(company) or expected_cell(person)) for company, person, _ in names]
    assert [record.row for record in parsed.records] == [i + 2 for i, ok in enumerate(expected_ok) if ok]
    assert {(issue.row, issue.code) for issue in parsed.errors} == {
        (i + 2, IssueCode.MISSING_NAME) for i, ok in enumerate(expected_ok) if not ok
    }
    for record in parsed.records:
        company, person, categories = names[record.row - 2]
        assert record.phone == phones[record.row - 2]
        assert (record.company, record.person) == (expected_cell(company), expected_cell(person))
        parts = [part.strip() for part in expected_cell(categories).split("|")]
        assert record.categories == tuple(dict.fromkeys(part for part in parts if part))
