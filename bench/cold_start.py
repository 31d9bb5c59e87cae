"""Starting the program must cost little more than starting a bare PySide6 table.

Setup (untimed): a SQLite store in a temporary folder with an admin and five operators, one
list of 5,000 targets (``make_targets_csv``) imported with ``Store.import_csv`` and all assigned
to the operator ``op1``, and a call history of CALLS calls on 90% of its numbers.

VALUE: wall time from ``subprocess.Popen`` in this process to the moment a fresh ``python``
child (QT_QPA_PLATFORM=offscreen) reports that the wide window has painted its table with the
list's 5,000 targets. The child runs what ``calllist-desktop --db STORE --user op1 --lang ja
--mode wide`` runs: it imports ``calllist_desktop.ui.app`` and calls its ``run()`` unchanged,
on the user's normal (``QSettings``) settings path, pointed at a temporary XDG_CONFIG_HOME so
that no real settings are read or written. The only hook is a subclass of ``MainWindow`` put in
``app.MainWindow``'s place (the import_5k way: the package is not edited): when
``lists.loaded`` fires it waits for the table's viewport to paint, lets that paint finish (a
zero timer), prints a marker line, stops the demo line and quits. The time in this process is
taken when it reads that line. (``--screenshot`` is not used: it waits 400 ms and saves a PNG.)

FLOOR: the same kind of child, showing a bare ``QTableView`` (same size as the wide window) on a
trivial ``QAbstractTableModel`` of 5,000 rows x 8 columns of short Japanese strings, timed from
``Popen`` to its marker after the first paint of the viewport (made the same way).

The children run as ``python -c SOURCE``, SOURCE being the text of a function below
(``inspect.getsource``): they import nothing of this script, so the floor pays for nothing but
Python, PySide6 and its table. Both are the MEDIAN of REPEAT runs, interleaved (value, floor,
value, ...) after one untimed run of each (file caches, ``.pyc`` files). Goal: ratio <= 1.5.

Also printed, outside the goal:

- where the value's time goes: TRACE more runs of each child that time their steps
  (``time.perf_counter`` is CLOCK_MONOTONIC on Linux, one clock for parent and child, so every
  step is placed in time from ``Popen``). In the value's child, wrappers go on the names ``run()``
  calls (``Store.open``, ``database.upgrade``, the panels, ``Store.lists``/``targets`` on the
  worker thread, ``RowTableModel.set_rows`` ...); the traced runs are not the timed ones.
- the imports of one run of each child by top-level package (``python -X importtime``, which
  inflates them; compare the packages with each other, not with the timeline).
- MEMORY: a third child starts the same way on a store with 200,000 contacts (the 5,000 of the
  list and 195,000 more, made like ``table_filter``'s and written straight into ``contacts``),
  opens the 連絡先一覧 tab as a user would (``store.contacts()`` on the worker thread, then the
  contacts model's ``set_rows``), waits until the model's work ahead is done, collects garbage and
  prints the process's VmRSS. Goal: under 250 MB. Not part of the JSON line.
"""

from __future__ import annotations

import inspect
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _support import make_targets_csv, report, spread, warm_phonenumbers
from sqlalchemy import insert
from table_filter import make_contacts

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.models import Call, Contact
from calllist_desktop.store.store import Store
from calllist_desktop.ui.main_window import WIDE_SIZE

TARGETS = 5000
CONTACTS = 200_000
CALLS = 20_000
REPEAT = 7
TRACE = 5
MAX_RATIO = 1.5
GOAL_RSS_MB = 250.0
GOAL = "ratio <= 1.5 (start to the wide window painted with 5,000 targets, vs a bare PySide6 5,000-row table)"
OPERATOR = "op1"
LIST_NAME = "2026年11月 展示会フォロー"
MARKER = "SHOWN"
CHILD_TIMEOUT_S = 120


# ---- the children (each runs on its own as `python -c`: no names from this module) -------------------


