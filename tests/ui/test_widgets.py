"""The small shared widget helpers."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QScrollArea, QTableView, QWidget
from pytestqt.qtbot import QtBot

from calllist_desktop.ui.widgets import restyle, viewport_of


def test_viewport_of_finds_the_scroll_areas_own_viewport(qtbot: QtBot) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    found = viewport_of(view)
    assert found is view.viewport()
    assert viewport_of(view.horizontalHeader()) is view.horizontalHeader().viewport()  # not the table's


def test_viewport_of_a_viewport_set_by_hand(qtbot: QtBot) -> None:
    area = QScrollArea()
    qtbot.addWidget(area)
    own = QWidget()
    area.setViewport(own)
    assert viewport_of(area) is own


SHEET = 'QLabel[state="on"] { color: #00ff00; } QLabel[state="off"] { color: #ff0000; }'


def text_colour(label: QLabel) -> str:
    return label.palette().color(QPalette.ColorRole.WindowText).name()


def test_restyle_draws_a_shown_widget_anew(qtbot: QtBot) -> None:
    panel = QWidget()
    qtbot.addWidget(panel)
    label = QLabel("回線", panel)
    restyle(label, "state", "off")  # before the first polish: its polish reads the property
    panel.setStyleSheet(SHEET)
    panel.show()
    qtbot.waitExposed(panel)
    assert text_colour(label) == "#ff0000"
    restyle(label, "state", "on")
    assert text_colour(label) == "#00ff00"
