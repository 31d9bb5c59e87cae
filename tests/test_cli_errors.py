"""Bad input and failing stores get one clear line from ``calllist``, never "internal error" or a
traceback, and never the customers' data (issue 16, item 12).

Through the real command line: in-process (``main``) on SQLite and PostgreSQL, and as the installed
program where the bytes of the arguments matter.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from calllist_desktop import logs
from calllist_desktop.cli import main
from calllist_desktop.store import database, limits
from calllist_desktop.store.store import Store
from tests.conftest import csv_bytes, numbered_rows
from tests.test_cli import Cli, Result, assert_one_line_error, snapshot

posix_only = pytest.mark.skipif(os.name != "posix", reason="arguments as bytes are POSIX")


def no_internal_error(result: Result, *fragments: str) -> str:
    line = assert_one_line_error(result, *fragments)
    assert "internal error" not in line
    return line


@pytest.fixture
def cli(store_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(store_url, capsys)


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The command line's log file in a folder of this test's own."""
    monkeypatch.setenv(logs.LOG_DIR_VARIABLE, str(tmp_path / "log"))
    yield tmp_path / "log"
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_calllist_handler", False)]:
        root.removeHandler(handler)
        handler.close()


def program(args: list[str | bytes], *, cwd: Path, env: dict[str, str | bytes] | None = None) -> subprocess.CompletedProcess[bytes]:
    """The installed ``calllist`` with ``args`` passed as they are (bytes included)."""
    environment: dict[str | bytes, str | bytes] = {
        k: v for k, v in os.environ.items() if k not in ("CALLLIST_DEBUG", "CALLLIST_DB")
    }
    environment.update({"CALLLIST_LANG": "en", "HOME": str(cwd), "XDG_DATA_HOME": str(cwd / "data")})
    environment.update(env or {})
    return subprocess.run(
        [str(Path(sys.executable).with_name("calllist")), *args],
        capture_output=True,
        env=environment,  # type: ignore[arg-type]
        cwd=cwd,
        timeout=120,
    )


def one_line(result: subprocess.CompletedProcess[bytes], *fragments: str) -> str:
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1, err
    assert "Traceback" not in err and "internal error" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


# --- the store named -------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["lists", "list"], ["db", "check"], ["db", "upgrade"], ["users", "add", "sato"]])
def test_a_file_that_is_no_database_is_one_line_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n" * 100)
    result = Cli(str(path), capsys)(*command)
    no_internal_error(result, f"not a CallList store: {path} is not a SQLite database")
    assert path.read_text() == "not a database\n" * 100


@posix_only
def test_a_folder_or_fifo_as_the_store_is_one_line_and_nothing_is_made_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (folder, fifo):
        for command in (["lists", "list"], ["db", "check"]):
            no_internal_error(Cli(str(path), capsys)(*command), f"not a CallList store: {path} is not a regular file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "folder"]  # no fifo-journal, no -wal
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://kanri:hunter2@dbhost:notaport/calllist",
        "postgresql+psycopg://kanri:hun@ter2@127.0.0.1:1/calllist",
        "postgresql+psycopg://kanri:hun:t@er2@dbhost/calllist",
        "not a scheme://kanri:hunter2@dbhost",
    ],
)
def test_a_malformed_url_is_one_line_with_its_password_masked(capsys: pytest.CaptureFixture[str], url: str) -> None:
    for command in (["lists", "list"], ["db", "check"]):
        capsys.readouterr()
        code = main(["--db", url, *command])
        out, err = capsys.readouterr()
        lines = [line for line in err.splitlines() if "warning" not in line]
        assert code == 1 and len(lines) == 1, err
        assert "internal error" not in err and "Traceback" not in err
        assert "hunter2" not in err and "ter2" not in err and "er2" not in err
        assert "@" not in url or "kanri:***@" in lines[0] or "not a database URL" in lines[0]


def test_an_empty_db_is_refused_and_the_default_store_is_not_opened(tmp_path: Path) -> None:
    result = program(["--db", "", "lists", "create", "x"], cwd=tmp_path)
    one_line(result, "the database URL or file is empty")
    assert not (tmp_path / "data").exists()  # the default store (XDG_DATA_HOME) was not made
    blank = program(["--db", "  ", "db", "check"], cwd=tmp_path)
    one_line(blank, "the database URL or file is empty")


