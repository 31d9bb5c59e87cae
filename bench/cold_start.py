"""Starting the program must cost little more than starting a bare PySide6 table, and going live
not much more.

Setup (untimed): a SQLite store in a temporary folder with an admin and five operators, one
list of 5,000 targets (``make_targets_csv``) imported with ``Store.import_csv`` and all assigned
to the operator ``op1``, and a call history of CALLS calls on 90% of its numbers.

Each VALUE child runs what ``calllist-desktop --db STORE --user USER --lang ja --mode LAYOUT``
runs, offscreen, in three SCENARIOS: wide and compact for ``op1``, and wide for ``op2``, who has
none of the list's targets. The child pauses the garbage collector and imports
``calllist_desktop.ui.app`` (as ``calllist_desktop.ui.main``, the command's entry point, does)
and calls its ``run()`` unchanged, on the user's normal (``QSettings``) settings path, pointed at
a temporary XDG_CONFIG_HOME so that no real settings are read or written. The only hook is a
subclass of ``MainWindow`` put in ``app.MainWindow``'s place (the package is not edited). Two
figures, each the wall time from ``subprocess.Popen`` in this process to the moment it reads the
child's marker line:

- FIRST PAINT: wide with the list, when ``lists.loaded`` has fired and the table's viewport has
  painted (then a zero timer, so that the paint is finished). Otherwise (compact: the table is
  hidden; no targets: it is empty) the window's first frame: its first Paint event (the window
  paints before its children), then a zero timer.
- LIVE: the start's deferred work done, whatever the layout: the store open (the window's live
  updates exist only then), their poll timer running, the garbage collector on again. Seen from
  outside the program's code: a timer polls those objects every 5 ms from ``show()``. A start
  that never gets there says so after 10 s (the figure is then infinite: the goal is missed).

FLOOR: a child showing a bare ``QTableView`` (same size as the wide window) on a trivial
``QAbstractTableModel`` of 5,000 rows x 8 columns of short Japanese strings, timed from ``Popen``
to its marker after the first paint of the viewport (made the same way).

VIEWPORT: both children find the table's viewport for their paint watch with ``findChild(QWidget,
"qt_scrollarea_viewport")``, not ``viewport()`` (see bench/README.md): the watch must cost both
children the same and next to nothing.

The children run as ``python -c SOURCE``, SOURCE being the text of a function below
(``inspect.getsource``): they import nothing of this script, so the floor pays for nothing but
Python, PySide6 and its table. They start from bytecode caches, as an installed program does:
PYTHONDONTWRITEBYTECODE is dropped from their environment and PYTHONPYCACHEPREFIX points into
the temporary folder (nothing is written into the checkout); the first, untimed run of each
fills the caches (and the file cache). All figures are the MEDIAN of REPEAT runs, interleaved
(floor, then each scenario, REPEAT times). Goals: first paint <= 1.5 x the floor, live <= 2.5 x,
in every scenario. The JSON line is the first paint of the wide window with the list.

Also printed, outside the goals:

- where the value's time goes (wide, with the list): TRACE more runs of each child that time
  their steps (``time.perf_counter`` is CLOCK_MONOTONIC on Linux, one clock for parent and child,
  so every step is placed in time from ``Popen``). In the value's child, wrappers go on the names
  ``run()`` calls (``FirstRead``'s reads or ``_open_store``, ``DeferredStore.open``, the panels,
  on the worker thread, ``RowTableModel.set_rows`` ...); the traced runs are not the timed ones.
  They also count the garbage collections (``gc.callbacks``) and read their RSS when painted.
- the way from the first paint to live (wide, with the list), cut into phases from the same traced
  runs (``_finish_start`` and ``MainWindow.store_opened`` are wrapped too): the pause after
  ``show()`` before the deferred start, its work on the GUI thread, opening the store on the pool
  (importing SQLAlchemy and the store is most of it; its ``-X importtime`` figure is printed
  beside), and the store open to live.
- the imports of one run of each child by top-level package (``python -X importtime``, which
  inflates them; compare the packages with each other, not with the timeline).

The memory with 200,000 contacts is ``memory_contacts.py``'s (it starts this child).
"""

from __future__ import annotations

import inspect
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _support import make_targets_csv, print_verdict, report, spread, warm_phonenumbers
from sqlalchemy import insert
from table_filter import make_contacts

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.models import Call, Contact
from calllist_desktop.store.store import Store
from calllist_desktop.ui.main_window import WIDE_SIZE

