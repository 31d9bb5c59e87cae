"""CSV export (SPEC §3): the file's shape, its values, its encodings and their errors."""

from __future__ import annotations

import csv
import io
import pickle
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from calllist_desktop.core.columns import FORMULA_TRIGGERS
from calllist_desktop.core.csv_export import (
    EXPORT_ENCODINGS,
    ExportEncodingError,
    ExportRow,
    export_targets_csv,
)
from calllist_desktop.core.i18n import set_language
from calllist_desktop.core.outcomes import Direction, Outcome

HEADER = [
    "取引先会社名",
    "取引先担当者名",
    "電話番号",
    "カテゴリー",
    "発信担当者",
    "最終通話種別",
    "最終通話ステータス",
    "最終担当者",
    "最終通話日時",
    "発信対象",
]


def make_row(**changes: object) -> ExportRow:
    row = ExportRow(
        phone="+81312345678",
        company="株式会社テスト",
        person="山田 太郎",
        categories=(),
        assignee=None,
        last_call_type=None,
        last_call_status=None,
        last_agent=None,
        last_call_at=None,
        excluded=False,
    )
    return replace(row, **changes)  # type: ignore[arg-type]


def read(data: bytes, encoding: str = "utf-8-sig") -> list[list[str]]:
    """The file as csv.reader sees it (header included)."""
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


def cells(row: ExportRow) -> dict[str, str]:
    """The one data row of a file holding ``row``, by column name."""
    header, values = read(export_targets_csv([row]))
    return dict(zip(header, values, strict=True))


def importer_unquote(value: str) -> str:
    """What the importer does to a cell: take off the "'" that export put before a formula trigger."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


@pytest.fixture
def local_tz() -> Iterator[None]:
    """Run the test with the process's local time zone set to Asia/Tokyo, then put it back."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TZ", "Asia/Tokyo")
        time.tzset()
        yield
    time.tzset()


# --- the file's shape ------------------------------------------------------------------------


def test_header_is_the_export_columns_in_order() -> None:
    assert read(export_targets_csv([make_row()]))[0] == HEADER


def test_empty_list_gives_just_the_header() -> None:
    for encoding in EXPORT_ENCODINGS:
        data = export_targets_csv([], encoding)
        text = data.decode(encoding)
        assert text == ",".join(HEADER) + "\r\n"


def test_lines_end_with_crlf() -> None:
    data = export_targets_csv([make_row(), make_row(phone="+819012345678")], "utf-8")
    assert data.count(b"\r\n") == 3
    assert data.count(b"\n") == 3
    assert data.endswith(b"\r\n")


def test_rows_come_out_in_the_order_given_and_a_generator_will_do() -> None:
    phones = ["+81312345678", "+819012345678", "+81120123456"]
    data = export_targets_csv(make_row(phone=p) for p in phones)
    assert [r[2] for r in read(data)[1:]] == ["03-1234-5678", "090-1234-5678", "0120-123-456"]


# --- encodings ---------------------------------------------------------------------------------


def test_utf8_sig_starts_with_a_bom_and_utf8_does_not() -> None:
    rows = [make_row(company="株式会社①")]
    with_bom = export_targets_csv(rows, "utf-8-sig")
    without = export_targets_csv(rows, "utf-8")
    assert with_bom.startswith(b"\xef\xbb\xbf")
    assert not without.startswith(b"\xef\xbb\xbf")
    assert with_bom == b"\xef\xbb\xbf" + without
    assert without.decode("utf-8").startswith("取引先会社名,")


def test_utf8_sig_is_the_default() -> None:
    rows = [make_row()]
    assert export_targets_csv(rows) == export_targets_csv(rows, "utf-8-sig")


def test_cp932_holds_the_excel_extensions() -> None:
    row = make_row(company="①㈱髙橋商事", person="髙橋 ～ 様", categories=("Ⅱ期", "№1"))
    data = export_targets_csv([row], "cp932")
    text = data.decode("cp932")
    assert "①㈱髙橋商事" in text
    assert "髙橋 ～ 様" in text
    assert "Ⅱ期|№1" in text
    assert "髙".encode("cp932") in data
    assert not data.startswith(b"\xef\xbb\xbf")
    assert read(data, "cp932")[1][:4] == ["①㈱髙橋商事", "髙橋 ～ 様", "03-1234-5678", "Ⅱ期|№1"]


