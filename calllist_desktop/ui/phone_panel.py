"""The small phone (コンパクトモード's whole window, and the left side of ワイドモード).

Line state, number entry with a dial pad, call / hang-up, and the current call (who, company,
timer, mute, hold, DTMF). It shows a :class:`CallSession` and sends it commands; it owns no state.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.core.line import Registration
from calllist_desktop.core.outcomes import Direction
from calllist_desktop.core.phone import format_national, normalize_phone
from calllist_desktop.ui.audio_strip import AudioStrip
from calllist_desktop.ui.call_records import RecentCalls
from calllist_desktop.ui.call_session import ActiveCall, CallSession, EndedCall
from calllist_desktop.ui.table.columns import call_state_label, outcome_label
from calllist_desktop.ui.widgets import BadgeRow, restyle

DIAL_PAD = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")


def with_shortcut(text: str, action: QAction) -> str:
    """A tooltip that names the action's shortcut, so the keyboard way is always discoverable."""
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{text} ({shortcut})" if shortcut else text


DIAL_WIDTH = 420
"""The widest the number entry, the dial keys and the call buttons grow (logical pixels)."""

MINIMUM_WIDTH = 268
"""The phone's narrowest: with the lists beside it (the operator's filter row, 今かけられる too)
the wide window must fit 960 logical pixels (a 1920×1080 screen at 200 %, a 1280×800 laptop at
125 %)."""


def shown_number(phone: str) -> str:
    """How the card shows a number: an E.164 one as it is dialled here (03-1234-5678)."""
    return format_national(phone) if phone.startswith("+") else phone


