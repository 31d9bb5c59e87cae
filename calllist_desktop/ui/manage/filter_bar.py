"""The filter bar above the manager's list table: one filter per column, all combined (SPEC §4).

Text search (company, person, phone, category), a multiple choice for each column with a
limited set of values (発信担当者, カテゴリー, 最終通話種別, 最終通話ステータス, 最終担当者), a date range on
最終通話日時 and the 発信対象 tri-state. The bar only says what is chosen
(:meth:`FilterBar.current_filter`, a :class:`RowFilter`); the panel hands it to the model.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import date
from typing import Final

from PySide6.QtCore import QDate, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.ui.table import FilterChoice, RowFilter
from calllist_desktop.ui.table.columns import (
    ASSIGNEE,
    CATEGORIES,
    LAST_AGENT,
    LAST_CALL_STATUS,
    LAST_CALL_TYPE,
)
from calllist_desktop.ui.widgets import restyle

SEARCH_DELAY_MS: Final = 150
"""Typing waits this long after the last key before the table filters."""

TITLE_WIDTH_PX: Final = 240
"""The widest a choice button's text grows before it is shortened with …."""

_ARROW_ROOM_PX: Final = 36
"""A choice button's width besides its text: the style sheet's padding (8 + 22), the border, a
little air; the menu arrow sits in the right padding, never over the text."""

DEFAULT_DAYS: Final = 30
"""The date range first offered: the last 30 days."""

ALL_TARGETS: Final = "all"
ONLY_TARGETED: Final = "targeted"
ONLY_EXCLUDED: Final = "excluded"

_EXCLUDED_VALUES: Final[dict[str, bool | None]] = {
    ALL_TARGETS: None,
    ONLY_TARGETED: False,
    ONLY_EXCLUDED: True,
}

_STYLE: Final = """
#filterBar { background: #f7f9fb; border: 1px solid #e1e6eb; border-radius: 6px; }
#filterBar QToolButton { padding: 3px 22px 3px 8px; border: 1px solid #c9d1d9; border-radius: 4px; background: white; }
#filterBar QToolButton:hover { background: #eef3f8; }
#filterBar QToolButton[active="true"] { background: #dde7f1; border-color: #7fa3c8; font-weight: 600; }
#filterBar QToolButton::menu-indicator { subcontrol-origin: padding; subcontrol-position: right center; right: 6px; }
"""


