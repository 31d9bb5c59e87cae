"""Issue 14: the history under the operator's list and the due-callback notice, as an operator
leaves them: the history's open state and height come back after a restart; in the compact
window a due callback is a chip that opens the notice, which a wide window shows whole."""

from __future__ import annotations

from datetime import datetime, timedelta

from pytestqt.qtbot import QtBot

from calllist_desktop.store.campaign_views import CallbackInfo
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import LayoutMode, Settings
from tests.ui.conftest import open_window


def choose_first_row(qtbot: QtBot, window: MainWindow) -> None:
    rows = window.lists.targets_in_view_order()
    with qtbot.waitSignal(window.lists.history.loaded, timeout=3000):
        window.lists.table.select_key(rows[0].phone)


def test_the_history_folds_while_nothing_is_chosen_and_opens_for_a_chosen_target(
    qtbot: QtBot, window: MainWindow
) -> None:
    history, body = window.lists.history, window.lists.body
    window.resize(1400, 860)
    qtbot.waitUntil(lambda: body.height() > 300, timeout=2000)
    assert not history.body.isVisible()
    assert history.height() == history.header_height()
    choose_first_row(qtbot, window)
    qtbot.waitUntil(
        lambda: history.body.isVisible() and history.height() > history.header_height() * 3, timeout=2000
    )
    history.toggle.click()  # the operator closes it: only the header strip stays
    qtbot.waitUntil(lambda: history.height() == history.header_height(), timeout=2000)
    assert not history.body.isVisible() and history.phone is not None


def test_the_history_s_open_state_and_height_survive_a_restart(
    qtbot: QtBot, window: MainWindow, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    window.resize(1400, 860)
    choose_first_row(qtbot, window)
    body = window.lists.body
    qtbot.waitUntil(lambda: window.lists.history.body.isVisible(), timeout=2000)
    total = sum(body.sizes())
    body.moveSplitter(total - 300, 1)  # the operator drags the history taller
    qtbot.waitUntil(lambda: abs(body.sizes()[1] - 300) <= 12, timeout=2000)
    dragged = body.open_height
    assert abs(dragged - 300) <= 12
    window.save_state()
    window.lists.history.set_open(False)
    window.save_state()
    again = open_window(qtbot, ui_store, line, settings)
    assert not again.lists.history.is_open and again.lists.body.open_height == dragged
    again.lists.history.set_open(True)
    again.resize(1400, 860)
    choose_first_row(qtbot, again)
    qtbot.waitUntil(lambda: abs(again.lists.history.height() - dragged) <= 2, timeout=2000)


def test_a_saved_history_state_that_is_not_ours_keeps_the_defaults(window: MainWindow) -> None:
    from PySide6.QtCore import QByteArray

    body = window.lists.body
    for junk in (
        QByteArray(b"\xff\xfe"),
        QByteArray(b"[1, 2]"),
        QByteArray(b'{"open": "yes", "height": -4}'),
        None,
    ):
        body.restore_state(junk)
        assert body.history.is_open and body.open_height > 0


def due_callback(minutes_ago: int, ident: int = 7) -> CallbackInfo:
    now = datetime.now().astimezone()
    return CallbackInfo(
        id=ident, list_id=None, list_name="展示会", phone="+81312345678", company="株式会社さくら商事",
        person="長田 翔", for_login="sato", for_name="佐藤 美咲", created_by_login="kanri",
        due_at=now - timedelta(minutes=minutes_ago), note=None, created_at=now, done_at=None,
    )  # fmt: skip


def test_in_the_compact_window_a_due_callback_is_a_chip_that_opens_the_notice(
    qtbot: QtBot, window: MainWindow
) -> None:
    notice = window.campaign.notice
    window.apply_layout(LayoutMode.COMPACT)
    notice.add(due_callback(5))
    notice.add(due_callback(1, ident=8))
    qtbot.waitUntil(notice.chip.isVisible, timeout=2000)
    assert not notice.isVisible()
    assert "+1" in notice.chip.text()  # one more waits
    assert notice.chip.property("overdue") is True
    notice.chip.click()
    qtbot.waitUntil(notice.isVisible, timeout=2000)
    with qtbot.waitSignal(notice.dial_requested, timeout=2000) as dialled:
        notice.dial_button.click()
    assert dialled.args == ["+81312345678", 0]
    notice.close_button.click()  # the second one, shown after the first was dialled
    qtbot.waitUntil(lambda: not notice.chip.isVisible() and not notice.isVisible(), timeout=2000)


def test_the_wide_window_shows_the_notice_whole_and_compact_folds_it_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    notice = window.campaign.notice
    notice.add(due_callback(5))
    qtbot.waitUntil(notice.isVisible, timeout=2000)
    assert not notice.chip.isVisible()
    window.apply_layout(LayoutMode.COMPACT)
    qtbot.waitUntil(lambda: notice.chip.isVisible() and not notice.isVisible(), timeout=2000)
    window.apply_layout(LayoutMode.WIDE)
    qtbot.waitUntil(lambda: notice.isVisible() and not notice.chip.isVisible(), timeout=2000)


def test_a_short_wide_window_folds_the_notice_so_it_still_fits_its_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The card adds ~170 pixels to the phone's least height: a wide window on a 540-pixel-high
    screen could not hold it. Below the card's height the notice is the chip, as in compact."""
    notice = window.campaign.notice
    window.resize(1400, 860)
    notice.add(due_callback(5))
    qtbot.waitUntil(lambda: notice.isVisible() and not notice.chip.isVisible(), timeout=2000)
    window.resize(1200, 500)
    qtbot.waitUntil(lambda: notice.chip.isVisible() and not notice.isVisible(), timeout=2000)
    assert window.minimumSizeHint().height() <= 500
    window.resize(1400, 860)
    qtbot.waitUntil(lambda: notice.isVisible() and not notice.chip.isVisible(), timeout=2000)
