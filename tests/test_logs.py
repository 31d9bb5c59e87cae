"""The log file a user hands to support: masked numbers and secrets, bounded size."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from calllist_desktop import cli, logs
from calllist_desktop.logs import mask, setup_logging


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(logs.LOG_DIR_VARIABLE, str(tmp_path / "log"))
    yield tmp_path / "log"
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_calllist_handler", False)]:
        root.removeHandler(handler)
        handler.close()


def flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("dialling +81312345678", "5678", "+8131234"),
        ("dialling 03-1234-5678", "5678", "03-1234"),
        ("dialling 090 1234 5678", "5678", "090 1234"),
        ("dialling ０３－１２３４－５６７８", "５６７８", "１２３４"),
        ("INVITE sip:81312345678@127.0.0.1", "5678@127.0.0.1", "813123"),
        ("store postgresql+psycopg://kanri:s3cret@db:5432/calllist", "kanri:***@db:5432/calllist", "s3cret"),
        ('account {"password": "hunter 2", "user": "sato"}', '"user": "sato"', "hunter"),
        ("Authorization: Digest username=\"sato\", response=\"abc\"", "Authorization: ***", "abc"),
        # a raw "@" in the password: hidden whole, not up to its "@"
        ("postgresql+psycopg://kanri:s3@cr@t@db:5432/calllist", "kanri:***@db:5432/calllist", "cr@t"),
        ("postgresql+psycopg://kanri@db/calllist?sslmode=require&password=s3cret", "sslmode=require&password=***", "s3cret"),
        ("host=db dbname=calllist user=kanri password=s3cret", "host=db dbname=calllist user=kanri password=***", "s3cret"),
        ("host=db password = 's3 cret' user=kanri", "password = *** user=kanri", "cret"),
        ("PGPASSWORD=s3cret calllist db check", "PGPASSWORD=*** calllist", "s3cret"),
        (
            'new row for relation "contacts" violates check constraint\nDETAIL:  Failing row contains (+81312345678, ㈱髙橋工務店, 髙橋 誠).',
            "DETAIL:  ***",
            "髙橋",
        ),
    ],
)
def test_numbers_and_secrets_are_masked(text: str, kept: str, gone: str) -> None:
    masked = mask(text)
    assert kept in masked
    assert gone not in masked


def test_dates_times_and_small_numbers_are_left_alone() -> None:
    text = "call at 2026-11-25 17:18:14, 1234 rows, port 5060, list 20261125"
    assert mask(text) == text


def test_a_logged_number_and_store_url_come_out_masked_in_the_file(log_dir: Path) -> None:
    path = setup_logging("calllist-desktop", console=False)
    assert path == log_dir / "calllist-desktop.log"
    log = logging.getLogger("calllist_desktop.test")
    log.info("dialling %s", "+81312345678")
    log.warning("national %s", "03-1234-5678")
    try:
        raise ValueError("cannot open postgresql+psycopg://kanri:s3cret@db/calllist for 090-1234-5678")
    except ValueError:
        log.exception("store failed")
    flush()
    written = path.read_text(encoding="utf-8")
    assert "+*******5678" in written and "**-****-5678" in written
    assert "kanri:***@db/calllist" in written and "Traceback" in written
    for secret in ("81312345678", "03-1234", "s3cret", "090-1234"):
        assert secret not in written


def test_the_log_rotates_at_its_size_and_keeps_five_old_files(log_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    path = setup_logging("calllist", console=False)
    assert path is not None
    log = logging.getLogger("calllist_desktop.test")
    for i in range(400):
        log.info("line %04d %s", i, "x" * 40)
    flush()
    files = sorted(p.name for p in log_dir.iterdir())
    assert files == ["calllist.log", *(f"calllist.log.{n}" for n in range(1, logs.BACKUP_COUNT + 1))]
    assert all(p.stat().st_size <= 2000 for p in log_dir.iterdir())
    assert "line 0399" in path.read_text(encoding="utf-8")


def test_an_unwritable_log_folder_is_one_line_and_the_program_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(logs.LOG_DIR_VARIABLE, str(blocker / "log"))
    assert setup_logging("calllist", console=False) is None
    assert "cannot write the log file" in capsys.readouterr().err
    logging.getLogger("calllist_desktop.test").info("still fine")


def test_the_command_line_logs_what_it_was_asked_masked(log_dir: Path, tmp_path: Path) -> None:
    database = tmp_path / "cli.sqlite3"
    assert cli.main(["--db", str(database), "lists", "create", "展示会"]) == 0
    assert cli.main(["--db", str(database), "exclude", "--list", "展示会", "03-1234-5678"]) != 0
    flush()
    written = (log_dir / "calllist.log").read_text(encoding="utf-8")
    assert "lists create 展示会" in written
    assert "**-****-5678" in written and "03-1234-5678" not in written


def test_records_before_the_file_opens_are_written_to_it_first_and_masked(log_dir: Path) -> None:
    logs.start_logging("calllist-desktop", console=False)
    log = logging.getLogger("calllist_desktop.test")
    log.info("before the first paint: %s", "090-1234-5678")
    assert not log_dir.exists()  # nothing opened yet (the desktop's quick start)
    path = logs.open_log_file()
    assert path == log_dir / "calllist-desktop.log"
    log.info("after it")
    assert logs.open_log_file() is None  # once only
    flush()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "before the first paint: ***-****-5678" in lines[0] and "after it" in lines[1]


def test_a_text_with_nothing_to_mask_compiles_no_pattern() -> None:
    # The desktop logs "starting" before its first paint: compiling the patterns was ~1 ms of that.
    logs._pattern.cache_clear()
    assert logs.mask("CallList Desktop 0.1.0 starting") == "CallList Desktop 0.1.0 starting"
    assert logs._pattern.cache_info().currsize == 0
    assert logs.mask("発信 03-1234-5678") == "発信 **-****-5678"
    assert logs._pattern.cache_info().currsize == 1


def test_a_password_in_the_url_never_reaches_stderr_or_the_log(
    log_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for url in (
        "postgresql+psycopg://kanri:hun@ter2@127.0.0.1:1/calllist",  # a raw "@": its tail was shown
        "postgresql+psycopg://kanri@127.0.0.1:1/calllist?password=hunter2",
        "postgresql+psycopg://kanri:hunter2@127.0.0.1:1/calllist",
    ):
        assert cli.main(["--db", url, "db", "check"]) == 1
        err = capsys.readouterr().err
        assert err.count("warning: --db contains a password") == 1
        assert "hunter2" not in err and "ter2" not in err
    flush()
    written = (log_dir / "calllist.log").read_text(encoding="utf-8")
    assert "kanri:***@127.0.0.1" in written and "password=***" in written
    assert "hunter2" not in written and "ter2" not in written


@pytest.mark.postgres
def test_db_check_prints_the_url_with_its_query_password_masked(
    postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with_password = postgres_url + "?password=hunter2"  # the test server trusts: any password does
    assert cli.main(["--db", with_password, "db", "check", "--json"]) == 0
    out, err = capsys.readouterr()
    assert '"url": "' + postgres_url + '?password=***"' in out
    assert "hunter2" not in out + err


def test_a_password_in_calllist_db_is_warned_about_once(tmp_path: Path) -> None:
    from tests.test_cli import run_program

    for db in (
        "postgresql+psycopg://kanri:hunter2@127.0.0.1:1/none",
        "postgresql+psycopg://kanri@127.0.0.1:1/none?password=hunter2",
    ):
        result = run_program(["users", "list"], db=db, cwd=tmp_path)
        warnings = [line for line in result.stderr.splitlines() if "warning" in line]
        assert warnings == [
            "calllist: warning: CALLLIST_DB contains a password; keep it in ~/.pgpass or PGPASSWORD (or a keyring) instead"
        ]
        assert "hunter2" not in result.stderr and result.returncode == 1
    plain = run_program(["users", "list"], db="postgresql+psycopg://kanri@127.0.0.1:1/none", cwd=tmp_path)
    assert "warning" not in plain.stderr


def test_customers_names_typed_as_a_search_stay_out_of_the_log(log_dir: Path, tmp_path: Path) -> None:
    database = tmp_path / "cli.sqlite3"
    assert cli.main(["--db", str(database), "contacts", "--search", "髙橋工務店"]) == 0
    assert cli.main(["--db", str(database), "contacts", "--search=山田 圭"]) == 0
    flush()
    written = (log_dir / "calllist.log").read_text(encoding="utf-8")
    assert "contacts --search ***" in written and "contacts --search=***" in written
    assert "髙橋" not in written and "山田" not in written
