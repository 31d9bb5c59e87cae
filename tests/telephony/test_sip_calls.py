"""The SIP line's call table: ids, the calls in progress, and ending a call only once."""

from __future__ import annotations

import pytest

from calllist_desktop.core.line import LineError
from calllist_desktop.core.outcomes import Direction
from calllist_desktop.telephony.sip_calls import CallTable, DialPacer


def test_a_call_is_retired_once() -> None:
    table = CallTable()
    call = table.new(Direction.INBOUND, "0312345678")
    assert call.info.call_id == "sip-1" and table.live("sip-1") is call
    assert table.in_progress() == [call]
    assert table.retire(call) is True
    assert table.retire(call) is False
    assert table.in_progress() == []
    with pytest.raises(LineError, match="no call 'sip-1'"):
        table.live("sip-1")
    assert table.new(Direction.OUTBOUND, "y").info.call_id == "sip-2"


def test_retiring_cancels_the_calls_timers() -> None:
    class Timer:
        cancelled = False

        def cancel(self) -> None:
            self.cancelled = True

    table = CallTable()
    call = table.new(Direction.OUTBOUND, "0312340487")
    timer = Timer()
    call.timers.append(timer)
    table.retire(call)
    assert timer.cancelled and call.timers == []


def test_the_pacer_lets_a_burst_through_then_spaces_call_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr("calllist_desktop.telephony.sip_calls.time.monotonic", lambda: now[0])
    pacer = DialPacer(per_window=3, window=0.5)
    assert [pacer.delay() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert pacer.delay() == pytest.approx(0.5)  # the fourth waits for the first to leave the window
    now[0] += 0.25
    assert pacer.delay() == pytest.approx(0.25)
    now[0] += 0.25
    assert [pacer.delay() for _ in range(3)] == [0.0, 0.0, 0.0]  # the burst has left the window
    assert pacer.delay() == pytest.approx(0.5)
