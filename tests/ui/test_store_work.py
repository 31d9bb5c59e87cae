"""The guarantees of ``ui.store_work`` (issue 17 item 2), each tried to be broken."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from PySide6.QtCore import QCoreApplication, QObject
from pytestqt.qtbot import QtBot
from shiboken6 import delete

from calllist_desktop.store.deferred import DeferredStore
from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.store import Store
from calllist_desktop.ui.store_work import Cancelled, Job, StoreWork

WAIT = 5.0  # seconds a worker waits for the test at most (a broken guarantee fails, never hangs)


class FakeStore:
    """What the functions are given: it only says which thread opened it."""

    def __init__(self) -> None:
        self.opened_on: list[threading.Thread] = []


def on_gui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@pytest.fixture
def fake() -> FakeStore:
    return FakeStore()


@pytest.fixture
def work(fake: FakeStore) -> Any:
    def open_store() -> Store:
        fake.opened_on.append(threading.current_thread())
        return cast(Store, fake)

    made = StoreWork(open_store)
    yield made
    made.shutdown()
    made.deleteLater()


@pytest.fixture
def owner(qtbot: QtBot) -> QObject:
    return QObject()


def flush(qtbot: QtBot) -> None:
    """Let deliveries already posted arrive."""
    qtbot.wait(50)
    QCoreApplication.processEvents()


def test_work_runs_off_the_gui_thread_and_is_delivered_on_it(
    qtbot: QtBot, work: StoreWork, owner: QObject, fake: FakeStore
) -> None:
    seen: dict[str, bool] = {}

    def read(store: Store) -> str:
        seen["read on GUI"] = on_gui_thread()
        assert store is cast(Store, fake)
        return "rows"

    results: list[tuple[str, bool]] = []
    work.read(owner, read, lambda rows: results.append((rows, on_gui_thread())))
    work.write(
        owner,
        lambda store: seen.setdefault("write on GUI", on_gui_thread()),
        lambda _r: results.append(("written", on_gui_thread())),
    )
    qtbot.waitUntil(lambda: len(results) == 2, timeout=3000)
    assert seen == {"read on GUI": False, "write on GUI": False}
    assert sorted(results) == [("rows", True), ("written", True)]
    assert fake.opened_on and not any(thread is threading.main_thread() for thread in fake.opened_on)


def test_writes_run_one_at_a_time_in_the_order_asked_under_load(
    qtbot: QtBot, work: StoreWork, owner: QObject
) -> None:
    written: list[int] = []
    delivered: list[int] = []
    running = [0]
    overlaps: list[int] = []
    lock = threading.Lock()
    rng = random.Random(17)

    def write(number: int, pause: float) -> Callable[[Store], int]:
        def function(_store: Store) -> int:
            with lock:
                running[0] += 1
                if running[0] > 1:
                    overlaps.append(number)
            time.sleep(pause)
            written.append(number)
            with lock:
                running[0] -= 1
            return number

        return function

    for number in range(150):
        work.write(owner, write(number, rng.choice((0.0, 0.0, 0.001, 0.003))), delivered.append)
        if number % 10 == 0:  # reads in between do not get the writes out of order
            work.read(owner, lambda _store: time.sleep(0.002), lambda _r: None)
    qtbot.waitUntil(lambda: len(delivered) == 150, timeout=10_000)
    assert written == list(range(150))
    assert delivered == list(range(150))
    assert overlaps == []


def test_reads_run_in_parallel(qtbot: QtBot, work: StoreWork, owner: QObject) -> None:
    both = threading.Barrier(
        2, timeout=WAIT
    )  # broken (an error delivered) if the reads ran one after the other
    done: list[object] = []
    for _ in range(2):
        work.read(owner, lambda _store: both.wait(), done.append, done.append)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=int(WAIT * 1000) + 2000)
    assert all(isinstance(result, int) for result in done)


class Refused(StoreError):
    """A store error of the test's own type."""


def test_a_failure_is_delivered_on_the_gui_thread_as_the_very_exception_raised(
    qtbot: QtBot, work: StoreWork, owner: QObject
) -> None:
    raised = Refused("no such list")
    failures: list[tuple[Exception, bool]] = []

    def fail(_store: Store) -> None:
        raise raised

    work.write(
        owner,
        fail,
        lambda _r: pytest.fail("no success for a failure"),
        lambda error: failures.append((error, on_gui_thread())),
    )
    work.read(
        owner,
        lambda _store: {}["missing"],
        lambda _r: None,
        lambda error: failures.append((error, on_gui_thread())),
    )
    qtbot.waitUntil(lambda: len(failures) == 2, timeout=3000)
    errors = {type(error): (error, gui) for error, gui in failures}
    assert errors[Refused] == (raised, True)
    assert isinstance(errors[KeyError][0], KeyError) and errors[KeyError][1]


