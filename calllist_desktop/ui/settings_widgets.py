"""Small pieces the settings pages share: the message under a field, and the grey note."""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import QLabel

# Kept with the dialog (not in the window's style sheet) so the pages look the same wherever shown.
SETTINGS_STYLE: Final = """
QLabel#fieldError, QLabel[role="fieldError"] { color: #b3261e; }
QLabel[role="note"] { color: #5b6570; }
QLabel#testResult[tone="ok"] { color: #1e5e37; }
QLabel#testResult[tone="error"] { color: #b3261e; }
QLabel#settingsProblems { color: #b3261e; font-weight: 600; }
"""


def field_error(name: str) -> QLabel:
    """The red line under a field that says what is wrong with it (hidden while nothing is)."""
    label = QLabel()
    label.setObjectName(name)
    label.setProperty("role", "fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


def note_label(name: str) -> QLabel:
    """A grey explanatory line."""
    label = QLabel()
    label.setObjectName(name)
    label.setProperty("role", "note")
    label.setWordWrap(True)
    return label


def set_message(label: QLabel, message: str) -> None:
    """Show ``message`` under its field, or hide the line when there is none."""
    label.setText(message)
    label.setVisible(bool(message))
