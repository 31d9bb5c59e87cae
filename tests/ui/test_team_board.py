"""チームの状況 (issue 15): the live team board between store clients, and the presence each
client reports from its call session, auto-call and window (start to close)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from calllist_desktop.store.store import Store
from calllist_desktop.ui.analytics.panel import AnalyticsPanel
from calllist_desktop.ui.live_updates import LiveUpdates
from calllist_desktop.ui.presence import PresenceReporter
from calllist_desktop.ui.store_work import StoreWork
from tests.store.report_history import build_history
from tests.ui.test_analytics import WITHIN, open_panel


class FakeSession(QObject):
    """What the presence reporter reads of a call session."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.current: Any = None


class FakeAutoCall(QObject):
    progress = Signal(object)
    run_ended = Signal(str, object)

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        self.list_id: int | None = None


class Current:
    def __init__(self, phone: str, started_at: datetime) -> None:
        self.phone = phone
        self.started_at = started_at


def board_row(panel: AnalyticsPanel, login: str) -> Any:
    return next((row for row in panel.board_model.rows() if row.login == login), None)


def test_the_board_follows_another_client_s_presence(qtbot: QtBot, qtmodeltester: Any, tmp_path: Path) -> None:
    """Two clients of one store: the operator's reporter writes, the manager's board follows
    through the live updates alone, and the call duration ticks on the manager's side."""
    url = f"sqlite:///{tmp_path / 'team.sqlite3'}"
    manager_store = Store.open(url)
    history = build_history(manager_store)
    operator_store = Store.open(url)
    try:
        panel = open_panel(qtbot, manager_store, team=True)
        updates = LiveUpdates(manager_store, panel)
        updates.changed.connect(panel.apply_changes)
        updates.start()
        qtbot.waitUntil(updates.is_watching, timeout=WITHIN)
        with qtbot.waitSignal(panel.board_loaded, timeout=WITHIN):
            panel.pages.setCurrentWidget(panel.board_page)
        qtmodeltester.check(panel.board_model)
        assert board_row(panel, "alice").signed_in is False

        session, autocall = FakeSession(), FakeAutoCall()
        work = StoreWork(lambda: operator_store, panel)
        reporter = PresenceReporter(work, "alice", session, autocall, heartbeat=30)
        reporter.start()
        qtbot.waitUntil(lambda: board_row(panel, "alice").signed_in, timeout=WITHIN)
        alice_row = panel.board_model.rows().index(board_row(panel, "alice"))
        assert panel.board_model.index(alice_row, 1).data() == "待機中"

        autocall.running, autocall.list_id = True, history.l1
        autocall.progress.emit(None)
        session.current = Current(history.l1_phones[0], datetime.now(UTC) - timedelta(seconds=65))
        session.changed.emit()
        qtbot.waitUntil(lambda: board_row(panel, "alice").on_call_since is not None, timeout=WITHIN)
        row = board_row(panel, "alice")
        assert row.call_phone == history.l1_phones[0] and row.autocall_list == "L1"
        number = panel.board_model.rows().index(row)
        assert number == 0, "people on a call come first"
        duration = panel.board_model.index(number, 2)
        first = duration.data()
        assert first.startswith("1:0")
        assert panel.ticker.isActive()
        qtbot.waitUntil(lambda: panel.board_model.index(number, 2).data() != first, timeout=2500)

        session.current = None
        session.changed.emit()
        autocall.running = False
        autocall.run_ended.emit("finished", None)
        qtbot.waitUntil(lambda: board_row(panel, "alice").on_call_since is None, timeout=WITHIN)
        qtbot.waitUntil(lambda: board_row(panel, "alice").autocall_list is None, timeout=WITHIN)
        reporter.stop()
        qtbot.waitUntil(lambda: not board_row(panel, "alice").signed_in, timeout=WITHIN)
        updates.stop()
        work.shutdown()
    finally:
        operator_store.close()
        manager_store.close()


@pytest.mark.postgres
def test_on_postgresql_an_operator_s_board_holds_only_their_own_line(qtbot: QtBot, postgres_url: str) -> None:
    from tests.pg_team import team_on

    with team_on(postgres_url) as team:
        operator = Store.open(team.url_as(team.alice))
        manager = Store.open(team.url_as(team.boss))
        try:
            manager.set_presence(team.boss, client="m")
            operator.set_presence(team.alice, client="o", call_phone=team.alice_phones[0], on_call_since=datetime.now(UTC))
            panel = open_panel(qtbot, operator, team=True)
            with qtbot.waitSignal(panel.board_loaded, timeout=WITHIN):
                panel.pages.setCurrentWidget(panel.board_page)
            assert [row.login for row in panel.board_model.rows()] == [team.alice]
            managers = open_panel(qtbot, manager, team=None)  # a PostgreSQL store: team mode, with the board
            assert managers.team and managers.pages.indexOf(managers.board_page) == 2
            with qtbot.waitSignal(managers.board_loaded, timeout=WITHIN):
                managers.pages.setCurrentWidget(managers.board_page)
            assert {row.login for row in managers.board_model.rows()} >= {team.alice, team.bob, team.boss}
            assert board_row(managers, team.alice).on_call_since is not None
        finally:
            operator.clear_presence(team.alice)
            manager.clear_presence(team.boss)
            operator.close()
            manager.close()


