"""The target tables (発信先リスト, the manager's list table, contacts), Anki-browser style.

``columns`` holds the column value objects and the three column sets, ``filters`` the filter
value and the per-row facts it tests, ``model`` the one ``QAbstractTableModel`` that filters and
sorts on its own index list, and ``view`` the ``QTableView`` wrapper.
"""

from .columns import CONTACT_COLUMNS, MANAGEMENT_COLUMNS, OPERATOR_COLUMNS, Column, Row
from .filters import FilterChoice, RowFilter
from .model import KEY_ROLE, ROW_ROLE, RowTableModel
from .view import TargetTableView

__all__ = [
    "CONTACT_COLUMNS",
    "KEY_ROLE",
    "MANAGEMENT_COLUMNS",
    "OPERATOR_COLUMNS",
    "ROW_ROLE",
    "Column",
    "FilterChoice",
    "Row",
    "RowFilter",
    "RowTableModel",
    "TargetTableView",
]
