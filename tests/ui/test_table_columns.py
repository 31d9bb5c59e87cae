"""The target tables' columns: what each cell says, and headers translated when shown.

Also home of the row builders the other table tests share (``from tests.ui.test_table_columns
import ...``), the way ``tests.conftest`` shares its CSV builders.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.views import ContactInfo, LastCall, TargetView
from calllist_desktop.ui.table import columns as cols
from calllist_desktop.ui.table.columns import (
    CONTACT_COLUMNS,
    MANAGEMENT_COLUMNS,
    OPERATOR_COLUMNS,
    Column,
)

T0 = datetime(2026, 11, 20, 0, 30, tzinfo=UTC)


def call(
    outcome: Outcome | None = Outcome.ANSWERED,
    *,
    agent: str | None = "sato",
    name: str | None = "佐藤 美咲",
    direction: Direction = Direction.OUTBOUND,
    at: datetime = T0,
) -> LastCall:
    """A last call; ``outcome=None`` is a call still going on."""
    return LastCall(direction, outcome, agent, name, at)


def target(
    position: int,
    company: str = "",
    person: str = "",
    *,
    phone: str | None = None,
    categories: tuple[str, ...] = (),
    excluded: bool = False,
    assignee: str | None = "sato",
    assignee_name: str | None = "佐藤 美咲",
    last: LastCall | None = None,
) -> TargetView:
    return TargetView(
        list_id=1,
        phone=phone or f"+81351230{position:03d}",
        position=position,
        excluded=excluded,
        company=company,
        person=person,
        categories=categories,
        assignee_login=assignee,
        assignee_name=assignee_name if assignee else None,
        last_call=last,
    )


def sample_targets() -> list[TargetView]:
    """Ten targets as an operator's list holds them: Japanese names, calls done and going on."""
    return [
        target(
            0,
            "株式会社山田商事",
            "山田 太郎",
            categories=("製品A", "展示会"),
            last=call(Outcome.ANSWERED, at=T0),
        ),
        target(
            1,
            "東京工業",
            "鈴木 花子",
            categories=("製品B",),
            last=call(Outcome.BUSY, at=T0 + timedelta(days=1)),
        ),
        target(2, "", "高橋 一郎", phone="+819012345678", excluded=True, last=None),
        target(3, "ＡＢＣシステム", "", categories=("製品A",), last=call(None, at=T0 + timedelta(days=2))),
        target(
            4,
            "大阪物産",
            "田中 健太",
            phone="+81661234567",
            categories=("新規",),
            assignee="tanaka",
            assignee_name="田中 翔",
            last=call(Outcome.NO_ANSWER, agent="tanaka", name="田中 翔", at=T0 - timedelta(days=3)),
        ),
        target(
            5,
            "髙橋建設",
            "伊藤 美咲",
            categories=("展示会", "要フォロー"),
            excluded=True,
            last=call(
                Outcome.MISSED, direction=Direction.INBOUND, agent=None, name=None, at=T0 + timedelta(hours=5)
            ),
        ),
        target(6, "みらい電機", "渡辺 翔太", assignee=None, last=None),
        target(
            7,
            "株式会社山田商事",
            "山本 陽菜",
            categories=("製品B", "展示会"),
            last=call(Outcome.ANSWERED, agent="tanaka", name="田中 翔", at=T0 + timedelta(days=1, hours=1)),
        ),
        target(
            8,
            "さくら食品",
            "中村 大輔",
            categories=("製品A",),
            phone="+81452345678",
            last=call(Outcome.REJECTED, at=T0),
        ),
        target(9, "富士不動産", "小林 由美", last=call(Outcome.NO_ANSWER, at=T0 + timedelta(days=10))),
    ]


def sample_contacts() -> list[ContactInfo]:
    return [
        ContactInfo("+81312345678", "株式会社山田商事", "山田 太郎", ("製品A",), "sato"),
        ContactInfo("+81612345678", "大阪物産", "", (), None),
        ContactInfo("+819012345678", "", "鈴木 花子", ("新規", "展示会"), "tanaka"),
        ContactInfo("+14155550100", "Example Inc.", "Jane Doe", (), None),
    ]


def cell(columns: tuple[Column, ...], key: str, row: TargetView | ContactInfo) -> str | None:
    column = next(c for c in columns if c.key == key)
    return column.display(row) if column.display else None


def test_the_column_sets_follow_the_spec() -> None:
    assert [c.header for c in OPERATOR_COLUMNS] == [
        "発信対象外",
        "取引先会社名",
        "取引先担当者名",
        "電話番号",
        "カテゴリー",
        "最終通話ステータス",
        "最終担当者",
        "最終通話日時",
        "発信回数",
        "次回発信可能",
    ]
    assert [c.header for c in MANAGEMENT_COLUMNS][1:] == [
        "発信担当者",
        "取引先会社名",
        "取引先担当者名",
        "電話番号",
        "カテゴリー",
        "最終通話種別",
        "最終通話ステータス",
        "最終担当者",
        "最終通話日時",
        "発信回数",
        "次回発信可能",
        "発信対象",
    ]
    assert MANAGEMENT_COLUMNS[0].selection and MANAGEMENT_COLUMNS[0].is_checkbox
    assert OPERATOR_COLUMNS[0].checked is not None and OPERATOR_COLUMNS[0].is_checkbox
    assert [c.header for c in CONTACT_COLUMNS] == [
        "取引先会社名",
        "取引先担当者名",
        "電話番号",
        "カテゴリー",
        "発信担当者",
    ]
    for column_set in (OPERATOR_COLUMNS, MANAGEMENT_COLUMNS, CONTACT_COLUMNS):
        keys = [c.key for c in column_set]
        assert len(keys) == len(set(keys))


