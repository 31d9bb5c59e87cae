"""Reading call target CSV files (SPEC §2): one test per rule, every file built in the test."""

from __future__ import annotations

import codecs
from typing import Any

import phonenumbers
import pytest

from calllist_desktop.core.columns import (
    ASSIGNEE,
    CATEGORIES,
    COMPANY,
    EXPORT_COLUMNS,
    PERSON,
    PHONE,
    TARGETED,
)
from calllist_desktop.core.csv_import import (
    ENCODINGS,
    ParsedCsv,
    TargetRecord,
    check_capacity,
    parse_targets_csv,
)
from calllist_desktop.core.i18n import LANGUAGES
from calllist_desktop.core.issues import MESSAGES, WARNING_CODES, ImportIssue, IssueCode

HEADER = "取引先会社名,取引先担当者名,電話番号,カテゴリー"


def make_csv(*lines: str, encoding: str = "utf-8", newline: str = "\r\n") -> bytes:
    """A file of the given lines (the header is not added)."""
    return (newline.join(lines) + newline).encode(encoding)


def with_header(*rows: str, **kwargs: Any) -> bytes:
    return make_csv(HEADER, *rows, **kwargs)


def issues(issue_list: list[ImportIssue]) -> list[tuple[int, str | None, IssueCode]]:
    return [(issue.row, issue.column, issue.code) for issue in issue_list]


def only_record(parsed: ParsedCsv) -> TargetRecord:
    assert parsed.ok, issues(parsed.errors)
    assert len(parsed.records) == 1
    return parsed.records[0]


# --- encodings -------------------------------------------------------------------------------


def test_utf8_without_bom() -> None:
    parsed = parse_targets_csv(with_header("株式会社アクメ,山田 太郎,03-1234-5678,見込み"))
    assert (parsed.encoding, parsed.delimiter) == ("utf-8", ",")
    assert parsed.records == [TargetRecord(2, "+81312345678", "株式会社アクメ", "山田 太郎", ("見込み",))]
    assert parsed.warnings == []


def test_utf8_with_bom() -> None:
    data = codecs.BOM_UTF8 + with_header("株式会社アクメ,山田 太郎,03-1234-5678,")
    parsed = parse_targets_csv(data)
    assert parsed.encoding == "utf-8-sig"
    assert only_record(parsed).company == "株式会社アクメ"  # the BOM did not spoil the first column


def test_cp932_with_its_extensions() -> None:
    # ①, ㈱ and 髙 exist in CP932 (Excel's Shift_JIS) but not in plain Shift_JIS.
    with pytest.raises(UnicodeEncodeError):
        "①㈱髙".encode("shift_jis")
    data = with_header("㈱髙橋商事,髙橋 一郎①,06-6123-4567,関西|①重要", encoding="cp932")
    parsed = parse_targets_csv(data)
    assert parsed.encoding == "cp932"
    assert only_record(parsed) == TargetRecord(
        2, "+81661234567", "㈱髙橋商事", "髙橋 一郎①", ("関西", "①重要")
    )


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_tab_separated(codec: str) -> None:
    # Excel's "Unicode text": UTF-16 with a BOM, tab-separated.
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    text = "取引先会社名\t取引先担当者名\t電話番号\tカテゴリー\r\n株式会社アクメ\t山田 太郎\t03-1234-5678\tA|B\r\n"
    parsed = parse_targets_csv(bom + text.encode(codec))
    assert (parsed.encoding, parsed.delimiter) == ("utf-16", "\t")
    assert only_record(parsed) == TargetRecord(2, "+81312345678", "株式会社アクメ", "山田 太郎", ("A", "B"))


def test_explicit_encoding_overrides_detection() -> None:
    data = with_header("㈱アクメ,山田,03-1234-5678,", encoding="cp932")
    assert only_record(parse_targets_csv(data, encoding="cp932")).company == "㈱アクメ"
    # plain ASCII is valid in both; the choice made is the one reported
    ascii_data = make_csv("company,person,phone,categories", "Acme,Taro,03-1234-5678,")
    assert parse_targets_csv(ascii_data, encoding="cp932").encoding == "cp932"


def test_explicit_utf8_still_strips_a_bom() -> None:
    data = codecs.BOM_UTF8 + with_header("アクメ,山田,03-1234-5678,")
    parsed = parse_targets_csv(data, encoding="utf-8")
    assert only_record(parsed).company == "アクメ"


