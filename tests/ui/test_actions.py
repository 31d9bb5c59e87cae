"""The window's commands, declared once (``ui.actions``): shortcuts, menus, toolbar, enabled-when."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu
from pytestqt.qtbot import QtBot

from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.actions import ACTIONS, MENUS, ActionState, Menu, WindowActions
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import Settings
from tests.ui.conftest import open_window, settle

# Opened from their menu only: rare, or a choice among several (the languages).
WITHOUT_SHORTCUT = {
    "switch_user",
    "toggle_layout",
    "lang_ja",
    "lang_en",
    "reconnect",
    "rules",
    "dnc",
    "dispositions",
    "open_logs",
    "about",
}
IDLE = ActionState(registered=True, autocall_allowed=True)


@pytest.fixture
def admin_window(qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings) -> MainWindow:
    return open_window(qtbot, ui_store, line, settings, "kanri")


@pytest.fixture
def bare(qtbot: QtBot) -> Iterator[WindowActions]:
    """The commands on a plain main window, for an admin."""
    window = QMainWindow()
    qtbot.addWidget(window)
    commands = WindowActions(window, admin=True)
    commands.retranslate()
    yield commands
    window.close()


def bindings(window: QMainWindow) -> list[str]:
    """Every key of every command the window takes in (a standard key may have several)."""
    return [key.toString() for action in window.actions() for key in action.shortcuts()]


def test_every_command_is_declared_once_and_its_shortcut_is_its_own(admin_window: MainWindow) -> None:
    assert len({spec.id for spec in ACTIONS}) == len(ACTIONS)
    assert {spec.id for spec in ACTIONS if spec.shortcut is None} == WITHOUT_SHORTCUT
    taken = Counter(bindings(admin_window))
    assert [key for key, count in taken.items() if count > 1] == []
    for spec in ACTIONS:
        action = admin_window.commands[spec.id]
        if spec.shortcut is not None:
            assert action.shortcut() == QKeySequence(spec.shortcut), spec.id
            assert action in admin_window.actions(), spec.id  # the key works in both layouts, menus or not
            if spec.why_not is None:  # (kanri may not auto-call: those tips say why instead)
                assert (
                    action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) in action.toolTip()
                ), spec.id


def test_every_command_is_in_its_menu_in_the_declared_order(admin_window: MainWindow) -> None:
    menus = admin_window.commands.menus
    bar = admin_window.menuBar()
    tops = [spec.menu for spec in MENUS if spec.parent is None]
    assert [action.menu() for action in bar.actions()] == [menus[menu] for menu in tops]
    assert menus[Menu.LANGUAGE].menuAction() in menus[Menu.VIEW].actions()
    for menu in Menu:
        entries = [
            action for action in menus[menu].actions() if not action.isSeparator() and action.menu() is None
        ]
        assert entries == [admin_window.commands[spec.id] for spec in ACTIONS if spec.menu is menu], menu
        assert all(entry.text() for entry in entries), menu
        assert menus[menu].menuAction().isVisible() and menus[menu].title()
    assert menus[Menu.FILE].actions()[-2].isSeparator()  # 終了 stands apart


def test_the_toolbar_shows_the_layouts_and_the_start_of_auto_call(admin_window: MainWindow) -> None:
    toolbar = admin_window.commands.toolbar
    entries = ["|" if action.isSeparator() else action.objectName() for action in toolbar.actions()]
    assert entries == ["compact", "wide", "|", "autocall_start"]
    assert [admin_window.commands[name].iconText() for name in ("compact", "wide")] == [
        "コンパクト",
        "ワイド",
    ]


def test_an_operators_window_takes_in_no_admin_command(window: MainWindow) -> None:
    admin_only = [spec.id for spec in ACTIONS if spec.admin_only]
    assert {"manage_lists", "users", "rules", "dnc", "dispositions"} <= set(admin_only)
    window.update_actions()
    for name in admin_only:
        action = window.commands[name]
        assert action not in window.actions() and not action.isEnabled() and not action.isVisible()
    assert not window.commands.menus[Menu.ADMIN].menuAction().isVisible()
    assert set(bindings(window)).isdisjoint({"Ctrl+Shift+L", "Ctrl+I", "Ctrl+Shift+U"})


def enabled(commands: WindowActions) -> set[str]:
    return {name for name in commands if commands[name].isEnabled()}


def test_call_commands_follow_the_call(bare: WindowActions) -> None:
    bare.update(IDLE)
    assert {"dial", "redial"} <= enabled(bare) and not {"hang_up", "mute", "hold"} & enabled(bare)
    bare.update(replace(IDLE, registered=False))  # the line cannot place a call
    assert not {"dial", "redial"} & enabled(bare)
    bare.update(replace(IDLE, line_taken=True))  # auto-call's dial asked for, not on the line yet
    assert not {"dial", "redial", "hang_up"} & enabled(bare)
    bare.update(replace(IDLE, line_taken=True, dial_pending=True))  # a hand dial's: 切断 cancels it
    assert not {"dial", "redial"} & enabled(bare) and "hang_up" in enabled(bare)
    assert bare["hang_up"].toolTip() == "発信をやめる (Ctrl+E)"
    ringing = replace(IDLE, in_call=True, line_taken=True)
    bare.update(ringing)
    assert "hang_up" in enabled(bare) and not {"dial", "redial", "mute", "hold"} & enabled(bare)
    bare.update(replace(ringing, talking=True, muted=True))
    assert {"hang_up", "mute", "hold"} <= enabled(bare)
    assert bare["mute"].isChecked() and not bare["hold"].isChecked()
    bare.update(replace(ringing, talking=True, can_mute=False))
    assert "mute" not in enabled(bare) and bare["mute"].toolTip() == "この回線ではミュートできません"
    bare.update(IDLE)
    assert not bare["mute"].isChecked() and bare["mute"].toolTip() == "ミュート (Ctrl+M)"


def test_view_commands_follow_the_layout_the_screen_and_the_language(bare: WindowActions) -> None:
    bare.update(replace(IDLE, wide=False, full_screen=True, language="en"))
    assert not {"refresh", "find"} & enabled(bare)
    assert bare["compact"].isChecked() and not bare["wide"].isChecked()
    assert bare["full_screen"].isChecked() and bare["lang_en"].isChecked() and not bare["lang_ja"].isChecked()
    bare.update(IDLE)
    assert (
        {"refresh", "find"} <= enabled(bare) and bare["wide"].isChecked() and not bare["compact"].isChecked()
    )
    assert not bare["full_screen"].isChecked() and bare["lang_ja"].isChecked()


def test_auto_call_commands_follow_the_run(bare: WindowActions) -> None:
    run = {"autocall_pause", "autocall_skip", "autocall_stop"}
    starts = {"autocall_start", "autocall_start_here"}
    bare.update(IDLE)
    assert starts <= enabled(bare) and not run & enabled(bare)
    bare.update(replace(IDLE, autocall_allowed=False))
    assert not starts & enabled(bare) and "権限" in bare["autocall_start"].toolTip()
    running = replace(IDLE, autocall_running=True)
    bare.update(running)
    assert run <= enabled(bare) and not starts & enabled(bare)
    bare["autocall_pause"].trigger()  # a click checks it; only a pending pause keeps it checked
    bare.update(running)
    assert not bare["autocall_pause"].isChecked() and bare["autocall_pause"].text() == "一時停止"
    bare.update(replace(running, pause_pending=True))
    assert bare["autocall_pause"].isChecked() and "取り消します" in bare["autocall_pause"].toolTip()
    bare.update(replace(running, autocall_paused=True))
    assert bare["autocall_pause"].text() == bare["autocall_pause"].iconText() == "再開"
    assert (
        not bare["autocall_pause"].isChecked() and bare["autocall_pause"].toolTip() == "再開 (Ctrl+Shift+P)"
    )


def test_the_real_window_follows_its_state(qtbot: QtBot, window: MainWindow) -> None:
    commands = window.commands
    assert commands["dial"].isEnabled() and not commands["hang_up"].isEnabled()
    window.session.dial("+81312345678", list_id=window.lists.list_id)
    settle(qtbot, window)  # the call's row is written, then the line dials
    assert (
        commands["hang_up"].isEnabled()
        and not commands["dial"].isEnabled()
        and not commands["redial"].isEnabled()
    )
    window.session.hang_up()
    qtbot.waitUntil(lambda: window.session.current is None, timeout=2000)
    assert commands["dial"].isEnabled() and not commands["hang_up"].isEnabled()
    commands["compact"].trigger()
    assert (
        not commands["refresh"].isEnabled()
        and not commands["find"].isEnabled()
        and commands["compact"].isChecked()
    )
    commands["wide"].trigger()
    assert commands["refresh"].isEnabled() and commands["wide"].isChecked()


def test_a_submenu_comes_where_its_first_command_is(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    commands = WindowActions(window, admin=False)
    view = commands.menus[Menu.VIEW]
    last = view.actions()[-1]
    assert isinstance(last.menu(), QMenu) and last.menu() is commands.menus[Menu.LANGUAGE]
    assert view.actions()[-2].isSeparator()
