"""The small shared widget helpers."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QTableView, QWidget
from pytestqt.qtbot import QtBot

from calllist_desktop.ui.widgets import viewport_of


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