def test_wrong_explicit_encoding_is_unreadable_and_says_which() -> None:
    data = with_header("㈱アクメ,山田,03-1234-5678,", encoding="cp932")
    parsed = parse_targets_csv(data, encoding="utf-8")
    assert issues(parsed.errors) == [(1, None, IssueCode.UNREADABLE_FILE)]
    assert (parsed.encoding, parsed.delimiter, parsed.records) == (None, None, [])
    assert "UTF-8" in parsed.errors[0].message_in("en")
    assert "auto" in parsed.errors[0].message_in("en")
    assert "UTF-8" in parsed.errors[0].message_in("ja")
    assert "自動" in parsed.errors[0].message_in("ja")


def test_wrong_explicit_utf16_is_unreadable() -> None:
    data = with_header("アクメ,山田,03-1234-5678,")
    if len(data) % 2 == 0:
        data += b"x"  # an odd number of bytes cannot be UTF-16
    parsed = parse_targets_csv(data, encoding="utf-16")
    assert [issue.code for issue in parsed.errors] == [IssueCode.UNREADABLE_FILE]


def test_undecodable_bytes_with_auto_detection_are_unreadable() -> None:
    # 0x82 0x20 is neither UTF-8 nor a CP932 double-byte character. The file is UTF-8 apart from
    # it (its header), so since SPEC §2 was sharpened the row of the bad byte is named.
    parsed = parse_targets_csv(HEADER.encode() + b"\r\n\x82 ,x,03-1234-5678,\r\n")
    assert issues(parsed.errors) == [(2, None, IssueCode.UNREADABLE_FILE)]


def test_unknown_encoding_argument_is_a_programming_error() -> None:
    assert ENCODINGS == ("auto", "utf-8", "cp932", "utf-16")
    with pytest.raises(ValueError):
        parse_targets_csv(b"", encoding="latin-1")
    with pytest.raises(ValueError):
        parse_targets_csv(b"", encoding="no-such-codec")


def test_binary_file_is_unreadable() -> None:
    xlsx_like = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256))
    parsed = parse_targets_csv(xlsx_like)
    assert issues(parsed.errors) == [(1, None, IssueCode.UNREADABLE_FILE)]
    assert parsed.records == []


def test_control_characters_make_a_file_binary() -> None:
    data = with_header("アクメ,山田\x01,03-1234-5678,")
    assert [issue.code for issue in parse_targets_csv(data).errors] == [IssueCode.UNREADABLE_FILE]


# --- delimiter and header ------------------------------------------------------------------------


def test_tab_separated_utf8() -> None:
    data = make_csv(
        "取引先会社名\t取引先担当者名\t電話番号\tカテゴリー", "アクメ, 大阪支店\t山田\t03-1234-5678\tA"
    )
    parsed = parse_targets_csv(data)
    assert parsed.delimiter == "\t"
    assert only_record(parsed).company == "アクメ, 大阪支店"


def test_comma_separated_keeps_tabs_inside_values() -> None:
    parsed = parse_targets_csv(with_header('"アクメ\t本社",山田,03-1234-5678,'))
    assert parsed.delimiter == ","
    assert only_record(parsed).company == "アクメ\t本社"


def test_columns_in_another_order() -> None:
    data = make_csv("電話番号,カテゴリー,取引先担当者名,取引先会社名", "03-1234-5678,A|B,山田,アクメ")
    assert only_record(parse_targets_csv(data)) == TargetRecord(
        2, "+81312345678", "アクメ", "山田", ("A", "B")
    )


def test_english_aliases_any_case_and_spacing() -> None:
    data = make_csv(" Phone , COMPANY,person,Categories ", "03-1234-5678,Acme,Taro,x")
    assert only_record(parse_targets_csv(data)) == TargetRecord(2, "+81312345678", "Acme", "Taro", ("x",))


def test_missing_header_when_the_first_row_is_data() -> None:
    parsed = parse_targets_csv(make_csv("アクメ,山田,03-1234-5678,A", "ベータ,佐藤,06-6123-4567,B"))
    assert issues(parsed.errors) == [(1, None, IssueCode.MISSING_HEADER)]
    assert parsed.records == []
    assert "取引先会社名" in parsed.errors[0].message_in("ja")


