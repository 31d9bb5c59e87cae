"""Hand dialling and redial of a number no one may dial (issue 14): the store refuses the call
before the line dials, and the window says why (the rest of the window side is campaign-ui's)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from calllist_desktop.store.store import Store
from calllist_desktop.ui.main_window import MainWindow
from tests.ui.test_operator_phone import dial_typed

BLOCKED = "+81312340486"


def test_a_blocked_number_typed_by_hand_is_not_dialled_and_the_window_says_why(
    qtbot: QtBot, window: MainWindow, ui_store: Store
) -> None:
    ui_store.add_dnc([BLOCKED], reason="本人の申し出", by="kanri")
    dial_typed(qtbot, window, "03-1234-0486")
    assert window.session.current is None
    box = window.findChild(QMessageBox, "dialRefused")
    assert box is not None and box.isVisible()
    said = box.text()
    assert ("do-not-call" in said or "発信禁止番号" in said) and "本人の申し出" in said
    box.reject()
    assert ui_store.history(BLOCKED) == []
    ui_store.remove_dnc([BLOCKED], by="kanri")
    dial_typed(qtbot, window, "03-1234-0486")
    assert window.session.current is not None
    window.session.hang_up()
