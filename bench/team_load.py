"""Team load: 20 auto-calling clients and a busy manager on one PostgreSQL database (SPEC §5, §7).

Not a timed test: run it by hand (``.venv/bin/python bench/team_load.py``; ``--seconds 20`` for
a quick look). It creates a database of its own on the server of ``CALLLIST_TEST_PG_URL``
(default: postgres@127.0.0.1), and drops it at the end.

- 10 operators share a 5,000-target list (500 each); **two client processes per operator** (20 in
  all) auto-call the same 500 targets at once with the real engine (``core.autocall``: claim →
  re-check → dial → record → release) on the demo line at 20× speed, so every target is contested.
- A manager process works in 5-second windows, busy and idle in turn: a busy window starts with
  a re-import of the whole list (overwriting all 5,000 contacts) and flips the excluded flag of
  random targets twice a second; an idle window does nothing.

Checked afterwards, from the database and the processes' logs:

- **double dials**: two call rows of one number whose [start, end] overlap — must be 0;
- **lost or unfinished call rows**: rows the clients started that are missing, or still without
  an outcome after every client stopped — must be 0;
- **excluded dialled**: a claim granted while the target was excluded, i.e. the claim began after
  the exclusion had committed and ended before it was lifted — must be 0.

It prints calls per second and the p50/p95 time of writing a call row (``start_call`` and
``finish_call``, one transaction each) under this load, and ends with the JSON line whose value
is the p95 of the writes made during the manager's busy windows and whose floor is the p95 of the
writes made during its idle windows: the same clients at the same moment of the same run, so
the ratio is what a manager's imports and edits cost the operators, and a machine shared with
other work (which swings both) cancels out. One client alone on an idle database is printed too,
for scale; against it the ratio would mostly measure 21 processes sharing the machine's cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from _support import make_targets_csv, report
from sqlalchemy import create_engine, text

from calllist_desktop.core.autocall import AutoCall, AutoCallOptions, RunEnded
from calllist_desktop.core.claims import ClaimResult
from calllist_desktop.core.line import Registration, SerialScheduler
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.core.phone import national_digits
from calllist_desktop.core.placer import LineCallPlacer
from calllist_desktop.store import access, database
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine, DemoTimings

ADMIN_URL = os.environ.get("CALLLIST_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
OPERATORS = 10
CLIENTS_PER_OPERATOR = 2
SPEED = 20.0
WINDOW = 5.0  # seconds of a manager's busy or idle window
MAX_RATIO = 2.0


class MeasuredStore(Store):
    """A client's store that times call-row writes and logs every claim (with its time span)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.write_seconds: list[float] = []
        self.write_times: list[float] = []  # when each write began (time.time(), as the manager's windows)
        self.claims: list[tuple[str, str, float, float]] = []
        self.call_ids: list[int] = []
        self.lock = threading.Lock()

    def claim_target(self, list_id: int, phone: str, *, user: str, holder: str, ttl: float, **kwargs: Any) -> ClaimResult:
        began = time.time()
        result = super().claim_target(list_id, phone, user=user, holder=holder, ttl=ttl, **kwargs)
        with self.lock:
            self.claims.append((phone, str(result), began, time.time()))
        return result

    def start_call(self, phone: str, direction: Direction, **kwargs: Any) -> int:  # type: ignore[override]
        at, began = time.time(), time.perf_counter()
        call_id = super().start_call(phone, direction, **kwargs)
        with self.lock:
            self.write_seconds.append(time.perf_counter() - began)
            self.write_times.append(at)
            self.call_ids.append(call_id)
        return call_id

    def finish_call(self, call_id: int, outcome: Outcome, **kwargs: Any) -> None:  # type: ignore[override]
        at, began = time.time(), time.perf_counter()
        super().finish_call(call_id, outcome, **kwargs)
        with self.lock:
            self.write_seconds.append(time.perf_counter() - began)
            self.write_times.append(at)


# ---- the processes -------------------------------------------------------------------------------


