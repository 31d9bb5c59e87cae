"""The auto-call bar: where a run stands and its controls, in both layouts (SPEC §4, §5).

It sits under the current call in the phone, so the compact window shows the current and next
target with pause / skip / stop, and the wide window shows the same beside the list. During the
wrap-up (後処理) it asks for a disposition and a note; 保存して次へ saves them and goes on, and so
does the end of the countdown, skip or stop: what was typed is never lost (the engine asks for it,
:meth:`AutoCallBar.typed_wrap_up`).

Typing *extends* the countdown rather than pausing it: each keystroke makes sure at least
``TYPING_SECONDS`` are left, so an operator is never cut off mid-sentence, while a form left
half-filled (the operator walked away) still ends and the run goes on, with the text saved.
延長 adds ``EXTEND_SECONDS`` whenever more time is needed without typing.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
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
from calllist_desktop.ui.campaign.callback_dialog import add_callback_menu
from calllist_desktop.ui.campaign.wrap_up_dialog import fill_dispositions
from calllist_desktop.ui.phone_panel import with_shortcut
from calllist_desktop.ui.widgets import restyle

if TYPE_CHECKING:  # the engine loads with the first run, not with the window (the quick start)
    from calllist_desktop.core.autocall import Progress, RunState
    from calllist_desktop.store.views import TargetView

DISPOSITIONS_JA = ("", "再架電", "資料送付", "アポイント獲得", "担当者不在", "不要")
"""Common dispositions, offered until the managers keep a vocabulary (結果の種類); the field is
editable, so a team can type its own."""

TYPING_SECONDS = 20
"""Typing in the wrap-up form leaves at least this many seconds on its countdown."""

EXTEND_SECONDS = 30
"""What 延長 adds to the wrap-up's countdown."""


