"""Store URLs as the programs show them: every password masked by the one masking function, and a
malformed URL a message rather than a driver's exception (issue 16, items 12 and 14)."""

from __future__ import annotations

import socket
import threading

import pytest
import sqlalchemy

from calllist_desktop.store import database
from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.probe import probe_store
from calllist_desktop.store.store import Store


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://kanri:hunter2@db/calllist", "postgresql+psycopg://kanri:***@db/calllist"),
        ("postgresql+psycopg://kanri@db/calllist?password=hunter2", "postgresql+psycopg://kanri@db/calllist?password=***"),
        ("postgresql+psycopg://kanri@db/calllist", "postgresql+psycopg://kanri@db/calllist"),
    ],
)
def test_shown_urls_mask_passwords(url: str, shown: str) -> None:
    assert database.shown_url(url) == shown
    assert database.shown_url(database.parse_url(url)) == shown


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("postgresql+psycopg://kanri:hunter2@db:port/calllist", "not a database URL: postgresql+psycopg://kanri:***@db:port"),
        ("postgresql+psycopg://kanri:hun@ter2@db/calllist", "more than one '@'"),
        ("no scheme://kanri:hunter2@db", "not a database URL"),
    ],
)
def test_a_malformed_url_is_a_store_error_without_its_password(url: str, fragment: str) -> None:
    for attempt in (database.make_engine, probe_store):  # the CLI's way, and 接続テスト's
        with pytest.raises(StoreError) as raised:
            attempt(url)
        assert fragment in str(raised.value)
        assert "hunter2" not in str(raised.value) and "ter2" not in str(raised.value)


def test_a_server_that_never_answers_is_an_error_in_seconds_not_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    """A frozen server (the TCP handshake completes from the backlog, nothing more) must not
    freeze whoever opens the store: the connection times out and says so."""
    monkeypatch.setitem(database.POSTGRES_CONNECT_ARGS, "connect_timeout", 2)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"postgresql+psycopg://nobody@127.0.0.1:{silent.getsockname()[1]}/calllist"
        outcome: list[BaseException] = []

        def open_store() -> None:
            try:
                Store.open(url).close()
            except Exception as exc:  # noqa: BLE001 - whatever it is, the test shows it
                outcome.append(exc)

        opener = threading.Thread(target=open_store, daemon=True)  # a hang must fail, not block
        opener.start()
        opener.join(timeout=20)
        assert not opener.is_alive(), "opening a store on a silent server hung"
        assert len(outcome) == 1 and isinstance(outcome[0], StoreError), outcome


def test_keepalives_are_on_and_a_urls_own_values_win() -> None:
    seen: dict[str, object] = {}
    engine = database.make_engine("postgresql+psycopg://nobody@127.0.0.1:1/calllist?connect_timeout=3")

    @sqlalchemy.event.listens_for(engine, "do_connect")
    def record(dialect: object, connection_record: object, cargs: object, cparams: dict[str, object]) -> object:
        seen.update(cparams)
        raise RuntimeError("not connecting")

    with pytest.raises(RuntimeError):
        engine.connect()
    engine.dispose()
    assert seen["connect_timeout"] == "3"
    assert seen["keepalives"] == 1 and seen["keepalives_idle"] == 30
