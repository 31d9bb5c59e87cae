"""Live updates: a change made by one client shows in another client's open view within a second,
row by row (selection kept), on SQLite and PostgreSQL; a manager's stale bulk edit is refused."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.store.views import TargetView
from calllist_desktop.store.watch import PostgresWatcher
from calllist_desktop.ui.call_list_panel import CallListPanel
from calllist_desktop.ui.live_updates import LiveUpdates
from calllist_desktop.ui.manage.panel import ManagementPanel
from tests.conftest import csv_bytes
from tests.pg_team import team_on
from tests.ui.conftest import SATO_ROWS, TANAKA_ROWS

WITHIN = 1000  # ms: "an open view updates within a second"
TOKYO, OSAKA, MOBILE, NAGOYA = "+81312345678", "+81612345678", "+819012345678", "+81521234567"


@pytest.fixture
def two_clients(store_url: str) -> Iterator[tuple[Store, Store, int]]:
    """Two Store objects on one database: the one whose view we watch, and the one that writes."""
    writer = Store.open(store_url)
    writer.add_user("sato", autocall=True)
    writer.add_user("tanaka")
    writer.add_user("kanri", role="admin")
    fair = writer.create_list("展示会")
    writer.import_csv(fair.id, csv_bytes(*SATO_ROWS), assignee="sato")
    writer.import_csv(fair.id, csv_bytes(*TANAKA_ROWS), assignee="tanaka")
    viewer = Store.open(store_url)
    yield viewer, writer, fair.id
    viewer.close()
    writer.close()


def live(qtbot: QtBot, store: Store, *panels: Any) -> LiveUpdates:
    updates = LiveUpdates(store)
    for panel in panels:
        updates.changed.connect(panel.apply_changes)
    updates.start()
    qtbot.addWidget(panels[0])
    panels[0].destroyed.connect(updates.stop)
    qtbot.waitUntil(updates.is_watching, timeout=5000)  # its own connection opens on its thread
    return updates


def row(model: Any, phone: str) -> TargetView | None:
    index = model.row_for_key(phone)
    found = model.row_at(index) if index >= 0 else None
    return found if isinstance(found, TargetView) else None


def test_the_operators_view_follows_another_clients_changes(
    qtbot: QtBot, two_clients: tuple[Store, Store, int]
) -> None:
    viewer, writer, list_id = two_clients
    panel = CallListPanel(viewer, "sato")
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.reload_lists()
    updates = live(qtbot, viewer, panel)
    model = panel.model
    assert {r.phone for r in model.rows_in_view_order()} == {TOKYO, OSAKA, MOBILE, NAGOYA}
    panel.table.selectionModel().setCurrentIndex(
        model.index(model.row_for_key(NAGOYA), 1),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.layoutChanged.connect(lambda: resets.append(2))

    # The excluded flag set elsewhere.
    writer.set_excluded(list_id, [OSAKA], True)
    qtbot.waitUntil(lambda: (r := row(model, OSAKA)) is not None and r.excluded, timeout=WITHIN)

    # A call made by another client ends: its last call shows.
    call = writer.start_call(TOKYO, Direction.OUTBOUND, user="sato", list_id=list_id)
    writer.finish_call(call, Outcome.BUSY)
    qtbot.waitUntil(
        lambda: (r := row(model, TOKYO)) is not None and r.last_call is not None and r.last_call.outcome == Outcome.BUSY,
        timeout=WITHIN,
    )

    # The manager gives a number to someone else: it leaves this operator's view.
    writer.set_assignee(list_id, [MOBILE], "tanaka")
    qtbot.waitUntil(lambda: model.row_for_key(MOBILE) == -1, timeout=WITHIN)
    assert model.total_count() == 3

    # …and one comes to this operator: it appears.
    writer.set_assignee(list_id, ["+81399990002"], "sato")
    qtbot.waitUntil(lambda: model.row_for_key("+81399990002") >= 0, timeout=WITHIN)

    # A new list with targets for this operator appears in the chooser; the open list stays.
    extra = writer.create_list("追加")
    writer.import_csv(extra.id, csv_bytes("新規,新規 客,03-5555-0001,"), assignee="sato")
    qtbot.waitUntil(lambda: panel.list_chooser.findText("追加") >= 0, timeout=WITHIN)
    assert panel.list_id == list_id

    current = panel.table.selectionModel().currentIndex()
    assert model.key_at(current.row()) == NAGOYA, "the selected row stays selected"
    assert resets == [], "only the changed rows were touched"
    updates.stop()


def test_the_management_view_follows_changes_and_refuses_stale_edits(
    qtbot: QtBot, two_clients: tuple[Store, Store, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    viewer, writer, list_id = two_clients
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    panel = ManagementPanel(viewer, "kanri")
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.show()
    updates = live(qtbot, viewer, panel)
    model = panel.model

    writer.set_assignee(list_id, [TOKYO], "tanaka")
    qtbot.waitUntil(lambda: (r := row(model, TOKYO)) is not None and r.assignee_login == "tanaka", timeout=WITHIN)

    # Without live updates the view goes stale; a bulk edit on it is refused, said, and re-read.
    updates.stop()
    writer.set_assignee(list_id, [OSAKA], "tanaka")
    time.sleep(0.05)
    for phone in (OSAKA, NAGOYA):
        index = model.index(model.row_for_key(phone), 0)
        model.setData(index, 2, 10)  # check the row (CheckStateRole = 10)
    assert set(model.checked_keys()) == {OSAKA, NAGOYA}
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.bulk.set_excluded(True)
    assert shown and "changed by someone else" in shown[-1]
    assert row(model, OSAKA) is not None and row(model, OSAKA).assignee_login == "tanaka"  # type: ignore[union-attr]
    assert not any(t.excluded for t in writer.targets(list_id)), "nothing was written"


@pytest.mark.postgres
def test_a_flood_of_forged_notifications_costs_a_bounded_number_of_reads(
    qtbot: QtBot, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another operator's role sends 2,000 notifications (any role may): the open view re-reads
    nothing, the watcher reads the change log at most once per interval, and a real change made
    afterwards still shows within a second."""
    with team_on(postgres_url) as team:
        viewer = Store.open(team.url_as(team.alice))
        rereads: list[object] = []
        targets = viewer.targets

        def counted_targets(*args: Any, **kwargs: Any) -> Any:
            rereads.append(kwargs.get("phones"))
            return targets(*args, **kwargs)

        try:
            panel = CallListPanel(viewer, team.alice)
            with qtbot.waitSignal(panel.loaded, timeout=5000):
                panel.reload_lists()
            monkeypatch.setattr(viewer, "targets", counted_targets)
            updates = live(qtbot, viewer, panel)
            emitted: list[object] = []
            updates.changed.connect(emitted.append)
            watcher = updates.watcher  # the count of its reads is what is bounded
            assert isinstance(watcher, PostgresWatcher)
            began = time.monotonic()
            with team.plain(team.bob) as bob:
                for index in range(2000):
                    bob.execute(f"""NOTIFY calllist_changes, '{{"t": "contacts", "l": null, "p": null, "n": {index}}}'""")
            qtbot.wait(1000)
            elapsed = time.monotonic() - began
            assert emitted == [] and rereads == [], "forged notifications carry nothing to re-read"
            assert 1 <= watcher.reads <= elapsed / watcher.MIN_READ_INTERVAL + 2, (watcher.reads, elapsed)

            owner = Store.open(team.admin_url)
            owner.set_excluded(team.list_id, team.alice_phones[:1], True)
            owner.close()
            model = panel.model
            qtbot.waitUntil(lambda: (r := row(model, team.alice_phones[0])) is not None and r.excluded, timeout=WITHIN)
            assert rereads == [[team.alice_phones[0]]], "one re-read, of the changed row"
            updates.stop()
        finally:
            viewer.close()
