"""What was cut off or stretched in the screenshots of issue 13, checked on the real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QApplication, QComboBox, QHeaderView
from pytestqt.qtbot import QtBot

from calllist_desktop.core.autocall_events import Progress, RunState
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.manage.users_dialog import UsersDialog
from calllist_desktop.ui.phone_panel import DIAL_WIDTH
from calllist_desktop.ui.settings import LayoutMode, Settings
from calllist_desktop.ui.table.columns import CATEGORIES
from calllist_desktop.ui.table.view import TargetTableView
from tests.ui.conftest import open_window, own_store_work


def settle(qtbot: QtBot) -> None:
    QApplication.sendPostedEvents()
    qtbot.wait(50)


def section_of(table: TargetTableView, key: str) -> int:
    return next(i for i, column in enumerate(table.model().columns()) if column.key == key)  # type: ignore[attr-defined]


def free_width(table: TargetTableView) -> int:
    """The table's width to the right of its last column."""
    return table.viewport().width() - table.horizontalHeader().length()


@contextmanager
def english(window: MainWindow, qtbot: QtBot) -> Iterator[None]:
    window.switch_language("en")
    qtbot.waitUntil(lambda: window.lists.tabs.tabText(0) == "Call lists", timeout=2000)
    try:
        yield
    finally:
        window.switch_language("ja")
        qtbot.waitUntil(lambda: window.lists.tabs.tabText(0) == "発信先リスト", timeout=2000)


def test_categories_take_the_free_width_and_keep_their_own_when_squeezed(qtbot: QtBot, window: MainWindow) -> None:
    table = window.lists.table
    section = section_of(table, CATEGORIES)
    header = table.horizontalHeader()
    own = header.sectionSize(section)
    window.resize(1920, 1000)  # room to spare beside the history panel (wide mode) and every column
    settle(qtbot)
    assert free_width(table) == 0  # nothing left over to the right
    assert header.sectionSize(section) > own
    assert not header.stretchLastSection()
    last = header.logicalIndex(header.count() - 1)
    header.resizeSection(last, header.sectionSize(last) - 40)  # the user narrows another column
    settle(qtbot)
    assert free_width(table) == 0
    window.resize(window.minimumSizeHint().width(), 700)
    settle(qtbot)
    assert header.sectionSize(section) == own  # never narrower than its own width: it scrolls


def test_the_dial_keys_keep_a_phone_size_in_a_large_compact_window(qtbot: QtBot, window: MainWindow) -> None:
    window.apply_layout(LayoutMode.COMPACT)
    window.resize(1200, 900)
    settle(qtbot)
    block = window.phone.dial_block
    assert block.width() == DIAL_WIDTH
    left = block.geometry().left()
    right = window.phone.width() - block.geometry().right() - 1
    assert abs(left - right) <= 2, (left, right)  # centred
    assert all(key.width() <= DIAL_WIDTH // 3 for key in window.phone.pad_buttons.values())
    window.resize(window.minimumWidth(), 700)
    settle(qtbot)
    assert block.width() < DIAL_WIDTH  # and narrower windows still get all of it
    assert block.width() >= window.phone.width() - 2 * 12 - 2


def test_the_operator_filters_show_their_whole_text_after_a_language_switch_at_the_minimum_width(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    window = open_window(qtbot, ui_store, line, settings)
    window.switch_language("en")
    qtbot.waitUntil(lambda: window.lists.tabs.tabText(0) == "Call lists", timeout=2000)
    window.switch_language("ja")
    qtbot.waitUntil(lambda: window.lists.tabs.tabText(0) == "発信先リスト", timeout=2000)
    window.resize(window.minimumSizeHint())
    settle(qtbot)
    for combo in (window.lists.status, window.lists.category):
        assert combo.currentText().startswith("すべての")
        assert combo.width() >= combo.sizeHint().width(), combo.currentText()  # not squeezed under its arrow


def test_the_manager_filters_fit_at_the_minimum_width_in_english(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    window = open_window(qtbot, ui_store, line, settings, login="kanri")
    panel = window.management
    assert panel is not None
    window.show_management()
    with english(window, qtbot):
        panel.filter_bar.set_targeted("excluded")
        window.resize(window.minimumSizeHint())
        settle(qtbot)
        targeted: QComboBox = panel.filter_bar.targeted
        assert targeted.currentText() == "Excluded only"
        assert targeted.width() >= targeted.sizeHint().width()  # not "Excluded o"
        for button in panel.filter_bar.choice_buttons.values():
            text_width = button.fontMetrics().horizontalAdvance(button.text())
            assert text_width + 30 <= button.width(), button.text()  # the arrow sits beside the text
            if button.text() != button.full_text():
                assert button.text().endswith("…") and button.full_text() in button.toolTip()
        window.resize(1600, 860)
        settle(qtbot)
        assert all(b.text() == b.full_text() for b in panel.filter_bar.choice_buttons.values())


def test_the_login_column_fits_a_user_added_in_the_dialog(qtbot: QtBot, ui_store: Store) -> None:
    dialog = UsersDialog(own_store_work(qtbot, ui_store), "kanri")
    qtbot.addWidget(dialog, before_close_func=lambda d: d._load_form(d.selected_user()))
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)  # read off the GUI thread
    dialog.add_login.setText("yamamoto.takeshi")
    dialog.add_name.setText("山本 健")
    with qtbot.waitSignal(dialog.users_changed):
        assert dialog.add() is not None
    settle(qtbot)
    header = dialog.table.horizontalHeader()
    assert header.sectionResizeMode(0) is QHeaderView.ResizeMode.ResizeToContents
    assert header.sectionSize(0) >= dialog.table.sizeHintForColumn(0)  # not "yam…"


def test_the_english_auto_call_summary_never_breaks_inside_a_count(window: MainWindow, qtbot: QtBot) -> None:
    with english(window, qtbot):
        check_summary(window)


def check_summary(window: MainWindow) -> None:
    bar = window.autocall_side.bar
    progress = Progress(
        state=RunState.RINGING,
        position=5,
        total=40,
        current="+81312345678",
        next=None,
        outcomes={Outcome.ANSWERED: 3, Outcome.CANCELED: 2, Outcome.NO_ANSWER: 1},
        skipped={},
    )
    bar.show_progress(progress)
    text = bar.outcomes.text()
    assert text.split(" · ") == ["Answered\u00a03", "No\u00a0answer\u00a01", "Canceled\u00a02"]
