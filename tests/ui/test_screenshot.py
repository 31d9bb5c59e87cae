"""``calllist-desktop --screenshot`` as a user runs it: a fresh process, offscreen, a real PNG."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from calllist_desktop.store.store import Store


def screenshot(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    return subprocess.run(
        [sys.executable, "-m", "calllist_desktop.ui.app", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
    )


def distinct_colours(image: QImage) -> int:
    step = 7
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


# Compact: 360 pixels, or as wide as the Japanese menu bar (issue 13: no menu behind »).
@pytest.mark.parametrize(("mode", "size"), [("wide", (1400, 860)), ("compact", (range(360, 481), 640))])
def test_a_screenshot_of_each_layout_on_a_fresh_store(tmp_path: Path, mode: str, size: tuple[int, int]) -> None:
    database = tmp_path / "fresh.sqlite3"
    picture = tmp_path / f"{mode}.png"
    result = screenshot(tmp_path, "--db", str(database), "--mode", mode, "--lang", "ja", "--screenshot", str(picture))
    assert result.returncode == 0, result.stderr
    image = QImage(str(picture))
    assert not image.isNull()
    width, height = size
    assert image.width() in width if isinstance(width, range) else image.width() == width
    assert image.height() == height
    assert distinct_colours(image) > 20, "an empty or single-colour picture"
    # The picture shows a fresh store filled with demo data (a copy: the user's file is not made),
    # and a screenshot leaves no settings behind.
    assert not database.exists()
    assert not (tmp_path / "config" / "CallList").exists()


def test_a_bad_store_is_one_clear_line_and_no_picture(tmp_path: Path) -> None:
    picture = tmp_path / "never.png"
    result = screenshot(tmp_path, "--db", str(tmp_path / "no" / "such" / "x.sqlite3"), "--screenshot", str(picture))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "calllist-desktop:" in result.stderr
    assert not picture.exists()


def test_an_unknown_user_is_one_clear_line(tmp_path: Path) -> None:
    result = screenshot(tmp_path, "--db", str(tmp_path / "x.sqlite3"), "--user", "nobody", "--screenshot", str(tmp_path / "p.png"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "nobody" in result.stderr


@pytest.mark.parametrize("view", ["import-preview", "settings"])
def test_a_screenshot_of_a_dialog(tmp_path: Path, view: str) -> None:
    picture = tmp_path / f"{view}.png"
    result = screenshot(
        tmp_path, "--db", str(tmp_path / "fresh.sqlite3"), "--user", "kanri", "--lang", "ja",
        "--screenshot-view", view, "--screenshot", str(picture),
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(picture))
    assert not image.isNull() and image.width() < 1400  # the dialog, not the window behind it
    assert distinct_colours(image) > 20


def test_a_screenshot_of_the_analytics_tab(tmp_path: Path) -> None:
    """Issue 15: the report of the demo's calls with its charts, from the program itself."""
    picture = tmp_path / "analytics.png"
    result = screenshot(
        tmp_path, "--db", str(tmp_path / "fresh.sqlite3"), "--user", "kanri", "--lang", "en",
        "--screenshot-view", "analytics", "--screenshot", str(picture),
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(picture))
    assert (image.width(), image.height()) == (1400, 860)
    assert distinct_colours(image) > 60  # bars and lines in their colours, not an empty tab


