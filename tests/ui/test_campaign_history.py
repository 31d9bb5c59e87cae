"""履歴 beside the list in the wide window (issue 14, SPEC §9): choosing a target shows its calls
(time, agent, direction, outcome, disposition, note, talk time) and its notes, newest first; a
note is added without a call; another row shows another number's; an incoming caller's history
shows as the phone rings. And the dial guard: dialling a target by hand outside its list's
calling hours asks first (yes dials, cancel writes no call)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from calllist_desktop.core.campaign_rules import ListRules
from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.campaign.history_panel import AGENT, DISPOSITION, KIND, NOTE, RESULT, TALK, WHEN
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import LayoutMode, Settings
from tests.ui.campaign_steps import (
    NAGOYA,
    OSAKA,
    TOKYO,
    japanese_messages,  # noqa: F401 - a fixture
    tokyo_day,
)
from tests.ui.conftest import open_window, settle
from tests.ui.test_autocall_real_timers import type_in
from tests.ui.test_autocall_ui import calls
from tests.ui.test_campaign_dnc import dial_row

LIVE = 5000
pytestmark = pytest.mark.usefixtures("japanese_messages")


@pytest.fixture
def fair(ui_store: Store) -> int:
    """展示会, where 03-1234-5678 has two calls (an answered one with a wrap-up, an incoming
    one) and a note, and 06-1234-5678 one busy call."""
    list_id = next(info.id for info in ui_store.lists() if info.name == "展示会")
    start = datetime.now().astimezone().replace(microsecond=0) - timedelta(days=2)
    answered = ui_store.start_call(TOKYO, Direction.OUTBOUND, user="sato", list_id=list_id, started_at=start)
    ui_store.finish_call(
        answered,
        Outcome.ANSWERED,
        answered_at=start + timedelta(seconds=10),
        ended_at=start + timedelta(seconds=75),
        disposition="資料送付",
        note="カタログを送る",
    )
    incoming = ui_store.start_call(
        TOKYO, Direction.INBOUND, user="tanaka", started_at=start + timedelta(hours=1)
    )
    ui_store.finish_call(incoming, Outcome.MISSED, ended_at=start + timedelta(hours=1, seconds=20))
    ui_store.add_note(TOKYO, "午後なら在席", user="kanri")
    busy = ui_store.start_call(OSAKA, Direction.OUTBOUND, user="sato", list_id=list_id, started_at=start)
    ui_store.finish_call(busy, Outcome.BUSY, ended_at=start + timedelta(seconds=5))
    return list_id


def rows(window: MainWindow) -> list[list[str]]:
    """The history panel's lines as shown: when, kind, agent, result, disposition, talk, note."""
    tree = window.lists.history.tree
    found = []
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        assert item is not None
        found.append([item.text(column) for column in (WHEN, KIND, AGENT, RESULT, DISPOSITION, TALK, NOTE)])
    return found


def click_row(qtbot: QtBot, window: MainWindow, phone: str) -> None:
    """Click the row of ``phone`` in the operator's table (its company cell)."""
    table = window.lists.table
    model = window.lists.model
    index = model.index(model.row_for_key(phone), 1)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())