@pytest.mark.parametrize("encoding", ["shift_jis", "UTF-8", "utf8", "utf-16", "latin-1", ""])
def test_any_other_encoding_is_a_value_error(encoding: str) -> None:
    with pytest.raises(ValueError, match="utf-8-sig"):
        export_targets_csv([make_row()], encoding)


# --- values ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("e164", "national"),
    [
        ("+81312345678", "03-1234-5678"),
        ("+819012345678", "090-1234-5678"),
        ("+81120123456", "0120-123-456"),
        ("+81662345678", "06-6234-5678"),
    ],
)
def test_phone_is_written_in_hyphenated_national_form(e164: str, national: str) -> None:
    assert cells(make_row(phone=e164))["電話番号"] == national


def test_foreign_phone_keeps_its_international_form_behind_a_quote() -> None:
    assert cells(make_row(phone="+16502530000"))["電話番号"] == "'+1 650-253-0000"


def test_categories_are_joined_with_a_bar() -> None:
    assert cells(make_row(categories=("東京", "新規", "A")))["カテゴリー"] == "東京|新規|A"
    assert cells(make_row(categories=("東京",)))["カテゴリー"] == "東京"
    assert cells(make_row(categories=()))["カテゴリー"] == ""


def test_a_target_never_called_has_empty_call_columns() -> None:
    values = cells(make_row())
    for column in ("発信担当者", "最終通話種別", "最終通話ステータス", "最終担当者", "最終通話日時"):
        assert values[column] == ""
    assert values["発信対象"] == "対象"


def test_assignee_and_last_agent_are_written_by_name() -> None:
    values = cells(make_row(assignee="佐藤 花子", last_agent="鈴木 一郎"))
    assert values["発信担当者"] == "佐藤 花子"
    assert values["最終担当者"] == "鈴木 一郎"


@pytest.mark.parametrize(("direction", "label"), [(Direction.OUTBOUND, "発信"), (Direction.INBOUND, "着信")])
def test_last_call_type_is_the_japanese_label(direction: Direction, label: str) -> None:
    assert cells(make_row(last_call_type=direction))["最終通話種別"] == label


@pytest.mark.parametrize(
    ("outcome", "label"),
    [
        (Outcome.ANSWERED, "応答"),
        (Outcome.NO_ANSWER, "不応答"),
        (Outcome.BUSY, "話中"),
        (Outcome.REJECTED, "拒否"),
        (Outcome.INVALID, "番号不正"),
        (Outcome.FAILED, "失敗"),
        (Outcome.CANCELED, "取消"),
        (Outcome.INTERRUPTED, "中断"),
        (Outcome.MISSED, "不在着信"),
    ],
)
def test_last_call_status_is_the_japanese_label(outcome: Outcome, label: str) -> None:
    assert cells(make_row(last_call_status=outcome))["最終通話ステータス"] == label


def test_labels_stay_japanese_when_the_program_speaks_english() -> None:
    set_language("en")
    try:
        header, values = read(
            export_targets_csv(
                [make_row(last_call_type=Direction.INBOUND, last_call_status=Outcome.MISSED, excluded=True)]
            )
        )
    finally:
        set_language(None)
    assert header == HEADER
    assert values[5:7] == ["着信", "不在着信"]
    assert values[9] == "対象外"


def test_excluded_targets_are_marked() -> None:
    assert cells(make_row(excluded=True))["発信対象"] == "対象外"
    assert cells(make_row(excluded=False))["発信対象"] == "対象"


@pytest.mark.usefixtures("local_tz")
def test_last_call_time_is_local_wall_clock_time() -> None:
    utc = datetime(2024, 1, 15, 3, 4, 5, 678901, tzinfo=UTC)
    assert cells(make_row(last_call_at=utc))["最終通話日時"] == "2024-01-15 12:04:05"
    # across midnight, from another offset
    new_york = datetime(2024, 3, 31, 20, 30, 0, tzinfo=timezone(timedelta(hours=-4)))
    assert cells(make_row(last_call_at=new_york))["最終通話日時"] == "2024-04-01 09:30:00"


