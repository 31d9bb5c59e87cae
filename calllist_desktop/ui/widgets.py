"""Small helpers shared by the windows and dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def restyle(widget: QWidget, name: str, value: object) -> None:
    """Set a property the style sheet looks at (``state``, ``invalid``, ``kind``) and draw anew.

    Qt applies a style sheet's property selectors only when the widget is polished again; a value
    that did not change needs no new polish.
    """
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