def test_the_import_preview_needs_a_manager(tmp_path: Path) -> None:
    result = screenshot(
        tmp_path, "--db", str(tmp_path / "x.sqlite3"), "--user", "sato",
        "--screenshot-view", "import-preview", "--screenshot", str(tmp_path / "p.png"),
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "manager" in result.stderr


def store_contents(path: Path) -> list[str]:
    """Every row of every table of a SQLite file, as SQL text."""
    with closing(sqlite3.connect(path)) as connection:
        return list(connection.iterdump())


@pytest.mark.parametrize(
    ("view", "login"),
    [
        ("window", "sato"),
        ("autocall", "sato"),
        ("import-preview", "kanri"),
        ("settings", "kanri"),
        ("analytics", "kanri"),
        ("history", "sato"),
        ("rules", "kanri"),
    ],
)
def test_a_screenshot_never_touches_the_users_store(tmp_path: Path, view: str, login: str) -> None:
    """Issue 13: ``--screenshot-view autocall`` recorded a canceled call as the target's last call.
    Each view runs on a copy: the calls (and everything else) of the user's store stay as they were,
    a call a crash left open included (a real start closes it as interrupted)."""
    from calllist_desktop.core.outcomes import Direction
    from calllist_desktop.store.demo import seed_demo_data

    database = tmp_path / "users.sqlite3"
    store = Store.open(str(database))
    seed_demo_data(store)
    phone = store.targets(store.lists()[0].id, assignee=login)[0].phone if login == "sato" else "+81312345678"
    store.start_call(phone, Direction.OUTBOUND, user=login)  # left open by a crash
    with store.engine.connect() as connection:
        calls_before = connection.exec_driver_sql("SELECT * FROM calls ORDER BY id").fetchall()
    store.close()
    before = store_contents(database)
    picture = tmp_path / f"{view}.png"

    result = screenshot(
        tmp_path, "--db", str(database), "--user", login, "--lang", "ja",
        "--screenshot-view", view, "--screenshot", str(picture),
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert not QImage(str(picture)).isNull()
    store = Store.open(str(database))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT * FROM calls ORDER BY id").fetchall() == calls_before
    store.close()
    assert store_contents(database) == before


def test_a_screenshot_of_a_shared_database_is_refused_in_one_line(tmp_path: Path) -> None:
    result = screenshot(
        tmp_path, "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "--screenshot", str(tmp_path / "p.png")
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "SQLite" in result.stderr
    assert not (tmp_path / "p.png").exists()


@pytest.mark.parametrize(
    ("view", "login", "mode", "language"),
    [
        ("rules", "kanri", "wide", "en"),
        ("dnc", "kanri", "wide", "ja"),
        ("dispositions", "kanri", "wide", "en"),
        ("callbacks", "sato", "wide", "en"),
        ("history", "sato", "wide", "ja"),
        ("notice", "sato", "wide", "en"),
        ("notice", "sato", "compact", "ja"),
        ("autocall", "sato", "wide", "ja"),  # a call, the run's bar and a due callback: the window keeps its size
    ],
)
def test_a_screenshot_of_each_campaign_view(tmp_path: Path, view: str, login: str, mode: str, language: str) -> None:
    """Issue 14: the rules editor, the callbacks tab, the history, the due notice and the managers'
    dialogs, each from the program itself on the demo store: a real picture of the right thing."""
    picture = tmp_path / f"{view}.png"
    result = screenshot(
        tmp_path, "--db", str(tmp_path / "fresh.sqlite3"), "--user", login, "--lang", language, "--mode", mode,
        "--screenshot-view", view, "--screenshot", str(picture),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    image = QImage(str(picture))
    assert not image.isNull()
    if view in ("rules", "dnc", "dispositions"):  # the dialog, not the window behind it
        assert image.width() < 1400 and image.height() < 860
    elif mode == "wide":
        assert (image.width(), image.height()) == (1400, 860)
    else:
        assert image.width() in range(360, 481) and image.height() == 640
    assert distinct_colours(image) > 20, "an empty or single-colour picture"


@pytest.mark.parametrize("view", ["rules", "dnc", "dispositions"])
def test_the_managers_campaign_views_need_a_manager(tmp_path: Path, view: str) -> None:
    result = screenshot(
        tmp_path, "--db", str(tmp_path / "x.sqlite3"), "--user", "sato",
        "--screenshot-view", view, "--screenshot", str(tmp_path / "p.png"),
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "manager" in result.stderr
