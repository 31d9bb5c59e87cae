"""Start-up pieces of the desktop client that need no window."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from calllist_desktop.ui import app
from calllist_desktop.ui.translations import choose_language, system_language


@pytest.fixture
def restore_excepthook() -> Iterator[None]:
    saved = sys.excepthook
    yield
    sys.excepthook = saved


def test_an_unexpected_error_is_logged_whole_and_said_in_one_line(
    restore_excepthook: None, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    app._report_unexpected_errors(interactive=False)
    try:
        raise ValueError("boom")
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    err = capsys.readouterr().err
    assert err.strip() == "calllist-desktop: unexpected error: ValueError: boom"
    assert "Traceback" not in err
    assert any(record.exc_info and record.exc_info[0] is ValueError for record in caplog.records)


@pytest.mark.parametrize(
    ("requested", "saved", "expected"),
    [("en", "ja", "en"), (None, "en", "en"), (None, "ja", "ja"), (None, "xx", None), ("xx", None, None)],
)
def test_the_language_is_the_flag_then_the_setting_then_the_system(
    requested: str | None, saved: str | None, expected: str | None
) -> None:
    assert choose_language(requested, saved) == (expected or system_language())


def test_the_window_icon_has_every_rendered_size(qapp: object) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage

    icon = app.application_icon()
    assert not icon.isNull()
    assert {QSize(n, n) for n in (16, 24, 32, 48, 64, 128, 256, 512)} <= set(icon.availableSizes())
    for size in app.ICON_SIZES:  # each file is there, with the size the icon says it has
        assert QImage(str(app.ICONS / f"calllist-desktop-{size}.png")).size() == QSize(size, size)
        assert icon.pixmap(size, size).size() == QSize(size, size)


def test_the_desktop_entry_starts_the_installed_command_with_its_icon() -> None:
    from configparser import ConfigParser
    from pathlib import Path

    entry = ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(Path(__file__).parents[2] / "resources" / "calllist-desktop.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert (section["Type"], section["Exec"], section["Icon"]) == ("Application", "calllist-desktop", "calllist-desktop")
    assert (app.ICONS / "calllist-desktop.svg").is_file()


def test_the_program_draws_with_fusion_whatever_the_environment_asks(tmp_path: Path) -> None:
    """The style is set through Qt's own ``-style`` option when the program makes its QApplication
    (not with ``setStyle``): it must still win over ``QT_STYLE_OVERRIDE``."""
    program = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from calllist_desktop.ui import app
shown = app.MainWindow.show
def show(window):
    shown(window)
    print("STYLE", QApplication.style().name())
    QTimer.singleShot(0, QApplication.quit)
app.MainWindow.show = show
sys.exit(app.run(sys.argv[1:]))
"""
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_STYLE_OVERRIDE": "Windows",
    }
    result = subprocess.run(
        [sys.executable, "-c", program, "--db", str(tmp_path / "store.sqlite3"), "--line", "demo"],
        capture_output=True, text=True, timeout=60, env=environment,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "STYLE fusion" in result.stdout.splitlines()