@pytest.mark.parametrize("data", [b"", codecs.BOM_UTF8, b"\r\n" + HEADER.encode() + b"\r\n", b"   \r\n"])
def test_missing_header_for_an_empty_file_or_blank_first_row(data: bytes) -> None:
    assert issues(parse_targets_csv(data).errors) == [(1, None, IssueCode.MISSING_HEADER)]


def test_bad_header_names_the_missing_columns() -> None:
    parsed = parse_targets_csv(make_csv("取引先会社名,電話番号,メモ", "アクメ,03-1234-5678,x"))
    assert issues(parsed.errors) == [(1, None, IssueCode.BAD_HEADER)]
    error = parsed.errors[0]
    assert error.params["missing"] == "取引先担当者名, カテゴリー"
    assert "取引先担当者名, カテゴリー" in error.message_in("ja")
    assert "取引先担当者名, カテゴリー" in error.message_in("en")
    assert parsed.records == []  # header problems stop further checking


def test_bad_header_for_a_duplicated_column() -> None:
    parsed = parse_targets_csv(make_csv("company,person,phone,categories,電話番号", "a,b,03-1234-5678,,x"))
    assert issues(parsed.errors) == [(1, None, IssueCode.BAD_HEADER)]
    assert parsed.errors[0].params["duplicated"] == PHONE


def test_extra_columns_are_ignored_so_an_export_imports_again() -> None:
    header = ",".join(EXPORT_COLUMNS)
    row = "アクメ,山田,03-1234-5678,A|B,operator1,発信,応答,operator1,2024-05-01 10:00:00+09:00,対象"
    parsed = parse_targets_csv(make_csv("メモ," + header, "何か," + row))
    # Since SPEC §3 was sharpened, 発信担当者 and 発信対象 are read too (the rest still ignored).
    assert only_record(parsed) == TargetRecord(2, "+81312345678", "アクメ", "山田", ("A", "B"), "operator1", False)


# --- rows ------------------------------------------------------------------------------------


def test_blank_lines_are_skipped_but_counted_as_rows() -> None:
    data = with_header("アクメ,山田,03-1234-5678,", "", ",,,", "ベータ,佐藤,not a phone,")
    parsed = parse_targets_csv(data)
    assert issues(parsed.errors) == [(5, PHONE, IssueCode.INVALID_PHONE)]
    assert [record.row for record in parsed.records] == [2]


def test_a_quoted_value_spanning_lines_is_one_row() -> None:
    data = with_header('"アクメ\r\n大阪支店",山田,03-1234-5678,', "ベータ,佐藤,bad,")
    parsed = parse_targets_csv(data)
    assert parsed.records[0].company == "アクメ\r\n大阪支店"
    assert issues(parsed.errors) == [(3, PHONE, IssueCode.INVALID_PHONE)]


def test_quoted_values_with_doubled_quotes_and_delimiters() -> None:
    parsed = parse_targets_csv(with_header('"アクメ ""本社"", 東京","山田, 太郎",03-1234-5678,"A|B"'))
    record = only_record(parsed)
    assert (record.company, record.person, record.categories) == (
        'アクメ "本社", 東京',
        "山田, 太郎",
        ("A", "B"),
    )


def test_an_unclosed_quote_is_unreadable_at_its_row() -> None:
    data = with_header("アクメ,山田,03-1234-5678,", 'ベータ,"佐藤,06-6123-4567,', "ガンマ,鈴木,011-222-3333,")
    parsed = parse_targets_csv(data)
    assert issues(parsed.errors) == [(3, None, IssueCode.UNREADABLE_FILE)]


def test_short_rows_have_empty_cells_and_long_rows_extra_cells_ignored() -> None:
    parsed = parse_targets_csv(
        with_header("アクメ,山田,03-1234-5678", "ベータ,佐藤,06-6123-4567,B,extra,more")
    )
    assert parsed.ok
    assert [(r.row, r.categories) for r in parsed.records] == [(2, ()), (3, ("B",))]


def test_full_width_spaces_are_trimmed() -> None:
    data = with_header("\u3000アクメ\u3000, 山田\u3000太郎 ,\u300003-1234-5678\u3000,\u3000A\u3000|\u3000B")
    assert only_record(parse_targets_csv(data)) == TargetRecord(
        2, "+81312345678", "アクメ", "山田\u3000太郎", ("A", "B")
    )


