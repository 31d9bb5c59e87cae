"""発信ルール: a list's campaign rules, edited by a manager (SPEC §9).

Most attempts per target, a retry delay per outcome, the outcomes that end a target, calling
hours and days in the list's time zone, and whether Japanese public holidays are skipped. The
rules are the store's (a team shares them); the dialog reads them, checks what was typed and
saves them in one write. Empty fields mean "no limit" / "no delay" / "any time": the defaults
that keep auto-call as it was.
"""

from __future__ import annotations

import logging
from datetime import time, timedelta
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.core.campaign_rules import ALL_DAYS, ListRules, RuleError
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.store.errors import StoreError
from calllist_desktop.ui.settings_widgets import SETTINGS_STYLE, field_error, note_label, set_message
from calllist_desktop.ui.table.columns import outcome_label

if TYPE_CHECKING:
    from calllist_desktop.ui.store_work import StoreWork

log = logging.getLogger(__name__)

RETRY_OUTCOMES: Final = (Outcome.NO_ANSWER, Outcome.BUSY, Outcome.FAILED, Outcome.CANCELED, Outcome.INTERRUPTED)
"""Outcomes after which a target may come back (a delay each); the others usually end it."""
ENDING_CHOICES: Final = (Outcome.ANSWERED, Outcome.REJECTED, Outcome.INVALID, Outcome.NO_ANSWER, Outcome.BUSY, Outcome.FAILED)
WEEKDAYS: Final = range(7)  # Monday first, as datetime.weekday()
UNITS: Final = (("m", 60), ("h", 3600), ("d", 86400))


def _delay_parts(delay: timedelta | None) -> tuple[int, str]:
    """A delay as a number and the largest unit it is a whole number of (0 and minutes: none)."""
    seconds = int(delay.total_seconds()) if delay else 0
    for unit, size in reversed(UNITS):
        if seconds and seconds % size == 0:
            return seconds // size, unit
    return seconds // 60, "m"