def test_a_store_that_cannot_open_fails_the_work_and_a_later_open_still_runs_it(
    qtbot: QtBot, owner: QObject
) -> None:
    attempts: list[int] = []

    def open_store() -> Store:
        attempts.append(1)
        if len(attempts) == 1:
            raise Refused("the server is starting")
        return cast(Store, FakeStore())

    work = StoreWork(open_store)
    try:
        outcomes: list[object] = []
        work.read(owner, lambda _store: "first", outcomes.append, outcomes.append)
        qtbot.waitUntil(lambda: len(outcomes) == 1, timeout=3000)
        work.read(owner, lambda _store: "second", outcomes.append, outcomes.append)
        qtbot.waitUntil(lambda: len(outcomes) == 2, timeout=3000)
        assert isinstance(outcomes[0], Refused) and outcomes[1] == "second"
    finally:
        work.shutdown()


def test_the_store_is_opened_by_the_work_not_on_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, owner: QObject
) -> None:
    Store.open(f"sqlite:///{tmp_path / 'work.sqlite3'}").close()
    deferred = DeferredStore(f"sqlite:///{tmp_path / 'work.sqlite3'}")
    opened_on: list[bool] = []

    def open_store() -> Store:
        opened_on.append(on_gui_thread())
        return deferred.open()

    work = StoreWork(open_store)
    try:
        lists: list[object] = []
        work.read(owner, lambda store: store.lists(), lists.append)
        assert not deferred.is_open or not opened_on[0]
        qtbot.waitUntil(lambda: lists == [[]], timeout=10_000)
        assert opened_on == [False] and deferred.is_open
    finally:
        work.shutdown()
        deferred.close()


def test_an_owner_destroyed_in_flight_gets_nothing_its_reads_do_not_run_its_writes_do(
    qtbot: QtBot, fake: FakeStore
) -> None:
    work = StoreWork(lambda: cast(Store, fake), readers=1)
    owner, other = QObject(), QObject()
    gate = threading.Event()
    started = threading.Barrier(3, timeout=WAIT)
    ran: list[str] = []
    called: list[str] = []

    def blocked(what: str) -> Callable[[Store], str]:
        def function(_store: Store) -> str:
            started.wait()
            gate.wait(WAIT)
            ran.append(what)
            return what

        return function

    work.write(
        owner, blocked("running write"), lambda _r: called.append("done"), lambda _e: called.append("failed")
    )
    work.write(owner, lambda _store: ran.append("queued write"), lambda _r: called.append("queued done"))
    work.read(other, blocked("other's read"), called.append)
    work.read(owner, lambda _store: ran.append("queued read"), lambda _r: called.append("read done"))
    started.wait()  # both workers busy: the owner's second write and its read wait
    delete(owner)  # the widget goes while its write runs
    gate.set()
    qtbot.waitUntil(lambda: called == ["other's read"], timeout=3000)
    qtbot.waitUntil(lambda: "queued write" in ran, timeout=3000)  # a write asked for is made
    work.shutdown()
    flush(qtbot)
    assert sorted(ran) == [
        "other's read",
        "queued write",
        "running write",
    ]  # the read of a gone owner never ran
    assert called == ["other's read"]
    work.deleteLater()


def test_an_owner_deleted_later_before_delivery_gets_nothing(qtbot: QtBot, work: StoreWork) -> None:
    owner = QObject()
    gate = threading.Event()
    called: list[object] = []
    work.read(owner, lambda _store: gate.wait(WAIT), called.append, called.append)
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, 0)  # DeferredDelete handled: the owner is gone
    gate.set()
    flush(qtbot)
    qtbot.wait(200)
    assert called == []


def test_cancelling_work_not_started_keeps_it_from_running(
    qtbot: QtBot, work: StoreWork, owner: QObject
) -> None:
    gate = threading.Event()
    ran: list[str] = []
    called: list[object] = []
    first = work.write(owner, lambda _store: gate.wait(WAIT), lambda _r: called.append("first"))
    second = work.write(owner, lambda _store: ran.append("second"), called.append, called.append)
    second.cancel()
    gate.set()
    qtbot.waitUntil(lambda: called == ["first"], timeout=3000)
    qtbot.waitUntil(lambda: second.finished, timeout=3000)
    flush(qtbot)
    assert ran == [] and called == ["first"] and first.finished and not first.cancelled and second.cancelled


def test_long_work_sees_its_cancellation_and_delivers_nothing(
    qtbot: QtBot, work: StoreWork, owner: QObject
) -> None:
    steps: list[int] = []
    at_step = threading.Event()
    called: list[object] = []

    def import_rows(_store: Store, job: Job) -> int:
        for step in range(10_000):
            job.raise_if_cancelled()
            steps.append(step)
            if step == 5:
                at_step.set()
            time.sleep(0.001)
        return len(steps)

    job = work.long_write(owner, import_rows, called.append, called.append)
    assert at_step.wait(WAIT)
    job.cancel()
    qtbot.waitUntil(lambda: job.finished, timeout=3000)
    flush(qtbot)
    assert 5 < len(steps) < 10_000 and called == []
    # The writer is free again after a cancelled write.
    work.write(owner, lambda _store: "next", called.append)
    qtbot.waitUntil(lambda: called == ["next"], timeout=3000)


