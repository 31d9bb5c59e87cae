"""The rules SPEC §2 and §3 gained with issue 16 (items 15 and 16): a UTF-8 file with stray bytes
is refused naming their rows, never read as CP932; ｜ separates categories; an extension is dropped
with a warning in every spelling; the 発信担当者 and 発信対象 columns are read; a value's leading
``'`` comes off exactly once."""

from __future__ import annotations

import pytest

from calllist_desktop.core.columns import ASSIGNEE, EXPORT_COLUMNS, PHONE, TARGETED
from calllist_desktop.core.csv_export import ExportRow, export_targets_csv, neutralize_formula
from calllist_desktop.core.csv_import import TargetRecord, parse_targets_csv
from calllist_desktop.core.issues import IssueCode

HEADER = "取引先会社名,取引先担当者名,電話番号,カテゴリー"
ENGLISH_HEADER = "company,person,phone,categories"


def lines(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join((header, *rows)) + "\r\n").encode("utf-8")


# --- a UTF-8 file with stray bytes -------------------------------------------------------------


def issue_file() -> bytes:
    """The case of the issue: UTF-8, an English header, one stray byte (0x93) in row 3. Its kana
    in UTF-8 happen to be CP932 too, so read as CP932 it decodes without error, into mojibake."""
    rows = [f"Acme {i},サクラ,03-1234-{5600 + i},カタログ" for i in range(5)]
    rows[1] = rows[1].replace("サクラ", "\udc93サクラ")
    text = "\r\n".join((ENGLISH_HEADER, *rows)) + "\r\n"
    return text.encode("utf-8", "surrogateescape")


def test_utf8_with_an_english_header_and_one_stray_byte_is_refused_naming_its_row() -> None:
    data = issue_file()
    assert "繧ｵ繧ｯ繝ｩ" in data.decode("cp932")  # what was read before: mojibake, and no warning
    parsed = parse_targets_csv(data)
    assert [(issue.row, issue.code) for issue in parsed.errors] == [(3, IssueCode.UNREADABLE_FILE)]
    assert not parsed.records and parsed.encoding is None
    message = parsed.errors[0].message_in("en")
    assert "0x93" in message and "rows 3" in message
    assert "0x93" in parsed.errors[0].message_in("ja") and "該当する行: 3" in parsed.errors[0].message_in("ja")


def test_every_row_with_bad_bytes_is_named_by_its_spreadsheet_row() -> None:
    rows = [f"会社{i},担当{i},03-1234-{5600 + i},カテゴリ" for i in range(8)]
    rows.insert(2, '"複数行の\r\n会社",担当,03-1234-5700,')  # row 4 spans two lines
    text = lines(*rows)
    text = text.replace("会社5".encode(), "会社5".encode() + b"\xff").replace("担当7".encode(), b"\xc3" + "担当7".encode())
    parsed = parse_targets_csv(text)
    assert [issue.row for issue in parsed.errors] == [8, 10]
    assert all(issue.code is IssueCode.UNREADABLE_FILE for issue in parsed.errors)
    assert all(issue.params["rows"] == "8, 10" for issue in parsed.errors)


def test_cp932_files_are_still_read_as_cp932() -> None:
    rows = ["㈱髙橋工務店,髙橋 誠,090-1234-5678,イベント", "ｶﾌﾞｼｷｶﾞｲｼｬ ﾃｽﾄ,ﾀﾅｶ ﾀﾛｳ,03-1234-5678,ｿﾌﾄ"]
    data = ("\r\n".join((HEADER, *rows)) + "\r\n").encode("cp932")
    parsed = parse_targets_csv(data)
    assert parsed.ok and parsed.encoding == "cp932"
    assert [record.company for record in parsed.records] == ["㈱髙橋工務店", "ｶﾌﾞｼｷｶﾞｲｼｬ ﾃｽﾄ"]


def test_an_explicit_cp932_choice_reads_such_a_file_as_asked() -> None:
    parsed = parse_targets_csv(issue_file(), encoding="cp932")
    assert parsed.ok and parsed.encoding == "cp932"


# --- categories --------------------------------------------------------------------------------


def test_the_full_width_bar_separates_categories_too() -> None:
    parsed = parse_targets_csv(lines("アクメ,山田,03-1234-5678,製品A｜イベント | 製品B｜製品A｜"))
    assert parsed.records[0].categories == ("製品A", "イベント", "製品B")