@pytest.mark.postgres
def test_the_window_reports_its_user_s_presence_from_start_to_close(
    qtbot: QtBot, postgres_url: str, line: Any, clock: Any, settings: Any
) -> None:
    """In team mode the window signs its user in when it opens, says when a call starts and
    ends, and signs out when it closes: the manager's board (another client) sees each step."""
    from tests.pg_team import team_on
    from tests.ui.conftest import open_window

    with team_on(postgres_url) as team:
        operator = Store.open(team.url_as(team.alice))
        manager = Store.open(team.url_as(team.boss))

        def alice() -> Any:
            return next(row for row in manager.team_board() if row.login == team.alice)

        try:
            window = open_window(qtbot, operator, line, settings, login=team.alice)
            assert window.presence is not None and window.analytics is None  # an operator has no 分析 tab
            qtbot.waitUntil(lambda: alice().signed_in, timeout=WITHIN)
            assert alice().on_call_since is None
            assert window.session.dial(team.alice_phones[0])
            qtbot.waitUntil(lambda: alice().call_phone == team.alice_phones[0], timeout=WITHIN)
            assert alice().on_call_since is not None
            window.session.hang_up()
            clock.advance(1.0)  # the demo line's time: the call ends
            qtbot.waitUntil(lambda: window.session.current is None, timeout=WITHIN)
            qtbot.waitUntil(lambda: alice().on_call_since is None, timeout=WITHIN)
            window.close()
            qtbot.waitUntil(lambda: not alice().signed_in, timeout=WITHIN)
        finally:
            operator.close()
            manager.close()


def test_a_client_that_stops_writing_turns_to_signed_out_without_any_news(
    qtbot: QtBot, history_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No write announces a presence going stale (a crashed client): the board reads again when
    the first row would, by itself, with no live update and no polling."""
    from calllist_desktop.store import presence

    monkeypatch.setattr(presence, "PRESENCE_TTL", timedelta(seconds=1))
    history_store.set_presence("alice", client="crashed")
    panel = open_panel(qtbot, history_store, team=True)
    reads: list[object] = []
    panel.board_loaded.connect(lambda: reads.append(None))
    with qtbot.waitSignal(panel.board_loaded, timeout=WITHIN):
        panel.pages.setCurrentWidget(panel.board_page)
    assert board_row(panel, "alice").signed_in
    qtbot.waitUntil(lambda: not board_row(panel, "alice").signed_in, timeout=WITHIN)
    assert len(reads) == 2, "one read when shown, one when the row went stale"


def test_presence_news_reread_the_board_alone(qtbot: QtBot, history_store: Store) -> None:
    """A heartbeat every 30 s per person must not re-read every list's progress."""
    from calllist_desktop.store.watch import Changes

    panel = open_panel(qtbot, history_store, team=True)
    with qtbot.waitSignal(panel.progress_loaded, timeout=WITHIN):
        panel.pages.setCurrentWidget(panel.progress_page)
    progress_reads: list[object] = []
    panel.progress_loaded.connect(lambda: progress_reads.append(None))
    panel.apply_changes(Changes(tables={"presence"}))
    qtbot.wait(200)
    assert progress_reads == []
    with qtbot.waitSignal(panel.board_loaded, timeout=WITHIN):  # the board read when it is shown
        panel.pages.setCurrentWidget(panel.board_page)
    panel.pages.setCurrentWidget(panel.progress_page)
    with qtbot.waitSignal(panel.progress_loaded, timeout=WITHIN):
        panel.apply_changes(Changes(phones={None: {"+81312340000"}}))
    assert progress_reads == [None]


def test_an_auto_call_run_shows_on_the_board_while_it_runs(
    qtbot: QtBot, ui_store: Store, line: Any, clock: Any, settings: Any
) -> None:
    """The real auto-call controller and call session feed the reporter: the run's list while it
    runs, each call while it rings, nothing once the run is stopped."""
    from tests.ui.test_autocall_ui import autocall_window, run_clock, start_run

    window = autocall_window(qtbot, ui_store, line, settings)
    reporter = PresenceReporter(window.work, "sato", window.session, window.autocall, window, heartbeat=30)
    reporter.start()

    def sato() -> Any:
        return next(row for row in ui_store.team_board() if row.login == "sato")

    qtbot.waitUntil(lambda: sato().signed_in, timeout=WITHIN)
    start_run(qtbot, window)
    run_clock(qtbot, clock, lambda: window.session.current is not None)
    qtbot.waitUntil(lambda: sato().autocall_list == "展示会" and sato().call_phone is not None, timeout=WITHIN)
    assert sato().call_phone == window.session.current.phone  # type: ignore[union-attr]
    window.autocall.stop()
    window.session.hang_up()
    run_clock(qtbot, clock, lambda: not window.autocall.running and window.session.current is None)
    qtbot.waitUntil(lambda: sato().autocall_list is None and sato().call_phone is None, timeout=WITHIN)
    reporter.stop()
    qtbot.waitUntil(lambda: not sato().signed_in, timeout=WITHIN)