TARGETS = 5000
CALLS = 20_000
REPEAT = 7
TRACE = 5
MAX_RATIO = 1.5
MAX_LIVE_RATIO = 2.5
GOAL = "ratio <= 1.5 (start to the wide window painted with 5,000 targets, vs a bare PySide6 5,000-row table)"
OPERATOR = "op1"
# (layout, user, name): the start as each of them gets it; op2 has none of the list's targets.
SCENARIOS = (
    ("wide", OPERATOR, "wide, 5,000 targets"),
    ("compact", OPERATOR, "compact, 5,000 targets"),
    ("wide", "op2", "wide, a user with no targets"),
)
LIST_NAME = "2026年11月 展示会フォロー"
MARKER = "SHOWN"
CHILD_TIMEOUT_S = 120


# ---- the children (each runs on its own as `python -c`: no names from this module but ChildTrace,
# whose source child_program puts in front of theirs) ---------------------------------------------


class ChildTrace:
    """What a child records on its way to the first paint: marks, and in "trace" mode the
    garbage collector's collections (count and seconds per generation)."""

    def __init__(self, first_line: float, mode: str) -> None:
        import gc

        self.marks: list[tuple[str, str, float]] = [("python start-up, to the child's first line", "*", first_line)]
        self.collected = {generation: [0, 0.0] for generation in range(3)}
        self._collecting = 0.0
        if mode == "trace":
            gc.callbacks.append(self._on_gc)

    def mark(self, label: str, kind: str = "*") -> None:
        import time

        self.marks.append((label, kind, time.perf_counter()))

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        import time

        if phase == "start":
            self._collecting = time.perf_counter()
        else:
            self.collected[info["generation"]][0] += 1
            self.collected[info["generation"]][1] += time.perf_counter() - self._collecting

    def print_report(self) -> None:
        """RSS, GC and MARK lines, as the parent reads them."""
        with open("/proc/self/status", encoding="ascii") as status:
            rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        print(f"RSS {rss / 1024:.1f}")
        for generation, (count, seconds) in self.collected.items():
            print(f"GC {generation} {count} {seconds * 1000:.3f}")
        for label, kind, at in self.marks:
            print(f"MARK {at:.6f} {kind} {label}")


