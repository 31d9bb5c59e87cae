"""Line events are values: equal only to an event of the same kind with the same fields."""

from __future__ import annotations

from calllist_desktop.core.line import (
    CallAnswered,
    CallEnded,
    CallRinging,
    IncomingCall,
    Registration,
    RegistrationChanged,
)
from calllist_desktop.core.outcomes import Outcome


def test_events_of_different_kinds_with_the_same_fields_differ() -> None:
    assert CallRinging("7") == CallRinging("7")
    assert (CallRinging("7") != CallRinging("7")) is False
    assert CallRinging("7") != CallAnswered("7")
    assert (CallRinging("7") == CallAnswered("7")) is False
    assert CallRinging("7") != ("7",)  # nor is an event a plain tuple
    assert IncomingCall("7", "0312345678") != ("7", "0312345678")
    assert len({CallRinging("7"), CallAnswered("7"), CallRinging("7")}) == 2


def test_events_take_their_fields_by_name_and_match_by_position() -> None:
    ended = CallEnded(call_id="7", outcome=Outcome.BUSY, sip_status=486)
    assert ended.reason == ""
    match ended:
        case CallEnded(call_id, outcome, status, reason):
            assert (call_id, outcome, status, reason) == ("7", Outcome.BUSY, 486, "")
        case _:
            raise AssertionError("no match")
    assert RegistrationChanged(Registration.REGISTERED) == RegistrationChanged(Registration.REGISTERED, "")
    assert repr(CallAnswered("7")) == "CallAnswered(call_id='7')"