@pytest.mark.parametrize(
    "phone",
    [
        "０３－１２３４－５６７８",
        "０３１２３４５６７８",
        "+81312345678",
        "+81 3-1234-5678",
        "(03) 1234-5678",
        "03 1234 5678",
    ],
)
def test_phone_formats_are_normalised(phone: str) -> None:
    parsed = parse_targets_csv(with_header(f'アクメ,山田,"{phone}",'))
    assert only_record(parsed).phone == "+81312345678"
    assert parsed.warnings == []


def test_leading_zero_restored_is_a_warning() -> None:
    parsed = parse_targets_csv(with_header("アクメ,山田,312345678,"))
    assert only_record(parsed).phone == "+81312345678"
    assert issues(parsed.warnings) == [(2, PHONE, IssueCode.LEADING_ZERO_RESTORED)]
    warning = parsed.warnings[0]
    assert not warning.is_error
    for language in LANGUAGES:
        assert "312345678" in warning.message_in(language)
        assert "03-1234-5678" in warning.message_in(language)


def test_duplicate_phone_in_two_formats_names_both_rows() -> None:
    data = with_header(
        "アクメ,山田,03-1234-5678,", "ベータ,佐藤,06-6123-4567,", "ガンマ,鈴木,０３１２３４５６７８,"
    )
    parsed = parse_targets_csv(data)
    assert issues(parsed.errors) == [
        (2, PHONE, IssueCode.DUPLICATE_PHONE),
        (4, PHONE, IssueCode.DUPLICATE_PHONE),
    ]
    for error in parsed.errors:
        assert error.params["rows"] == "2, 4"
        assert "2, 4" in error.message_in("ja")
        assert "2, 4" in error.message_in("en")
    assert [record.row for record in parsed.records] == [3]  # only rows without errors


def test_duplicate_phone_in_three_formats() -> None:
    data = with_header("a,,03-1234-5678,", "b,,+81312345678,", "c,,０３１２３４５６７８,", "d,,312345678,")
    parsed = parse_targets_csv(data)
    assert [error.row for error in parsed.errors] == [2, 3, 4, 5]
    assert {error.params["rows"] for error in parsed.errors} == {"2, 3, 4, 5"}
    assert parsed.records == []


def test_missing_name() -> None:
    data = with_header("アクメ,,03-1234-5678,", ",山田,06-6123-4567,", " , \u3000 ,011-222-3333,")
    parsed = parse_targets_csv(data)
    assert issues(parsed.errors) == [(4, None, IssueCode.MISSING_NAME)]
    assert [(r.company, r.person) for r in parsed.records] == [("アクメ", ""), ("", "山田")]


def test_invalid_phone_shows_the_text() -> None:
    # 03-0000-0000 has the right length (phonenumbers calls it possible) but is not a real number.
    dummy = phonenumbers.parse("03-0000-0000", "JP")
    assert phonenumbers.is_possible_number(dummy) and not phonenumbers.is_valid_number(dummy)
    data = with_header("a,,03-0000-0000,", "b,,,", "c,,電話なし,", "d,,12,")
    parsed = parse_targets_csv(data)
    assert issues(parsed.errors) == [(row, PHONE, IssueCode.INVALID_PHONE) for row in (2, 3, 4, 5)]
    assert "03-0000-0000" in parsed.errors[0].message_in("ja")
    assert parsed.errors[0].message_in("ja") == "電話番号が正しくありません: 「03-0000-0000」"
    assert "電話なし" in parsed.errors[2].message_in("en")


def test_one_hundred_categories_are_fine_and_101_are_not() -> None:
    hundred = "|".join(f"c{i}" for i in range(100))
    parsed = parse_targets_csv(
        with_header(f"a,,03-1234-5678,{hundred}|c0|c1| ", f"b,,06-6123-4567,{hundred}|c100")
    )
    assert issues(parsed.errors) == [(3, CATEGORIES, IssueCode.TOO_MANY_CATEGORIES)]
    assert parsed.errors[0].params == {"count": 101, "limit": 100}
    assert len(parsed.records[0].categories) == 100


def test_categories_are_trimmed_and_deduplicated_in_order() -> None:
    parsed = parse_targets_csv(with_header("a,,03-1234-5678, 東京 |見込み||東京|\u3000|見込み |A"))
    assert only_record(parsed).categories == ("東京", "見込み", "A")