def test_last_call_time_follows_the_local_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    moment = datetime(2024, 7, 1, 0, 0, 0, tzinfo=UTC)
    try:
        monkeypatch.setenv("TZ", "America/New_York")
        time.tzset()
        assert cells(make_row(last_call_at=moment))["最終通話日時"] == "2024-06-30 20:00:00"
        monkeypatch.setenv("TZ", "Asia/Tokyo")
        time.tzset()
        assert cells(make_row(last_call_at=moment))["最終通話日時"] == "2024-07-01 09:00:00"
    finally:
        monkeypatch.undo()
        time.tzset()


# --- formulas ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["=SUM(A1)", "+81312345678", "-1", "@x", "\tx", "\rx", "=", "'=x", "''-1"])
def test_formula_values_get_a_leading_quote(value: str) -> None:
    row = make_row(company=value, person=value, categories=(value, "b"), assignee=value, last_agent=value)
    values = cells(row)
    assert values["取引先会社名"] == "'" + value
    assert values["取引先担当者名"] == "'" + value
    assert values["カテゴリー"] == "'" + value + "|b"
    assert values["発信担当者"] == "'" + value
    assert values["最終担当者"] == "'" + value


@pytest.mark.parametrize("value", ["'abc", "'", "''", "a=b", " =1", "株式会社=", "1-2", "ー", "－1"])
def test_other_values_are_written_as_they_are(value: str) -> None:
    values = cells(make_row(company=value, person=value, categories=("b", value)))
    assert values["取引先会社名"] == value
    assert values["取引先担当者名"] == value
    assert values["カテゴリー"] == "b|" + value


# --- quoting and the round trip ---------------------------------------------------------------


def test_quotes_commas_and_newlines_survive_csv_parsing() -> None:
    tricky = ['He said "hi", then left', "line one\nline two", "a\r\nb", "x,y,z", '"', ",", "  padded  "]
    rows = [make_row(company=value, person=value, phone="+81312345678") for value in tricky]
    parsed = read(export_targets_csv(rows))
    assert len(parsed) == 1 + len(tricky)
    for value, parsed_row in zip(tricky, parsed[1:], strict=True):
        assert parsed_row[0] == value
        assert parsed_row[1] == value
        assert len(parsed_row) == len(HEADER)


@pytest.mark.parametrize("encoding", EXPORT_ENCODINGS)
def test_round_trip_through_csv_parsing_gives_the_values_back(encoding: str) -> None:
    originals = [
        ("株式会社①", "山田 太郎", ("東京", "新規"), "+81312345678", "03-1234-5678"),
        ("=SUM(A1)", "-山田", ("=cat", "@x"), "+819012345678", "090-1234-5678"),
        ("'=x", "'abc", ("'", "+1"), "+81120123456", "0120-123-456"),
        ('A "B", C\r\nD', "\tindented", (), "+81662345678", "06-6234-5678"),
        ("", "髙橋", ("㈱",), "+16502530000", "+1 650-253-0000"),
    ]
    rows = [
        make_row(company=company, person=person, categories=categories, phone=phone)
        for company, person, categories, phone, _ in originals
    ]
    parsed = read(export_targets_csv(rows, encoding), encoding)[1:]
    for (company, person, categories, _, national), values in zip(originals, parsed, strict=True):
        assert importer_unquote(values[0]) == company
        assert importer_unquote(values[1]) == person
        restored = importer_unquote(values[3])
        assert (tuple(restored.split("|")) if restored else ()) == categories
        assert importer_unquote(values[2]) == national


# --- characters an encoding cannot hold ------------------------------------------------------