class PhonePanel(QWidget):
    """The phone: line state, number entry, dial pad, call controls and the current call.

    Signals:
        dial_requested(str): the E.164 number typed and confirmed.
    """

    dial_requested = Signal(str)

    def __init__(self, session: CallSession, commands: Mapping[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.commands = commands
        self.setObjectName("phonePanel")
        self.setMinimumWidth(MINIMUM_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self.line_state = QLabel()
        self.line_state.setObjectName("lineState")
        self.line_state.setWordWrap(True)
        self.line_badge = QLabel()
        self.line_badge.setObjectName("demoBadge")
        if not session.line.is_demo:  # (not setVisible(True): on a widget without a parent yet, it opens a window)
            self.line_badge.hide()

        self.number = QLineEdit()
        self.number.setObjectName("numberEntry")
        self.number.setClearButtonEnabled(True)
        self.number.returnPressed.connect(self.dial_typed)
        self.number.textChanged.connect(self._update_buttons)
        self.number.textEdited.connect(lambda _text: self._show_number_error(""))
        # Why a typed number cannot be dialled, visible under the field (not only in a tooltip).
        self.number_error = QLabel()
        self.number_error.setObjectName("numberError")
        self.number_error.setWordWrap(True)
        self.number_error.hide()

        pad = QGridLayout()
        pad.setSpacing(6)
        self.pad_buttons: dict[str, QPushButton] = {}
        for index, key in enumerate(DIAL_PAD):
            button = QPushButton(key)
            button.setObjectName("padKey")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(44)
            button.clicked.connect(lambda _=False, k=key: self._pad_pressed(k))
            pad.addWidget(button, index // 3, index % 3)
            self.pad_buttons[key] = button

        self.call_button = QPushButton()
        self.call_button.setObjectName("callButton")
        self.call_button.setMinimumHeight(44)
        self.call_button.clicked.connect(self.dial_typed)
        self.hangup_button = QPushButton()
        self.hangup_button.setObjectName("hangupButton")
        self.hangup_button.setMinimumHeight(44)
        self.hangup_button.clicked.connect(commands["hang_up"].trigger)
        call_row = QHBoxLayout()
        call_row.addWidget(self.call_button)
        call_row.addWidget(self.hangup_button)

        # The current call.
        self.call_card = QFrame()
        self.call_card.setObjectName("callCard")
        self.who = QLabel()
        self.who.setObjectName("callWho")
        self.company = QLabel()
        self.company.setObjectName("callCompany")
        self.remote = QLabel()
        self.remote.setObjectName("callNumber")
        self.call_state = QLabel()
        self.call_state.setObjectName("callState")
        self.timer_label = QLabel("00:00")
        self.timer_label.setObjectName("callTimer")
        for label in (self.remote, self.timer_label):  # hidden before the line dials, in their place
            policy = label.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            label.setSizePolicy(policy)
        self.mute_badge = QLabel()  # mute and the tones sent, on the card where the operator looks
        self.mute_badge.setObjectName("muteBadge")
        self.mute_badge.hide()
        self.dtmf_label = QLabel()
        self.dtmf_label.setObjectName("callDtmf")
        self.dtmf_label.hide()
        self.mute_button = QToolButton()
        self.mute_button.setDefaultAction(commands["mute"])
        self.hold_button = QToolButton()
        self.hold_button.setDefaultAction(commands["hold"])
        self.answer_button = QPushButton()
        self.answer_button.setObjectName("answerButton")
        self.answer_button.clicked.connect(session.answer)
        self.decline_button = QPushButton()
        self.decline_button.setObjectName("declineButton")
        self.decline_button.clicked.connect(session.decline)
        for tool_button in (self.mute_button, self.hold_button):
            tool_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            tool_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Levels, 録音中 and the sound's problems, from the line's own audio path (none on the demo line).
        self.audio_strip = AudioStrip(getattr(session.line, "audio", None))
        card = QVBoxLayout(self.call_card)
        top = QHBoxLayout()
        top.addWidget(self.call_state)
        top.addStretch()
        top.addWidget(self.timer_label)
        card.addLayout(top)
        # ミュート中 and 録音中 under the state, where it is read: beside it they did not fit the
        # wide window's phone (290 px) together with the timer, and were cut.
        card.addWidget(BadgeRow(self.mute_badge, self.audio_strip.recording_badge))
        card.addWidget(self.who)
        card.addWidget(self.company)
        card.addWidget(self.remote)
        card.addWidget(self.dtmf_label)
        card.addWidget(self.audio_strip)
        controls = QHBoxLayout()
        controls.addWidget(self.mute_button)
        controls.addWidget(self.hold_button)
        controls.addWidget(self.answer_button)
        controls.addWidget(self.decline_button)
        card.addLayout(controls)

        # Under a line that failed or was stopped, where the operator reads why: 回線に再接続.
        self.reconnect_button = QToolButton()
        self.reconnect_button.setObjectName("reconnectButton")
        self.reconnect_button.setDefaultAction(commands["reconnect"])
        self.reconnect_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        header = QHBoxLayout()
        header.addWidget(self.line_state, 1)
        self._header = header
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.reconnect_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.line_badge)
        layout.addWidget(self.call_card)
        # The number, the keys and the call buttons keep a phone's proportions in a large window
        # (a maximised compact window stretched each key to ~450 pixels): at most DIAL_WIDTH wide,
        # centred.
        self.dial_block = QWidget()
        self.dial_block.setObjectName("dialBlock")
        self.dial_block.setMaximumWidth(DIAL_WIDTH)
        self.dial_block.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        block = QVBoxLayout(self.dial_block)
        block.setContentsMargins(0, 0, 0, 0)
        block.setSpacing(10)
        block.addWidget(self.number)
        block.addWidget(self.number_error)
        block.addLayout(pad)
        block.addLayout(call_row)
        centred = QHBoxLayout()
        centred.addStretch(0)
        centred.addWidget(self.dial_block, 1)
        centred.addStretch(0)
        layout.addLayout(centred)
        self.recent: RecentCalls | None = None
        if "redial" in commands:
            self.recent = RecentCalls(commands["redial"])
            layout.addWidget(self.recent, 1)
        layout.addStretch(0 if self.recent is not None else 1)  # (the recent calls take the room left)
        self._layout = layout
        # The card of the call that ended last: it says how it ended until the next call starts.
        self._last_call: ActiveCall | None = None
        self._ended: tuple[ActiveCall, EndedCall] | None = None
        session.call_ended.connect(self._on_call_ended)

        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self._update_timer)
        session.changed.connect(self.refresh)
        session.bridge.registration_changed.connect(self._on_registration)
        # The line may have started (and even failed to register) before this panel was made.
        self._registration = session.line.registration.value
        self._registration_detail = session.line.registration_detail
        self.retranslate()
        self.refresh()

    def add_to_header(self, widget: QWidget) -> None:
        """Show ``widget`` at the right of the line state (a small thing: the compact phone's
        width is the menu bar's)."""
        self._header.addWidget(widget, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def add_section(self, widget: QWidget) -> None:
        """Show ``widget`` under the current call (the auto-call bar), in both layouts."""
        self._layout.insertWidget(self._layout.indexOf(self.call_card) + 1, widget)

    # --- texts ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.number.setPlaceholderText(self.tr("電話番号を入力"))
        self.call_button.setText(self.tr("発信"))
        self.call_button.setToolTip(with_shortcut(self.tr("入力した番号に発信"), self.commands["dial"]))
        self.hangup_button.setText(self.tr("切断"))
        self.answer_button.setText(self.tr("応答"))
        self.decline_button.setText(self.tr("拒否"))
        self.line_badge.setText(self.tr("デモ回線: 実際には発信しません"))
        self.mute_badge.setText(self.tr("ミュート中"))
        if self.recent is not None:
            self.recent.retranslate()
        if self.number_error.isVisible():
            self._check_number()
        self._on_registration(self._registration, self._registration_detail)
        self.refresh()

    def _on_registration(self, state: str, detail: str) -> None:
        self._registration, self._registration_detail = state, detail
        texts = {
            Registration.OFFLINE.value: self.tr("回線: オフライン"),
            Registration.REGISTERING.value: self.tr("回線: 接続中…"),
            Registration.REGISTERED.value: self.tr("回線: 待受中"),
            Registration.FAILED.value: self.tr("回線: 登録失敗"),
        }
        name = self.tr("デモ回線") if self.session.line.is_demo else self.session.line.describe()
        text = f"● {texts.get(state, state)}  ·  {name}"
        if self.session.line.audio_problem:
            # On a line of its own: the state line wraps, and a wrap inside 音声なし reads badly.
            text += "\n" + self.tr("音声なし（マイク・スピーカー未接続）")  # calls complete, nobody hears them
        if state == Registration.FAILED.value and detail:
            text += f"\n{detail}"  # why registering failed must be visible, not only in a tooltip
        self.line_state.setText(text)
        self.line_state.setToolTip(detail)
        down = state in (Registration.FAILED.value, Registration.OFFLINE.value)
        self.reconnect_button.setVisible(down and not self.session.line.is_demo)
        restyle(self.line_state, "state", state)
        self._update_buttons()

    # --- state -----------------------------------------------------------------------------

    def refresh(self) -> None:
        call = self.session.current
        # A dial asked for and not on the line yet (its number checked, its row written: on a
        # team's server a noticeable moment): the card says so at once, with the number.
        preparing = self.session.dialling if call is None else None
        if preparing is not None:
            self._ended = None  # a new dial: the last call's outcome goes
        if call is not None and (self._last_call is None or call.record_id != self._last_call.record_id):
            self._call_started(call)
        if call is not None:
            self._last_call = call
        self.call_card.setVisible(call is not None or preparing is not None or self._ended is not None)
        self.timer_label.setVisible(preparing is None)
        if self.recent is not None:
            self.recent.set_call_state(call.record_id if call else None, call_state_label(call.shown_state) if call else "")
        if call is None:
            self.audio_strip.show_call(None)
            self._tick.stop()
            if preparing is not None:
                self._show_preparing(preparing)
            elif self._ended is not None:
                self._show_ended(*self._ended)
        else:
            self.call_state.setText(call_state_label(call.shown_state))
            restyle(self.call_card, "state", call.shown_state)
            restyle(self.call_state, "outcome", "")
            self._show_who(call)
            self.answer_button.setVisible(call.state == "incoming")
            self.decline_button.setVisible(call.state == "incoming")
            self.mute_button.setVisible(call.state != "incoming")
            self.hold_button.setVisible(call.state != "incoming")
            self.mute_badge.setVisible(call.muted)
            self.audio_strip.show_call(call.line_call_id if call.state in ("talking", "ringing", "dialing") else None)
            self.dtmf_label.setText(self.tr("送信したトーン: {0}").format(call.dtmf))
            self.dtmf_label.setVisible(bool(call.dtmf))
            self._tick.start()
            self._update_timer()
        self._update_buttons()

    def _show_who(self, call: ActiveCall) -> None:
        self.who.setText(call.person or call.company or self.tr("(連絡先にない番号)"))
        self.company.setText(call.company if call.person else "")
        self.company.setVisible(bool(call.person and call.company))
        self.remote.setText(shown_number(call.phone))
        self.remote.setVisible(True)

    def _show_preparing(self, phone: str) -> None:
        """The card of a dial asked for: 発信準備中… and the number (who it is comes with the call)."""
        self.call_state.setText(call_state_label("preparing"))
        restyle(self.call_card, "state", "preparing")
        restyle(self.call_state, "outcome", "")
        self.who.setText(shown_number(phone))
        # The card keeps the height it has once the line dials (the number's line and the timer
        # keep their room, ミュート and 保留 show, disabled): 切断 under it does not move then.
        for widget in (self.company, self.remote, self.dtmf_label, self.mute_badge):
            widget.setVisible(False)
        self.answer_button.setVisible(False)
        self.decline_button.setVisible(False)
        self.mute_button.setVisible(True)
        self.hold_button.setVisible(True)

    def _call_started(self, call: ActiveCall) -> None:
        """A new call: the last one's outcome goes; an outbound call's number shows in the field
        (dialled from a row or the recent calls) and stays there until the next call."""
        self._ended = None
        if call.direction is Direction.OUTBOUND and normalize_phone(self.number.text()).e164 != call.phone:
            self.number.setText(format_national(call.phone))
        self._show_number_error("")

    def _on_call_ended(self, ended: EndedCall) -> None:
        if self._last_call is not None and self._last_call.record_id == ended.record_id:
            self._ended = (self._last_call, ended)
        self.refresh()

    def _show_ended(self, call: ActiveCall, ended: EndedCall) -> None:
        """The card of a call that has ended: how it ended, in the words of SPEC §1 (「話中でした」)."""
        self.call_state.setText(self.tr("{0}でした").format(outcome_label(ended.outcome)))
        restyle(self.call_card, "state", "ended")
        restyle(self.call_state, "outcome", ended.outcome.value)
        self._show_who(call)
        for widget in (self.answer_button, self.decline_button, self.mute_button, self.hold_button, self.mute_badge):
            widget.setVisible(False)
        self.dtmf_label.setVisible(bool(call.dtmf))
        # What the timer showed at the end: the talk time of an answered call, else the time it rang.
        before_talk = call.answered - call.started if call.answered is not None else 0.0
        seconds = max(0, int((ended.ended_at - ended.started_at).total_seconds() - before_talk))
        self.timer_label.setText(f"{seconds // 60:02d}:{seconds % 60:02d}")

    def ended_text(self) -> str:
        """What the card says about the call that ended last ("" while none or during a call)."""
        return self.call_state.text() if self._ended is not None and self.session.current is None else ""

    def _update_timer(self) -> None:
        seconds = int(self.session.elapsed())
        self.timer_label.setText(f"{seconds // 60:02d}:{seconds % 60:02d}")

    def _update_buttons(self) -> None:
        call = self.session.current
        registered = self._registration == Registration.REGISTERED.value
        free = not self.session.line_taken  # (taken from a dial's ask, before the call is on the line)
        can_dial = free and registered and bool(self.number.text().strip())
        self.call_button.setEnabled(can_dial)
        cancellable = self.session.can_cancel_dial  # 切断 before the line dialled: the dial is not made
        self.hangup_button.setEnabled(call is not None or cancellable)
        tip = self.tr("発信をやめる") if cancellable else self.tr("通話を終了")
        self.hangup_button.setToolTip(with_shortcut(tip, self.commands["hang_up"]))
        # (The commands, and the mute and hold buttons that show them, follow the window's
        # state: ui.actions.)
        if self.recent is not None:
            self.recent.redial_button.setEnabled(bool(self.recent.records) and free and registered)

    # --- input -----------------------------------------------------------------------------

    def _pad_pressed(self, key: str) -> None:
        call = self.session.current
        if call is not None and call.state == "talking":
            self.session.send_dtmf(key)  # during a call the pad sends tones
            return
        self.number.insert(key)
        self.number.setFocus()

    def dial_typed(self) -> None:
        """Dial the typed number if it is a real one; otherwise mark the entry and say why."""
        text = self.number.text().strip()
        if not text or self.session.line_taken:  # (a second press while the first dial is asked: nothing)
            return
        e164 = self._check_number()
        if e164 is not None:
            self.dial_requested.emit(e164)

    def _check_number(self) -> str | None:
        """The typed number's E.164 form; ``None``, with the reason under the field, when it is none."""
        text = self.number.text().strip()
        e164 = normalize_phone(text).e164
        if e164 is not None:
            self._show_number_error("")
            return e164
        folded = unicodedata.normalize("NFKC", text)
        digits = sum(ch.isdigit() for ch in folded)
        national = not folded.startswith("+")
        if digits == 0:
            reason = self.tr("番号に数字がありません。")
        elif national and digits < 10:
            reason = self.tr("番号の桁が足りません ({0} 桁)。市外局番から入力してください。").format(digits)
        elif national and digits > 11:
            reason = self.tr("番号の桁が多すぎます ({0} 桁)。").format(digits)
        else:
            reason = self.tr("この番号は日本の電話番号として使われていません。番号を確かめてください。")
        self._show_number_error(self.tr("発信できません: {0}").format(reason))
        return None

    def _show_number_error(self, message: str) -> None:
        self.number_error.setText(message)
        self.number_error.setVisible(bool(message))
        self.number.setToolTip(message)
        restyle(self.number, "invalid", bool(message))

    def focus_number(self) -> None:
        self.number.setFocus()
        self.number.selectAll()