def real_window_child(db: str, user: str, layout: str, mode: str, contacts: int) -> None:
    """Start the program as ``calllist-desktop --db DB --user USER --lang ja --mode LAYOUT`` does.

    ``mode``: "time" prints the first-paint marker (SHOWN) and then the live one (LIVE); "trace"
    also times the steps of the start (wrappers on the names ``run()`` calls) and prints them;
    "memory" opens the contacts tab after the first paint and prints the RSS once ``contacts``
    rows are in and worked ahead.
    """
    import time

    first_line = time.perf_counter()
    import gc
    import sys

    OPERATOR = "op1"  # the user whose targets the list holds  # noqa: N806
    LIVE_POLL_MS = 5  # noqa: N806
    LIVE_TIMEOUT_MS = 10_000  # a start that never goes live says so instead of hanging  # noqa: N806
    trace = ChildTrace(first_line, mode)
    mark = trace.mark

    # As ``calllist_desktop.ui.main`` (the ``calllist-desktop`` command) does: the collector paused
    # before the program is imported; ``run()`` keeps the pause until the start is done.
    gc.disable()
    if mode == "trace":
        import PySide6.QtWidgets  # noqa: F401 - timed apart from the program's own imports

        mark("import PySide6 (QtCore, QtGui, QtWidgets)")
    from calllist_desktop.ui import app as app_module

    mark("import calllist_desktop.ui.app (the program)")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    def timed(owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            mark(label, "[")
            try:
                return original(*args, **kwargs)
            finally:
                mark(label, "]")

        setattr(owner, name, wrapper)

    if mode == "trace":
        # Only what run() imports anyway: importing the store (SQLAlchemy) here to wrap it would
        # put it before the start it is deferred from. Its opening is wrapped through the
        # DeferredStore, and Store's reads where it is imported (the normal way).
        from calllist_desktop.store.deferred import DeferredStore
        from calllist_desktop.store.first_read import FirstRead
        from calllist_desktop.telephony.demo import DemoLine
        from calllist_desktop.ui import call_list_panel, main_window
        from calllist_desktop.ui.table.model import RowTableModel

        timed(app_module, "_pick_font", "_pick_font")
        timed(app_module, "install_language", "install_language")
        timed(FirstRead, "open", "FirstRead.open (sqlite3, read-only)")
        timed(FirstRead, "users", "FirstRead.users")
        timed(FirstRead, "first_view", "FirstRead.first_view (lists, targets)")
        timed(app_module, "_open_store", "_open_store (the normal way: Store.open, users)")
        timed(DeferredStore, "open", "DeferredStore.open (after the first paint, thread pool)")
        timed(main_window, "CallSession", "  CallSession")
        timed(main_window, "PhonePanel", "  PhonePanel")
        timed(main_window, "CallListPanel", "  CallListPanel")
        timed(DemoLine, "start", "DemoLine.start")
        timed(RowTableModel, "set_rows", "RowTableModel.set_rows")
        timed(call_list_panel.CallListPanel, "fill_filter_choices", "CallListPanel.fill_filter_choices")
        timed(app_module, "_finish_start", "_finish_start")
        timed(main_window.MainWindow, "store_opened", "MainWindow.store_opened")

    def rss_mb(field: str = "VmRSS") -> float:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    class Painted(QObject):
        """Calls ``then`` once the widget it watches has handled a Paint event (on a zero timer)."""

        def __init__(self, then: object) -> None:
            super().__init__()
            self.then = then
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                mark("paint event with the data")
                QTimer.singleShot(0, self.then)
            return False

    class FirstPaint(QObject):
        """Marks the first Paint event it sees; calls ``then`` (if any) after it, on a zero timer."""

        def __init__(self, then: object) -> None:
            super().__init__()
            self.then = then
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                mark("first paint event of any widget")
                if self.then is not None:
                    QTimer.singleShot(0, self.then)
            return False

    class Watched(app_module.MainWindow):  # type: ignore[misc,valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            mark("MainWindow(...)", "[")
            super().__init__(*args, **kwargs)
            mark("MainWindow(...)", "]")
            self.painted = Painted(self.after_paint)
            self.lists.loaded.connect(self.on_loaded)
            # Wide with the list: painted with its rows (as always). Otherwise the table is hidden or
            # empty: the window's first frame (see FIRST PAINT).
            self.by_first_frame = layout != "wide" or user != OPERATOR
            self.first_paint = FirstPaint(self.after_paint if self.by_first_frame else None)
            if self.by_first_frame:  # the window's own Paint comes first in its first frame
                self.installEventFilter(self.first_paint)
            elif mode == "trace":
                QApplication.instance().installEventFilter(self.first_paint)
            self.shown_at: float | None = None
            self.live_at: float | None = None

        def show(self) -> None:
            mark("window.show", "[")
            super().show()
            mark("window.show", "]")
            self.live_poll = QTimer(self)  # see LIVE
            self.live_poll.timeout.connect(self.check_live)
            self.live_poll.start(LIVE_POLL_MS)
            QTimer.singleShot(LIVE_TIMEOUT_MS, self.never_live)
            if self.lists.model.total_count():  # loaded while the window was built (a store opened first)
                self.on_loaded()

        def on_loaded(self) -> None:
            if self.painted.seen or self.by_first_frame:
                return
            mark("lists.loaded")
            viewport = self.lists.table.findChild(QWidget, "qt_scrollarea_viewport")  # see VIEWPORT
            viewport.installEventFilter(self.painted)
            viewport.update()

        def check_live(self) -> None:
            """Live: the store open (the window's live updates exist only then), their poll timer
            running, the garbage collector on again."""
            updates = self.live_updates
            if updates is None or not gc.isenabled():
                return
            if not any(timer.isActive() for timer in updates.findChildren(QTimer)):
                return
            self.live_poll.stop()
            mark("live (store open, live updates running, gc on)")
            self.live_at = trace.marks[-1][2]
            print(f"LIVE {self.live_at:.6f}", flush=True)
            self.finish_when_done()

        def never_live(self) -> None:
            if self.live_at is None and mode != "memory":
                print("LIVE never", flush=True)
                self.live_at = float("inf")
                self.finish_when_done()

        def after_paint(self) -> None:
            if self.shown_at is not None:
                return
            mark("painted (the event after the paint)")
            self.shown_at = trace.marks[-1][2]
            print(f"SHOWN {self.shown_at:.6f} {self.lists.model.total_count()}", flush=True)
            if mode == "memory":
                self.rss_list = rss_mb()
                mark("contacts tab chosen")
                self.lists.tabs.setCurrentIndex(1)
                self.poll = QTimer(self)
                self.poll.timeout.connect(self.check_contacts)
                self.poll.start(20)
                QTimer.singleShot(120_000, self.finish)  # never hang
                return
            self.finish_when_done()

        def finish_when_done(self) -> None:
            if mode != "memory" and self.shown_at is not None and self.live_at is not None:
                self.finish()

        def check_contacts(self) -> None:
            model = self.lists.contacts_model
            if model.total_count() < contacts:
                return
            if not any(label == "contacts in the model" for label, _, _ in trace.marks):
                mark("contacts in the model")
            if model.working_ahead():
                return
            mark("contacts worked ahead")
            self.poll.stop()
            gc.collect()
            rss, peak = rss_mb(), rss_mb("VmHWM")
            self.store.engine.dispose()  # after the measurement: what the SQLite page caches held
            disposed = rss_mb()
            import ctypes

            ctypes.CDLL("libc.so.6").malloc_trim(0)  # what freed memory the heap kept
            print(f"MEMORY rows={model.total_count()} list_rss={self.rss_list:.1f} rss={rss:.1f} peak={peak:.1f} "
                  f"disposed={disposed:.1f} trimmed={rss_mb():.1f}", flush=True)  # fmt: skip
            self.finish()

        def finish(self) -> None:
            if mode != "time":
                trace.print_report()
            sys.stdout.flush()
            self.line.stop()
            QApplication.instance().quit()

    app_module.MainWindow = Watched
    mark("run()")
    code = app_module.run(["--db", db, "--user", user, "--lang", "ja", "--mode", layout])
    sys.stdout.flush()
    sys.exit(code)


def bare_table_child(rows: int, width: int, height: int, mode: str) -> None:
    """A bare PySide6 program: a QTableView of ``rows`` x 8 short Japanese strings; marker after its first paint."""
    import time

    first_line = time.perf_counter()
    import sys

    trace = ChildTrace(first_line, mode)
    mark = trace.mark

    from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QTableView, QWidget

    mark("import PySide6 (QtCore, QtGui, QtWidgets)")
    display = Qt.ItemDataRole.DisplayRole

    class Table(QAbstractTableModel):
        def __init__(self, cells: list[tuple[str, ...]]) -> None:
            super().__init__()
            self.cells = cells

        def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(self.cells)

        def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else 8

        def data(self, index: QModelIndex, role: int = display) -> object:
            return self.cells[index.row()][index.column()] if role == display else None

    class Painted(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                mark("paint event with the data")
                QTimer.singleShot(0, after_paint)
            return False

    def after_paint() -> None:
        mark("painted (the event after the paint)")
        print(f"SHOWN {trace.marks[-1][2]:.6f} {model.rowCount()}", flush=True)
        if mode != "time":
            trace.print_report()
        sys.stdout.flush()
        app.quit()

    app = QApplication([sys.argv[0]])
    mark("QApplication()")
    words = (
        ("山田商事", "東京物産", "さくら工業", "青葉システム"),
        ("佐藤 太郎", "鈴木 花子", "高橋 一郎", "田中 美咲"),
        ("03-5123-4567", "090-1234-5678", "06-6123-4567", "045-123-4567"),
        ("製品A", "展示会", "新規", "資料請求"),
        ("オペレーター1", "オペレーター2", "", ""),
        ("発信", "着信", "", ""),
        ("応答", "不在", "話中", ""),
        ("2026/11/20 09:00", "2026/11/19 15:30", "", ""),
    )
    cells = [tuple(column[row % 4] for column in words) for row in range(rows)]
    model = Table(cells)
    view = QTableView()
    view.setModel(model)
    view.resize(width, height)
    painted = Painted()
    view.findChild(QWidget, "qt_scrollarea_viewport").installEventFilter(painted)  # see VIEWPORT
    mark("model and view built")
    mark("window.show", "[")
    view.show()
    mark("window.show", "]")
    sys.exit(app.exec())


def child_program(function: Callable[..., None], *args: object) -> str:
    """``ChildTrace``, the source of ``function`` and a call of it: a program for ``python -c``."""
    arguments = ", ".join(repr(argument) for argument in args)
    return f"{inspect.getsource(ChildTrace)}\n{inspect.getsource(function)}\n{function.__name__}({arguments})\n"


# ---- running the children ---------------------------------------------------------------------------


class Child:
    """One run of a child program: seconds from Popen to its marker, and what it printed."""

    def __init__(self, program: str, env: dict[str, str], log: Path, flags: tuple[str, ...] = ()) -> None:
        marker: float | None = None
        self.rows = -1
        self.lines: list[str] = []
        with log.open("w", encoding="utf-8") as errors:
            start = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, *flags, "-c", program],
                stdout=subprocess.PIPE,
                stderr=errors,
                env=env,
                text=True,
                encoding="utf-8",
            )
            watchdog = threading.Timer(CHILD_TIMEOUT_S, process.kill)  # a hung child ends its stdout
            watchdog.start()
            assert process.stdout is not None
            live: float | None = None
            for line in process.stdout:
                if marker is None and line.startswith(MARKER + " "):
                    marker = time.perf_counter()
                    self.rows = int(line.split()[2])
                if live is None and line.startswith("LIVE "):
                    live = time.perf_counter() if line.split()[1] != "never" else math.inf
                self.lines.append(line.rstrip("\n"))
            code = process.wait()
            watchdog.cancel()
        self.start = start
        self.stderr = log.read_text(encoding="utf-8", errors="replace")
        if code != 0 or marker is None:
            tail = "\n".join(self.stderr.splitlines()[-20:])
            seen = "seen" if marker is not None else "never seen"
            raise SystemExit(f"a child failed (exit {code}, marker {seen}):\n{tail}")
        self.seconds = marker - start
        self.live_seconds = live - start if live is not None else math.nan  # nan: not asked (memory)

    def steps(self) -> dict[str, tuple[float, float | None]]:
        """A traced run's steps: label -> (ms from Popen to its start, ms to its end, None for a point).

        A span that happens more than once gets its occurrence in its label ("X (2nd)").
        """
        found: dict[str, tuple[float, float | None]] = {}
        seen: dict[str, int] = defaultdict(int)
        opened: dict[str, str] = {}
        for line in self.lines:
            if not line.startswith("MARK "):
                continue
            _, stamp, kind, label = line.split(" ", 3)
            at = (float(stamp) - self.start) * 1000
            if kind == "]":
                name = opened.pop(label)
                found[name] = (found[name][0], at)
                continue
            seen[label] += 1
            name = label if seen[label] == 1 else f"{label} ({_ordinal(seen[label])})"
            found[name] = (at, None)
            if kind == "[":
                opened[label] = name
        return found

    def value_of(self, prefix: str) -> float:
        """The number after ``prefix`` on the child's line that starts with it."""
        return float(next(line for line in self.lines if line.startswith(prefix)).split()[1])