def test_the_cell_vocabulary_is_cores_japanese() -> None:
    assert {outcome: outcome.label_ja for outcome in Outcome} == cols.OUTCOME_SOURCES
    assert {direction: direction.label_ja for direction in Direction} == cols.DIRECTION_SOURCES


def test_a_call_time_says_the_year_only_when_it_is_not_this_year() -> None:
    """最終通話日時 stays narrow (12/04 10:28) so the operator's columns fit a 1400-pixel window;
    a call of another year says its date with the year instead of the time."""
    now = datetime.now().astimezone()
    this_year = now.replace(month=1, day=2, hour=9, minute=5)
    assert cols.short_moment(this_year) == "01/02 09:05"
    assert cols.short_moment(this_year.replace(year=now.year - 1)) == f"{now.year - 1}/01/02"


def test_operator_cells() -> None:
    rows = {row.position: row for row in sample_targets()}
    first = rows[0]
    assert cell(OPERATOR_COLUMNS, "company", first) == "株式会社山田商事"
    assert cell(OPERATOR_COLUMNS, "phone", first) == "03-5123-0000"
    assert cell(OPERATOR_COLUMNS, "phone", rows[2]) == "090-1234-5678"
    assert cell(OPERATOR_COLUMNS, "categories", first) == "製品A | 展示会"
    assert cell(OPERATOR_COLUMNS, "last_call_status", first) == "応答"
    assert cell(OPERATOR_COLUMNS, "last_call_status", rows[3]) == "通話中"
    assert cell(OPERATOR_COLUMNS, "last_call_status", rows[2]) == ""
    assert cell(OPERATOR_COLUMNS, "last_agent", rows[4]) == "田中 翔"
    assert cell(OPERATOR_COLUMNS, "last_agent", rows[2]) == ""
    assert cell(OPERATOR_COLUMNS, "last_call_at", first) == cols.short_moment(T0)
    last_call_at = next(column for column in OPERATOR_COLUMNS if column.key == "last_call_at")
    assert last_call_at.tooltip is not None
    assert last_call_at.tooltip(first) == T0.astimezone().strftime("%Y-%m-%d %H:%M")  # all of it, year too
    assert cell(OPERATOR_COLUMNS, "last_call_at", rows[6]) == ""
    excluded = OPERATOR_COLUMNS[0]
    assert excluded.checked is not None
    assert excluded.checked(rows[2]) and not excluded.checked(first)
    assert next(c for c in OPERATOR_COLUMNS if c.key == "categories").tooltip(first) == "製品A\n展示会"


def test_management_cells() -> None:
    rows = {row.position: row for row in sample_targets()}
    assert cell(MANAGEMENT_COLUMNS, "assignee", rows[4]) == "田中 翔"
    assert cell(MANAGEMENT_COLUMNS, "assignee", rows[6]) == ""
    assert cell(MANAGEMENT_COLUMNS, "last_call_type", rows[0]) == "発信"
    assert cell(MANAGEMENT_COLUMNS, "last_call_type", rows[5]) == "着信"
    assert cell(MANAGEMENT_COLUMNS, "last_call_type", rows[2]) == ""
    assert cell(MANAGEMENT_COLUMNS, "targeted", rows[0]) == "対象"
    assert cell(MANAGEMENT_COLUMNS, "targeted", rows[2]) == "対象外"
    assert cell(MANAGEMENT_COLUMNS, "last_agent", rows[5]) == ""  # a missed call has no agent


def test_contact_cells() -> None:
    first, osaka, mobile, abroad = sample_contacts()
    assert cell(CONTACT_COLUMNS, "assignee", first) == "sato"
    assert cell(CONTACT_COLUMNS, "assignee", osaka) == ""
    assert cell(CONTACT_COLUMNS, "phone", mobile) == "090-1234-5678"
    assert cell(CONTACT_COLUMNS, "phone", abroad) == "+1 415-555-0100"
    assert cell(CONTACT_COLUMNS, "categories", mobile) == "新規 | 展示会"


class _English(QTranslator):
    """A translator from a dictionary, standing in for the English .qm file."""

    TEXTS = {"取引先会社名": "Company", "電話番号": "Phone", "通話中": "In call", "応答": "Answered"}

    def isEmpty(self) -> bool:
        return False  # Qt announces a LanguageChange only for a translator that is not empty

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return self.TEXTS.get(source) if context == cols.CONTEXT else None  # None: not translated


@pytest.fixture
def english(qapp: QApplication) -> Iterator[QTranslator]:
    translator = _English()
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_headers_and_labels_are_translated_when_shown(english: QTranslator) -> None:
    company = next(c for c in OPERATOR_COLUMNS if c.key == "company")
    assert company.header_text() == "取引先会社名"
    QCoreApplication.installTranslator(english)
    assert company.header_text() == "Company"
    assert cols.status_label(cols.IN_PROGRESS) == "In call"
    assert cols.status_label("busy") == "話中"  # not in the catalogue: the Japanese source
    QCoreApplication.removeTranslator(english)
    assert company.header_text() == "取引先会社名"
