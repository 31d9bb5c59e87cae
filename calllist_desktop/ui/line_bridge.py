"""The bridge from a line's events (any thread) to Qt signals (the GUI thread)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from calllist_desktop.core.line import (
    CallAnswered,
    CallEnded,
    CallRinging,
    IncomingCall,
    Line,
    LineEvent,
    RegistrationChanged,
)


class LineBridge(QObject):
    """Re-emits a :class:`Line`'s events as signals; Qt queues them to this object's thread.

    Signals:
        registration_changed(str, str): registration state value and detail.
        ringing(str): call id.
        answered(str): call id.
        ended(str, str, object): call id, outcome code, SIP status (int or None).
        incoming(str, str): call id, remote number.
    """

    registration_changed = Signal(str, str)
    ringing = Signal(str)
    answered = Signal(str)
    ended = Signal(str, str, object)
    incoming = Signal(str, str)

    def __init__(self, line: Line, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.line = line
        line.add_listener(self._on_event)

    def detach(self) -> None:
        self.line.remove_listener(self._on_event)

    def _on_event(self, event: LineEvent) -> None:
        match event:
            case RegistrationChanged(state, detail):
                self.registration_changed.emit(state.value, detail)
            case CallRinging(call_id):
                self.ringing.emit(call_id)
            case CallAnswered(call_id):
                self.answered.emit(call_id)
            case CallEnded(call_id, outcome, sip_status, _reason):
                self.ended.emit(call_id, outcome.value, sip_status)
            case IncomingCall(call_id, remote):
                self.incoming.emit(call_id, remote)