def _ordinal(number: int) -> str:
    return {2: "2nd", 3: "3rd"}.get(number, f"{number}th")


WORKER = "(worker thread)"


def print_timeline(title: str, runs: list[Child]) -> None:
    """The median start and duration of every step over ``runs``, in order of start."""
    starts: dict[str, list[float]] = defaultdict(list)
    took: dict[str, list[float]] = defaultdict(list)
    for run in runs:
        for label, (start, end) in run.steps().items():
            starts[label].append(start)
            if end is not None:
                took[label].append(end - start)
    rows = sorted(
        ((statistics.median(at), label, statistics.median(took[label]) if label in took else None)
         for label, at in starts.items()),
    )  # fmt: skip
    print(title)
    print("    at (ms)  took (ms)  step  (a span: its own time; a point: the time since the last")
    print("                              step of the GUI thread before it ended)")
    done = 0.0
    for at, label, duration in rows:
        if duration is None:
            shown, done = at - done, max(done, at)
        else:
            shown = duration
            if WORKER not in label:
                done = max(done, at + duration)
        print(f"   {at:8.1f}   {shown:8.1f}  {label}")


def importtime_by_package(stderr: str) -> dict[str, float]:
    """Milliseconds of ``-X importtime`` self time, summed by top-level package."""
    totals: dict[str, float] = defaultdict(float)
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_part, _cumulative, name = line.removeprefix("import time:").split("|", 2)
        totals[name.strip().split(".")[0]] += int(self_part) / 1000
    return dict(totals)


