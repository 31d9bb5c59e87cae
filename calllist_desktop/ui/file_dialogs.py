"""Our file dialogs at a size where the names and columns can be read.

Qt's own (non-native) file dialog opens at its small default size, with the name column cut
off; the native dialogs of Windows and desktop portals size themselves and ignore ours. So
every file dialog of the program comes from :func:`file_dialog`: sized to the screen it opens
on, with the name column taking most of the list's width.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFileDialog, QHeaderView, QSplitter, QTreeView, QWidget

SIZE: Final = QSize(880, 560)
"""The size wanted (logical pixels), shrunk to fit a smaller screen."""

SIDEBAR_WIDTH: Final = 170
"""The places beside the files (the computer, home): room for their names."""

NAME_SHARE: Final = 0.5
"""The part of the detail list's width the file names get."""


def file_dialog(parent: QWidget | None, caption: str, start: str, filters: str, *, save: bool) -> QFileDialog:
    """A file dialog to open or save (not shown yet), sized for reading."""
    dialog = QFileDialog(parent, caption, start, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    screen = (parent.screen() if parent is not None else dialog.screen()).availableGeometry()
    size = SIZE.boundedTo(QSize(int(screen.width() * 0.9), int(screen.height() * 0.9)))
    dialog.resize(size)
    sides = dialog.findChild(QSplitter, "splitter")  # places | files, in Qt's own dialog
    if sides is not None:
        sides.setSizes([SIDEBAR_WIDTH, size.width() - SIDEBAR_WIDTH])
    tree = dialog.findChild(QTreeView, "treeView")  # the detail list of Qt's own dialog
    if tree is not None:
        header = tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, int(size.width() * NAME_SHARE))
    return dialog


def save_file_name(parent: QWidget | None, caption: str, start: str, filters: str) -> str:
    """Ask where to save (``start``: the suggested path); ``""`` when cancelled."""
    dialog = file_dialog(parent, caption, start, filters, save=True)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]


def open_file_name(parent: QWidget | None, caption: str, start: str, filters: str) -> str:
    """Ask for a file to open; ``""`` when cancelled."""
    dialog = file_dialog(parent, caption, start, filters, save=False)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]
