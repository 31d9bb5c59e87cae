"""Small helpers shared by the 分析 tab's tables: their look, their column widths, a legend."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from calllist_desktop.ui.style import quiet_table


def fit_columns(table: QTableView, stretch: int | None = None, fixed: dict[int, int] | None = None) -> None:
    """Columns as wide as their header (bold) and cells with a little air, not the room Qt keeps
    for a sort arrow in every header; ``stretch`` takes the rest, ``fixed`` get their pixels."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    model = table.model()
    cells = table.fontMetrics()
    bold = QFont(header.font())
    bold.setBold(True)
    titles = QFontMetrics(bold)
    for section in range(model.columnCount()):
        wanted = (fixed or {}).get(section)
        if wanted is None:
            title = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
            widths = [titles.horizontalAdvance(title) + 22]
            for row in range(model.rowCount()):
                index = model.index(row, section)
                icon = 20 if index.data(Qt.ItemDataRole.DecorationRole) is not None else 0
                widths.append(cells.horizontalAdvance(str(index.data() or "")) + 20 + icon)
            wanted = max(widths)
        header.resizeSection(section, wanted)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def legend_html(items: list[tuple[str, str]], mark: str = "■") -> str:
    """A one-line legend: a coloured square before each name."""
    return "&nbsp;&nbsp;&nbsp;".join(f'<span style="color:{colour}">{mark}</span> {name}' for colour, name in items)


def quiet_table_view(name: str, model: QAbstractItemModel) -> QTableView:
    """A read-only table of whole rows in the program's quiet look."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    quiet_table(table)
    return table
