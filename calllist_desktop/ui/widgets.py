"""Small helpers shared by the windows and dialogs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractScrollArea, QHBoxLayout, QLineEdit, QWidget


def restyle(widget: QWidget, name: str, value: object) -> None:
    """Set a property the style sheet looks at (``state``, ``invalid``, ``kind``) and draw anew.

    Qt applies a style sheet's property selectors only when the widget is polished again; a value
    that did not change needs no new polish, nor does a widget not polished yet (its first polish
    reads the property). The polish comes from setting the widget's style sheet again, as Qt's
    documentation advises for property selectors, rather than ``style().unpolish/polish``:
    handing the QStyle to Python makes PySide6 build its type and big enums (bench/README.md), which the
    start paid when the line state changed as the line started. ``tests/ui/test_widgets.py``
    checks the new look is taken.
    """
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        widget.setStyleSheet(widget.styleSheet())


def viewport_of(area: QAbstractScrollArea) -> QWidget:
    """The scroll area's viewport, found by the object name Qt gives it.

    ``QAbstractScrollArea.viewport()`` on a viewport not yet seen from Python makes PySide6 (6.11)
    look for the most derived type of the widget it returns, and to do so it initialises the
    type of every ``QWidget`` subclass in QtWidgets (QWizard, QMdiArea, ..., once: bench/README.md).
    ``findChild`` goes by the object's meta-object instead. A viewport set with ``setViewport``
    has no such name: then the slow way.
    """
    found = area.findChild(QWidget, "qt_scrollarea_viewport", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else area.viewport()


def clear_on_escape(field: QLineEdit) -> None:
    """Escape in a search field empties it (its table shows every row again)."""
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), field, field.clear)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)


class BadgeRow(QWidget):
    """A row of badges that takes no room while none of them is shown.

    Each badge is shown and hidden by its owner (ミュート中 by the phone, 録音中 by the audio
    strip); the row follows, so the card is as tall as before a badge and no taller.
    """

    def __init__(self, *badges: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._badges = badges
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for badge in badges:
            layout.addWidget(badge)
            badge.installEventFilter(self)
        layout.addStretch()
        self._follow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self._follow()
        return super().eventFilter(watched, event)

    def _follow(self) -> None:
        self.setVisible(any(not badge.isHidden() for badge in self._badges))