def test_the_history_of_the_chosen_target_shows_and_takes_notes(
    qtbot: QtBot, window: MainWindow, ui_store: Store, fair: int
) -> None:
    assert window.mode is LayoutMode.WIDE
    history = window.lists.history
    assert history.isVisible() and "発信先を選ぶと" in history.who.text()
    assert not history.add_button.isEnabled()

    click_row(qtbot, window, TOKYO)
    qtbot.waitUntil(lambda: len(rows(window)) == 3, timeout=LIVE)
    assert history.phone == TOKYO and "長田 翔" in history.who.text() and "03-1234-5678" in history.who.text()
    note, incoming, answered = rows(window)
    when = (datetime.now().astimezone() - timedelta(days=2)).strftime("%Y-%m-%d")
    assert answered[:1][0].startswith(when)
    assert answered[1:] == ["発信", "佐藤 美咲", "応答", "資料送付", "01:05", "カタログを送る"]
    assert incoming[1:4] == ["着信", "田中 翔", rows_result(Outcome.MISSED)]
    assert note[1:3] == ["メモ", "管理 花子"] and note[NOTE] == "午後なら在席"

    # A note without a call: typed, 追加, and it is the newest line.
    history.note.setFocus()
    type_in(history.note, "来週もう一度")
    qtbot.mouseClick(history.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(rows(window)) == 4, timeout=LIVE)
    assert rows(window)[0][1:3] == ["メモ", "佐藤 美咲"] and rows(window)[0][NOTE] == "来週もう一度"
    assert history.note.text() == ""
    assert [(e.kind, e.note, e.agent_login) for e in ui_store.history(TOKYO)][0] == (
        "note",
        "来週もう一度",
        "sato",
    )
    assert len(calls(ui_store)) == 3  # no call was made for it

    # An empty note is not written.
    qtbot.mouseClick(history.add_button, Qt.MouseButton.LeftButton)
    assert len(ui_store.history(TOKYO)) == 4

    # Another row: another number's history.
    click_row(qtbot, window, OSAKA)
    qtbot.waitUntil(lambda: history.phone == OSAKA and len(rows(window)) == 1, timeout=LIVE)
    assert rows(window)[0][1:5] == ["発信", "佐藤 美咲", "話中", ""]
    assert "山田 圭" in history.who.text()
    click_row(qtbot, window, NAGOYA)
    qtbot.waitUntil(lambda: history.phone == NAGOYA and history.empty.isVisible(), timeout=LIVE)
    assert rows(window) == [] and "まだありません" in history.empty.text()


def rows_result(outcome: Outcome) -> str:
    from calllist_desktop.ui.table.columns import outcome_label

    return outcome_label(outcome)


def test_an_incoming_callers_history_shows_as_the_phone_rings(
    qtbot: QtBot, window: MainWindow, ui_store: Store, line: DemoLine, clock: ManualScheduler, fair: int
) -> None:
    history = window.lists.history
    click_row(qtbot, window, OSAKA)
    qtbot.waitUntil(lambda: history.phone == OSAKA, timeout=LIVE)
    line.simulate_incoming(TOKYO)
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=LIVE)
    qtbot.waitUntil(lambda: history.phone == TOKYO and len(rows(window)) >= 3, timeout=LIVE)
    assert "株式会社さくら商事" in history.who.text() and "長田 翔" in history.who.text()
    kinds = [row[KIND] for row in rows(window)]
    assert "着信" in kinds and "メモ" in kinds and "発信" in kinds
    window.session.hang_up()


class ContactAfterTheRow:
    """Stands in for the store; the contact of ``phone`` is told only once :attr:`release` is set
    (an incoming caller's name comes after the call's row, as a slow read makes it come)."""

    def __init__(self, store: Store, phone: str) -> None:
        self._store = store
        self._phone = phone
        self.release = threading.Event()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def contact(self, phone: str) -> Any:
        if phone == self._phone:
            self.release.wait(timeout=10)
        return self._store.contact(phone)