# ---- the stores -------------------------------------------------------------------------------------


def prepare_store(path: Path, extra_contacts: int = 0) -> None:
    """Users, one list of TARGETS targets all assigned to OPERATOR, CALLS calls; ``extra_contacts`` more contacts."""
    store = Store.open(f"sqlite:///{path}")
    try:
        store.add_user("admin", "管理者", role="admin")
        for number in range(1, 6):
            store.add_user(f"op{number}", f"オペレーター{number}")
        list_id = store.create_list(LIST_NAME).id
        data, phones = make_targets_csv(TARGETS)
        imported = store.import_csv(list_id, data, assignee=OPERATOR)
        if not imported.ok or imported.imported != TARGETS:
            raise SystemExit(f"the benchmark's CSV did not import cleanly: {imported}")
        user_ids = {user.login: user.id for user in store.users()}
        rng = random.Random(5)
        now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
        called = rng.sample(phones, int(len(phones) * 0.9))
        calls: list[dict[str, Any]] = []
        for index in range(CALLS):
            started = now - timedelta(minutes=rng.randrange(60 * 24 * 180))
            outcome = rng.choice((Outcome.ANSWERED, Outcome.NO_ANSWER, Outcome.BUSY, Outcome.REJECTED))
            answered = started + timedelta(seconds=8) if outcome is Outcome.ANSWERED else None
            calls.append(
                {
                    "phone": called[index % len(called)],
                    "list_id": list_id,
                    "user_id": user_ids[f"op{rng.randint(1, 5)}"],
                    "direction": str(Direction.OUTBOUND),
                    "outcome": str(outcome),
                    "started_at": started,
                    "answered_at": answered,
                    "ended_at": started + timedelta(seconds=rng.randint(10, 300)),
                }
            )
        with store.engine.begin() as connection:
            connection.execute(insert(Call), calls)
        store.rebuild_last_calls()
        if extra_contacts:
            taken = set(phones)
            owners: dict[str | None, int | None] = {**user_ids, None: None}
            rows = []
            for contact in make_contacts(extra_contacts + TARGETS):
                if contact.phone in taken:
                    continue
                taken.add(contact.phone)
                rows.append(
                    {
                        "phone": contact.phone,
                        "company": contact.company,
                        "person": contact.person,
                        "categories": list(contact.categories),
                        "assignee_id": owners[contact.assignee_login],
                    }
                )
                if len(rows) == extra_contacts:
                    break
            with store.engine.begin() as connection:
                connection.execute(insert(Contact), rows)
        counts = store.counts()
    finally:
        store.close()
    print(f"  {path.name}: " + ", ".join(f"{name} {count:,}" for name, count in counts.items()))