class DelayEdit(QWidget):
    """A delay: a number and 分 / 時間 / 日; 0 is none."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.amount = QSpinBox()
        self.amount.setRange(0, 999)
        self.unit = QComboBox()
        for unit, _size in UNITS:
            self.unit.addItem("", unit)
        self.amount.valueChanged.connect(lambda value: self.unit.setEnabled(value > 0))  # なし has no unit
        self.unit.setEnabled(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.amount)
        row.addWidget(self.unit)

    def retranslate(self) -> None:
        self.amount.setSpecialValueText(self.tr("なし"))
        for index, text in enumerate((self.tr("分"), self.tr("時間"), self.tr("日"))):
            self.unit.setItemText(index, text)

    def set_delay(self, delay: timedelta | None) -> None:
        amount, unit = _delay_parts(delay)
        self.amount.setValue(amount)
        self.unit.setCurrentIndex(max(self.unit.findData(unit), 0))

    def delay(self) -> timedelta | None:
        size = dict(UNITS)[self.unit.currentData()]
        return timedelta(seconds=self.amount.value() * size) if self.amount.value() else None


class RulesDialog(QDialog):
    """The rules of one list. Opened, not run; ``saved`` follows a successful write.

    ``store`` is the store (``list_rules`` / ``set_list_rules``); errors of the write show in
    the dialog and it stays open, so nothing typed is lost.

    Signals:
        saved(object): the :class:`ListRules` now stored.
    """

    saved = Signal(object)

    def __init__(
        self,
        work: StoreWork,
        list_id: int,
        list_name: str,
        rules: ListRules,
        user: str,
        parent: QWidget | None = None,
    ) -> None:
        """``rules``: the list's rules as the store has them now (read by the opener)."""
        super().__init__(parent)
        self.setObjectName("rulesDialog")
        self.setStyleSheet(SETTINGS_STYLE)
        self.work = work
        self.list_id = list_id
        self.list_name = list_name
        self.user = user
        self.max_attempts = QSpinBox()
        self.max_attempts.setObjectName("maxAttempts")
        self.max_attempts.setRange(0, 99)
        self.attempts_label = QLabel()
        # Which list these rules are for, in the dialog itself (a title bar may cut a long name).
        self.list_title = QLabel()
        self.list_title.setObjectName("rulesListName")
        self.list_title.setStyleSheet("font-weight: 600;")
        self.list_title.setWordWrap(True)
        self.retry_box = QGroupBox()
        retry_grid = QGridLayout(self.retry_box)
        self.retry_labels: dict[Outcome, QLabel] = {}
        self.retry: dict[Outcome, DelayEdit] = {}
        for row, outcome in enumerate(RETRY_OUTCOMES):
            self.retry_labels[outcome] = QLabel()
            self.retry[outcome] = DelayEdit(f"retry_{outcome.value}")
            retry_grid.addWidget(self.retry_labels[outcome], row // 2, (row % 2) * 2)
            retry_grid.addWidget(self.retry[outcome], row // 2, (row % 2) * 2 + 1)
        self.ending_box = QGroupBox()
        ending_row = QGridLayout(self.ending_box)
        self.ending: dict[Outcome, QCheckBox] = {}
        for index, outcome in enumerate(ENDING_CHOICES):
            box = QCheckBox()
            box.setObjectName(f"ending_{outcome.value}")
            self.ending[outcome] = box
            ending_row.addWidget(box, index // 3, index % 3)
        self.hours_box = QGroupBox()
        self.hours_box.setCheckable(True)
        self.hours_box.setObjectName("callingHoursBox")
        # Days without hours are rules too (`calllist lists rules --days mon-fri`): the times apply
        # only when this is ticked, so such rules come back from the dialog as they were.
        self.limit_hours = QCheckBox()
        self.limit_hours.setObjectName("limitHours")
        self.limit_hours.setChecked(True)
        self.start = QTimeEdit(QTime(9, 0))
        self.start.setObjectName("hoursStart")
        self.start.setDisplayFormat("HH:mm")
        self.end = QTimeEdit(QTime(20, 0))
        self.end.setObjectName("hoursEnd")
        self.end.setDisplayFormat("HH:mm")
        self.limit_hours.toggled.connect(self.start.setEnabled)
        self.limit_hours.toggled.connect(self.end.setEnabled)
        self.to_label = QLabel()
        self.days: list[QCheckBox] = []
        days_row = QHBoxLayout()
        for day in WEEKDAYS:
            box = QCheckBox()
            box.setObjectName(f"day_{day}")
            self.days.append(box)
            days_row.addWidget(box)
        days_row.addStretch(1)
        self.holidays = QCheckBox()
        self.holidays.setObjectName("skipHolidays")
        self.zone_note = note_label("zoneNote")
        hours_form = QFormLayout(self.hours_box)
        times = QHBoxLayout()
        times.addWidget(self.limit_hours)
        times.addWidget(self.start)
        times.addWidget(self.to_label)
        times.addWidget(self.end)
        times.addStretch(1)
        self.times_label, self.days_label = QLabel(), QLabel()
        hours_form.addRow(self.times_label, times)
        hours_form.addRow(self.days_label, days_row)
        hours_form.addRow("", self.holidays)
        hours_form.addRow("", self.zone_note)
        self.error = field_error("rulesError")
        self.note = note_label("rulesNote")
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("rulesSave")
        self.cancel_button = buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        top = QFormLayout()
        top.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)  # a number, not a line
        top.addRow(self.attempts_label, self.max_attempts)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list_title)
        layout.addLayout(top)
        layout.addWidget(self.retry_box)
        layout.addWidget(self.ending_box)
        layout.addWidget(self.hours_box)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.retranslate()
        self.show_rules(rules)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("発信ルール: {0}").format(self.list_name))
        self.list_title.setText(self.tr("発信先リスト「{0}」の発信ルール").format(self.list_name))
        self.attempts_label.setText(self.tr("最大発信回数 (1件あたり)"))
        self.max_attempts.setSpecialValueText(self.tr("上限なし"))
        self.max_attempts.setToolTip(self.tr("このリストからの発信の回数で数えます。0 で上限なし"))
        self.retry_box.setTitle(self.tr("再発信までの間隔 (結果ごと)"))
        for outcome, label in self.retry_labels.items():
            label.setText(outcome_label(outcome))
            self.retry[outcome].retranslate()
        self.ending_box.setTitle(self.tr("この結果になったら発信を終える"))
        for outcome, box in self.ending.items():
            box.setText(outcome_label(outcome))
        self.hours_box.setTitle(self.tr("発信可能時間"))
        self.times_label.setText(self.tr("時間"))
        self.limit_hours.setText(self.tr("時間帯を指定"))
        self.to_label.setText("〜")
        self.days_label.setText(self.tr("曜日"))
        names = (self.tr("月"), self.tr("火"), self.tr("水"), self.tr("木"), self.tr("金"), self.tr("土"), self.tr("日"))
        for box, name in zip(self.days, names, strict=True):
            box.setText(name)
        self.holidays.setText(self.tr("祝日は発信しない (日本の祝日)"))
        self.zone_note.setText(self.tr("時刻はリストのタイムゾーン ({0}) で判定します").format("Asia/Tokyo"))
        self.note.setText(
            self.tr("ルールはチーム全員のオートコールに、次の発信から適用されます。手動発信は時間外なら確認します。")
        )
        self.save_button.setText(self.tr("保存"))
        self.cancel_button.setText(self.tr("キャンセル"))

    # --- rules <-> fields ----------------------------------------------------------------------

    def show_rules(self, rules: ListRules) -> None:
        self._shown = rules
        self.max_attempts.setValue(rules.max_attempts or 0)
        for outcome, edit in self.retry.items():
            edit.set_delay(rules.retry_delays.get(outcome.value))
        for outcome, box in self.ending.items():
            box.setChecked(outcome.value in rules.ending_outcomes)
        self.hours_box.setChecked(rules.has_calendar)
        self.limit_hours.setChecked(rules.hours is not None or not rules.has_calendar)
        start, end = rules.hours or (time(9, 0), time(20, 0))
        self.start.setTime(QTime(start.hour, start.minute))
        self.end.setTime(QTime(end.hour, end.minute))
        for day, box in enumerate(self.days):
            box.setChecked(day in rules.days)
        self.holidays.setChecked(not rules.call_on_holidays)
        self.zone_note.setText(self.tr("時刻はリストのタイムゾーン ({0}) で判定します").format(rules.time_zone))

    def rules(self) -> ListRules:
        """The rules as the fields say (:class:`RuleError` when they cannot be; :meth:`problems`
        says so in words first). Outcomes the dialog does not offer keep what they were."""
        limited = self.hours_box.isChecked()
        start, end = self.start.time(), self.end.time()
        offered = {outcome.value for outcome in self.ending}
        kept_ending = {code for code in self._shown.ending_outcomes if code not in offered}
        kept_delays = {code: delay for code, delay in self._shown.retry_delays.items() if Outcome(code) not in self.retry}
        hours = None
        if self._hours_limited():
            hours = (time(start.hour(), start.minute()), time(end.hour(), end.minute()))
        return ListRules(
            max_attempts=self.max_attempts.value() or None,
            retry_delays=kept_delays | {o.value: delay for o, edit in self.retry.items() if (delay := edit.delay())},
            ending_outcomes=frozenset(kept_ending | {o.value for o, box in self.ending.items() if box.isChecked()}),
            hours=hours,
            days=frozenset(day for day, box in enumerate(self.days) if box.isChecked()) if limited else ALL_DAYS,
            call_on_holidays=not self.holidays.isChecked() if limited else self._shown.call_on_holidays,
            time_zone=self._shown.time_zone,
        )

    def _hours_limited(self) -> bool:
        return self.hours_box.isChecked() and self.limit_hours.isChecked()

    def problems(self) -> list[str]:
        found = []
        if self.hours_box.isChecked():
            if self._hours_limited() and self.start.time() >= self.end.time():
                found.append(self.tr("終了は開始より後の時刻にしてください"))
            if not any(box.isChecked() for box in self.days):
                found.append(self.tr("発信する曜日を1つ以上選んでください"))
        return found

    def save(self) -> None:
        problems = self.problems()
        if problems:
            set_message(self.error, "\n".join(problems))
            return
        try:
            rules = self.rules()
        except RuleError as exc:
            set_message(self.error, str(exc))
            return

        def saved(stored: ListRules) -> None:
            self.saved.emit(stored)
            self.accept()

        def refused(error: Exception) -> None:
            if not isinstance(error, StoreError | RuleError):
                log.error("saving the rules failed", exc_info=error)
            set_message(self.error, str(error))
            self.save_button.setEnabled(True)

        self.save_button.setEnabled(False)  # once: the write is under way
        self.work.write(self, lambda store: store.set_list_rules(self.list_id, rules, by=self.user), saved, refused)
