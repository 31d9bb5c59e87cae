"""The SIP line's call table: early events of a call are kept until its dial() returns its handle."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from calllist_desktop.core.line import LineError
from calllist_desktop.core.outcomes import Direction
from calllist_desktop.telephony.sip_calls import CallTable


@dataclass(frozen=True)
class Event:
    call: int
    name: str


@dataclass(frozen=True)
class StackCall:
    handle: int


def test_events_before_the_handle_is_known_are_handed_over_in_order() -> None:
    table = CallTable()
    call = table.new(Direction.OUTBOUND, "0312340200")
    table.dials_in_flight += 1
    assert table.route(Event(7, "ringing")) is None
    assert table.route(Event(7, "closed")) is None
    assert table.route(Event(8, "someone else's")) is None
    table.dials_in_flight -= 1
    assert table.bind(call, StackCall(7)) == [Event(7, "ringing"), Event(7, "closed")]
    assert table.route(Event(7, "later")) is call
    assert table.bind(table.new(Direction.OUTBOUND, "x"), StackCall(8)) == []  # dropped: no dial was waiting


def test_events_of_unknown_calls_are_dropped_when_no_dial_waits() -> None:
    table = CallTable()
    assert table.route(Event(5, "stray")) is None
    call = table.new(Direction.OUTBOUND, "0312340200")
    assert table.bind(call, StackCall(5)) == []


def test_a_call_is_retired_once() -> None:
    table = CallTable()
    call = table.new(Direction.INBOUND, "0312345678", StackCall(3))
    assert call.info.call_id == "sip-1" and table.live("sip-1") is call
    assert table.route(Event(3, "x")) is call
    assert table.retire(call) is True
    assert table.retire(call) is False
    assert table.in_progress() == [] and table.route(Event(3, "late")) is None
    with pytest.raises(LineError, match="no call 'sip-1'"):
        table.live("sip-1")
    assert table.new(Direction.OUTBOUND, "y").info.call_id == "sip-2"