# ---- the report ---------------------------------------------------------------------------------------


PYTHON = "python start-up, to the child's first line"
PYSIDE = "import PySide6 (QtCore, QtGui, QtWidgets)"
PAINTED = "painted (the event after the paint)"
PHASES = (
    "python start-up",
    "import PySide6",
    "import the program (beyond PySide6)",
    "QApplication, style, fonts, language",
    "read the store (first read or Store.open)",
    "build the window, show()",
    "wait for the list (queries, set_rows)",
    "first paint with the data",
)


def phases(run: Child, real: bool) -> dict[str, float]:
    """One traced run's start cut into phases both children have (ms; 0 where the floor has none)."""
    steps = run.steps()

    def start(label: str) -> float:
        return steps[label][0]

    def end(label: str) -> float:
        finished = steps[label][1]
        assert finished is not None, label
        return finished

    python, pyside, painted = start(PYTHON), start(PYSIDE), start(PAINTED)
    if real:
        program = start("import calllist_desktop.ui.app (the program)")
        store = start(next(label for label in ("FirstRead.open (sqlite3, read-only)",
                                               "_open_store (the normal way: Store.open, users)") if label in steps))
        window, loaded = start("MainWindow(...)"), start("lists.loaded")
        cuts = (python, pyside, program, store, window, end("window.show"), loaded, painted)
    else:
        application = start("QApplication()")
        shown = end("window.show")
        cuts = (python, pyside, pyside, application, application, shown, shown, painted)
    durations = [cuts[0]] + [later - earlier for earlier, later in zip(cuts, cuts[1:], strict=False)]
    return dict(zip(PHASES, durations, strict=True))


LIVE = "live (store open, live updates running, gc on)"
OPENING = "DeferredStore.open (after the first paint, thread pool)"
LIVE_PHASES = (
    "to the first paint",
    "first paint -> the deferred start (app.FINISH_START_MS after show)",
    "the deferred start on the GUI thread (icon, log file, filters)",
    "-> the pool starts opening the store",
    "opening the store on the pool (SQLAlchemy, models, Store.open)",
    "store open -> live (lists re-read, live updates, GC on)",
)