def run_client(url: str, list_id: int, login: str, seconds: float, out: Path, seed: int) -> None:
    """One desktop client's auto-call run, for ``seconds``; its log goes to ``out`` as JSON."""
    engine = database.make_engine(url)
    store = MeasuredStore(engine)
    phones = [t.phone for t in store.targets(list_id, assignee=login)]  # excluded ones too: the claim decides
    line = DemoLine(seed=seed, ring_timeout=30.0 / SPEED, timings=DemoTimings().scaled(1 / SPEED))
    scheduler = SerialScheduler(f"autocall-{login}")
    placer = LineCallPlacer(line, store, login, national_digits)
    ended = threading.Event()
    run = AutoCall(
        user=login,
        list_id=list_id,
        phones=phones,
        claims=store,
        placer=placer,
        scheduler=scheduler,
        listener=lambda event: ended.set() if isinstance(event, RunEnded) else None,
        options=AutoCallOptions(wrap_up=0.0, max_talk=2.0),
    )
    line.start()
    deadline = time.monotonic() + 5
    while line.registration is not Registration.REGISTERED and time.monotonic() < deadline:
        time.sleep(0.02)
    run.start()
    ended.wait(seconds)
    run.stop()
    ended.wait(15)
    placer.close()
    line.stop()
    scheduler.close()
    with store.lock:
        log = {
            "writes": store.write_seconds,
            "write_times": store.write_times,
            "claims": store.claims,
            "call_ids": store.call_ids,
        }
    out.write_text(json.dumps(log))
    store.close()


def run_manager(url: str, list_id: int, seconds: float, out: Path) -> None:
    """Busy and idle 5-second windows in turn: a re-import, then exclusion flips twice a second."""
    store = Store(database.make_engine(url))
    data, phones = make_targets_csv(5000, seed=7)
    rng = random.Random(3)
    flips: list[tuple[str, bool, float, float]] = []
    imports: list[float] = []
    windows: list[tuple[float, float, bool]] = []
    excluded: set[str] = set()
    time.sleep(2)  # let the clients get going
    stop_at = time.monotonic() + seconds - 2
    busy = True
    while time.monotonic() < stop_at:
        window_start, window_end = time.time(), time.monotonic() + WINDOW
        if busy:
            began = time.perf_counter()
            assert store.import_csv(list_id, data).ok
            imports.append(time.perf_counter() - began)
        while time.monotonic() < window_end:
            if busy:
                for phone in rng.sample(phones, 10):
                    flag = phone not in excluded
                    began_at = time.time()
                    store.set_excluded(list_id, [phone], flag)
                    flips.append((phone, flag, began_at, time.time()))
                    (excluded.add if flag else excluded.discard)(phone)
            time.sleep(0.5)
        windows.append((window_start, time.time(), busy))
        busy = not busy
    out.write_text(json.dumps({"flips": flips, "imports": imports, "windows": windows}))
    store.close()


# ---- the run --------------------------------------------------------------------------------------


def prepare(url: str) -> int:
    """The schema, 10 operators and a manager, and the 5,000-target list split between them."""
    engine = database.make_engine(url)
    database.upgrade(engine)
    store = Store(engine)
    store.add_user("kanri", role="admin")
    for number in range(OPERATORS):
        store.add_user(f"op{number:02d}", autocall=True)
    info = store.create_list("負荷試験")
    data, phones = make_targets_csv(5000, seed=7)
    assert store.import_csv(info.id, data).ok
    for number in range(OPERATORS):
        store.set_assignee(info.id, phones[number::OPERATORS], f"op{number:02d}")
    store.close()
    return info.id


def alone(url: str, list_id: int) -> list[float]:
    """Call-row write times of one client with the database to itself (the floor)."""
    store = MeasuredStore(database.make_engine(url))
    phones = [t.phone for t in store.targets(list_id, assignee="op00")][:150]
    for phone in phones:
        call = store.start_call(phone, Direction.OUTBOUND, user="op00", list_id=list_id)
        store.finish_call(call, Outcome.NO_ANSWER)
    samples = store.write_seconds
    store.close()
    clear_calls(url)
    return samples