def test_progress_arrives_on_the_gui_thread_in_order_and_before_the_result(
    qtbot: QtBot, work: StoreWork, owner: QObject
) -> None:
    events: list[tuple[str, int, bool]] = []

    def count(_store: Store, job: Job) -> int:
        for done in range(1, 201):
            job.report_progress(done, 200)
        return 200

    work.long_read(
        owner,
        count,
        lambda total: events.append(("done", total, on_gui_thread())),
        on_progress=lambda done, _total: events.append(("progress", done, on_gui_thread())),
    )
    qtbot.waitUntil(lambda: bool(events) and events[-1][0] == "done", timeout=3000)
    progress = [done for kind, done, _gui in events if kind == "progress"]
    assert (
        progress and progress == sorted(progress) and progress[-1] == 200
    )  # folded, never out of order, the last one kept
    assert all(gui for _kind, _done, gui in events)
    assert [kind for kind, _d, _g in events].index("done") == len(events) - 1


def test_shutdown_waits_for_every_write_drops_pending_reads_and_delivers_nothing(
    qtbot: QtBot, fake: FakeStore, owner: QObject
) -> None:
    work = StoreWork(lambda: cast(Store, fake), readers=1)
    write_gate, read_gate = threading.Event(), threading.Event()
    writes: list[int] = []
    reads: list[int] = []
    called: list[object] = []
    work.write(owner, lambda _store: (write_gate.wait(WAIT), writes.append(0)), called.append)
    for number in range(1, 6):
        work.write(owner, lambda _store, n=number: writes.append(n), called.append)
    work.read(owner, lambda _store: (read_gate.wait(WAIT), reads.append(0)), called.append)
    for number in range(1, 6):
        work.read(owner, lambda _store, n=number: reads.append(n), called.append)
    threading.Timer(0.2, write_gate.set).start()
    threading.Timer(0.2, read_gate.set).start()
    work.shutdown()  # returns once the writes are written
    assert writes == [0, 1, 2, 3, 4, 5]
    assert reads == [0]  # the running read finished; the ones waiting were dropped
    flush(qtbot)
    assert called == []
    refused = work.write(owner, lambda _store: writes.append(99))
    flush(qtbot)
    assert refused.cancelled and writes == [
        0,
        1,
        2,
        3,
        4,
        5,
    ]
    work.deleteLater()


def test_a_cancelled_exception_of_a_job_not_cancelled_is_an_ordinary_failure(
    qtbot: QtBot, work: StoreWork, owner: QObject
) -> None:
    failures: list[Exception] = []
    work.read(
        owner,
        lambda _store: (_ for _ in ()).throw(Cancelled("by the store")),
        lambda _r: None,
        failures.append,
    )
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=3000)
    assert isinstance(failures[0], Cancelled)


def test_the_writers_scheduler_runs_functions_as_writes_after_their_delay_and_cancels(
    qtbot: QtBot, work: StoreWork, owner: QObject
) -> None:
    ran: list[tuple[str, bool]] = []
    scheduler = work.scheduler(owner)
    gate = threading.Event()
    work.write(owner, lambda _store: gate.wait(WAIT))  # the writer is busy: the scheduled ones wait their turn
    scheduler.call_later(0.0, lambda: ran.append(("at once", on_gui_thread())))
    work.write(owner, lambda _store: ran.append(("write", on_gui_thread())))
    scheduler.call_later(0.05, lambda: ran.append(("later", on_gui_thread())))
    scheduler.call_later(0.05, lambda: ran.append(("cancelled", on_gui_thread()))).cancel()
    gate.set()
    qtbot.waitUntil(lambda: len(ran) == 3, timeout=3000)
    qtbot.wait(100)
    assert ran == [("at once", False), ("write", False), ("later", False)]


def test_what_a_worker_hands_to_the_gui_thread_runs_there_unless_its_owner_is_gone(
    qtbot: QtBot, work: StoreWork, owner: QObject
) -> None:
    gone = QObject()
    called: list[tuple[str, bool]] = []

    def on_worker(_store: Store) -> None:
        work.call_on_gui_thread(owner, lambda: called.append(("owner", on_gui_thread())))
        work.call_on_gui_thread(gone, lambda: called.append(("gone", on_gui_thread())))

    delete(gone)
    work.write(owner, on_worker)
    qtbot.waitUntil(lambda: bool(called), timeout=3000)
    flush(qtbot)
    assert called == [("owner", True)]


def test_a_function_scheduled_but_not_due_at_shutdown_never_runs(qtbot: QtBot, fake: FakeStore, owner: QObject) -> None:
    work = StoreWork(lambda: cast(Store, fake))
    ran: list[str] = []
    work.scheduler(owner).call_later(0.3, lambda: ran.append("late"))
    work.shutdown()
    qtbot.wait(500)
    assert ran == []
    work.deleteLater()
