"""Small helpers shared by the windows and dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractScrollArea, QLineEdit, QWidget


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
