"""English comes from Qt's translation tools; the catalogue must be complete and current."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import LANGUAGE
from calllist_desktop.ui.translations import CATALOGUES

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "calllist_en.ts"
TOOLS = Path(sys.executable).parent


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(path)
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    }


def test_every_string_has_a_finished_english_translation() -> None:
    unfinished = [
        key
        for key, message in messages(TS).items()
        if message.find("translation") is None
        or message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
        or not "".join(message.find("translation").itertext()).strip()  # type: ignore[union-attr]  # plural forms are children
    ]
    assert unfinished == []


def test_the_catalogue_holds_every_string_of_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(path) for path in (ROOT / "calllist_desktop" / "ui").rglob("*.py"))
    subprocess.run([str(TOOLS / "pyside6-lupdate"), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    assert set(messages(fresh)) - set(messages(TS)) == set(), "run `make translations` and translate the new strings"


def test_the_compiled_catalogue_is_current(tmp_path: Path) -> None:
    compiled = tmp_path / "calllist_en.qm"
    subprocess.run([str(TOOLS / "pyside6-lrelease"), str(TS), "-qm", str(compiled)], check=True, capture_output=True)
    assert compiled.read_bytes() == (CATALOGUES / "calllist_en.qm").read_bytes(), "run `make translations`"


def test_the_window_speaks_english_and_switches_back_live(qtbot: QtBot, window: MainWindow) -> None:
    assert window.lists.tabs.tabText(0) == "発信先リスト"
    window.commands["lang_en"].trigger()
    qtbot.waitUntil(lambda: window.lists.tabs.tabText(0) == "Call lists", timeout=2000)
    assert window.phone.call_button.text() == "Call"
    assert window.lists.model.headerData(1, Qt.Orientation.Horizontal) == "Company"
    assert window.settings.get(LANGUAGE) == "en"
    window.commands["lang_ja"].trigger()
    qtbot.waitUntil(lambda: window.lists.tabs.tabText(0) == "発信先リスト", timeout=2000)
    assert window.lists.model.headerData(1, Qt.Orientation.Horizontal) == "取引先会社名"
