"""The work the start leaves until the window is shown runs in every layout, for every user,
whatever the first read returned (issue 13, item 2).

Each case starts the real program (``app.run``, garbage collector paused as the entry point
does) in a child process on a store of its own, then looks from inside that process, while the
window is up, at what the start should have done: the store opened, the garbage collector on
again, live updates polling, the window icon set, the log file written. The child waits for them
(a generous time limit, never a fixed sleep) and prints what it found.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from calllist_desktop.core.outcomes import Direction
from calllist_desktop.store.first_read import FirstRead
from calllist_desktop.store.location import sqlite_file
from calllist_desktop.store.store import Store

CHILD = """
import gc, json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
gc.disable()  # as calllist_desktop.ui.main does
from calllist_desktop.store.deferred import DeferredStore
from calllist_desktop.ui import app

log_dir = Path(sys.argv[1])
found = {}
shown = app.MainWindow.show

def state(window):
    store = window.store
    updates = window.live_updates
    return {
        "store opened": not isinstance(store, DeferredStore) or store.is_open,
        "gc enabled": gc.isenabled(),
        "live updates started": updates is not None and updates.is_started(),
        "icon set": not QApplication.windowIcon().isNull(),
        "log file opened": any(path.stat().st_size > 0 for path in log_dir.glob("*.log")),
        "layout": window.mode.value,
        "table shown": window.lists.table.isVisible(),
    }

def show(window):
    shown(window)
    waited = []
    def check():
        waited.append(1)
        now = state(window)
        done = all(value for key, value in now.items() if key not in ("layout", "table shown"))
        if done or len(waited) > 400:  # 20 s: a limit, not a measure
            print("STATE " + json.dumps(now), flush=True)
            window.close()
        else:
            QTimer.singleShot(50, check)
    check()

app.MainWindow.show = show
sys.exit(app.run(sys.argv[2:]))
"""


def run_child(tmp_path: Path, store: Store, *args: str) -> dict[str, object]:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "CALLLIST_LOG_DIR": str(tmp_path / "logs"),
    }
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "logs"), "--db", store.url, "--line", "demo", "--lang", "ja", *args],
        capture_output=True, text=True, timeout=90, env=environment,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("STATE ")]
    assert lines, result.stdout + result.stderr
    found: dict[str, object] = json.loads(lines[0].removeprefix("STATE "))
    return found


def assert_start_finished(found: dict[str, object]) -> None:
    for what in ("store opened", "gc enabled", "live updates started", "icon set", "log file opened"):
        assert found[what] is True, f"{what}: {found}"


def quick_start_is_taken(store: Store, login: str) -> bool:
    path = sqlite_file(store.url)
    assert path is not None
    with FirstRead.open(path) as reader:  # type: ignore[union-attr]
        user = next(user for user in reader.users() or [] if user.login == login)
        return reader.first_view(user, None) is not None


def test_compact_mode_finishes_the_start(tmp_path: Path, ui_store: Store) -> None:
    assert quick_start_is_taken(ui_store, "sato")
    found = run_child(tmp_path, ui_store, "--user", "sato", "--mode", "compact")
    assert found["layout"] == "compact" and found["table shown"] is False  # no table to paint
    assert_start_finished(found)


def test_a_user_without_targets_finishes_the_start(tmp_path: Path, ui_store: Store) -> None:
    ui_store.add_user("suzuki", "鈴木 一郎")  # no targets: the window shows its hint, no table
    assert quick_start_is_taken(ui_store, "suzuki")
    found = run_child(tmp_path, ui_store, "--user", "suzuki", "--mode", "wide")
    assert found["layout"] == "wide" and found["table shown"] is False
    assert_start_finished(found)


def test_a_failed_first_read_finishes_the_start(tmp_path: Path, ui_store: Store) -> None:
    """A call left open by a crash: the first read gives up and the store opens the normal way."""
    ui_store.start_call("+81312345678", Direction.OUTBOUND, user="sato")
    assert not quick_start_is_taken(ui_store, "sato")
    found = run_child(tmp_path, ui_store, "--user", "sato", "--mode", "wide")
    assert_start_finished(found)


@pytest.mark.parametrize("mode", ["wide", "compact"])
def test_a_store_the_first_read_cannot_read_finishes_the_start(
    tmp_path: Path, ui_store: Store, mode: str
) -> None:
    """A stored value the first read does not understand: it answers None, the normal way runs."""
    with ui_store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE call_lists SET created_at = 'not a time'")
    assert not quick_start_is_taken(ui_store, "sato")
    found = run_child(tmp_path, ui_store, "--user", "sato", "--mode", mode)
    assert_start_finished(found)


def test_the_wide_window_with_its_list_finishes_the_start(tmp_path: Path, ui_store: Store) -> None:
    found = run_child(tmp_path, ui_store, "--user", "sato", "--mode", "wide")
    assert found["table shown"] is True
    assert_start_finished(found)