def database_groups(url: str) -> tuple[str, ...]:
    """The group roles the schema made for the database (none if it never got that far)."""
    engine = database.make_engine(url)
    try:
        with engine.connect() as connection:
            return access.group_roles(connection)
    except Exception:  # noqa: BLE001 - no schema, no groups
        return ()
    finally:
        engine.dispose()


class ChildFailed(Exception):
    """A client or the manager process exited with an error."""


def run_clients(url: str, list_id: int, seconds: float, *, with_manager: bool) -> tuple[list[dict[str, Any]], dict[str, Any], float]:
    """Run the 20 client processes (and the manager); their logs and the wall time."""
    with tempfile.TemporaryDirectory() as folder:
        here = Path(__file__).resolve()
        children = []
        for index in range(OPERATORS * CLIENTS_PER_OPERATOR):
            login = f"op{index // CLIENTS_PER_OPERATOR:02d}"
            out = Path(folder) / f"client{index}.json"
            command = [sys.executable, str(here), "--client", url, str(list_id), login, str(seconds), str(out), str(index)]
            children.append((subprocess.Popen(command), out))
        manager_out = Path(folder) / "manager.json"
        manager = None
        if with_manager:
            manager = subprocess.Popen([sys.executable, str(here), "--manager", url, str(list_id), str(seconds), str(manager_out)])
        began = time.monotonic()
        failed: list[object] = [index for index, (child, _) in enumerate(children) if child.wait() != 0]
        if manager is not None and manager.wait() != 0:
            failed.append("manager")
        elapsed = time.monotonic() - began
        if failed:
            raise ChildFailed(str(failed))
        logs = [json.loads(out.read_text()) for _, out in children]
        manager_log = json.loads(manager_out.read_text()) if with_manager else {"flips": [], "imports": []}
    return logs, manager_log, elapsed