def test_formula_quote_is_removed_and_other_quotes_kept() -> None:
    data = with_header("'=HYPERLINK(1),'-山田-,'+81 3-1234-5678,'@x|'abc", "'アクメ,'+,06-6123-4567,")
    parsed = parse_targets_csv(data)
    assert parsed.ok, issues(parsed.errors)
    first, second = parsed.records
    assert (first.company, first.person, first.phone, first.categories) == (
        "=HYPERLINK(1)",
        "-山田-",
        "+81312345678",
        ("@x", "'abc"),
    )
    assert (second.company, second.person) == ("'アクメ", "+")


def test_very_long_values_are_kept() -> None:
    name = "長" * 300_000  # beyond the csv module's default field limit of 128 KiB
    assert only_record(parse_targets_csv(with_header(f"{name},山田,03-1234-5678,"))).company == name


def test_header_only_is_ok_with_a_no_rows_warning() -> None:
    for data in (make_csv(HEADER), make_csv(HEADER, "", ",,,")):
        parsed = parse_targets_csv(data)
        assert parsed.ok and parsed.records == []
        assert issues(parsed.warnings) == [(1, None, IssueCode.NO_ROWS)]


def test_all_errors_are_reported_at_once() -> None:
    many = "|".join(str(i) for i in range(101))
    data = with_header(
        ",,03-1234-5678,",  # 2 missing_name (+ duplicate of 6)
        "b,,bad,",  # 3 invalid_phone
        f"c,,06-6123-4567,{many}",  # 4 too_many_categories
        "d,,011-222-3333,",  # 5 fine
        ",,not a phone,",  # 6 missing_name and invalid_phone
        "e,,+81312345678,",  # 7 duplicate of 2
        "f,,312-3456,",  # 8 invalid
    )
    parsed = parse_targets_csv(data)
    assert issues(parsed.errors) == [
        (2, None, IssueCode.MISSING_NAME),
        (2, PHONE, IssueCode.DUPLICATE_PHONE),
        (3, PHONE, IssueCode.INVALID_PHONE),
        (4, CATEGORIES, IssueCode.TOO_MANY_CATEGORIES),
        (6, None, IssueCode.MISSING_NAME),
        (6, PHONE, IssueCode.INVALID_PHONE),
        (7, PHONE, IssueCode.DUPLICATE_PHONE),
        (8, PHONE, IssueCode.INVALID_PHONE),
    ]
    assert not parsed.ok
    assert [record.row for record in parsed.records] == [5]
    assert all(error.is_error for error in parsed.errors)


# --- capacity --------------------------------------------------------------------------------


def numbers(count: int, start: int = 0) -> list[str]:
    """``count`` distinct valid Tokyo numbers."""
    return [f"03-{1000 + i // 10000:04d}-{i % 10000:04d}" for i in range(start, start + count)]


def test_five_thousand_rows_and_the_list_limit() -> None:
    rows = [f"会社{i},担当{i},{phone},A|B" for i, phone in enumerate(numbers(5001))]
    parsed = parse_targets_csv(with_header(*rows))
    assert parsed.ok, issues(parsed.errors)[:5]
    assert len(parsed.records) == 5001

    assert check_capacity(parsed.records[:5000], set()) == []
    full = check_capacity(parsed.records, set())
    assert issues(full) == [(5002, None, IssueCode.LIST_FULL)]
    assert full[0].params == {"limit": 5000, "in_list": 0, "adding": 5001}
    for language in LANGUAGES:
        assert "5000" in full[0].message_in(language) and "5001" in full[0].message_in(language)


def test_capacity_counts_the_phones_already_in_the_list() -> None:
    parsed = parse_targets_csv(with_header("a,,03-1234-5678,", "b,,06-6123-4567,", "c,,011-222-3333,"))
    records = parsed.records
    in_list = {f"+8131000{i:04d}" for i in range(4998)} | {"+81312345678"}  # 4,999, one of them in the file
    assert len(in_list) == 4999
    # the first record overwrites, the second takes the last place, the third goes over
    full = check_capacity(records, in_list)
    assert issues(full) == [(4, None, IssueCode.LIST_FULL)]
    assert full[0].params == {"limit": 5000, "in_list": 4999, "adding": 2}
    # overwriting only never fills a list, even a full one
    assert check_capacity(records[:1], in_list | {"+81000"}, limit=5000) == []
    assert check_capacity(records, list(in_list), limit=5001) == []