def real_window_child(db: str, mode: str, contacts: int) -> None:
    """Start the program as ``calllist-desktop --db DB --user op1 --lang ja --mode wide`` does.

    ``mode``: "time" prints the marker once the table has painted with the list; "trace" also
    times the steps of the start (wrappers on the names ``run()`` calls) and prints them; "memory"
    then opens the contacts tab and prints the RSS once ``contacts`` rows are in and worked ahead.
    """
    import time

    first_line = time.perf_counter()
    import gc
    import sys

    marks: list[tuple[str, str, float]] = [("python start-up, to the child's first line", "*", first_line)]

    def mark(label: str, kind: str = "*") -> None:
        marks.append((label, kind, time.perf_counter()))

    if mode == "trace":
        import PySide6.QtWidgets  # noqa: F401 - timed apart from the program's own imports

        mark("import PySide6 (QtCore, QtGui, QtWidgets)")
    from calllist_desktop.ui import app as app_module

    mark("import calllist_desktop.ui.app (the program)")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

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
        from calllist_desktop.store import database
        from calllist_desktop.store.store import Store
        from calllist_desktop.telephony.demo import DemoLine
        from calllist_desktop.ui import call_list_panel, main_window
        from calllist_desktop.ui.table.model import RowTableModel

        timed(app_module, "_pick_font", "_pick_font (QFontDatabase.families)")
        timed(app_module, "install_language", "install_language")
        timed(Store, "open", "Store.open")
        timed(database, "make_engine", "  make_engine")
        timed(database, "upgrade", "  database.upgrade (Alembic to head)")
        timed(Store, "users", "Store.users (empty store?)")
        timed(Store, "user", "Store.user (--user)")
        timed(Store, "close_interrupted_calls", "Store.close_interrupted_calls")
        timed(main_window, "CallSession", "  CallSession")
        timed(main_window, "PhonePanel", "  PhonePanel")
        timed(main_window, "CallListPanel", "  CallListPanel")
        timed(DemoLine, "start", "DemoLine.start")
        timed(Store, "lists", "Store.lists (worker thread)")
        timed(Store, "targets", "Store.targets (worker thread)")
        timed(RowTableModel, "set_rows", "RowTableModel.set_rows")
        timed(call_list_panel.CallListPanel, "_fill_filter_choices", "CallListPanel._fill_filter_choices")

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
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                mark("first paint event of any widget")
            return False

    class Watched(app_module.MainWindow):  # type: ignore[misc,valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            mark("MainWindow(...)", "[")
            super().__init__(*args, **kwargs)
            mark("MainWindow(...)", "]")
            self.painted = Painted(self.after_paint)
            self.lists.loaded.connect(self.on_loaded)
            if mode == "trace":
                self.first_paint = FirstPaint()
                QApplication.instance().installEventFilter(self.first_paint)

        def setStyleSheet(self, sheet: str) -> None:
            mark("window.setStyleSheet", "[")
            super().setStyleSheet(sheet)
            mark("window.setStyleSheet", "]")

        def show(self) -> None:
            mark("window.show", "[")
            super().show()
            mark("window.show", "]")

        def on_loaded(self) -> None:
            if self.painted.seen:
                return
            mark("lists.loaded")
            viewport = self.lists.table.viewport()
            viewport.installEventFilter(self.painted)
            viewport.update()

        def after_paint(self) -> None:
            mark("painted (the event after the paint)")
            print(f"SHOWN {marks[-1][2]:.6f} {self.lists.model.total_count()}", flush=True)
            if mode == "memory":
                self.rss_list = rss_mb()
                mark("contacts tab chosen")
                self.lists.tabs.setCurrentIndex(1)
                self.poll = QTimer(self)
                self.poll.timeout.connect(self.check_contacts)
                self.poll.start(20)
                QTimer.singleShot(120_000, self.finish)  # never hang
                return
            self.finish()

        def check_contacts(self) -> None:
            model = self.lists.contacts_model
            if model.total_count() < contacts:
                return
            if not any(label == "contacts in the model" for label, _, _ in marks):
                mark("contacts in the model")
            if model.working_ahead():
                return
            mark("contacts worked ahead")
            self.poll.stop()
            gc.collect()
            print(f"MEMORY rows={model.total_count()} list_rss={self.rss_list:.1f} rss={rss_mb():.1f} "
                  f"peak={rss_mb('VmHWM'):.1f}", flush=True)  # fmt: skip
            self.finish()

        def finish(self) -> None:
            if mode != "time":
                for label, kind, at in marks:
                    print(f"MARK {at:.6f} {kind} {label}")
            sys.stdout.flush()
            self.line.stop()
            QApplication.instance().quit()

    app_module.MainWindow = Watched
    mark("run()")
    code = app_module.run(["--db", db, "--user", "op1", "--lang", "ja", "--mode", "wide"])
    sys.stdout.flush()
    sys.exit(code)