def live_phases(run: Child) -> dict[str, float] | None:
    """A traced run's way from the first paint to live, cut into phases (ms); ``None`` for a start
    that went the normal way (no deferred store)."""
    steps = run.steps()
    if "_finish_start" not in steps or OPENING not in steps or LIVE not in steps:
        return None
    finish, opening = steps["_finish_start"], steps[OPENING]
    assert finish[1] is not None and opening[1] is not None
    cuts = (steps[PAINTED][0], finish[0], finish[1], opening[0], opening[1], steps[LIVE][0])
    durations = [cuts[0]] + [later - earlier for earlier, later in zip(cuts, cuts[1:], strict=False)]
    return dict(zip(LIVE_PHASES, durations, strict=True))


def importtime_cumulative(stderr: str, module: str) -> float:
    """Milliseconds of ``-X importtime`` cumulative time of ``module`` (0 if it was not imported)."""
    for line in stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2].strip() == module:
            return int(parts[1]) / 1000
    return 0.0


def median_phases(runs: list[Child], real: bool) -> dict[str, float]:
    each = [phases(run, real) for run in runs]
    medians = {name: statistics.median(run[name] for run in each) for name in PHASES}
    medians["total (child's clock)"] = statistics.median(run.steps()[PAINTED][0] for run in runs)
    return medians