class _StayOpenMenu(QMenu):
    """A menu whose check marks toggle without closing it, so several values can be ticked."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class ChoiceFilterButton(QToolButton):
    """A filter on one column: a menu of the column's values with check marks.

    Nothing ticked means every row passes; otherwise a row passes with any ticked value. The
    menu is rebuilt from ``choices`` (the model's ``distinct_values``) each time it opens and
    whenever :meth:`refresh_choices` is called; a ticked value no longer in the rows stays,
    counted 0, so the filter does not silently change under the user.

    Signals:
        changed(): the ticked values changed.
    """

    changed = Signal()

    def __init__(
        self,
        column_key: str,
        choices: Callable[[], list[FilterChoice]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.column_key = column_key
        self.setObjectName(f"filter_{column_key}")
        self._choices = choices
        self._chosen: dict[object, str] = {}  # value -> label, in the order ticked
        self._title = ""
        self._all_text = ""
        self._full_text = ""
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # may shrink (text elided)
        self._menu = _StayOpenMenu(self)
        self._menu.aboutToShow.connect(self.refresh_choices)
        self.setMenu(self._menu)
        self._update_text()

    def set_texts(self, title: str, everything: str) -> None:
        """The column's name and the word for "no filter" (translated by the bar)."""
        self._title = title
        self._all_text = everything
        self.refresh_choices()

    def chosen(self) -> frozenset[object]:
        return frozenset(self._chosen)

    def set_chosen(self, values: Iterable[object]) -> None:
        """Tick exactly ``values`` (labels come from the current choices)."""
        labels = {choice.value: choice.label for choice in self._choices()}
        chosen = {value: labels.get(value, str(value)) for value in values}
        if chosen != self._chosen:
            self._chosen = chosen
            self._sync_checks()  # (not a rebuild: this may run inside a menu action's signal)
            self.changed.emit()

    def clear(self) -> None:
        self.set_chosen(())

    def refresh_choices(self) -> None:
        """Rebuild the menu from the current rows, keeping the ticks."""
        self._menu.clear()
        everything = self._menu.addAction(self._all_text)
        everything.setObjectName("all")
        everything.triggered.connect(self.clear)
        self._menu.addSeparator()
        choices = self._choices()
        present = {choice.value for choice in choices}
        choices += [
            FilterChoice(value, label, 0) for value, label in self._chosen.items() if value not in present
        ]
        for choice in choices:
            action = self._menu.addAction(f"{choice.label} ({choice.row_count})")
            action.setCheckable(True)
            action.setChecked(choice.value in self._chosen)
            action.setData(choice.value)
            action.toggled.connect(lambda on, c=choice: self._toggle(c, on))
            if choice.value in self._chosen:
                self._chosen[choice.value] = choice.label  # the label of the current language
        self._update_text()

    def full_text(self) -> str:
        """The button's text before it is shortened to fit."""
        return self._full_text

    def sizeHint(self) -> QSize:
        """Wide enough for the whole text (up to TITLE_WIDTH_PX) beside the menu arrow."""
        text = self.fontMetrics().elidedText(self._full_text, Qt.TextElideMode.ElideRight, TITLE_WIDTH_PX)
        # (+2: the integer advance can round a fraction down, and the text would then just not fit)
        return QSize(self.fontMetrics().horizontalAdvance(text) + _ARROW_ROOM_PX + 2, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        """Room for a few characters: squeezed, the text ends in … (the tooltip has it whole)."""
        return QSize(self.fontMetrics().horizontalAdvance("あ" * 4) + _ARROW_ROOM_PX, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self, room: int | None = None) -> None:
        if room is None:  # (a hidden button gets its real width in a resize event when shown)
            room = min(TITLE_WIDTH_PX, self.width() - _ARROW_ROOM_PX)
        self.setText(self.fontMetrics().elidedText(self._full_text, Qt.TextElideMode.ElideRight, max(room, 0)))
        tip = "\n".join([f"{self._title}:", *self._chosen.values()]) if self._chosen else self._full_text
        self.setToolTip(tip if self.text() != self._full_text or self._chosen else "")

    def choice_actions(self) -> list[QAction]:
        """The menu's checkable actions, one per value (for tests and keyboard users)."""
        return [action for action in self._menu.actions() if action.isCheckable()]

    def _sync_checks(self) -> None:
        for action in self.choice_actions():
            action.blockSignals(True)
            action.setChecked(action.data() in self._chosen)
            action.blockSignals(False)
        self._update_text()

    def _toggle(self, choice: FilterChoice, on: bool) -> None:
        if on:
            self._chosen[choice.value] = choice.label
        else:
            self._chosen.pop(choice.value, None)
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        if not self._chosen:
            value = self._all_text
        elif len(self._chosen) == 1:
            value = next(iter(self._chosen.values()))
        else:
            value = self.tr("%n 件を選択", "", len(self._chosen))
        self._full_text = f"{self._title}: {value}"
        self._elide(TITLE_WIDTH_PX)  # the whole text at once; shortened if the layout then squeezes it
        self.updateGeometry()
        QTimer.singleShot(0, self, self._elide)  # after the layout has given the button its width
        restyle(self, "active", bool(self._chosen))


class FilterBar(QFrame):
    """Every filter of the manager's list table in two rows, and 絞り込みを解除.

    ``choices(column_key)`` gives a column's values (``RowTableModel.distinct_values``).

    Signals:
        filter_changed(): what :meth:`current_filter` gives changed (typing waits
            SEARCH_DELAY_MS first).
    """

    filter_changed = Signal()

    def __init__(self, choices: Callable[[str], list[FilterChoice]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.setStyleSheet(_STYLE)
        self._quiet = False  # set while clearing: one signal at the end

        self.search = QLineEdit()
        self.search.setObjectName("filterSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self._search_delay = QTimer(self)
        self._search_delay.setSingleShot(True)
        self._search_delay.setInterval(SEARCH_DELAY_MS)
        self._search_delay.timeout.connect(self._emit_changed)
        self.search.textChanged.connect(self._search_delay.start)

        self.targeted_label = QLabel()
        self.targeted = QComboBox()
        self.targeted.setObjectName("filterTargeted")
        self.targeted.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "Excluded only" whole
        for value in _EXCLUDED_VALUES:
            self.targeted.addItem("", value)
        self.targeted.currentIndexChanged.connect(self._emit_changed)
        self.targeted_label.setBuddy(self.targeted)

        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear)

        self.choice_buttons: dict[str, ChoiceFilterButton] = {}
        for key in (ASSIGNEE, CATEGORIES, LAST_CALL_TYPE, LAST_CALL_STATUS, LAST_AGENT):
            button = ChoiceFilterButton(key, functools.partial(choices, key))
            button.changed.connect(self._emit_changed)
            self.choice_buttons[key] = button

        today = QDate.currentDate()
        self.use_dates = QCheckBox()
        self.use_dates.setObjectName("filterByDate")
        self.use_dates.toggled.connect(self._dates_toggled)
        self.date_from = self._date_edit(today.addDays(-DEFAULT_DAYS))
        self.date_to = self._date_edit(today)
        self.date_dash = QLabel("〜")
        self._dates_toggled(False)

        # Three rows, each narrow enough for the wide window's minimum width (960 logical
        # pixels with the phone beside it); the choice buttons shorten their texts when squeezed.
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(self.targeted_label)
        top.addWidget(self.targeted)
        middle = QHBoxLayout()
        for button in self.choice_buttons.values():
            middle.addWidget(button)
        middle.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.use_dates)
        bottom.addWidget(self.date_from)
        bottom.addWidget(self.date_dash)
        bottom.addWidget(self.date_to)
        bottom.addStretch(1)
        bottom.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addLayout(bottom)
        self.retranslate()

    def _date_edit(self, day: QDate) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(lambda _day: self._emit_changed() if self.use_dates.isChecked() else None)
        return edit

    # ---- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("検索: 会社名・担当者名・電話番号・カテゴリー"))
        self.targeted_label.setText(self.tr("発信対象"))
        for index, text in enumerate((self.tr("すべて"), self.tr("対象のみ"), self.tr("対象外のみ"))):
            self.targeted.setItemText(index, text)
        self.clear_button.setText(self.tr("絞り込みを解除"))
        self.clear_button.setToolTip(self.tr("すべての絞り込みを解除して、全件を表示します"))
        titles = {
            ASSIGNEE: self.tr("発信担当者"),
            CATEGORIES: self.tr("カテゴリー"),
            LAST_CALL_TYPE: self.tr("最終通話種別"),
            LAST_CALL_STATUS: self.tr("最終通話ステータス"),
            LAST_AGENT: self.tr("最終担当者"),
        }
        for key, button in self.choice_buttons.items():
            button.set_texts(titles[key], self.tr("すべて"))
        self.use_dates.setText(self.tr("最終通話日時"))
        self.use_dates.setToolTip(
            self.tr("チェックを入れると、最終通話日時がこの期間 (両端を含む) の発信先だけを表示します")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- the filter ----------------------------------------------------------------------------

    def current_filter(self) -> RowFilter:
        """The filter the bar shows (the search text as typed, without waiting)."""
        buttons = self.choice_buttons
        date_from: date | None = None
        date_to: date | None = None
        if self.use_dates.isChecked():
            low, high = self.date_from.date(), self.date_to.date()
            if low > high:
                low, high = high, low
            date_from, date_to = _day(low), _day(high)
        return RowFilter(
            text=self.search.text(),
            assignees=_logins(buttons[ASSIGNEE].chosen()),
            categories=_texts(buttons[CATEGORIES].chosen()),
            last_call_types=_texts(buttons[LAST_CALL_TYPE].chosen()),
            statuses=_texts(buttons[LAST_CALL_STATUS].chosen()),
            last_agents=_logins(buttons[LAST_AGENT].chosen()),
            date_from=date_from,
            date_to=date_to,
            excluded=_EXCLUDED_VALUES[self.targeted.currentData()],
        )

    def set_targeted(self, which: str) -> None:
        """Show all targets (``"all"``), only ``"targeted"`` ones or only ``"excluded"`` ones."""
        self.targeted.setCurrentIndex(self.targeted.findData(which))

    def set_date_range(self, first: QDate, last: QDate) -> None:
        """Filter on the last call's local date, both ends included."""
        self._quiet = True
        try:
            self.date_from.setDate(first)
            self.date_to.setDate(last)
            self.use_dates.setChecked(True)
        finally:
            self._quiet = False
        self._emit_changed()

    def clear(self) -> None:
        """絞り込みを解除: every row shows again (one ``filter_changed``)."""
        self._quiet = True
        try:
            self._search_delay.stop()
            self.search.clear()
            self._search_delay.stop()
            self.targeted.setCurrentIndex(0)
            for button in self.choice_buttons.values():
                button.clear()
            self.use_dates.setChecked(False)
        finally:
            self._quiet = False
        self._emit_changed()

    def refresh_choices(self) -> None:
        """Rebuild the choice menus from the rows now held (after a load or a change)."""
        for button in self.choice_buttons.values():
            button.refresh_choices()

    def _dates_toggled(self, on: bool) -> None:
        for widget in (self.date_from, self.date_dash, self.date_to):
            widget.setEnabled(on)
        self._emit_changed()

    def _emit_changed(self) -> None:
        self.clear_button.setEnabled(not self.current_filter().is_empty)
        if not self._quiet:
            self._search_delay.stop()
            self.filter_changed.emit()


def _day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _texts(values: frozenset[object]) -> frozenset[str]:
    """The chosen values of a button whose choices are texts (categories, codes)."""
    return frozenset(value for value in values if isinstance(value, str))


def _logins(values: frozenset[object]) -> frozenset[str | None]:
    """The chosen values of a button whose choices are logins, ``None`` for nobody."""
    return frozenset(value for value in values if value is None or isinstance(value, str))
