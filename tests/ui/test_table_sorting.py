"""Sort orders, the phone-digit index and the model's work ahead: the same answers as a plain sort."""

from __future__ import annotations

import random
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from calllist_desktop.store.views import ContactInfo
from calllist_desktop.ui.table import (
    CONTACT_COLUMNS,
    MANAGEMENT_COLUMNS,
    OPERATOR_COLUMNS,
    RowFilter,
    RowTableModel,
)
from calllist_desktop.ui.table.filters import RowTexts as PhoneDigits
from calllist_desktop.ui.table.sorting import (
    SortOrders,
    finish,
    flipped_in_steps,
    sorted_in_steps,
    stable_sorted,
)
from tests.conftest import replace
from tests.ui.test_table_columns import sample_contacts, sample_targets, target

ORDERS = (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)


def reference(base: list[int], keys: list[Any], descending: bool) -> list[int]:
    """Sorted the slow, obvious way: by key (reversed for descending), then by place in ``base``."""
    place = {src: i for i, src in enumerate(base)}
    present = [src for src in base if keys[src] is not None]
    if descending:
        ranks = {key: -rank for rank, key in enumerate(sorted({keys[src] for src in present}))}
        present.sort(key=lambda src: (ranks[keys[src]], place[src]))
    else:
        present.sort(key=lambda src: (keys[src], place[src]))
    return present + [src for src in base if keys[src] is None]


def random_keys(rng: random.Random, count: int) -> list[Any]:
    words = ["山田", "東京", "さくら", "ＡＢＣ", "abc", "髙橋", "", None]
    return [rng.choice(words) or None for _ in range(count)]


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("descending", [False, True])
def test_every_way_of_sorting_gives_the_same_order(seed: int, descending: bool) -> None:
    rng = random.Random(seed)
    keys = random_keys(rng, 500)
    base = list(range(500))
    rng.shuffle(base)  # list order is not source order
    expected = reference(base, keys, descending)
    assert stable_sorted(base, keys, descending) == expected
    assert finish(sorted_in_steps(base, keys, descending, step=37)) == expected
    other = reference(base, keys, not descending)
    assert finish(flipped_in_steps(other, keys, step=11)) == expected


def test_sorting_in_steps_yields_between_steps() -> None:
    keys = list(range(100, 0, -1))
    steps = sorted_in_steps(list(range(100)), keys, False, step=10)
    count = 0
    while True:
        try:
            next(steps)
            count += 1
        except StopIteration as done:
            assert done.value == list(range(99, -1, -1))
            break
    assert count >= 10


def test_cached_orders_follow_changed_added_and_removed_rows() -> None:
    rng = random.Random(7)
    keys = {0: random_keys(rng, 300)}
    positions = list(range(300))
    orders = SortOrders(lambda column: keys[column], positions)
    base = list(range(300))
    for descending in (False, True):
        orders.order(0, descending, base)
    for _ in range(40):
        src = rng.choice(base)  # removed rows never change again
        if rng.random() < 0.2:
            base.remove(src)
            orders.discard(src)
            continue
        if rng.random() < 0.2:  # a new row
            src = len(positions)
            positions.append(src)
            keys[0].append(None)
            base.append(src)
        keys[0][src] = rng.choice(["山田", "東京", None, "みらい"])
        orders.place(src)
    for descending in (False, True):
        assert orders.order(0, descending, base) == reference(base, keys[0], descending)


def test_phone_digits_index() -> None:
    parts = [f"0{n}{n * 7}" for n in range(2500)]
    digits = PhoneDigits(iter(parts))
    assert len(digits) == 2500 and [digits[i] for i in range(2500)] == parts
    for term in ("0", "12", "0999", "77", "123456"):
        assert list(digits.search(term)) == [i for i, p in enumerate(parts) if term in p]
    digits.append("0312345678")
    parts.append("0312345678")
    digits[5] = "099"
    parts[5] = "099"
    assert [digits[i] for i in range(len(parts))] == parts
    for term in ("99", "0312", "78"):
        assert list(digits.search(term)) == [i for i, p in enumerate(parts) if term in p]
    empty = PhoneDigits([])
    assert len(empty) == 0 and list(empty.search("1")) == []


def test_digits_search_other_countries_by_their_international_digits(qapp: Any) -> None:
    model = RowTableModel(CONTACT_COLUMNS)
    model.set_rows(sample_contacts())
    model.set_filter(RowFilter(text="415-555"))
    assert [model.row_at(r).company for r in range(model.rowCount())] == ["Example Inc."]
    model.set_filter(RowFilter(text="0312"))
    assert [model.row_at(r).company for r in range(model.rowCount())] == ["株式会社山田商事"]


def _orders_of(model: RowTableModel) -> dict[tuple[int, Qt.SortOrder], list[str]]:
    found = {}
    for column in range(-1, model.columnCount()):
        for order in ORDERS:
            model.sort(column, order)
            found[(column, order)] = [model.key_at(row) for row in range(model.rowCount())]
    return found


@pytest.mark.parametrize("columns", [OPERATOR_COLUMNS, MANAGEMENT_COLUMNS], ids=["operator", "management"])
def test_work_ahead_gives_the_orders_a_plain_sort_gives(qtbot: QtBot, columns: Any) -> None:
    rows = sample_targets()
    plain = RowTableModel(columns)
    plain.WORK_AHEAD = False
    plain.set_rows(rows)
    assert not plain.working_ahead()

    ahead = RowTableModel(columns)
    ahead.set_rows(rows)
    assert ahead.working_ahead()
    qtbot.waitUntil(lambda: not ahead.working_ahead())
    assert _orders_of(ahead) == _orders_of(plain)


def test_rows_changed_while_working_ahead(qapp: Any) -> None:
    rows = [
        target(
            i,
            f"会社{(i * 7919) % 97:02d}",
            f"担当 {i}",
            phone=f"+8135{i:07d}",
            categories=("製品A",) if i % 3 else (),
        )
        for i in range(400)
    ]
    plain = RowTableModel(OPERATOR_COLUMNS)
    plain.WORK_AHEAD = False
    ahead = RowTableModel(OPERATOR_COLUMNS)
    ahead.DISPLAY_AHEAD_ROWS = 0
    for model in (plain, ahead):
        model.set_rows(rows)
    for _ in range(5):  # some columns sorted ahead, not all
        ahead._work_ahead_step()
    assert ahead.working_ahead()
    for model in (plain, ahead):
        model.update_rows(
            [
                replace(rows[3], company="あとから会社"),
                replace(rows[10], company="株式会社ＡＢＣ", excluded=True),
                target(400, "新規の会社", "新 人", phone="+81312340400"),
            ]
        )
        model.remove_keys([rows[20].phone])
    while ahead.working_ahead():
        ahead._work_ahead_step()
    assert _orders_of(ahead) == _orders_of(plain)
    assert ahead.total_count() == plain.total_count() == 400


def test_small_tables_prepare_their_cell_texts_ahead(qtbot: QtBot) -> None:
    model = RowTableModel(CONTACT_COLUMNS)
    rows = [ContactInfo(f"+8190{n:08d}", f"会社{n}", "", (), None) for n in range(300)]
    model.set_rows(rows)
    qtbot.waitUntil(lambda: not model.working_ahead())
    assert all(cells is not None for cells in model._rows.display)  # white-box: the cache itself
    big = RowTableModel(CONTACT_COLUMNS)
    big.DISPLAY_AHEAD_ROWS = 100
    big.set_rows(rows)
    qtbot.waitUntil(lambda: not big.working_ahead())
    assert all(cells is None for cells in big._rows.display)