class AutoCallBar(QFrame):
    """Shows a :class:`Progress` and offers the run's commands (the window's actions).

    The run's targets (:meth:`set_targets`) let it name the current and next one the way the
    operator knows them: company and person, then the number.

    Signals:
        wrap_up_done(str, str): disposition and note entered for the call just made.
        wrap_up_extended(float): the wrap-up should now end this many seconds from now.
        callback_chosen(object): 再架電予約 in the wrap-up: a ``CallbackChoice`` for the target
            just called, or ``None`` for 日時を指定….
        typed_changed(): the disposition or the note of the wrap-up form changed (the auto-call
            run keeps what :meth:`typed_wrap_up` says, to save it when the wrap-up's time runs out).
    """

    wrap_up_done = Signal(str, str)
    wrap_up_extended = Signal(float)
    callback_chosen = Signal(object)
    typed_changed = Signal()

    def __init__(self, commands: Mapping[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("autocallBar")
        self.commands = commands
        self._targets: dict[str, TargetView] = {}
        self.progress: Progress | None = None
        self._wrap_up_seconds = 0.0
        self._deadline = 0.0  # time.monotonic() at which the wrap-up in progress ends

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
        self.wrap_up_label.setObjectName("wrapUpCountdown")
        self.wrap_up_hint = QLabel()
        self.wrap_up_hint.setObjectName("wrapUpHint")
        self.wrap_up_hint.setWordWrap(True)
        self.disposition = QComboBox()
        self.disposition.setEditable(True)
        self.note = QLineEdit()
        self.note.setObjectName("wrapUpNote")
        self.note.returnPressed.connect(self._finish_wrap_up)
        self.note.textEdited.connect(self._typing)
        self.note.textChanged.connect(self.typed_changed)
        self.disposition.currentTextChanged.connect(self.typed_changed)
        line_edit = self.disposition.lineEdit()
        if line_edit is not None:
            line_edit.textEdited.connect(self._typing)
        self.disposition.activated.connect(self._typing)
        self.extend_button = QPushButton()
        self.extend_button.setObjectName("wrapUpExtend")
        self.extend_button.clicked.connect(self.extend_wrap_up)
        self.next_button = QPushButton()
        self.next_button.setObjectName("wrapUpNext")
        self.next_button.clicked.connect(self._finish_wrap_up)
        self.user = ""  # who books a quick callback (the window's user)
        self.dispositions: list[str] = list(DISPOSITIONS_JA[1:])
        self.callback_button = QToolButton()
        self.callback_button.setObjectName("wrapUpCallback")
        self.callback_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._callback_menu = QMenu(self.callback_button)
        wrap_buttons = QHBoxLayout()
        wrap_buttons.addWidget(self.callback_button)
        wrap_buttons.addWidget(self.extend_button)
        wrap_buttons.addWidget(self.next_button, 1)
        wrap = QVBoxLayout(self.wrap_up)
        wrap.setContentsMargins(0, 4, 0, 0)
        wrap.addWidget(self.wrap_up_label)
        wrap.addWidget(self.wrap_up_hint)
        wrap.addWidget(self.disposition)
        wrap.addWidget(self.note)
        wrap.addLayout(wrap_buttons)
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)  # the label follows the deadline; a tick is not a second
        self._countdown.timeout.connect(self._update_wrap_up_label)

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
        self.wrap_up_hint.setText(self.tr("時間切れでも入力内容は保存されます"))  # one line in the phone's width
        self.note.setPlaceholderText(self.tr("メモ"))
        self.disposition.setToolTip(self.tr("通話結果の区分 (自由に入力できます)"))
        self.next_button.setText(self.tr("保存して次へ"))
        self.extend_button.setText(self.tr("延長 (+{0} 秒)").format(EXTEND_SECONDS))
        self.extend_button.setToolTip(self.tr("後処理の時間を {0} 秒延ばします (入力中は自動で延びます)").format(EXTEND_SECONDS))
        self.next_button.setToolTip(with_shortcut(self.tr("後処理を終えて次の発信先へ"), self.commands["autocall_skip"]))
        fill_dispositions(self.disposition, self.dispositions)
        self.callback_button.setText(self.tr("再架電予約"))
        self._callback_menu.clear()
        sub = add_callback_menu(
            self._callback_menu,
            self.user,
            lambda choice: self.callback_chosen.emit(choice._replace(assignee=self.user or None)),
            lambda: self.callback_chosen.emit(None),
        )
        self.callback_button.setMenu(sub)
        if self.progress is not None:
            self.show_progress(self.progress)

    def set_dispositions(self, names: Iterable[str]) -> None:
        """The managers' vocabulary (結果の種類), offered in the wrap-up; the field stays editable."""
        self.dispositions = list(names) or list(DISPOSITIONS_JA[1:])
        fill_dispositions(self.disposition, self.dispositions)

    def set_targets(self, targets: Iterable[TargetView]) -> None:
        """The targets of the run that starts, for naming its current and next target."""
        self._targets = {row.phone: row for row in targets}

    def describe(self, phone: str) -> str:
        """会社名 担当者名 (03-1234-5678), or the number alone for a target the bar does not know."""
        number = format_national(phone)
        row = self._targets.get(phone)
        names = " ".join(part for part in (row.company, row.person) if part) if row is not None else ""
        return f"{names} ({number})" if names else number

    def typed_wrap_up(self) -> tuple[str | None, str | None]:
        """The disposition and note typed so far in the wrap-up form (``None`` for an empty one);
        nothing outside a wrap-up. The engine asks when the wrap-up ends without 保存して次へ."""
        if not self._in_wrap_up():
            return None, None
        return self.disposition.currentText().strip() or None, self.note.text().strip() or None

    def _in_wrap_up(self) -> bool:
        from calllist_desktop.core.autocall import RunState  # loaded with the run that sent the progress

        return self.progress is not None and self.progress.state is RunState.WRAP_UP

    def show_progress(self, progress: Progress) -> None:
        """Show where the run stands; the bar appears with the run and stays after it ends."""
        from calllist_desktop.core.autocall import RunState  # loaded with the run that sent the progress

        entering_wrap_up = progress.state is RunState.WRAP_UP and (
            self.progress is None or self.progress.state is not RunState.WRAP_UP
        )
        self.progress = progress
        self.setVisible(True)
        self.state.setText(self._state_text(progress.state))
        if progress.wait_reason == "store":  # the run waits for the store, not the line
            self.state.setText(self.tr("データ待ち"))
        restyle(self, "state", progress.state.value)
        self.count.setText(self.tr("{0} / {1} 件").format(progress.position, progress.total))
        self.bar.setMaximum(max(progress.total, 1))
        self.bar.setValue(progress.position)
        self.current.setText(self.tr("現在: {0}").format(self.describe(progress.current)) if progress.current else "")
        self.current.setVisible(progress.current is not None)
        self.next.setText(self.tr("次: {0}").format(self.describe(progress.next)) if progress.next else self.tr("次: なし"))
        self.next.setVisible(progress.state is not RunState.FINISHED)
        self.outcomes.setText(self._outcomes_text(progress))
        self.outcomes.setVisible(bool(self.outcomes.text()))
        reason = self._pause_text(progress)
        restyle(self.message, "pending", progress.pause_pending)
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
        """How long a wrap-up lasts (設定), for the countdown of the next one."""
        self._wrap_up_seconds = seconds

    def seconds_left(self) -> float:
        """What is left of the wrap-up in progress."""
        return max(0.0, self._deadline - time.monotonic())

    def extend_wrap_up(self) -> None:
        """延長: ``EXTEND_SECONDS`` more for the wrap-up in progress."""
        if self._in_wrap_up():
            self._end_in(self.seconds_left() + EXTEND_SECONDS)

    def _typing(self) -> None:
        if self._in_wrap_up() and self.seconds_left() < TYPING_SECONDS:
            self._end_in(TYPING_SECONDS)

    def _end_in(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds
        self._update_wrap_up_label()
        self.wrap_up_extended.emit(seconds)

    def _start_countdown(self) -> None:
        self._deadline = time.monotonic() + self._wrap_up_seconds
        self._update_wrap_up_label()
        self._countdown.start()
        self.note.setFocus()

    def _update_wrap_up_label(self) -> None:
        left = math.ceil(self.seconds_left())
        self.wrap_up_label.setText(self.tr("後処理 (残り {0} 秒)").format(left))

    def _finish_wrap_up(self) -> None:
        if self._in_wrap_up():
            disposition, note = self.typed_wrap_up()
            self.wrap_up_done.emit(disposition or "", note or "")

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
        """Why the run paused itself, or that it will pause after this call; nothing when the
        operator paused it (the state says so)."""
        from calllist_desktop.core.autocall import PauseReason
        from calllist_desktop.core.campaign_rules import holiday_name

        reason, detail = progress.pause_reason, progress.message
        if progress.pause_pending:
            return self.tr("この通話の後で一時停止します")  # the button's tooltip says how to take it back
        if reason is PauseReason.ERROR:
            return self.tr("エラーのため一時停止しました: {0}。再開するか停止してください。").format(detail)
        if reason is PauseReason.FAILURES:
            return self.tr("{0} 件続けて発信に失敗したため一時停止しました。回線を確かめてから再開してください。").format(detail)
        if reason is PauseReason.STORE:
            return self.tr("データに接続できないため一時停止しました: {0}").format(detail)
        if progress.wait_reason == "store":
            return self.tr("データに接続できません。つながり次第、自動で続けます: {0}").format(detail)
        if reason is PauseReason.OUTSIDE_HOURS and progress.holiday is not None:
            return self.tr(
                "今日は祝日 ({0}) です。このリストの発信ルールは祝日に発信しません。発信できる日に再開してください。"
            ).format(holiday_name(progress.holiday))  # (in the language in force, as the sentence)
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
        if parts:
            # A wrapped line breaks between counts, never inside one ("Canceled / 2" in English).
            return " · ".join(part.replace(" ", "\u00a0") for part in parts)
        # Nothing counted yet: while the first call rings or talks, "not called yet" would be wrong.
        return "" if progress.current is not None else self.tr("まだ発信していません")