def bare_table_child(rows: int, width: int, height: int, mode: str) -> None:
    """A bare PySide6 program: a QTableView of ``rows`` x 8 short Japanese strings; marker after its first paint."""
    import time

    first_line = time.perf_counter()
    import sys

    marks: list[tuple[str, str, float]] = [("python start-up, to the child's first line", "*", first_line)]

    def mark(label: str, kind: str = "*") -> None:
        marks.append((label, kind, time.perf_counter()))

    from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QTableView

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
        print(f"SHOWN {marks[-1][2]:.6f} {model.rowCount()}", flush=True)
        if mode != "time":
            for label, kind, at in marks:
                print(f"MARK {at:.6f} {kind} {label}")
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
    view.viewport().installEventFilter(painted)
    mark("model and view built")
    mark("window.show", "[")
    view.show()
    mark("window.show", "]")
    sys.exit(app.exec())


def child_program(function: Callable[..., None], *args: object) -> str:
    """The source of ``function`` and a call of it: a program for ``python -c``."""
    arguments = ", ".join(repr(argument) for argument in args)
    return f"{inspect.getsource(function)}\n{function.__name__}({arguments})\n"


# ---- running the children ---------------------------------------------------------------------------


class Child:
    """One run of a child program: seconds from Popen to its marker, and what it printed."""

    def __init__(self, program: str, env: dict[str, str], log: Path, flags: tuple[str, ...] = ()) -> None:
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
            assert process.stdout is not None
            self.seconds = float("nan")
            self.rows = -1
            self.lines: list[str] = []
            for line in process.stdout:
                if line.startswith(MARKER + " ") and self.seconds != self.seconds:
                    self.seconds = time.perf_counter() - start
                    self.rows = int(line.split()[2])
                self.lines.append(line.rstrip("\n"))
            code = process.wait(timeout=CHILD_TIMEOUT_S)
        self.start = start
        self.stderr = log.read_text(encoding="utf-8", errors="replace")
        if code != 0 or self.seconds != self.seconds:
            tail = "\n".join(self.stderr.splitlines()[-20:])
            raise SystemExit(f"a child failed (exit {code}, marker {'seen' if self.rows >= 0 else 'never seen'}):\n{tail}")

    def marks(self) -> list[tuple[str, str, float]]:
        """(label, kind, milliseconds from Popen) of a traced run, kind "[" / "]" for spans, "*" for points."""
        found = []
        for line in self.lines:
            if line.startswith("MARK "):
                _, at, kind, label = line.split(" ", 3)
                found.append((label, kind, (float(at) - self.start) * 1000))
        return found


def timeline(runs: list[Child]) -> list[tuple[str, float, float | None]]:
    """(step, median ms from Popen to its first start, median ms it took in all) over traced runs."""
    starts: dict[str, list[float]] = defaultdict(list)
    took: dict[str, list[float]] = defaultdict(list)
    for run in runs:
        first: dict[str, float] = {}
        total: dict[str, float] = defaultdict(float)
        opened: dict[str, float] = {}
        for label, kind, at in run.marks():
            first.setdefault(label, at)
            if kind == "[":
                opened[label] = at
            elif kind == "]":
                total[label] += at - opened.pop(label)
        for label, at in first.items():
            starts[label].append(at)
            if label in total:
                took[label].append(total[label])
    rows = [
        (label, statistics.median(at), statistics.median(took[label]) if label in took else None)
        for label, at in starts.items()
    ]
    return sorted(rows, key=lambda row: row[1])