def test_cp932_error_names_every_row_and_character() -> None:
    rows = [
        make_row(company="絵文字😀商会"),  # row 2
        make_row(company="普通の会社"),  # row 3
        make_row(person="𠮷田 花子"),  # row 4
        make_row(categories=("Café", "東京")),  # row 5
        make_row(),  # row 6
        make_row(assignee="😀 担当"),  # row 7: a character seen before
        make_row(last_agent="Zoë", company="①㈱髙"),  # row 8
    ]
    with pytest.raises(ExportEncodingError) as caught:
        export_targets_csv(rows, "cp932")
    error = caught.value
    assert error.encoding == "cp932"
    assert error.rows == [2, 4, 5, 7, 8]
    assert error.characters == "😀𠮷éë"


def test_cp932_error_returns_nothing_even_from_a_generator() -> None:
    produced: list[int] = []

    def rows() -> Iterator[ExportRow]:
        for i in range(3):
            produced.append(i)
            yield make_row(company="🙂" if i == 2 else "会社")

    result: bytes | None = None
    with pytest.raises(ExportEncodingError) as caught:
        result = export_targets_csv(rows(), "cp932")
    assert result is None
    assert produced == [0, 1, 2]
    assert caught.value.rows == [4]


def test_the_same_rows_export_in_utf8() -> None:
    rows = [make_row(company="絵文字😀商会"), make_row(person="𠮷田 花子")]
    for encoding in ("utf-8-sig", "utf-8"):
        parsed = read(export_targets_csv(rows, encoding), encoding)
        assert parsed[1][0] == "絵文字😀商会"
        assert parsed[2][1] == "𠮷田 花子"


def test_encoding_error_message_names_rows_characters_and_suggests_utf8() -> None:
    error = ExportEncodingError("cp932", [2, 5], "😀𠮷")
    ja = error.message_in("ja")
    en = error.message_in("en")
    assert "2, 5" in ja and "😀" in ja and "𠮷" in ja and "U+1F600" in ja
    assert "UTF-8 (BOM付き)" in ja
    assert "2, 5" in en and "😀" in en and "U+20BB7" in en
    assert "UTF-8 (with BOM)" in en
    assert "\n" not in ja and "\n" not in en


def test_encoding_error_message_follows_the_current_language() -> None:
    error = ExportEncodingError("cp932", [3], "😀")
    try:
        set_language("ja")
        assert error.message == error.message_in("ja")
        assert str(error) == error.message_in("ja")
        set_language("en")
        assert error.message == error.message_in("en")
        assert str(error) == error.message_in("en")
    finally:
        set_language(None)


def test_encoding_error_message_shortens_long_lists() -> None:
    error = ExportEncodingError("cp932", list(range(2, 27)), "😀")
    ja = error.message_in("ja")
    en = error.message_in("en")
    assert "2, 3, 4, 5, 6, 7, 8, 9, 10, 11 他 15 行" in ja
    assert "2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 15 more" in en
    assert "12" not in ja


def test_encoding_error_is_a_value_error_and_survives_pickling() -> None:
    error = ExportEncodingError("cp932", [2, 4], "😀")
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.encoding, copy.rows, copy.characters) == ("cp932", [2, 4], "😀")


def test_utf8_reports_a_lone_surrogate_without_suggesting_utf8() -> None:
    with pytest.raises(ExportEncodingError) as caught:
        export_targets_csv([make_row(), make_row(company="bad\udc80")], "utf-8")
    assert caught.value.rows == [3]
    assert caught.value.characters == "\udc80"
    assert "U+DC80" in caught.value.message_in("en")
    assert "instead" not in caught.value.message_in("en")


# --- size ---------------------------------------------------------------------------------------


def test_a_full_list_exports_every_row() -> None:
    rows = [
        make_row(
            phone=f"+8131{i:07d}",
            company=f"株式会社{i}",
            categories=("東京", "新規"),
            assignee="佐藤",
            last_call_type=Direction.OUTBOUND,
            last_call_status=Outcome.ANSWERED,
            last_agent="鈴木",
            last_call_at=datetime(2024, 1, 1, tzinfo=UTC),
        )
        for i in range(5000)
    ]
    data = export_targets_csv(rows, "cp932")
    assert len(read(data, "cp932")) == 5001
