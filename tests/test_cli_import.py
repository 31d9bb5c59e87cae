"""``calllist import`` and issue 16 items 7, 8, 15 and 17: what is not a CSV file is refused before
reading, a list made by ``--create`` lives and dies with its import (even under ``kill -9``),
``--skip-bad-rows`` names every row it leaves out, and ``--json`` carries the new warnings."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from calllist_desktop.core.import_file import MAX_IMPORT_BYTES
from calllist_desktop.store.errors import NotFound
from calllist_desktop.store.store import Store
from tests.conftest import csv_bytes
from tests.store.test_store import snapshot
from tests.test_cli import Cli

ROWS = ("株式会社さくら,長田,03-1234-5678,製品A", "山田商店,山田,06-1234-5678,")
TIMEOUT = 60  # s: a child that takes longer is stuck


@pytest.fixture
def cli(store_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(store_url, capsys)


def write(folder: Path, *rows: str, name: str = "rows.csv") -> str:
    path = folder / name
    path.write_bytes(csv_bytes(*rows))
    return str(path)


def run_cli(url: str, *args: str, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calllist_desktop.cli", "--db", url, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "CALLLIST_LANG": "en"},
    )


# --- item 7: refused before reading ------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_with_one_clear_line(cli: Cli) -> None:
    result = cli("import", "/dev/zero", "--list", "A", "--create")
    assert result.code != 0
    [line] = result.err.strip().splitlines()
    assert line.endswith("/dev/zero is not a regular file (a device, pipe or folder): choose a CSV file")
    assert "Traceback" not in result.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_at_once_instead_of_hanging(store_url: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    result = run_cli(store_url, "import", str(fifo), "--list", "A", "--create")  # a hang times out
    assert result.returncode != 0 and "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_over_50_mb_is_refused_and_nothing_is_made(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as file:
        file.truncate(MAX_IMPORT_BYTES + 1)
    result = cli("import", str(path), "--list", "A", "--create")
    assert result.code != 0 and "too large" in result.err and "at most 50 MB" in result.err
    assert cli.json("lists", "list") == []


def test_a_folder_is_refused(cli: Cli, tmp_path: Path) -> None:
    result = cli("import", str(tmp_path), "--list", "A", "--create")
    assert result.code != 0 and "not a regular file" in result.err


# --- item 8: --create in the import's transaction ---------------------------------------------


def test_a_rejected_import_with_create_leaves_no_list(cli: Cli, tmp_path: Path) -> None:
    result = cli("import", write(tmp_path, *ROWS, "x,,bad,"), "--list", "A", "--create", "--json")
    assert result.code != 0 and result.json["ok"] is False
    assert cli.json("lists", "list") == []


KILLED_CHILD = textwrap.dedent(
    """
    import sys, time
    from calllist_desktop.cli.main import main
    from calllist_desktop.store import importing

    real_write = importing.write_import

    def write_then_wait(*args, **kwargs):
        counts = real_write(*args, **kwargs)
        print("written", flush=True)  # the list, contacts and targets: written, not committed
        time.sleep(600)
        return counts

    importing.write_import = write_then_wait
    sys.exit(main(sys.argv[1:]))
    """
)


def test_kill_9_in_the_middle_of_an_import_with_create_leaves_no_list(store_url: str, tmp_path: Path) -> None:
    """The import process is killed once it has written everything but not committed: a real
    ``kill -9`` of a real process, at a moment made certain by a wait inside the transaction."""
    rows = [f"会社{i},担当{i},03-{5000 + i // 10000:04d}-{i % 10000:04d},A" for i in range(300)]
    path = write(tmp_path, *rows)
    store = Store.open(store_url)
    before = snapshot(store)
    store.close()
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_CHILD, "--db", store_url, "import", path, "--list", "展示会", "--create"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CALLLIST_LANG": "en"},
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "written", child.stderr.read() if child.stderr else ""
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(TIMEOUT)
    assert child.returncode == -signal.SIGKILL

    store = Store.open(store_url)  # PostgreSQL rolled back the dead session; SQLite its journal
    try:
        with pytest.raises(NotFound):
            store.list_by_name("展示会")
        assert snapshot(store) == before
        # And the same import, run to its end, goes through.
        assert store.import_csv(None, csv_bytes(*rows), new_list="展示会").imported == 300
    finally:
        store.close()


# --- item 15 and 17 through the CLI ------------------------------------------------------------


def test_skip_bad_rows_imports_the_others_and_names_the_skipped_rows(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, *ROWS, ",,03-1111-2222,", "x,,not a phone,")
    rejected = cli("import", path, "--list", "A", "--create")
    assert rejected.code != 0 and cli.json("lists", "list") == []

    report = cli.json("import", path, "--list", "A", "--create", "--skip-bad-rows")
    assert report["ok"] is True and report["imported"] == 2 and report["skipped"] == [4, 5]
    assert {(error["row"], error["code"]) for error in report["errors"]} == {(4, "missing_name"), (5, "invalid_phone")}
    assert len(cli.targets("A")) == 2

    text = cli.ok("import", path, "--list", "A", "--skip-bad-rows")
    assert "skipped 2 rows with errors: 4, 5" in text.out


def test_skip_bad_rows_does_not_skip_a_bad_header(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(*ROWS, header="会社,電話"))
    result = cli("import", str(path), "--list", "A", "--create", "--skip-bad-rows", "--json")
    assert result.code != 0 and result.json["ok"] is False and result.json["skipped"] == []
    assert cli.json("lists", "list") == []


def test_json_reports_extensions_reassignments_and_unassigned(cli: Cli, tmp_path: Path) -> None:
    cli.ok("users", "add", "sato", "--name", "佐藤 美咲")
    cli.ok("users", "add", "tanaka", "--name", "田中 翔")
    cli.ok("import", write(tmp_path, *ROWS), "--list", "A", "--create", "--assignee", "sato")
    path = write(tmp_path, "株式会社さくら,長田,03-1234-5678 内線12,", "新規,新,052-123-4567,", name="b.csv")
    report = cli.json("import", path, "--list", "B", "--create", "--assignee", "tanaka")
    codes = {(warning["row"], warning["code"]) for warning in report["warnings"]}
    assert codes == {(2, "extension_dropped"), (2, "reassigned")}
    reassigned = next(warning for warning in report["warnings"] if warning["code"] == "reassigned")
    assert "佐藤 美咲 (sato)" in reassigned["message"] and "1 numbers" in reassigned["message"]
    assert report["unassigned"] == 0

    text = cli.ok("import", write(tmp_path, "誰か,誰,03-9999-0001,", name="c.csv"), "--list", "C", "--create")
    assert "1 of these targets have no assignee" in text.out
