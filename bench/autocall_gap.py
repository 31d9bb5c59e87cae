"""Auto-call: time from one call's end to the next INVITE on the wire, against SIPp.

A SIPp far end on 127.0.0.1 answers every INVITE with 486 Busy Here, so each call ends at once
and only our side's time between calls is left. SIPp's message trace gives when it sent each
486 (the call's end on the wire) and when the next INVITE arrived; the gap between them is what
an operator waits between two targets with wrap-up 0.

- value: the auto-call engine over a stored list (claim with the excluded re-check in the store,
  the call row written at start and finished at the end, SerialScheduler) on the line the program
  holds: the SIP line in its phone process (``ProcessLine``: every command and event crosses the pipe).
- floor: the SIP line itself, in this process, dialling the same numbers in a bare loop (the next
  dial straight from the previous call's end event: no store, no claims, no engine, no pipe),
  measured in the same run.

Goal (the issue's): a median gap under 100 ms. Needs ``sipp`` (Debian ``sip-tester``).
"""

from __future__ import annotations

import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._support import report  # noqa: E402
from calllist_desktop.core.autocall import AutoCall, AutoCallEvent, AutoCallOptions, RunEnded  # noqa: E402
from calllist_desktop.core.line import CallEnded, Line, LineEvent, Registration, SerialScheduler  # noqa: E402
from calllist_desktop.core.phone import national_digits  # noqa: E402
from calllist_desktop.core.placer import LineCallPlacer  # noqa: E402
from calllist_desktop.store.store import Store  # noqa: E402
from calllist_desktop.telephony.account import SipAccount  # noqa: E402
from calllist_desktop.telephony.phone_process import ProcessLine  # noqa: E402
from calllist_desktop.telephony.sip import SipLine  # noqa: E402

CALLS = 60
SCENARIO = Path(__file__).resolve().parent / "sipp" / "busy.xml"
GOAL_MS = 100.0
_STAMP = re.compile(r"^-{10,} (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+)$")


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wire_gaps(message_log: Path) -> list[float]:
    """Milliseconds from each 486 SIPp sent to the next INVITE it received."""
    events: list[tuple[datetime, str]] = []
    lines = message_log.read_text(errors="replace").splitlines()
    for index, line in enumerate(lines):
        stamp = _STAMP.match(line)
        if stamp is None or index + 3 >= len(lines):
            continue
        first = lines[index + 3]
        moment = datetime.strptime(stamp.group(1), "%Y-%m-%d %H:%M:%S.%f")
        if first.startswith("INVITE "):
            events.append((moment, "invite"))
        elif first.startswith("SIP/2.0 486"):
            events.append((moment, "end"))
    gaps = []
    for (when, kind), (next_when, next_kind) in zip(events, events[1:], strict=False):
        if kind == "end" and next_kind == "invite":
            gaps.append((next_when - when).total_seconds() * 1000)
    return gaps


