"""The table widget of the target tables: a ``QTableView`` set up for call lists."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QByteArray, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from calllist_desktop.ui.style import quiet_table

from .columns import EXCLUDED
from .model import KEY_ROLE, RowTableModel

_STATE_MAGIC = b"calllist-table-header/1\n"
CELL_PADDING = 12
"""What a column's width adds to its text: the cell's or the title's margins (logical pixels)."""


class TargetTableView(QTableView):
    """Shows a :class:`RowTableModel`: whole-row selection, sortable header, quiet styling.

    Double-click or Enter on a row asks to dial it (``activated_key``); Space ticks or clears its
    発信対象外 checkbox (:meth:`toggle_excluded`), where the table has one; a double-click on a
    checkbox cell does not (two quick clicks on 発信対象外 must not dial). Unlike Qt's
    ``activated``, a single click never dials, whatever the platform's style says.

    After a layout change (refresh, filter, sort) the current row, if it was on screen, stays at
    the same height on screen. Column widths and order are kept with
    :meth:`save_header_state` / :meth:`restore_header_state`.

    Signals:
        activated_key(key: str): the user wants to call the row with phone ``key``.
    """

    activated_key = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current_offset: int | None = None
        self._fill_section = -1  # the column that takes the free width (Column.fills), if any
        self._fill_base = 0  # its own width: the default, or what the user dragged it to
        self._filling = False
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)
        quiet_table(self)

        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)

        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicatorClearable(True)  # a third click goes back to list order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sectionResized.connect(self._section_resized)
        self.setSortingEnabled(True)

    # ---- model -------------------------------------------------------------------------------

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if isinstance(old, RowTableModel):
            old.layoutAboutToBeChanged.disconnect(self._remember_current)
            old.layoutChanged.disconnect(self._restore_current)
        super().setModel(model)
        if isinstance(model, RowTableModel):
            model.layoutAboutToBeChanged.connect(self._remember_current)
            model.layoutChanged.connect(self._restore_current)
            self.apply_default_widths()

    def apply_default_widths(self) -> None:
        """Size each column for its usual content (in full-width characters), and never narrower
        than its title in the language shown: a column of short values (応答, 3) under a long
        title (最終通話ステータス) is as wide as the title, and no wider."""
        model = self.model()
        if not isinstance(model, RowTableModel):
            return
        em = self.fontMetrics().horizontalAdvance("あ")
        titles = self.horizontalHeader().fontMetrics()
        self._fill_section = next((i for i, column in enumerate(model.columns()) if column.fills), -1)
        self.horizontalHeader().setStretchLastSection(self._fill_section < 0)
        for section, column in enumerate(model.columns()):
            content = round(column.width_em * em) + CELL_PADDING
            title = titles.horizontalAdvance(column.header_text()) + CELL_PADDING
            self.horizontalHeader().resizeSection(section, max(content, title))
        self.fill_free_width()

    def fill_free_width(self) -> None:
        """Give the free width of the table to the filling column (never less than its own)."""
        section = self._fill_section
        header = self.horizontalHeader()
        if section < 0 or section >= header.count():
            return
        others = sum(header.sectionSize(i) for i in range(header.count()) if i != section and not header.isSectionHidden(i))
        wanted = max(self._fill_base, self.viewport().width() - others)
        if header.sectionSize(section) != wanted:
            self._filling = True
            try:
                header.resizeSection(section, wanted)
            finally:
                self._filling = False

    def _section_resized(self, section: int, _old: int, new: int) -> None:
        if self._filling:
            return
        if section == self._fill_section:
            self._fill_base = new  # set by default or by the user: the column's own width
        else:
            self.fill_free_width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fill_free_width()

    def key_at(self, index: QModelIndex) -> str | None:
        key = index.data(KEY_ROLE) if index.isValid() else None
        return key if isinstance(key, str) else None

    def current_key(self) -> str | None:
        """The phone of the current row, if any."""
        return self.key_at(self.currentIndex())

    def select_key(self, key: str) -> bool:
        """Make the row with phone ``key`` current and selected; False when it is not shown."""
        model = self.model()
        row = model.row_for_key(key) if isinstance(model, RowTableModel) else -1
        if row < 0:
            return False
        self.selectRow(row)
        self.scrollTo(model.index(row, 0))
        return True

    # ---- header state ------------------------------------------------------------------------

    def save_header_state(self) -> bytes:
        """Column widths, order and sort, tagged with the column set they belong to."""
        return _STATE_MAGIC + self._column_signature() + b"\n" + self.horizontalHeader().saveState().data()

    def restore_header_state(self, state: bytes) -> bool:
        """Put back what :meth:`save_header_state` gave; False (defaults kept) if it does not fit."""
        prefix = _STATE_MAGIC + self._column_signature() + b"\n"
        if not state.startswith(prefix):
            return False
        restored = self.horizontalHeader().restoreState(QByteArray(state[len(prefix) :]))
        self.horizontalHeader().setStretchLastSection(self._fill_section < 0)
        return restored

    def _column_signature(self) -> bytes:
        model = self.model()
        if not isinstance(model, RowTableModel):
            return b""
        return ",".join(column.key for column in model.columns()).encode()

    # ---- keeping the current row in place ------------------------------------------------------

    def _remember_current(self) -> None:
        self._current_offset = None
        current = self.currentIndex()
        if current.isValid():
            y = self.rowViewportPosition(current.row())
            if 0 <= y < self.viewport().height():
                self._current_offset = y

    def _restore_current(self) -> None:
        offset, self._current_offset = self._current_offset, None
        current = self.currentIndex()
        if offset is None or not current.isValid():
            return
        self.executeDelayedItemsLayout()  # the scroll range must know the new row count
        top = self.verticalHeader().sectionPosition(current.row())
        self.verticalScrollBar().setValue(top - offset)

    # ---- dialling --------------------------------------------------------------------------

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and index.isValid() and not self._is_checkbox(index):
            key = self.key_at(index)
            if key is not None:
                event.accept()
                self.activated_key.emit(key)
                return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            key = self.current_key()
            if key is not None:
                event.accept()
                self.activated_key.emit(key)
                return
        space = event.key() == Qt.Key.Key_Space and event.modifiers() == Qt.KeyboardModifier.NoModifier
        if space and self.toggle_excluded():
            event.accept()
            return
        super().keyPressEvent(event)

    def toggle_excluded(self) -> bool:
        """Tick or clear the 発信対象外 checkbox of the current row, as a click on it would
        (the model asks its controller to save it); False where the table has no such column."""
        model = self.model()
        current = self.currentIndex()
        if not isinstance(model, RowTableModel) or not current.isValid():
            return False
        column = next((i for i, c in enumerate(model.columns()) if c.key == EXCLUDED and c.checked), -1)
        if column < 0:
            return False
        cell = model.index(current.row(), column)
        checked = cell.data(Qt.ItemDataRole.CheckStateRole) in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        new_state = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        return model.setData(cell, new_state, Qt.ItemDataRole.CheckStateRole)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            model = self.model()
            if isinstance(model, RowTableModel):
                model.retranslate()
        super().changeEvent(event)

    def _is_checkbox(self, index: QModelIndex) -> bool:
        model = self.model()
        return isinstance(model, RowTableModel) and model.columns()[index.column()].is_checkbox