@posix_only
def test_arguments_that_are_not_utf8_are_refused(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    assert program(["--db", str(store), "lists", "create", "展示会"], cwd=tmp_path).returncode == 0
    bad_list = program(["--db", str(store), "lists", "create", b"fair\xff\xfe"], cwd=tmp_path)
    one_line(bad_list, "not valid UTF-8", "fair\\xff\\xfe")
    bad_db = program(["--db", bytes(tmp_path / "store") + b"\xff.sqlite3", "lists", "list"], cwd=tmp_path)
    one_line(bad_db, "not valid UTF-8")
    bad_env = program(["lists", "list"], cwd=tmp_path, env={"CALLLIST_DB": bytes(tmp_path) + b"/s\xff.db"})
    one_line(bad_env, "the database URL or file is not valid UTF-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("store")) == ["store.sqlite3"]
    listed = program(["--db", str(store), "lists", "list", "--json"], cwd=tmp_path)
    assert b"fair" not in listed.stdout and "展示会".encode() in listed.stdout


def test_a_store_locked_longer_than_the_busy_timeout_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.sqlite3"
    cli = Cli(f"sqlite:///{path}", capsys)
    cli.ok("lists", "create", "展示会")
    monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_MS", 300)  # the real wait is 10 s
    writer = sqlite3.connect(path, isolation_level=None)  # another program, writing
    writer.execute("BEGIN IMMEDIATE")
    try:
        for command in (["lists", "create", "新"], ["users", "add", "sato"], ["lists", "rename", "展示会", "新"]):
            no_internal_error(cli(*command), "the store is busy", "try again")
    finally:
        writer.rollback()
        writer.close()
    cli.ok("lists", "create", "新")  # free again: it works


def test_writers_opening_a_new_store_together_all_succeed(tmp_path: Path) -> None:
    """Four clients start on a store file that does not exist yet: each would make the schema;
    they queue for the write lock and the later ones find it made (they failed with "locked")."""
    store = tmp_path / "new.sqlite3"
    environment = {k: v for k, v in os.environ.items() if k not in ("CALLLIST_DEBUG", "CALLLIST_DB")}
    started = [
        subprocess.Popen(
            [str(Path(sys.executable).with_name("calllist")), "--db", str(store), "lists", "create", f"list {n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
            cwd=tmp_path,
        )
        for n in range(4)
    ]
    results = [(process.wait(timeout=120), process.stderr.read()) for process in started if process.stderr]
    assert results == [(0, b"")] * 4
    listed = program(["--db", str(store), "lists", "list", "--json"], cwd=tmp_path)
    assert sorted(item["name"] for item in json.loads(listed.stdout)) == [f"list {n}" for n in range(4)]


# --- names too long for the store -----------------------------------------------------------


def test_over_long_names_get_the_same_message_on_both_stores(cli: Cli, tmp_path: Path) -> None:
    cli.ok("lists", "create", "展示会")
    before = snapshot(cli.url)
    long_list = "展" * (limits.LIST_NAME_CHARS + 1)
    long_login = "a" * (limits.LOGIN_BYTES + 1)
    japanese_login = "佐" * 22  # 22 characters, 66 bytes: too long for a PostgreSQL role
    rows = os.fspath(tmp_path / "rows.csv")
    Path(rows).write_bytes(csv_bytes(*numbered_rows(2)))
    for command, fragment in [
        (["lists", "create", long_list], "a list name can have at most 200 characters (this one has 201)"),
        (["lists", "rename", "展示会", long_list], "a list name can have at most 200 characters"),
        (["import", rows, "--list", long_list, "--create"], "a list name can have at most 200 characters"),
        (["users", "add", long_login], "a login can have at most 63 bytes"),
        (["users", "add", japanese_login], "(this one has 66)"),
        (["users", "add", "sato", "--name", "名" * 201], "a display name can have at most 200 characters"),
    ]:
        no_internal_error(cli(*command), fragment)
    assert snapshot(cli.url) == before
    cli.ok("lists", "create", "展" * limits.LIST_NAME_CHARS)  # the limit itself is fine on both
    cli.ok("users", "add", "a" * limits.LOGIN_BYTES, "--name", "名" * limits.DISPLAY_NAME_CHARS)


# --- a database failure half-way ------------------------------------------------------------


@pytest.fixture
def refusing_row_15(store_url: str) -> Iterator[str]:
    """The store refuses to write the 16th contact of ``numbered_rows`` (担当 15) with an error of
    its own: a CHECK constraint on PostgreSQL (whose message quotes the row), a trigger on SQLite."""
    Store.open(store_url).close()  # the schema is there
    engine = create_engine(store_url)
    postgres = engine.dialect.name == "postgresql"
    with engine.begin() as connection:
        if postgres:
            connection.execute(text("ALTER TABLE contacts ADD CONSTRAINT test_refuse CHECK (person <> '担当 15')"))
        else:
            connection.execute(
                text(
                    "CREATE TRIGGER test_refuse BEFORE INSERT ON contacts WHEN NEW.person = '担当 15' "
                    "BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END"
                )
            )
    yield store_url
    with engine.begin() as connection:
        if postgres:
            connection.execute(text("ALTER TABLE contacts DROP CONSTRAINT test_refuse"))
        else:
            connection.execute(text("DROP TRIGGER test_refuse"))
    engine.dispose()


def test_an_import_failing_half_way_is_one_short_line_without_customers(
    refusing_row_15: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], log_dir: Path
) -> None:
    cli = Cli(refusing_row_15, capsys)
    cli.ok("lists", "create", "展示会")
    before = snapshot(cli.url)
    path = tmp_path / "rows.csv"
    path.write_bytes(csv_bytes(*numbered_rows(20)))
    line = no_internal_error(cli("import", str(path), "--list", "展示会"), "the database failed")
    assert len(line) < 300, line
    for data in ("株式会社テスト", "担当", "5000-00", "350000"):
        assert data not in line
    assert snapshot(cli.url) == before  # one transaction: nothing of it stayed
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = (log_dir / "calllist.log").read_text(encoding="utf-8")
    assert "Traceback" in written  # support still gets the whole story …
    for data in ("株式会社テスト", "担当 1", "5000-00", "350000"):  # … without the customers in it
        assert data not in written