class FarEnd:
    """SIPp as an always-busy UAS, tracing every message with its time."""

    def __init__(self, workdir: Path, name: str) -> None:
        self.port = free_udp_port()
        self.log = workdir / f"{name}_messages.log"
        self.process = subprocess.Popen(
            [
                "sipp", "-sf", str(SCENARIO), "-i", "127.0.0.1", "-p", str(self.port),
                "-trace_msg", "-message_file", str(self.log), "-nostdin",
            ],
            cwd=workdir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(0.3)
        if self.process.poll() is not None:
            raise SystemExit(f"sipp did not start (exit {self.process.returncode})")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()


def sip_line(port: int, *, in_process: bool) -> Line:
    account = SipAccount(
        registrar=f"127.0.0.1:{port}",
        user="bench",
        dial_template=f"sip:{{national}}@127.0.0.1:{port}",
        ring_timeout=10.0,
        register=False,
        bind_address="127.0.0.1",
    )
    line: Line = SipLine(account) if in_process else ProcessLine(account)
    ready = threading.Event()
    line.add_listener(lambda event: ready.set() if getattr(event, "state", None) is Registration.REGISTERED else None)
    line.start()
    if line.registration is not Registration.REGISTERED and not ready.wait(10):
        raise SystemExit("the SIP line did not come up")
    return line


def numbers() -> list[str]:
    return [f"+81355550{index:03d}" for index in range(CALLS)]


def bare_loop(port: int) -> None:
    """The floor: dial the next number straight from the previous call's end."""
    line = sip_line(port, in_process=True)
    pending = [national_digits(phone) for phone in numbers()]
    done = threading.Event()

    def on_event(event: LineEvent) -> None:
        if isinstance(event, CallEnded):
            if pending:
                line.dial(pending.pop(0))
            else:
                done.set()

    line.add_listener(on_event)
    line.dial(pending.pop(0))
    if not done.wait(120):
        raise SystemExit("the bare loop did not finish")
    line.stop()


def engine_run(port: int, workdir: Path) -> None:
    """The value: the auto-call engine over a stored list, recording every call."""
    store = Store.open(f"sqlite:///{workdir / 'bench.sqlite3'}")
    store.add_user("bench", autocall=True)
    call_list = store.create_list("bench")
    rows = "\r\n".join(f"会社{i},担当{i},{national_digits(phone)}," for i, phone in enumerate(numbers()))
    report_ = store.import_csv(
        call_list.id, f"取引先会社名,取引先担当者名,電話番号,カテゴリー\r\n{rows}\r\n".encode(), assignee="bench"
    )
    assert report_.ok, report_
    phones = [target.phone for target in store.targets(call_list.id, assignee="bench")]
    line = sip_line(port, in_process=False)
    scheduler = SerialScheduler("bench-autocall")
    done = threading.Event()

    def listen(event: AutoCallEvent) -> None:
        if isinstance(event, RunEnded):
            done.set()

    placer = LineCallPlacer(line, store, "bench", national_digits)
    engine = AutoCall(
        user="bench",
        list_id=call_list.id,
        phones=phones,
        claims=store,
        placer=placer,
        scheduler=scheduler,
        listener=listen,
        options=AutoCallOptions(wrap_up=0),
    )
    engine.start()
    if not done.wait(120):
        raise SystemExit(f"the auto-call run did not finish: {engine.progress()}")
    placer.close()
    line.stop()
    scheduler.close()
    counts = store.counts()
    store.close()
    if counts["calls"] != CALLS:
        raise SystemExit(f"expected {CALLS} call rows, found {counts['calls']}")


def measure(workdir: Path, name: str, run: Callable[[int], None]) -> list[float]:
    far_end = FarEnd(workdir, name)
    try:
        run(far_end.port)
        time.sleep(0.3)  # the last ACK into the trace
    finally:
        far_end.stop()
    gaps = wire_gaps(far_end.log)
    if len(gaps) < CALLS - 1:
        raise SystemExit(f"{name}: only {len(gaps)} gaps in SIPp's trace (expected {CALLS - 1})")
    return gaps


def main() -> None:
    if shutil.which("sipp") is None:
        raise SystemExit("sipp is not installed (Debian package sip-tester)")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        floor_gaps = measure(workdir, "floor", bare_loop)
        value_gaps = measure(workdir, "engine", lambda port: engine_run(port, workdir))
    floor = statistics.median(floor_gaps)
    value = statistics.median(value_gaps)
    print(f"{CALLS} calls each, gap from 486 sent to the next INVITE received (SIPp's trace):")
    for name, gaps in (("bare SIP loop", floor_gaps), ("auto-call engine", value_gaps)):
        cuts = statistics.quantiles(gaps, n=20)
        print(f"  {name:17s} median {statistics.median(gaps):6.2f} ms  p95 {cuts[18]:6.2f} ms  max {max(gaps):6.2f} ms")
    report(
        "autocall_gap",
        value,
        floor,
        "ms",
        max_ratio=float("inf"),
        goal=f"median < {GOAL_MS:g} ms",
        met=value < GOAL_MS,
    )


if __name__ == "__main__":
    main()
