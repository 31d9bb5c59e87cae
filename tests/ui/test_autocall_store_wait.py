"""The window's auto-call bar while the store cannot be reached (issue 16 item 9), on real timers."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from calllist_desktop.core.claims import ClaimResult, MemoryClaims, TargetState
from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import Settings
from tests.ui.test_autocall_ui import start_run


class DownClaims(MemoryClaims):
    """Claims whose store is down until ``down`` is cleared."""

    down = True

    def claim_target(self, *args: Any, **kwargs: Any) -> ClaimResult:
        if self.down:
            raise ConnectionError("connection refused")
        return super().claim_target(*args, **kwargs)


def test_the_bar_says_the_run_waits_for_the_store_and_the_run_goes_on_by_itself(
    qtbot: QtBot, ui_store: Store, line: DemoLine, clock: ManualScheduler, settings: Settings
) -> None:
    claims = DownClaims()
    for call_list in ui_store.lists():
        for target in ui_store.targets(call_list.id):
            claims.put(call_list.id, target.phone, TargetState(target.assignee_login, target.excluded))
    window = MainWindow(ui_store, line, ui_store.user("sato"), settings, claims=claims)
    qtbot.addWidget(window, before_close_func=lambda w: (w.autocall.stop(), w.session.hang_up()))
    with qtbot.waitSignal(window.lists.loaded, timeout=5000):
        window.show()
    start_run(qtbot, window)
    bar = window.autocall_side.bar
    qtbot.waitUntil(lambda: bar.state.text() == "データ待ち", timeout=5000)
    assert "connection refused" in bar.message.text() and bar.message.isVisibleTo(bar)
    assert not window.session.busy
    claims.down = False  # the store is back: no one presses anything
    qtbot.waitUntil(lambda: window.session.busy, timeout=5000)
    assert bar.state.text() != "データ待ち" and not bar.message.isVisibleTo(bar)
