"""The import session without its dialog (issue 17 item 6): the state of one import, driven as the
dialog drives it, on the application's child processes and the store work."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject
from pytestqt.qtbot import QtBot
from shiboken6 import delete

from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.import_report import ImportReport
from calllist_desktop.store.store import Store
from calllist_desktop.ui.manage import import_child, import_session
from calllist_desktop.ui.manage.import_process import process_pool
from calllist_desktop.ui.manage.import_session import ImportSession, Phase
from calllist_desktop.ui.manage.import_worker import check_file
from tests.conftest import csv_bytes, numbered_rows
from tests.ui.conftest import own_store_work

LONG = 20_000


def new_session(
    qtbot: QtBot, store: Store, list_name: str = "空", parent: QObject | None = None
) -> ImportSession:
    info = store.list_by_name(list_name)
    return ImportSession(store, info.id, process_pool(), own_store_work(qtbot, store), parent)


def test_the_session_imports_no_widgets() -> None:
    tree = ast.parse(inspect.getsource(import_session))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module is not None
    }
    assert not any(name.startswith("PySide6.QtWidgets") or name.endswith("_dialog") for name in imported)


def test_choose_check_rechoose_and_save(qtbot: QtBot, ui_store: Store, tmp_path: Path) -> None:
    session = new_session(qtbot, ui_store)
    with qtbot.waitSignal(session.users_loaded, timeout=LONG):
        session.load_users()
    assert session.users is not None and {user.login for user in session.users} >= {"sato", "tanaka"}
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes("さくら,長田,03-1234-5678,", "新規商事,新規 一,03-7000-0001,"))
    progress: list[int] = []
    session.progressed.connect(progress.append)

    with qtbot.waitSignal(session.previewed, timeout=LONG) as checked:
        session.set_file(path)
        assert session.phase is Phase.CHECKING and session.is_busy() and not session.can_save()
    first: ImportReport = checked.args[0]
    assert first.ok and first.dry_run and session.phase is Phase.CHECKED and session.can_save()
    assert progress[0] == 0 and progress == sorted(progress)

    # The assignee changes what the check says (sato's number would move): it checks again.
    with qtbot.waitSignal(session.previewed, timeout=LONG) as rechecked:
        session.set_assignee("tanaka")
    assert [w.code.value for w in rechecked.args[0].warnings] == ["reassigned"]

    with qtbot.waitSignal(session.imported, timeout=LONG) as saved:
        assert session.save()
        assert session.phase is Phase.SAVING and not session.is_editable()
        assert not session.close(), "a save cannot be stopped half-way"
    assert saved.args[0].ok and session.phase is Phase.SAVED and session.saved is saved.args[0]
    session.set_file(path)  # saved: nothing changes any more
    assert session.phase is Phase.SAVED
    owners = {t.phone: t.assignee_login for t in ui_store.targets(ui_store.list_by_name("空").id)}
    assert owners == {"+81312345678": "tanaka", "+81370000001": "tanaka"}


def test_a_session_destroyed_while_checking_hears_nothing_more(
    qtbot: QtBot, ui_store: Store, tmp_path: Path
) -> None:
    """The pool drops a job's outcome once its owner is gone (no call into a deleted object)."""
    session = new_session(qtbot, ui_store)
    path = tmp_path / "big.csv"
    path.write_bytes(csv_bytes(*numbered_rows(3000)))
    heard: list[object] = []
    session.previewed.connect(heard.append)
    session.set_file(path)
    delete(session)
    pool = process_pool()
    qtbot.waitUntil(lambda: not pool._running, timeout=LONG)  # the job came back and was dropped
    QCoreApplication.processEvents()
    assert heard == []


def test_an_in_memory_store_is_refused_in_words(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store.open("sqlite://")
    try:
        store.add_user("sato")
        store.create_list("空")
        session = new_session(qtbot, store)
        path = tmp_path / "a.csv"
        path.write_bytes(csv_bytes("新規商事,新規 一,03-7000-0001,"))
        with qtbot.waitSignal(session.failed, timeout=LONG):
            session.set_file(path)
        problem = session.problem
        assert problem is not None and isinstance(problem.error, StoreError)
        assert "in memory" in problem.error.message_in("en") and "メモリー" in problem.error.message_in("ja")
        assert session.phase is Phase.CHECKED and not session.can_save()
    finally:
        store.close()


def test_a_cancelled_job_stops_at_its_next_progress_report() -> None:
    """In a child: once its token is in the shared array, the job's progress raises Cancelled."""
    sent: list[tuple[int, int]] = []

    class Queue:
        def put(self, item: tuple[int, int]) -> None:
            sent.append(item)

    cancelled = [0] * 8
    import_child.init_child(Queue(), cancelled)
    try:
        progress = import_child._queued_progress(11)
        progress(1, 4)
        cancelled[11 % 8] = 11
        with pytest.raises(import_child.Cancelled):
            progress(2, 4)
        import_child._queued_progress(19)(1, 4)  # another job in the same slot goes on
    finally:
        import_child.init_child(None, None)
    assert sent == [(11, 250), (19, 250)]


def test_a_check_cancelled_in_the_pool_never_delivers_a_result(
    qtbot: QtBot, ui_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(csv_bytes(*numbered_rows(5000)))
    pool = process_pool()
    outcomes: list[object] = []
    info = ui_store.list_by_name("空")
    token = pool.run_on_store(
        ui_store,
        check_file,
        (info.id, path, "auto", None),
        lambda _value: None,
        outcomes.append,
        outcomes.append,
    )
    assert token is not None
    pool.cancel(token)
    qtbot.waitUntil(lambda: bool(outcomes), timeout=LONG)
    assert [type(outcome) for outcome in outcomes] == [import_child.Cancelled]


def test_a_newer_check_cancels_the_one_running(
    qtbot: QtBot, ui_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = new_session(qtbot, ui_store)
    cancelled: list[int] = []
    real_cancel = session.processes.cancel
    monkeypatch.setattr(
        session.processes, "cancel", lambda token: (cancelled.append(token), real_cancel(token))
    )
    big, small = tmp_path / "big.csv", tmp_path / "small.csv"
    big.write_bytes(csv_bytes(*numbered_rows(5000)))
    small.write_bytes(csv_bytes("新規商事,新規 一,03-7000-0001,"))
    session.set_file(big)
    first = session._checking
    with qtbot.waitSignal(session.previewed, timeout=LONG) as checked:
        session.set_file(small)
    assert first is not None and cancelled == [first]
    assert checked.args[0].imported == 1
    assert session.close() and cancelled == [first], "nothing running any more: nothing to cancel"
