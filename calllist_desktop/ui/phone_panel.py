"""The small phone (コンパクトモード's whole window, and the left side of ワイドモード).

Line state, number entry with a dial pad, call / hang-up, and the current call (who, company,
timer, mute, hold, DTMF). It shows a :class:`CallSession` and sends it commands; it owns no state.
"""

from __future__ import annotations

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
from calllist_desktop.core.phone import format_national, normalize_phone
from calllist_desktop.ui.call_session import CallSession
from calllist_desktop.ui.widgets import restyle

DIAL_PAD = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")


def with_shortcut(text: str, action: QAction) -> str:
    """A tooltip that names the action's shortcut, so the keyboard way is always discoverable."""
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{text} ({shortcut})" if shortcut else text


DIAL_WIDTH = 420
"""The widest the number entry, the dial keys and the call buttons grow (logical pixels)."""

MINIMUM_WIDTH = 280
"""The phone's narrowest: with the lists beside it the wide window must fit 960 logical pixels
(a 1920×1080 screen at 200 %, a 1280×800 laptop at 125 %)."""


class PhonePanel(QWidget):
    """The phone: line state, number entry, dial pad, call controls and the current call.

    Signals:
        dial_requested(str): the E.164 number typed and confirmed.
    """

    dial_requested = Signal(str)

    def __init__(self, session: CallSession, commands: dict[str, QAction], parent: QWidget | None = None) -> None:
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
        for button in (self.mute_button, self.hold_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        card = QVBoxLayout(self.call_card)
        top = QHBoxLayout()
        top.addWidget(self.call_state)
        top.addStretch()
        top.addWidget(self.timer_label)
        card.addLayout(top)
        card.addWidget(self.who)
        card.addWidget(self.company)
        card.addWidget(self.remote)
        controls = QHBoxLayout()
        controls.addWidget(self.mute_button)
        controls.addWidget(self.hold_button)
        controls.addWidget(self.answer_button)
        controls.addWidget(self.decline_button)
        card.addLayout(controls)

        header = QHBoxLayout()
        header.addWidget(self.line_state, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addLayout(header)
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
        block.addLayout(pad)
        block.addLayout(call_row)
        centred = QHBoxLayout()
        centred.addStretch(0)
        centred.addWidget(self.dial_block, 1)
        centred.addStretch(0)
        layout.addLayout(centred)
        layout.addStretch(1)
        self._layout = layout

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

    def add_section(self, widget: QWidget) -> None:
        """Show ``widget`` under the current call (the auto-call bar), in both layouts."""
        self._layout.insertWidget(self._layout.indexOf(self.call_card) + 1, widget)

    # --- texts ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.number.setPlaceholderText(self.tr("電話番号を入力"))
        self.call_button.setText(self.tr("発信"))
        self.call_button.setToolTip(with_shortcut(self.tr("入力した番号に発信"), self.commands["dial"]))
        self.hangup_button.setText(self.tr("切断"))
        self.hangup_button.setToolTip(with_shortcut(self.tr("通話を終了"), self.commands["hang_up"]))
        self.answer_button.setText(self.tr("応答"))
        self.decline_button.setText(self.tr("拒否"))
        self.line_badge.setText(self.tr("デモ回線: 実際には発信しません"))
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
        if state == Registration.FAILED.value and detail:
            text += f"\n{detail}"  # why registering failed must be visible, not only in a tooltip
        self.line_state.setText(text)
        self.line_state.setToolTip(detail)
        restyle(self.line_state, "state", state)
        self._update_buttons()

    # --- state -----------------------------------------------------------------------------

    def refresh(self) -> None:
        call = self.session.current
        self.call_card.setVisible(call is not None)
        if call is None:
            self._tick.stop()
        else:
            states = {
                "dialing": self.tr("発信中…"),
                "ringing": self.tr("呼び出し中…"),
                "talking": self.tr("通話中"),
                "incoming": self.tr("着信中"),
            }
            self.call_state.setText(states.get(call.state, call.state))
            restyle(self.call_card, "state", call.state)
            self.who.setText(call.person or call.company or self.tr("(連絡先にない番号)"))
            self.company.setText(call.company if call.person else "")
            self.company.setVisible(bool(call.person and call.company))
            self.remote.setText(format_national(call.phone) if call.phone.startswith("+") else call.phone)
            self.answer_button.setVisible(call.state == "incoming")
            self.decline_button.setVisible(call.state == "incoming")
            self.mute_button.setVisible(call.state != "incoming")
            self.hold_button.setVisible(call.state != "incoming")
            self._tick.start()
            self._update_timer()
        self._update_buttons()

    def _update_timer(self) -> None:
        seconds = int(self.session.elapsed())
        self.timer_label.setText(f"{seconds // 60:02d}:{seconds % 60:02d}")

    def _update_buttons(self) -> None:
        call = self.session.current
        registered = self._registration == Registration.REGISTERED.value
        can_dial = call is None and registered and bool(self.number.text().strip())
        self.call_button.setEnabled(can_dial)
        self.commands["dial"].setEnabled(call is None and registered)
        self.hangup_button.setEnabled(call is not None)
        self.commands["hang_up"].setEnabled(call is not None)
        talking = call is not None and call.state == "talking"
        self.commands["mute"].setEnabled(talking and self.session.line.can_mute)
        self.commands["hold"].setEnabled(talking)
        self.commands["mute"].setChecked(bool(call and call.muted))
        self.commands["hold"].setChecked(bool(call and call.held))

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
        if not text or self.session.busy:
            return
        result = normalize_phone(text)
        if result.e164 is None:
            self.number.setToolTip(self.tr("電話番号として正しくありません"))
            restyle(self.number, "invalid", True)
            return
        self.number.setToolTip("")
        restyle(self.number, "invalid", False)
        self.dial_requested.emit(result.e164)

    def focus_number(self) -> None:
        self.number.setFocus()
        self.number.selectAll()
