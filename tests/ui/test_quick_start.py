"""The quick start: the window paints rows read with ``store.first_read`` before the store is open,
then the store's own read takes over (the same rows, selection and scroll kept; SQLite only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from calllist_desktop.store.deferred import DeferredStore
from calllist_desktop.store.first_read import FirstRead
from calllist_desktop.store.location import sqlite_file
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui import app
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import LAST_LIST, Settings
from tests.conftest import csv_bytes, numbered_rows
from tests.ui.test_main_window import OSAKA, click_checkbox, shown_phones

BIG = "大きいリスト"


def store_path(store: Store) -> Path:
    path = sqlite_file(store.url)
    assert path is not None
    return path


def quick_window(qtbot: QtBot, store: Store, line: DemoLine, settings: Settings, login: str = "sato") -> MainWindow:
    """A window as ``app.run`` builds it on the quick start: first rows painted, store not open."""
    with FirstRead.open(store_path(store)) as reader:  # type: ignore[union-attr]
        user = next(user for user in reader.users() or [] if user.login == login)
        view = reader.first_view(user, settings.get(LAST_LIST) or None)
    assert view is not None
    deferred = DeferredStore(store.url)
    window = MainWindow(deferred, line, user, settings, first_view=view)
    qtbot.addWidget(window, before_close_func=lambda w: (w.session.hang_up(), deferred.close()))
    with qtbot.waitSignal(window.lists.loaded, timeout=5000):
        window.show()
    return window


def take_over(qtbot: QtBot, window: MainWindow) -> None:
    """What ``app`` does once the deferred store has opened on the thread pool."""
    assert isinstance(window.store, DeferredStore)
    window.store.open()
    with qtbot.waitSignal(window.lists.loaded, timeout=5000):
        window.store_opened()


def test_the_first_paint_shows_the_operators_own_rows_before_the_store_is_open(
    qtbot: QtBot, qtmodeltester: Any, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    window = quick_window(qtbot, ui_store, line, settings)
    assert isinstance(window.store, DeferredStore) and not window.store.is_open
    fair = ui_store.list_by_name("展示会").id
    assert window.lists.list_id == fair
    assert window.lists.model.rows_in_view_order() == ui_store.targets(fair, assignee="sato")
    assert window.lists.count_label.text().endswith("4 / 4 件")
    qtmodeltester.check(window.lists.model)


def test_the_stores_read_takes_over_with_the_same_selection_and_scroll(
    qtbot: QtBot, qtmodeltester: Any, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    big = ui_store.create_list(BIG).id
    ui_store.import_csv(big, csv_bytes(*numbered_rows(300)), assignee="sato")
    settings.set(LAST_LIST, BIG)
    window = quick_window(qtbot, ui_store, line, settings)
    table, model = window.lists.table, window.lists.model
    first_rows = model.rows_in_view_order()
    assert len(first_rows) == 300
    key = model.key_at(150)
    assert table.select_key(key)
    table.scrollTo(model.index(150, 1))
    scrolled = table.verticalScrollBar().value()
    assert scrolled > 0
    # Someone changes a row between the first paint and the store's read: the read shows it.
    changed = model.key_at(151)
    ui_store.set_excluded(big, [changed], True)

    take_over(qtbot, window)

    assert window.store.is_open  # type: ignore[union-attr]
    assert [row.phone for row in model.rows_in_view_order()] == [row.phone for row in first_rows]
    # the store's rows, read again (with their campaign plans, which the first paint has not)
    assert [row._replace(plan=None) for row in model.rows_in_view_order()] == ui_store.targets(big, assignee="sato")
    assert table.current_key() == key
    assert [model.key_at(index.row()) for index in table.selectionModel().selectedRows()] == [key]
    assert table.verticalScrollBar().value() == scrolled
    assert model.row_at(model.row_for_key(changed)).excluded  # type: ignore[union-attr]
    qtmodeltester.check(model)


def test_the_app_opens_the_store_once_the_window_is_shown_and_reads_from_it(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    window = quick_window(qtbot, ui_store, line, settings)
    deferred = window.store
    assert isinstance(deferred, DeferredStore)
    QApplication.setWindowIcon(QIcon())
    assert not deferred.is_open
    assert window.lists.category.count() == 1
    with qtbot.waitSignal(window.lists.loaded, timeout=10_000):  # the store's own read
        app._finish_start(window, deferred, interactive=False)
        assert window.lists.category.count() > 1  # the choices of the first rows, first
    assert deferred.is_open
    assert not window.windowIcon().isNull()  # the program's
    assert window.lists.model.total_count() == 4
    qtbot.waitUntil(lambda: window.live_updates is not None)


def test_the_excluded_checkbox_saves_before_the_store_was_open(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    window = quick_window(qtbot, ui_store, line, settings)
    row = shown_phones(window).index(OSAKA)
    with qtbot.waitSignal(window.lists.model.exclusion_requested, timeout=2000):
        click_checkbox(qtbot, window, row)  # the store opens on the panel's writer
    qtbot.waitUntil(lambda: window.lists.model.row_at(row).excluded, timeout=5000)  # type: ignore[union-attr]
    fair = ui_store.list_by_name("展示会").id
    assert {t.phone: t.excluded for t in ui_store.targets(fair)}[OSAKA] is True
    assert window.lists.model.row_at(row).excluded  # type: ignore[union-attr]


def test_filters_work_on_the_first_rows(qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings) -> None:
    window = quick_window(qtbot, ui_store, line, settings)
    window.lists.search.setText("髙橋")
    qtbot.waitUntil(lambda: window.lists.model.visible_count() == 1, timeout=2000)
    assert shown_phones(window) == ["+819012345678"]
    assert window.lists.category.count() == 1  # only すべて: the first paint leaves the choices for later
    window.lists.fill_filter_choices()  # as the app does once the list has painted
    assert [window.lists.category.itemData(i) for i in range(1, window.lists.category.count())] == ["イベント", "製品A", "製品B"]


@pytest.mark.parametrize(("requested", "quick"), [("sato", True), ("nobody", False)])
def test_the_quick_start_is_taken_only_for_a_known_user(
    ui_store: Store, settings: Settings, requested: str, quick: bool
) -> None:
    view, login = app._first_view(ui_store.url, requested, False, settings)
    assert (view is not None) == quick and login == requested


def test_an_empty_or_new_store_goes_the_normal_way(tmp_path: Path, settings: Settings) -> None:
    empty = tmp_path / "empty.sqlite3"
    Store.open(f"sqlite:///{empty}").close()  # the schema, no users: demo data come first
    assert app._first_view(f"sqlite:///{empty}", None, False, settings) == (None, None)
    assert app._first_view(f"sqlite:///{tmp_path / 'new.sqlite3'}", None, False, settings) == (None, None)


def test_a_user_chosen_on_the_quick_way_is_not_asked_for_again(
    ui_store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from calllist_desktop.core.outcomes import Direction

    ui_store.start_call("+81312345678", Direction.OUTBOUND, user="sato")  # left open: the normal way
    asked: list[int] = []

    def choose(users: list[Any], screenshot: bool) -> Any:
        asked.append(len(users))
        return next(user for user in users if user.login == "sato")

    monkeypatch.setattr(app, "_choose_user", choose)
    assert app._first_view(ui_store.url, None, False, settings) == (None, "sato")
    assert asked == [3]