def print_timeline(title: str, runs: list[Child]) -> dict[str, float]:
    print(title)
    print("    at (ms)  took (ms)  step (took: a span's own time; a point: the time since the step before it ended)")
    ends: float = 0.0
    at_of: dict[str, float] = {}
    for label, at, took in timeline(runs):
        at_of[label] = at
        if took is None:
            shown = at - ends
            ends = max(ends, at)
        else:
            shown = took
            ends = max(ends, at + took)
        print(f"   {at:8.1f}   {shown:8.1f}  {label}")
    return at_of


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
            owners = {login: user_ids[login] for login in user_ids} | {None: None}
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


def phases(at: dict[str, float], real: bool) -> dict[str, float]:
    """The start cut into comparable phases (ms), from one timeline's median points."""
    painted = at["painted (the event after the paint)"]
    python = at["python start-up, to the child's first line"]
    pyside = at["import PySide6 (QtCore, QtGui, QtWidgets)"]
    if not real:
        qapp = at["QApplication()"]
        shown = at["window.show"]
        return {
            "python start-up": python,
            "import PySide6": pyside - python,
            "import the program": 0.0,
            "QApplication, style, fonts, language": qapp - pyside,
            "open the store, read the user": 0.0,
            "build the window, show()": shown - qapp,
            "wait for the list (queries, set_rows)": 0.0,
            "first paint with the data": painted - shown,
            "total (child's clock)": painted,
        }
    program = at["import calllist_desktop.ui.app (the program)"]
    store = at["Store.open"]
    window = at["MainWindow(...)"]
    loaded = at["lists.loaded"]
    return {
        "python start-up": python,
        "import PySide6": pyside - python,
        "import the program": program - pyside,
        "QApplication, style, fonts, language": store - program,
        "open the store, read the user": window - store,
        "build the window, show()": _after_show(at) - window,
        "wait for the list (queries, set_rows)": loaded - _after_show(at),
        "first paint with the data": painted - loaded,
        "total (child's clock)": painted,
    }


def _after_show(at: dict[str, float]) -> float:
    return at["_show_end"]