def test_capacity_counts_a_repeated_phone_once() -> None:
    record = TargetRecord(2, "+81312345678", "a", "", ())
    assert check_capacity([record, TargetRecord(3, "+81312345678", "b", "", ())], set(), limit=1) == []


def test_progress_is_reported() -> None:
    calls: list[tuple[int, int]] = []
    rows = [f"会社{i},,{phone}," for i, phone in enumerate(numbers(1200))]
    parse_targets_csv(with_header(*rows), progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (1200, 1200)
    assert len(calls) >= 3
    assert all(total == 1200 for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


# --- messages --------------------------------------------------------------------------------


def issues_of_every_code() -> list[ImportIssue]:
    """At least one issue of each code, as the reader makes them."""
    found: list[ImportIssue] = []
    many = "|".join(str(i) for i in range(101))
    parsed = parse_targets_csv(
        with_header(",,03-1234-5678,", "b,,bad,", f"c,,+81312345678,{many}", "d,,312345678,")
    )
    found += parsed.errors + parsed.warnings
    found += parse_targets_csv(make_csv(HEADER)).warnings
    found += parse_targets_csv(b"data,only\r\n").errors
    found += parse_targets_csv(b"company,phone\r\n").errors
    found += parse_targets_csv(b"\x00\x01").errors
    found += parse_targets_csv(HEADER.encode("cp932") + b"\r\n", encoding="utf-16").errors
    many_records = [TargetRecord(row, f"+8131234{row:04d}", "x", "", ()) for row in range(2, 5)]
    found += check_capacity(many_records, set(), limit=2)
    found += parse_targets_csv(HEADER.encode() + b"\r\n\x82 ,x,03-1234-5678,\r\n").errors  # bad bytes
    exported = make_csv(f"{HEADER},{ASSIGNEE},{TARGETED}", "a,,03-1234-5678 内線12,,,はい")
    found += parse_targets_csv(exported).warnings  # extension_dropped, unknown_targeted
    found += store_issues()  # reassigned, unknown_assignee
    return found


def store_issues() -> list[ImportIssue]:
    """The warnings only the store can give, which need its users and contacts."""
    from calllist_desktop.store.store import Store

    store = Store.open("sqlite://")
    try:
        store.add_user("sato", "佐藤")
        store.add_user("tanaka", "田中")
        first = store.create_list("A")
        assert store.import_csv(first.id, with_header("a,,03-1234-5678,"), assignee="sato").ok
        data = make_csv(f"{HEADER},{ASSIGNEE}", "a,,03-1234-5678,,田中", "b,,03-1234-5679,,鈴木")
        return store.import_csv(first.id, data, dry_run=True).warnings
    finally:
        store.close()


def test_every_code_has_a_message_in_both_languages() -> None:
    assert set(MESSAGES) == set(IssueCode)
    for code in IssueCode:
        for language in LANGUAGES:
            assert MESSAGES[code][language].strip(), (code, language)
    assert {
        IssueCode.LEADING_ZERO_RESTORED,
        IssueCode.NO_ROWS,
        IssueCode.EXTENSION_DROPPED,
        IssueCode.REASSIGNED,
        IssueCode.UNKNOWN_ASSIGNEE,
        IssueCode.UNKNOWN_TARGETED,
    } == WARNING_CODES


def test_messages_fill_from_the_params_the_reader_gives() -> None:
    produced = issues_of_every_code()
    assert {issue.code for issue in produced} == set(IssueCode)
    for issue in produced:
        for language in LANGUAGES:
            message = issue.message_in(language)
            assert "{" not in message and "}" not in message, message
        # Japanese first: the Japanese message is written in Japanese
        assert any("\u3040" <= ch <= "\u30ff" for ch in issue.message_in("ja"))
        assert issue.to_json()["code"] == str(issue.code)


def test_columns_are_canonical_japanese_names() -> None:
    produced = issues_of_every_code()
    assert {issue.column for issue in produced} <= {None, COMPANY, PERSON, PHONE, CATEGORIES, ASSIGNEE, TARGETED}