def test_an_incoming_caller_is_named_when_the_contact_comes_after_the_calls_row(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    store = ContactAfterTheRow(ui_store, TOKYO)
    window = open_window(qtbot, store, line, settings)  # type: ignore[arg-type]
    history = window.lists.history
    try:
        with qtbot.waitSignal(window.session.started, timeout=LIVE):  # the call's row is written
            line.simulate_incoming(TOKYO)
        assert history.phone == TOKYO and "株式会社さくら商事" not in history.who.text()  # not known yet
        store.release.set()
        qtbot.waitUntil(
            lambda: "株式会社さくら商事" in history.who.text() and "長田 翔" in history.who.text(),
            timeout=LIVE,
        )
        assert history.phone == TOKYO and "03-1234-5678" in history.who.text()
    finally:
        store.release.set()
        window.session.hang_up()


def test_hand_dialling_outside_the_calling_hours_asks_first(
    qtbot: QtBot, window: MainWindow, ui_store: Store, fair: int
) -> None:
    """The list's only calling day is neither today nor tomorrow in Tokyo: now is outside."""
    day = (tokyo_day() + 2) % 7
    from datetime import time

    ui_store.set_list_rules(fair, ListRules(hours=(time(9), time(18)), days=frozenset({day})), by="kanri")
    before = len(calls(ui_store))

    dial_row(qtbot, window, NAGOYA)
    box = window.campaign.guard.box
    assert isinstance(box, QMessageBox) and box.isVisible() and box.objectName() == "outsideHoursConfirm"
    assert "09:00-18:00" in box.text() and "発信しますか" in box.text()
    cancel = next(button for button in box.buttons() if button.text() == "キャンセル")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert window.session.current is None and len(calls(ui_store)) == before  # no call row

    dial_row(qtbot, window, NAGOYA)
    box = window.campaign.guard.box
    assert isinstance(box, QMessageBox) and box.isVisible()
    yes = next(button for button in box.buttons() if button.text() == "発信する")
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    settle(qtbot, window)  # the call's row is written, then the line dials
    assert window.session.current is not None and window.session.current.phone == NAGOYA
    qtbot.waitUntil(lambda: len(calls(ui_store)) == before + 1, timeout=LIVE)
    assert calls(ui_store)[-1].phone == NAGOYA and calls(ui_store)[-1].list_id == fair
    window.session.hang_up()
    qtbot.waitUntil(lambda: window.session.current is None)

    # A number typed on the pad belongs to no list: no hours to ask about.
    window.phone.number.clear()
    qtbot.keyClicks(window.phone.number, "052-123-4567")
    qtbot.keyClick(window.phone.number, Qt.Key.Key_Return)
    settle(qtbot, window)  # the dial guard's check, the call's row
    assert window.campaign.guard.box is None or not window.campaign.guard.box.isVisible()
    assert window.session.current is not None
    window.session.hang_up()

    # Any day again: the row dials without a question.
    ui_store.set_list_rules(fair, ListRules(hours=(time(0), time(23, 59, 59))), by="kanri")
    qtbot.waitUntil(lambda: window.session.current is None)
    dial_row(qtbot, window, OSAKA)
    assert window.session.current is not None and window.session.current.phone == OSAKA
    window.session.hang_up()


def test_a_caller_ringing_in_during_the_calling_hours_question_gets_the_line(
    qtbot: QtBot, window: MainWindow, ui_store: Store, fair: int, line: DemoLine
) -> None:
    """The operator is asked whether to dial outside the hours when a customer calls: the
    question closes as a no, the customer rings and is answered, and no outbound call was made."""
    from datetime import time

    ui_store.set_list_rules(
        fair, ListRules(hours=(time(9), time(18)), days=frozenset({(tokyo_day() + 2) % 7})), by="kanri"
    )
    before = len(calls(ui_store))
    dial_row(qtbot, window, NAGOYA)
    box = window.campaign.guard.box
    assert isinstance(box, QMessageBox) and box.isVisible() and window.session.line_taken

    line.simulate_incoming(TOKYO)
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=LIVE)
    assert not box.isVisible() and window.campaign.guard.box is None
    assert window.session.current.state == "incoming" and window.phone.answer_button.isVisibleTo(window)
    qtbot.mouseClick(window.phone.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.session.current is not None and window.session.current.state == "talking", timeout=LIVE
    )
    window.session.hang_up()
    qtbot.waitUntil(lambda: window.session.current is None, timeout=LIVE)
    settle(qtbot, window)
    made = calls(ui_store)[before:]
    assert [(call.phone, call.direction, call.outcome) for call in made] == [(TOKYO, "inbound", "answered")]


def test_the_history_follows_a_call_just_made_and_a_note_written_elsewhere(
    qtbot: QtBot, window: MainWindow, ui_store: Store, clock: ManualScheduler, fair: int
) -> None:
    history = window.lists.history
    click_row(qtbot, window, OSAKA)
    qtbot.waitUntil(lambda: history.phone == OSAKA and len(rows(window)) == 1, timeout=LIVE)
    dial_row(qtbot, window, OSAKA)
    assert window.session.current is not None
    clock.advance(1.0)
    window.commands["hang_up"].trigger()
    qtbot.waitUntil(lambda: window.session.current is None)
    qtbot.waitUntil(lambda: len(rows(window)) == 2, timeout=LIVE)
    assert rows(window)[0][KIND] == "発信" and rows(window)[0][AGENT] == "佐藤 美咲"

    ui_store.add_note(OSAKA, "他の端末から", user="kanri")  # (another connection: as another client)
    qtbot.waitUntil(lambda: len(rows(window)) == 3, timeout=LIVE)
    assert rows(window)[0][NOTE] == "他の端末から" and rows(window)[0][AGENT] == "管理 花子"