def clear_calls(url: str) -> None:
    """Forget the calls of an earlier phase (claims were released when its runs stopped)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("TRUNCATE calls, last_calls, target_claims"))
    engine.dispose()


def split_by_window(logs: list[dict[str, Any]], windows: list[list[Any]]) -> tuple[list[float], list[float]]:
    """The clients' write times made during the manager's busy windows, and during its idle ones."""
    busy: list[float] = []
    idle: list[float] = []
    for log in logs:
        for at, seconds in zip(log["write_times"], log["writes"], strict=True):
            for start, end, is_busy in windows:
                if start <= at < end:
                    (busy if is_busy else idle).append(seconds)
                    break
    return busy, idle


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def check(url: str, list_id: int, logs: list[dict[str, Any]], manager: dict[str, Any]) -> dict[str, int]:
    """Double dials, lost or unfinished call rows, and excluded targets dialled: all must be 0."""
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, phone, outcome, started_at, ended_at FROM calls WHERE list_id = :l ORDER BY phone, started_at"),
            {"l": list_id},
        ).all()
    engine.dispose()
    started = {call_id for log in logs for call_id in log["call_ids"]}
    stored = {row.id for row in rows}
    by_phone: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        by_phone[row.phone].append(row)
    double = 0
    repeats = 0
    for calls in by_phone.values():
        repeats += len(calls) - 1
        busy_until = None  # the latest end among the calls started so far
        for call in calls:
            if busy_until is not None and call.started_at < busy_until:
                double += 1
            end = call.ended_at or call.started_at.replace(year=9999)  # unfinished: busy for ever
            busy_until = end if busy_until is None else max(busy_until, end)
    # Excluded from the end of the exclusion's commit until the start of the flip back.
    windows: dict[str, list[tuple[float, float]]] = defaultdict(list)
    opened: dict[str, float] = {}
    for phone, flag, began, ended in manager["flips"]:
        if flag:
            opened[phone] = ended
        elif phone in opened:
            windows[phone].append((opened.pop(phone), began))
    for phone, since in opened.items():
        windows[phone].append((since, float("inf")))
    excluded_dialled = sum(
        1
        for log in logs
        for phone, result, began, ended in log["claims"]
        if result == ClaimResult.CLAIMED and any(start < began and ended < end for start, end in windows[phone])
    )
    refused_excluded = sum(1 for log in logs for _, result, _, _ in log["claims"] if result == ClaimResult.EXCLUDED)
    return {
        "double_dials": double,
        "lost_rows": len(started - stored),
        "unfinished_rows": sum(1 for row in rows if row.outcome is None),
        "excluded_dialled": excluded_dialled,
        "claims_refused_as_excluded": refused_excluded,
        "claims_held_elsewhere": sum(
            1 for log in logs for _, result, _, _ in log["claims"] if result == ClaimResult.HELD_ELSEWHERE
        ),
        "repeat_calls_after_release": repeats,
        "calls": len(rows),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--client", nargs=6, metavar=("URL", "LIST", "LOGIN", "SECONDS", "OUT", "SEED"))
    parser.add_argument("--manager", nargs=4, metavar=("URL", "LIST", "SECONDS", "OUT"))
    args = parser.parse_args()
    if args.client:
        url, list_id, login, seconds, out, seed = args.client
        run_client(url, int(list_id), login, float(seconds), Path(out), int(seed))
        return 0
    if args.manager:
        url, list_id, seconds, out = args.manager
        run_manager(url, int(list_id), float(seconds), Path(out))
        return 0

    name = f"calllist_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        list_id = prepare(url)
        alone_samples = alone(url, list_id)
        print(f"one client alone: p95 {percentile(alone_samples, 0.95) * 1000:.1f} ms per call-row write")
        logs, manager_log, elapsed = run_clients(url, list_id, args.seconds, with_manager=True)
        findings = check(url, list_id, logs, manager_log)
    except ChildFailed as exc:
        print(f"processes failed: {exc}", file=sys.stderr)
        return 1
    finally:
        groups = database_groups(url)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            for role in groups:  # the database's own group roles are the server's: they would stay
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()

    writes = [sample for log in logs for sample in log["writes"]]
    busy_writes, idle_writes = split_by_window(logs, manager_log["windows"])
    print(f"{OPERATORS * CLIENTS_PER_OPERATOR} clients × {args.seconds:g} s (wall {elapsed:.0f} s), "
          f"{len(manager_log['imports'])} re-imports (median {statistics.median(manager_log['imports']) * 1000:.0f} ms), "
          f"{len(manager_log['flips'])} exclusion flips")
    for key, value in findings.items():
        print(f"  {key}: {value}")
    print(f"calls per second: {findings['calls'] / args.seconds:.1f}")
    p50 = percentile(writes, 0.5) * 1000
    p95 = percentile(busy_writes, 0.95) * 1000
    print(f"writing a call row: p50 {p50:.1f} ms, p95 {percentile(writes, 0.95) * 1000:.1f} ms, max {max(writes) * 1000:.1f} ms ({len(writes)} writes)")
    for label, samples in (("manager busy", busy_writes), ("manager idle", idle_writes)):
        print(f"  while the {label}: p50 {percentile(samples, 0.5) * 1000:.1f} ms, p95 {percentile(samples, 0.95) * 1000:.1f} ms ({len(samples)} writes)")
    correct = not (findings["double_dials"] or findings["lost_rows"] or findings["unfinished_rows"] or findings["excluded_dialled"])
    print("correctness: " + ("0 double dials, 0 lost or unfinished rows, 0 excluded dialled" if correct else "FAILED"))
    report(
        "team_load_call_row_write_p95",
        p95,
        percentile(idle_writes, 0.95) * 1000,
        "ms",
        MAX_RATIO,
        goal=f"ratio <= {MAX_RATIO:g} with 0 double dials, 0 lost/unfinished rows, 0 excluded dialled",
    )
    return 0 if correct else 1


if __name__ == "__main__":
    sys.exit(main())