def main() -> None:
    warm_phonenumbers()
    print(f"cold_start: {TARGETS:,} targets for {OPERATOR}, {CALLS:,} calls; {REPEAT} interleaved runs (median), "
          f"{TRACE} traced runs of each")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="calllist-bench-") as tmp:
        folder = Path(tmp)
        print("preparing the stores (untimed):")
        store_path = folder / "start.sqlite3"
        prepare_store(store_path)
        memory_path = folder / "contacts.sqlite3"
        prepare_store(memory_path, extra_contacts=CONTACTS - TARGETS)

        env = dict(os.environ)
        env.pop("CALLLIST_DB", None)
        env["QT_QPA_PLATFORM"] = "offscreen"
        env["XDG_CONFIG_HOME"] = str(folder / "config")  # the program's QSettings go here, not to ~/.config
        log = folder / "stderr.txt"
        width, height = WIDE_SIZE

        def value(mode: str = "time", flags: tuple[str, ...] = ()) -> Child:
            return Child(child_program(real_window_child, str(store_path), mode, 0), env, log, flags)

        def floor(mode: str = "time", flags: tuple[str, ...] = ()) -> Child:
            return Child(child_program(bare_table_child, TARGETS, width, height, mode), env, log, flags)

        first = value()
        floor()
        if first.rows != TARGETS:
            raise SystemExit(f"the window showed {first.rows} rows, not {TARGETS}")
        values: list[float] = []
        floors: list[float] = []
        for _ in range(REPEAT):
            values.append(value().seconds)
            floors.append(floor().seconds)
        traced_values: list[Child] = []
        traced_floors: list[Child] = []
        for _ in range(TRACE):
            traced_values.append(value("trace"))
            traced_floors.append(floor("trace"))
        imports_value = importtime_by_package(value(flags=("-X", "importtime")).stderr)
        imports_floor = importtime_by_package(floor(flags=("-X", "importtime")).stderr)
        memory = Child(child_program(real_window_child, str(memory_path), "memory", CONTACTS), env, log)
        memory_marks = {label: at for label, _, at in memory.marks()}

    value_ms = statistics.median(values) * 1000
    floor_ms = statistics.median(floors) * 1000
    print(f"value  calllist-desktop, Popen -> wide window painted with {TARGETS:,} targets  {spread(values)}")
    print(f"floor  bare PySide6 QTableView, Popen -> painted with {TARGETS:,} rows       {spread(floors)}")

    print()
    at_value = print_timeline(f"the value's start, traced ({TRACE} runs, medians, ms from Popen):", traced_values)
    print()
    at_floor = print_timeline(f"the floor's start, traced ({TRACE} runs, medians, ms from Popen):", traced_floors)
    at_value["_show_end"] = at_value["window.show"] + _took(traced_values, "window.show")
    at_floor["window.show"] = at_floor["window.show"] + _took(traced_floors, "window.show")
    value_phases = phases(at_value, real=True)
    floor_phases = phases(at_floor, real=False)
    print()
    print("beyond the floor, by phase (traced medians, ms):")
    print(f"    {'phase':<40} {'value':>8} {'floor':>8} {'extra':>8}")
    for name, ms_value in value_phases.items():
        ms_floor = floor_phases[name]
        print(f"    {name:<40} {ms_value:8.1f} {ms_floor:8.1f} {ms_value - ms_floor:+8.1f}")

    print()
    print("imports by top-level package, one run of each with -X importtime (self time, inflated by it; ms):")
    print(f"    {'package':<22} {'value':>8} {'floor':>8}")
    biggest = sorted(imports_value, key=lambda name: -imports_value[name])
    shown = biggest[:12]
    for name in shown:
        print(f"    {name:<22} {imports_value[name]:8.1f} {imports_floor.get(name, 0.0):8.1f}")
    rest_value = sum(imports_value[name] for name in biggest[12:])
    rest_floor = sum(ms for name, ms in imports_floor.items() if name not in shown)
    print(f"    {'(the rest)':<22} {rest_value:8.1f} {rest_floor:8.1f}")
    print(f"    {'total':<22} {sum(imports_value.values()):8.1f} {sum(imports_floor.values()):8.1f}")

    print()
    line = next(line for line in memory.lines if line.startswith("MEMORY "))
    facts = dict(part.split("=") for part in line.split()[1:])
    rss = float(facts["rss"])
    tab = memory_marks["contacts tab chosen"]
    print(f"memory: {int(facts['rows']):,} contacts in the contacts tab of the real window (from a store with "
          f"{CONTACTS:,} contacts, opened as a user does)")  # fmt: skip
    print(f"  RSS with the {TARGETS:,}-target list shown: {float(facts['list_rss']):.0f} MB")
    print(f"  RSS with {CONTACTS:,} contacts loaded and worked ahead, after gc: {rss:.0f} MB "
          f"(peak VmHWM {float(facts['peak']):.0f} MB)")  # fmt: skip
    print(f"  contacts tab: rows in the model after {memory_marks['contacts in the model'] - tab:.0f} ms, "
          f"work ahead done after {memory_marks['contacts worked ahead'] - tab:.0f} ms")  # fmt: skip
    print(f"memory goal < {GOAL_RSS_MB:.0f} MB with {CONTACTS:,} contacts: "
          f"{'MET' if rss < GOAL_RSS_MB else 'MISSED'} ({rss:.0f} MB)")  # fmt: skip
    print()
    report("cold_start", value_ms, floor_ms, "ms", MAX_RATIO, GOAL)


def _took(runs: list[Child], label: str) -> float:
    return next(took for name, _, took in timeline(runs) if name == label) or 0.0


if __name__ == "__main__":
    main()
