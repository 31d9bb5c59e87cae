"""A run after ``kill -9`` of another continues where that one stopped (issue 16 item 10).

The first run is a real ``calllist autocall`` process, killed with SIGKILL while its fifth call
rings: its row is open and its claim on the target lives on in the store. The next run (same
person, same list) must say that it continues, call that fifth target again at once (the dead
claim does not hold it up), go on with the rest and never dial the four called before. Skips
are reported in ``--json`` too. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.store import claims
from calllist_desktop.store.models import Call
from calllist_desktop.store.store import Store
from tests.telephony.test_autocall_cli import e164, json_lines
from tests.test_cli import Cli, cli, team, write_csv  # noqa: F401 - cli and team are fixtures

# Busy numbers end within a second at --demo-speed 4; the no-answer one rings until --ring-timeout.
NUMBERS = [
    "03-5551-0486", "03-5552-0486", "03-5553-0486", "03-5554-0486",
    "03-5555-0487",  # the call the first run is killed in
    "03-5556-0486", "03-5557-0486", "03-5558-0486",
]  # fmt: skip
PHONES = [e164(number) for number in NUMBERS]


@pytest.fixture
def resumable(team: Cli, tmp_path: Path) -> Cli:  # noqa: F811 - the imported fixture
    rows = [f"会社{index},担当{index},{number}," for index, number in enumerate(NUMBERS)]
    team.ok("import", write_csv(tmp_path, "list.csv", *rows), "--list", "続き", "--create", "--assignee", "sato")
    return team


def rows(url: str) -> list[tuple[str, str | None]]:
    store = Store.open(url)
    try:
        with store.engine.connect() as connection:
            return [(row.phone, row.outcome) for row in connection.execute(select(Call.phone, Call.outcome).order_by(Call.id))]
    finally:
        store.close()


def kill_mid_call(url: str, tmp_path: Path) -> None:
    """Run ``calllist autocall`` in a process of its own and SIGKILL it while the fifth call rings."""
    command = [sys.executable, "-m", "calllist_desktop.cli", "--db", url, "--user", "sato", "autocall",
               "--list", "続き", "--demo-speed", "4", "--ring-timeout", "60", "--json"]  # fmt: skip
    with (tmp_path / "first.out").open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=os.environ.copy())
        try:
            deadline = time.monotonic() + 60
            while [phone for phone, _ in rows(url)] != PHONES[:5] or rows(url)[-1][1] is not None:
                assert process.poll() is None, (tmp_path / "first.out").read_text()
                assert time.monotonic() < deadline, rows(url)
                time.sleep(0.1)
            time.sleep(0.5)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(10)
    assert process.returncode == -signal.SIGKILL


def test_a_run_after_kill_9_continues_at_the_cut_off_call_and_never_dials_the_earlier_ones(
    resumable: Cli, tmp_path: Path
) -> None:
    url = resumable.url
    kill_mid_call(url, tmp_path)
    before = rows(url)
    assert before[:4] == [(phone, "busy") for phone in PHONES[:4]] and before[4] == (PHONES[4], None)
    store = Store.open(url)
    try:
        list_id = store.list_by_name("続き").id
        with store.engine.connect() as connection:
            assert claims.live_holder(connection, list_id, PHONES[4]) is not None  # the dead run's claim lives on
        # Another client of sato's (a window) is dialling the seventh target right now.
        assert store.claim_target(list_id, PHONES[6], user="sato", holder="sato:window", ttl=120) == "claimed"
    finally:
        store.close()

    result = resumable("--user", "sato", "autocall", "--list", "続き", "--demo-speed", "4", "--ring-timeout", "1", "--json")
    assert result.code == 0, result.err
    assert "continuing where the last run stopped, at 03-5555-0487" in result.err and "4 of 8 targets left" in result.err
    first, *events, summary = json_lines(result.out)
    assert first["resumed"] == {**first["resumed"], "phone": PHONES[4], "again": True, "from": 5, "total": 8}
    assert [(e["phone"], e.get("outcome"), e.get("skipped")) for e in events] == [
        (PHONES[4], "no_answer", None),  # the cut-off call, at once: its dead claim holds nothing up
        (PHONES[5], "busy", None),
        (PHONES[6], None, "held_elsewhere"),  # reported in --json too
        (PHONES[7], "busy", None),
    ]
    assert summary == {"summary": {"no_answer": 1, "busy": 2}}
    after = rows(url)
    assert after[:5] == [*before[:4], (PHONES[4], Outcome.INTERRUPTED.value)]
    assert [phone for phone, _ in after[5:]] == [PHONES[4], PHONES[5], PHONES[7]]  # none of the first four again


def test_from_top_starts_again_and_a_finished_list_says_nothing_is_left(resumable: Cli) -> None:
    args = ("--user", "sato", "autocall", "--list", "続き", "--demo-speed", "4", "--ring-timeout", "1", "--json")
    first = resumable(*args)
    assert first.code == 0 and "continuing" not in first.err  # nothing to continue: from the top
    assert len(json_lines(first.out)) == 9
    again = resumable(*args)
    assert again.code == 0 and "0 of 8 targets left" in again.err
    assert json_lines(again.out) == [json_lines(again.out)[0], {"summary": {}}]
    top = resumable(*args, "--from-top")
    assert top.code == 0 and "continuing" not in top.err
    assert [line["phone"] for line in json_lines(top.out)[:-1]] == PHONES


def test_resume_is_per_person_and_list(resumable: Cli, tmp_path: Path) -> None:
    """kanri's run over the same list is not sato's: it starts at the top of kanri's own targets."""
    resumable.ok("assign", "--list", "続き", "--assignee", "kanri", *NUMBERS[:2])
    args = ("autocall", "--list", "続き", "--demo-speed", "4", "--ring-timeout", "1", "--json")
    resumable.ok("--user", "kanri", *args)
    sato = resumable("--user", "sato", *args)
    assert sato.code == 0 and "continuing" not in sato.err
    assert [line["phone"] for line in json_lines(sato.out)[:-1]] == PHONES[2:]


def test_the_store_reads_the_resume_point_from_the_last_calls(resumable: Cli) -> None:
    store = Store.open(resumable.url)
    try:
        list_id = store.list_by_name("続き").id
        assert store.resume_point(list_id, "sato") is None
        resumable.ok("--user", "sato", "autocall", "--list", "続き", "--demo-speed", "4", "--ring-timeout", "1")
        point = store.resume_point(list_id, "sato")
        assert point is not None and point.phone == PHONES[-1] and not point.again
        assert point.index_in(list(range(8))) == 8
        from datetime import timedelta

        assert store.resume_point(list_id, "sato", within=timedelta(0)) is None  # too long ago
        with store.engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(Call)) == 8
    finally:
        store.close()
