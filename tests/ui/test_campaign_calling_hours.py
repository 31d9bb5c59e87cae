"""The calling hours a computer once had in 設定 (before they were list rules, SPEC §9; issue 14:
"migrate it into the list rules of the lists that computer used, or drop it with a note").

A manager's window moves them, at its start, into the rules of the lists used on that computer
that have no rules of their own; an operator's window cannot write rules and drops them. Either
way the status bar says so once and the old setting is gone from the computer's settings."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from calllist_desktop.core.campaign_rules import ListRules
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import CALLING_END, CALLING_HOURS, CALLING_START, LAST_LIST, Settings
from calllist_desktop.ui.translations import install_language
from tests.ui.campaign_steps import own_settings
from tests.ui.conftest import open_window

LIVE = 5000
OLD_KEYS = (CALLING_HOURS.key, CALLING_START.key, CALLING_END.key)


def old_computer(tmp_path: Path, name: str, last_list: str = "") -> Settings:
    """Settings of a computer whose window had the calling-hours guard on, 09:30-18:00."""
    settings = own_settings(tmp_path, name)
    settings.set(CALLING_HOURS, True)
    settings.set(CALLING_START, 9 * 60 + 30)
    settings.set(CALLING_END, 18 * 60)
    if last_list:
        settings.set(LAST_LIST, last_list)
    settings.sync()
    return settings


def ids(store: Store) -> dict[str, int]:
    return {info.name: info.id for info in store.lists()}


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def old_setting_left(settings: Settings) -> bool:
    return any(settings.store.contains(key) for key in OLD_KEYS)


@pytest.fixture
def lists(ui_store: Store) -> dict[str, int]:
    """展示会 has rules of its own already (three attempts); 既存顧客 and 空 have none."""
    found = ids(ui_store)
    ui_store.set_list_rules(found["展示会"], ListRules(max_attempts=3), by="kanri")
    return found


def test_a_managers_window_moves_them_into_the_lists_used_here_without_rules(
    qtbot: QtBot, ui_store: Store, line: DemoLine, tmp_path: Path, lists: dict[str, int]
) -> None:
    """kanri has no targets; this computer's operator view last showed 既存顧客 and 展示会 has
    rules already: only 既存顧客 takes the hours."""
    ui_store.import_csv(
        lists["空"],
        "取引先会社名,取引先担当者名,電話番号,カテゴリー\n管理の客,客,03-7777-0001,\n".encode(),
        assignee="kanri",
    )
    settings = old_computer(tmp_path, "kanri", last_list="既存顧客")
    window = open_window(qtbot, ui_store, line, settings, login="kanri")
    hours = (time(9, 30), time(18))
    qtbot.waitUntil(lambda: ui_store.list_rules(lists["既存顧客"]) == ListRules(hours=hours), timeout=LIVE)
    assert ui_store.list_rules(lists["空"]) == ListRules(hours=hours)  # kanri's own targets are there
    assert ui_store.list_rules(lists["展示会"]) == ListRules(max_attempts=3)  # its own rules stay
    qtbot.waitUntil(lambda: "09:30-18:00" in status(window), timeout=LIVE)
    said = status(window)
    assert (
        "発信ルールに移しました" in said
        and "「既存顧客」" in said
        and "「空」" in said
        and "展示会" not in said
    )
    assert not old_setting_left(settings) and settings.legacy_calling_hours() is None
    window.close()

    # The next start: nothing left to move, nothing said.
    ui_store.set_list_rules(lists["既存顧客"], ListRules(), by="kanri")
    again = open_window(qtbot, ui_store, line, settings, login="kanri")
    qtbot.wait(300)
    assert "発信可能時間" not in status(again)
    assert ui_store.list_rules(lists["既存顧客"]) == ListRules()


def test_an_operators_window_drops_them_and_says_so_once(
    qtbot: QtBot, ui_store: Store, line: DemoLine, tmp_path: Path, lists: dict[str, int]
) -> None:
    settings = old_computer(tmp_path, "sato", last_list="展示会")
    window = open_window(qtbot, ui_store, line, settings)
    qtbot.waitUntil(lambda: "09:30-18:00" in status(window), timeout=LIVE)
    said = status(window)
    assert "廃止されました" in said and "管理者" in said
    assert not old_setting_left(settings)
    assert (
        ui_store.list_rules(lists["既存顧客"]) == ListRules()
        and ui_store.list_rules(lists["空"]) == ListRules()
    )
    assert ui_store.list_rules(lists["展示会"]) == ListRules(max_attempts=3)
    try:  # said again in English after a switch
        window.switch_language("en")
        qtbot.waitUntil(
            lambda: status(window).startswith("This computer's calling hours setting (09:30-18:00)")
        )
        assert "set by a manager" in status(window)
    finally:
        app = QApplication.instance()
        assert app is not None
        install_language(app, "ja")
    window.close()

    again = open_window(qtbot, ui_store, line, settings)
    qtbot.wait(300)
    assert "廃止" not in status(again)


def test_hours_over_midnight_cannot_be_a_list_rule_and_are_dropped_with_a_note(
    qtbot: QtBot, ui_store: Store, line: DemoLine, tmp_path: Path, lists: dict[str, int]
) -> None:
    settings = old_computer(tmp_path, "kanri", last_list="既存顧客")
    settings.set(CALLING_START, 22 * 60)
    settings.set(CALLING_END, 6 * 60)
    window = open_window(qtbot, ui_store, line, settings, login="kanri")
    qtbot.waitUntil(lambda: "22:00-06:00" in status(window), timeout=LIVE)
    assert "廃止されました" in status(window)
    assert not old_setting_left(settings)
    assert all(
        ui_store.list_rules(list_id) == ListRules() for name, list_id in lists.items() if name != "展示会"
    )


def test_without_the_old_setting_nothing_is_said_or_changed(
    qtbot: QtBot, ui_store: Store, line: DemoLine, tmp_path: Path, lists: dict[str, int]
) -> None:
    settings = own_settings(tmp_path, "kanri")
    settings.set(LAST_LIST, "既存顧客")
    settings.set(CALLING_START, 8 * 60)  # a start time alone, the guard never switched on
    window = open_window(qtbot, ui_store, line, settings, login="kanri")
    qtbot.wait(300)
    assert "発信可能時間" not in status(window)
    assert ui_store.list_rules(lists["既存顧客"]) == ListRules()
    assert not old_setting_left(settings)  # (the leftover goes too)