# --- extensions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "03-1234-5678 内線12",
        "03-1234-5678内線12",
        "03-1234-5678 内12",
        "03-1234-5678（内線：１２番）",
        "03-1234-5678 ext. 12",
        "03-1234-5678 ext12",
        "03-1234-5678 EXT 12",
        "03-1234-5678 extension 12",
        "03-1234-5678 x12",
        "03-1234-5678 x 12",
        "03-1234-5678#12",
        "03-1234-5678 ＃12",
        "03-1234-5678;ext=12",
        "03-1234-5678 ~12",
        "+81 3-1234-5678 ext. 12",
        # spellings only phonenumbers knows, which it used to drop silently
        "03-1234-5678,12",
        "03-1234-5678 int 12",
        "03-1234-5678 anexo 12",
    ],
)
def test_an_extension_is_dropped_with_a_warning_in_every_spelling(cell: str) -> None:
    parsed = parse_targets_csv(lines(f'アクメ,山田,"{cell}",'))
    assert parsed.ok, parsed.errors
    assert parsed.records[0].phone == "+81312345678"
    [warning] = parsed.warnings
    assert (warning.row, warning.column, warning.code) == (2, PHONE, IssueCode.EXTENSION_DROPPED)
    assert warning.params["extension"] == "12"
    assert "12" in warning.message_in("ja") and "03-1234-5678" in warning.message_in("ja")


def test_an_extension_after_a_number_without_its_zero_gets_both_warnings() -> None:
    parsed = parse_targets_csv(lines("アクメ,山田,312345678 内線5,"))
    assert parsed.records[0].phone == "+81312345678"
    assert {issue.code for issue in parsed.warnings} == {IssueCode.EXTENSION_DROPPED, IssueCode.LEADING_ZERO_RESTORED}


@pytest.mark.parametrize("cell", ["内線12", "03-0000-0000 内線12", "ext. 12"])
def test_an_extension_after_no_valid_number_is_an_invalid_phone(cell: str) -> None:
    parsed = parse_targets_csv(lines(f"アクメ,山田,{cell},"))
    assert [(issue.code, issue.params["phone"]) for issue in parsed.errors] == [(IssueCode.INVALID_PHONE, cell)]


# --- the export's columns ------------------------------------------------------------------------


def test_the_assignee_and_targeted_columns_are_read_when_the_file_has_them() -> None:
    header = ",".join(EXPORT_COLUMNS)
    parsed = parse_targets_csv(
        lines(
            "a,,03-1234-5671,,佐藤 美咲,,,,,対象外",
            "b,,03-1234-5672,,sato,,,,,対象",
            "c,,03-1234-5673,,,,,,,",
            "d,,03-1234-5674,,,,,,,はい",
            header=header,
        )
    )
    assert [(record.assignee, record.excluded) for record in parsed.records] == [
        ("佐藤 美咲", True),
        ("sato", False),
        (None, None),
        (None, None),
    ]
    [warning] = parsed.warnings
    assert (warning.row, warning.column, warning.code) == (5, TARGETED, IssueCode.UNKNOWN_TARGETED)


def test_files_without_those_columns_leave_assignee_and_flag_alone() -> None:
    parsed = parse_targets_csv(lines("a,,03-1234-5671,"))
    assert parsed.records == [TargetRecord(2, "+81312345671", "a", "", ())]


def test_a_duplicated_optional_column_is_a_bad_header() -> None:
    parsed = parse_targets_csv(lines("a,,03-1234-5671,,x,y", header=f"{HEADER},{ASSIGNEE},{ASSIGNEE}"))
    assert [issue.code for issue in parsed.errors] == [IssueCode.BAD_HEADER]
    assert ASSIGNEE in parsed.errors[0].params["duplicated"]


# --- the leading ' -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["=1+2", "'=x", "''=twice", "'''@x", "-5", "+81", "@home", "'plain", "'", "''", "a'=b"])
def test_a_value_written_by_export_reads_back_exactly(value: str) -> None:
    row = ExportRow("+81312345678", value, value, (value,), None, None, None, None, None, False)
    data = export_targets_csv([row], "utf-8")
    record = parse_targets_csv(data).records[0]
    assert (record.company, record.person, record.categories) == (value, value, (value,))
    assert neutralize_formula(value).endswith(value)
