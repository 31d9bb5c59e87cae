"""``calllist autocall`` through a store outage mid-call (issue 16 item 9).

On PostgreSQL the client talks to the server through a loopback proxy (tests/tcp_proxy.py) that
refuses and cuts every connection for 6 s while the second call rings: from the client's side
exactly a server outage, without stopping the server other test runs share. On SQLite another
writer holds the file's write lock for longer than the store's busy time-out. Either way the run
must say on stderr that it waits for the store, write the call's end when the store is back, go
on by itself, finish with exit code 0 and leave every call row closed and no claim behind.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from calllist_desktop.store.models import Call, TargetClaim
from calllist_desktop.store.store import Store
from tests.conftest import _empty_postgres
from tests.tcp_proxy import TcpProxy
from tests.telephony.test_autocall_cli import e164, json_lines
from tests.test_cli import Cli, write_csv

NUMBERS = ["03-5555-0487", "03-5556-0487", "03-5557-0487", "03-5558-0487"]  # no answer: ring 3 s each
OUTAGE = 6.0


def prepare(cli: Cli, tmp_path: Path) -> None:
    cli.ok("users", "add", "sato", "--name", "佐藤 美咲", "--autocall")
    rows = [f"会社{index},担当{index},{number}," for index, number in enumerate(NUMBERS)]
    cli.ok("import", write_csv(tmp_path, "list.csv", *rows), "--list", "架電", "--create", "--assignee", "sato")


def when_the_second_call_rings(url: str, outage: Callable[[], None]) -> threading.Thread:
    """Run ``outage`` in a thread once the second call's row is written and still open."""

    def watch() -> None:
        store = Store.open(url)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                with store.engine.connect() as connection:
                    open_rows = connection.scalar(select(func.count()).where(Call.outcome.is_(None)))
                    rows = connection.scalar(select(func.count()).select_from(Call))
                if rows == 2 and open_rows == 1:
                    break
                time.sleep(0.05)
        finally:
            store.close()
        time.sleep(0.5)
        outage()

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def run_and_check(cli: Cli, direct_url: str, outage: Callable[[], None]) -> str:
    watcher = when_the_second_call_rings(direct_url, outage)
    result = cli("--user", "sato", "autocall", "--list", "架電", "--ring-timeout", "3", "--json")
    watcher.join(30)
    assert result.code == 0, result.err
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert "the store cannot be reached" in result.err and "the store is back" in result.err
    *calls, summary = json_lines(result.out)
    assert [call["phone"] for call in calls] == [e164(number) for number in NUMBERS]
    assert summary == {"summary": {"no_answer": 4}}
    store = Store.open(direct_url)
    try:
        with store.engine.connect() as connection:
            rows = connection.execute(select(Call.phone, Call.outcome, Call.ended_at).order_by(Call.id)).all()
            claims = connection.scalar(select(func.count()).select_from(TargetClaim))
    finally:
        store.close()
    assert [(row.phone, row.outcome) for row in rows] == [(e164(number), "no_answer") for number in NUMBERS]
    assert all(row.ended_at is not None for row in rows)
    assert claims == 0
    return result.err


@pytest.fixture
def proxied(postgres_url: str) -> Iterator[tuple[str, TcpProxy]]:
    _empty_postgres(postgres_url)
    url = make_url(postgres_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    yield url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False), proxy
    proxy.close()


@pytest.mark.postgres
def test_a_postgresql_outage_of_six_seconds_mid_call_loses_nothing_and_the_run_goes_on(
    proxied: tuple[str, TcpProxy], postgres_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url, proxy = proxied
    cli = Cli(url, capsys)
    prepare(cli, tmp_path)
    cut_at: list[float] = []

    def outage() -> None:
        cut_at.append(time.monotonic())
        proxy.cut()
        time.sleep(OUTAGE)
        proxy.restore()

    err = run_and_check(cli, postgres_url, outage)
    assert cut_at, "the outage never happened"
    assert err.count("the store cannot be reached") == 1  # once per outage, not once per retry


def test_a_sqlite_store_locked_past_its_busy_timeout_mid_call_loses_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "store.sqlite3"
    url = f"sqlite:///{path}"
    cli = Cli(url, capsys)
    prepare(cli, tmp_path)

    def outage() -> None:  # another writer holds the lock past the busy_timeout (10 s) of the end's write
        locker = sqlite3.connect(path, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")
        time.sleep(15)
        locker.execute("COMMIT")
        locker.close()

    err = run_and_check(cli, url, outage)
    assert "database is locked" in err