def child_environment(folder: Path) -> dict[str, str]:
    """The children's environment: offscreen, settings and bytecode caches in ``folder``."""
    env = dict(os.environ)
    env.pop("CALLLIST_DB", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(folder / "config")  # the program's QSettings go here, not to ~/.config
    # An installed program starts from bytecode caches; a shell with PYTHONDONTWRITEBYTECODE would
    # make every child compile the package (and Alembic's migrations) again. The caches go to a
    # folder of our own, so nothing is written into the checkout.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    env["CALLLIST_LOG_DIR"] = str(folder / "logs")  # the program's log file, kept out of the user's
    return env


def main() -> None:
    warm_phonenumbers()
    print(f"cold_start: {TARGETS:,} targets for {OPERATOR}, {CALLS:,} calls; {REPEAT} interleaved runs (median), "
          f"{TRACE} traced runs of each")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="calllist-bench-") as tmp:
        folder = Path(tmp)
        print("preparing the store (untimed):")
        store_path = folder / "start.sqlite3"
        prepare_store(store_path)
        env = child_environment(folder)
        log = folder / "stderr.txt"
        width, height = WIDE_SIZE

        def value(scenario: tuple[str, str, str] = SCENARIOS[0], mode: str = "time", flags: tuple[str, ...] = ()) -> Child:
            layout, user, _ = scenario
            return Child(child_program(real_window_child, str(store_path), user, layout, mode, 0), env, log, flags)

        def floor(mode: str = "time", flags: tuple[str, ...] = ()) -> Child:
            return Child(child_program(bare_table_child, TARGETS, width, height, mode), env, log, flags)

        first = value()  # untimed: fills the bytecode caches and the file cache
        floor()
        if first.rows != TARGETS:
            raise SystemExit(f"the window showed {first.rows} rows, not {TARGETS}")
        paints: dict[str, list[float]] = defaultdict(list)
        lives: dict[str, list[float]] = defaultdict(list)
        floors: list[float] = []
        for _ in range(REPEAT):
            floors.append(floor().seconds)
            for scenario in SCENARIOS:
                run = value(scenario)
                paints[scenario[2]].append(run.seconds)
                lives[scenario[2]].append(run.live_seconds)
        traced_values: list[Child] = []
        traced_floors: list[Child] = []
        for _ in range(TRACE):
            traced_values.append(value(mode="trace"))
            traced_floors.append(floor("trace"))
        importtime_stderr = value(flags=("-X", "importtime")).stderr
        imports_value = importtime_by_package(importtime_stderr)
        imports_floor = importtime_by_package(floor(flags=("-X", "importtime")).stderr)

    floor_ms = statistics.median(floors) * 1000
    print(f"floor  bare PySide6 QTableView, Popen -> painted with {TARGETS:,} rows   {spread(floors)}")
    for _, _, name in SCENARIOS:
        print(f"value  {name}: Popen -> first paint   {spread(paints[name])}")
        print(f"value  {name}: Popen -> live          {_spread_or_never(lives[name])}")

    print()
    print_timeline(f"the value's start ({SCENARIOS[0][2]}), traced ({TRACE} runs, medians, ms from Popen):", traced_values)
    print()
    print_timeline(f"the floor's start, traced ({TRACE} runs, medians, ms from Popen):", traced_floors)
    value_phases = median_phases(traced_values, real=True)
    floor_phases = median_phases(traced_floors, real=False)
    print()
    print("beyond the floor, by phase (medians of the traced runs, ms):")
    print(f"    {'phase':<42} {'value':>8} {'floor':>8} {'extra':>8}")
    for name, ms_value in value_phases.items():
        ms_floor = floor_phases[name]
        print(f"    {name:<42} {ms_value:8.1f} {ms_floor:8.1f} {ms_value - ms_floor:+8.1f}")

    print()
    each_live = [phases for phases in (live_phases(run) for run in traced_values) if phases is not None]
    if each_live:
        print(f"the way to live ({SCENARIOS[0][2]}), by phase (medians of {len(each_live)} traced runs, ms):")
        for name in LIVE_PHASES:
            print(f"    {name:<66} {statistics.median(phases[name] for phases in each_live):8.1f}")
        live_at = statistics.median(run.steps()[LIVE][0] for run in traced_values)
        print(f"    {'live (child clock, from Popen)':<66} {live_at:8.1f}")
        print(f"    {'(importing the store alone: -X importtime, which inflates it)':<66} "
              f"{importtime_cumulative(importtime_stderr, 'calllist_desktop.store.store'):8.1f}")  # fmt: skip

    print()
    print("garbage collections during the start (medians of the traced runs; count, ms):")
    for name, runs in (("value", traced_values), ("floor", traced_floors)):
        figures = []
        for generation in range(3):
            lines = [
                next(line for line in run.lines if line.startswith(f"GC {generation} ")).split()
                for run in runs
            ]
            count = statistics.median(int(line[2]) for line in lines)
            spent = statistics.median(float(line[3]) for line in lines)
            figures.append(f"gen{generation} {count:g} x, {spent:6.1f} ms")
        print(f"    {name}:  " + ";  ".join(figures))

    print()
    print("imports by top-level package, one run of each with -X importtime (self time, inflated by it; ms):")
    print(f"    {'package':<22} {'value':>8} {'floor':>8}")
    biggest = sorted(imports_value, key=lambda name: -imports_value[name])[:14]
    for name in biggest:
        print(f"    {name:<22} {imports_value[name]:8.1f} {imports_floor.get(name, 0.0):8.1f}")
    rest_value = sum(ms for name, ms in imports_value.items() if name not in biggest)
    rest_floor = sum(ms for name, ms in imports_floor.items() if name not in biggest)
    print(f"    {'(the rest)':<22} {rest_value:8.1f} {rest_floor:8.1f}")
    print(f"    {'total':<22} {sum(imports_value.values()):8.1f} {sum(imports_floor.values()):8.1f}")

    print()
    rss_value = statistics.median(run.value_of("RSS ") for run in traced_values)
    rss_floor = statistics.median(run.value_of("RSS ") for run in traced_floors)
    print(
        f"memory after the start (traced runs, VmRSS): the program {rss_value:.0f} MB, the bare table {rss_floor:.0f} MB"
    )
    print()
    for _, _, name in SCENARIOS[1:]:
        print_verdict(f"first paint, {name}: ratio <= {MAX_RATIO:g}", statistics.median(paints[name]) * 1000,
                      floor_ms, "ms", MAX_RATIO)  # fmt: skip
    for _, _, name in SCENARIOS:
        print_verdict(f"live, {name}: ratio <= {MAX_LIVE_RATIO:g}", statistics.median(lives[name]) * 1000,
                      floor_ms, "ms", MAX_LIVE_RATIO)  # fmt: skip
    report("cold_start", statistics.median(paints[SCENARIOS[0][2]]) * 1000, floor_ms, "ms", MAX_RATIO, GOAL)


def _spread_or_never(samples: list[float]) -> str:
    never = sum(1 for sample in samples if math.isinf(sample))
    if never:
        return f"never live in {never} of {len(samples)} runs (the child stopped waiting)"
    return spread(samples)


if __name__ == "__main__":
    main()
