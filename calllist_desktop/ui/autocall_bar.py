"""The auto-call bar: where a run stands and its controls, in both layouts (SPEC §4, §5).

It sits under the current call in the phone, so the compact window shows the current and next
target with pause / skip / stop, and the wide window shows the same beside the list. During the
wrap-up (後処理) it asks for a disposition and a note; 次へ saves them and goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.core.i18n import current_language
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.core.phone import format_national
from calllist_desktop.ui.phone_panel import with_shortcut
from calllist_desktop.ui.widgets import restyle

if TYPE_CHECKING:  # the engine loads with the first run, not with the window (the quick start)
    from calllist_desktop.core.autocall import Progress, RunState
    from calllist_desktop.store.views import TargetView

DISPOSITIONS_JA = ("", "再架電", "資料送付", "アポイント獲得", "担当者不在", "不要")
"""Common dispositions; the field is editable, so a team can type its own."""


class AutoCallBar(QFrame):
    """Shows a :class:`Progress` and offers the run's commands (the window's actions).

    The run's targets (:meth:`set_targets`) let it name the current and next one the way the
    operator knows them: company and person, then the number.

    Signals:
        wrap_up_done(str, str): disposition and note entered for the call just made.
    """

    wrap_up_done = Signal(str, str)

    def __init__(self, commands: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("autocallBar")
        self.commands = commands
        self._targets: dict[str, TargetView] = {}
        self.progress: Progress | None = None
        self._wrap_up_left = 0

        self.title = QLabel()
        self.title.setObjectName("autocallTitle")
        self.state = QLabel()
        self.state.setObjectName("autocallState")
        self.count = QLabel()
        self.count.setObjectName("autocallCount")
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        self.current = QLabel()
        self.current.setObjectName("autocallCurrent")
        self.current.setWordWrap(True)
        self.next = QLabel()
        self.next.setObjectName("autocallNext")
        self.next.setWordWrap(True)
        self.outcomes = QLabel()
        self.outcomes.setObjectName("autocallOutcomes")
        self.outcomes.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("autocallMessage")
        self.message.setWordWrap(True)

        self.wrap_up = QFrame()
        self.wrap_up.setObjectName("wrapUp")
        self.wrap_up_label = QLabel()
        self.disposition = QComboBox()
        self.disposition.setEditable(True)
        self.note = QLineEdit()
        self.note.returnPressed.connect(self._finish_wrap_up)
        self.next_button = QPushButton()
        self.next_button.setObjectName("wrapUpNext")
        self.next_button.clicked.connect(self._finish_wrap_up)
        wrap = QVBoxLayout(self.wrap_up)
        wrap.setContentsMargins(0, 4, 0, 0)
        wrap.addWidget(self.wrap_up_label)
        wrap.addWidget(self.disposition)
        wrap.addWidget(self.note)
        wrap.addWidget(self.next_button)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

        buttons = QHBoxLayout()
        self.buttons: dict[str, QToolButton] = {}
        for name in ("autocall_pause", "autocall_skip", "autocall_stop"):
            button = QToolButton()
            button.setDefaultAction(commands[name])
            button.setObjectName(name)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.addWidget(button, 1)
            self.buttons[name] = button

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.state)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.bar)
        layout.addWidget(self.current)
        layout.addWidget(self.next)
        layout.addWidget(self.outcomes)
        layout.addWidget(self.message)
        layout.addWidget(self.wrap_up)
        layout.addLayout(buttons)
        self.setVisible(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("オートコール"))
        self.wrap_up_label.setText(self.tr("後処理"))
        self.note.setPlaceholderText(self.tr("メモ"))
        self.disposition.setToolTip(self.tr("通話結果の区分 (自由に入力できます)"))
        self.next_button.setText(self.tr("保存して次へ"))
        self.next_button.setToolTip(with_shortcut(self.tr("後処理を終えて次の発信先へ"), self.commands["autocall_skip"]))
        chosen = self.disposition.currentText()
        self.disposition.clear()
        self.disposition.addItems(list(DISPOSITIONS_JA))
        self.disposition.setCurrentText(chosen)
        if self.progress is not None:
            self.show_progress(self.progress)

    def set_targets(self, targets: Iterable[TargetView]) -> None:
        """The targets of the run that starts, for naming its current and next target."""
        self._targets = {row.phone: row for row in targets}

    def describe(self, phone: str) -> str:
        """会社名 担当者名 (03-1234-5678), or the number alone for a target the bar does not know."""
        number = format_national(phone)
        row = self._targets.get(phone)
        names = " ".join(part for part in (row.company, row.person) if part) if row is not None else ""
        return f"{names} ({number})" if names else number

    def pending_wrap_up(self) -> tuple[str, str] | None:
        """The disposition and note typed so far while the wrap-up form is open, else ``None``."""
        if not self.wrap_up.isVisible():
            return None
        return self.disposition.currentText().strip(), self.note.text().strip()

    def show_progress(self, progress: Progress) -> None:
        """Show where the run stands; the bar appears with the run and stays after it ends."""
        from calllist_desktop.core.autocall import RunState  # loaded with the run that sent the progress

        entering_wrap_up = progress.state is RunState.WRAP_UP and (
            self.progress is None or self.progress.state is not RunState.WRAP_UP
        )
        self.progress = progress
        self.setVisible(True)
        self.state.setText(self._state_text(progress.state))
        restyle(self, "state", progress.state.value)
        self.count.setText(self.tr("{0} / {1} 件").format(progress.position, progress.total))
        self.bar.setMaximum(max(progress.total, 1))
        self.bar.setValue(progress.position)
        self.current.setText(self.tr("現在: {0}").format(self.describe(progress.current)) if progress.current else "")
        self.current.setVisible(progress.current is not None)
        self.next.setText(self.tr("次: {0}").format(self.describe(progress.next)) if progress.next else self.tr("次: なし"))
        self.next.setVisible(progress.state is not RunState.FINISHED)
        self.outcomes.setText(self._outcomes_text(progress))
        reason = self._pause_text(progress)
        self.message.setText(reason)
        self.message.setVisible(bool(reason))
        self.wrap_up.setVisible(progress.state is RunState.WRAP_UP)
        if entering_wrap_up:
            self.disposition.setCurrentText("")
            self.note.clear()
            self._start_countdown()
        elif progress.state is not RunState.WRAP_UP:
            self._countdown.stop()

    def set_wrap_up_seconds(self, seconds: float) -> None:
        """How long the wrap-up lasts, for its countdown."""
        self._wrap_up_left = int(round(seconds))

    def _start_countdown(self) -> None:
        self._remaining = self._wrap_up_left
        self._update_wrap_up_label()
        self._countdown.start()
        self.note.setFocus()

    def _tick(self) -> None:
        self._remaining = max(0, self._remaining - 1)
        self._update_wrap_up_label()

    def _update_wrap_up_label(self) -> None:
        self.wrap_up_label.setText(self.tr("後処理 (残り {0} 秒)").format(self._remaining))

    def _finish_wrap_up(self) -> None:
        pending = self.pending_wrap_up()
        if pending is not None:
            self.wrap_up_done.emit(*pending)

    def _state_text(self, state: RunState) -> str:
        from calllist_desktop.core.autocall import RunState

        return {
            RunState.READY: self.tr("準備中"),
            RunState.CLAIMING: self.tr("次の発信先へ"),
            RunState.DIALING: self.tr("発信中"),
            RunState.RINGING: self.tr("呼出中"),
            RunState.TALKING: self.tr("通話中"),
            RunState.WRAP_UP: self.tr("後処理中"),
            RunState.PAUSED: self.tr("一時停止中"),
            RunState.WAITING: self.tr("回線待ち"),
            RunState.FINISHED: self.tr("終了"),
        }[state]

    def _pause_text(self, progress: Progress) -> str:
        """Why the run paused itself; nothing when the operator paused it."""
        from calllist_desktop.core.autocall import PauseReason

        reason, detail = progress.pause_reason, progress.message
        if reason is PauseReason.FAILURES:
            return self.tr("{0} 件続けて発信に失敗したため一時停止しました。回線を確かめてから再開してください。").format(detail)
        if reason is PauseReason.STORE:
            return self.tr("データに接続できないため一時停止しました: {0}").format(detail)
        if reason is PauseReason.OUTSIDE_HOURS:
            return self.tr("発信可能時間 ({0}) の外です。時間内に再開してください。").format(detail)
        return ""

    def _outcomes_text(self, progress: Progress) -> str:
        english = current_language() == "en"
        parts = [
            f"{outcome.label_en if english else outcome.label_ja} {count}"
            for outcome in Outcome
            if (count := progress.outcomes.get(outcome, 0))
        ]
        skipped = sum(progress.skipped.values())
        if skipped:
            parts.append(self.tr("対象外・スキップ {0}").format(skipped))
        # A wrapped line breaks between counts, never inside one ("Canceled / 2" in English).
        return " · ".join(part.replace(" ", "\u00a0") for part in parts) if parts else self.tr("まだ発信していません")
