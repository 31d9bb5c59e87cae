"""Auto-call in the real window, on real timers, on the line the program really holds: the SIP
line in its phone process, calling SIPp over the wire.

tests/ui/test_autocall_real_timers.py runs the engine on the window's scheduler with the demo line;
here every dial and every call's end crosses the phone process's pipe, and each call (answered,
the far end hanging up a second later) outlives several claim renewals.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from calllist_desktop.store.store import Store
from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.phone_process import ProcessLine
from calllist_desktop.ui.settings import Settings
from tests.telephony.conftest import Sipp, sipp
from tests.ui.conftest import settle
from tests.ui.test_autocall_real_timers import (
    RUN,
    claims_left,
    message_boxes,
    real_window,
    renewals,
    store,
)
from tests.ui.test_autocall_ui import calls, start_run

__all__ = ["renewals", "sipp", "store"]  # fixtures, used by name

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIPp")


@pytest.fixture
def phone(sipp: Callable[[str], Sipp]) -> Iterator[ProcessLine]:
    """The phone process, no audio path, dialling SIPp: every number answered, hung up by the far end after 1 s."""
    far_end = sipp("outcomes_by_number.xml")
    account = SipAccount(registrar=far_end.address, user="sato", register=False,
                         dial_template=f"sip:{{national}}@{far_end.address}", ring_timeout=10.0)  # fmt: skip
    line = ProcessLine(account)
    line.start()
    yield line
    line.stop()


def test_a_run_on_the_phone_process_renews_each_claim_and_leaves_none(
    qtbot: QtBot, store: Store, phone: ProcessLine, settings: Settings, renewals: list[str]
) -> None:
    window = real_window(qtbot, store, phone, settings)  # claims live 1 s, renewed every 0.2 s
    shown = [row.phone for row in window.lists.targets_in_view_order()]
    start_run(qtbot, window)
    qtbot.waitUntil(lambda: not window.autocall.running, timeout=RUN)
    settle(qtbot, window)

    rows = calls(store)
    assert [row.phone for row in rows] == shown
    assert all(row.outcome == "answered" and row.ended_at is not None for row in rows), rows
    assert set(renewals) == set(shown)  # every call outlived at least one renewal
    assert claims_left(store) == 0
    assert window.autocall_side.bar.state.text() == "終了"
    assert message_boxes() == []
