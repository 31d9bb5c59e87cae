"""``export -o`` and ``db backup`` never destroy what a path happens to name (issue 16, items 5 and 6).

The store's own files (by any spelling), devices, pipes, folders: refused with one line, the
thing named left as it was; a symbolic link is followed to its file; a failure half-way leaves
no temporary file behind. Run through the real ``calllist`` entry point.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.test_cli import ROWS, Cli, assert_one_line_error, snapshot, write_csv

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and symbolic links as on POSIX")


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder / "store.sqlite3"


@pytest.fixture
def listed(db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """A SQLite store (``db_file``, held open in WAL mode) with the list 展示会 of three targets."""
    cli = Cli(f"sqlite:///{db_file}", capsys)
    cli.ok("import", write_csv(tmp_path, "rows.csv", *ROWS), "--list", "展示会", "--create")
    return cli


def is_intact_store(path: Path) -> bool:
    with sqlite3.connect(path) as connection:
        return bool(connection.execute("PRAGMA integrity_check").fetchone() == ("ok",))


def export(cli: Cli, path: Path | str) -> Any:
    return cli("export", "--list", "展示会", "-o", str(path))


def backup(cli: Cli, path: Path | str) -> Any:
    return cli("db", "backup", str(path))


WRITERS = [pytest.param(export, id="export"), pytest.param(backup, id="backup")]


@pytest.mark.parametrize("write", WRITERS)
@pytest.mark.parametrize("spelling", ["{db}", "{db}-wal", "{db}-shm", "{db}-journal", "{folder}/../data/store.sqlite3"])
def test_the_store_itself_is_refused_by_any_name(
    listed: Cli, db_file: Path, write: Callable[[Cli, str], Any], spelling: str
) -> None:
    before = snapshot(listed.url)
    companions = {p: p.read_bytes() for p in db_file.parent.iterdir()}
    target = spelling.format(db=db_file, folder=db_file.parent)
    assert_one_line_error(write(listed, target), "is the store itself")
    assert {p: p.read_bytes() for p in db_file.parent.iterdir()} == companions
    assert is_intact_store(db_file) and snapshot(listed.url) == before


@posix_only
@pytest.mark.parametrize("write", WRITERS)
def test_a_link_to_the_store_is_refused(listed: Cli, db_file: Path, tmp_path: Path, write: Callable[[Cli, Path], Any]) -> None:
    symbolic = tmp_path / "symbolic.csv"
    symbolic.symlink_to(db_file)
    hard = tmp_path / "hard.csv"
    os.link(db_file, hard)
    dangling_to_wal = tmp_path / "wal.csv"  # the -wal file may be gone between two checkpoints
    dangling_to_wal.symlink_to(db_file.with_name(db_file.name + "-journal"))
    for path in (symbolic, hard, dangling_to_wal):
        assert_one_line_error(write(listed, path), "is the store itself")
    assert is_intact_store(db_file)
    assert symbolic.is_symlink() and not dangling_to_wal.exists()


@posix_only
@pytest.mark.parametrize("write", WRITERS)
def test_a_fifo_or_device_is_refused_and_left_as_it_is(
    listed: Cli, tmp_path: Path, write: Callable[[Cli, Path], Any]
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link-to-fifo"
    link.symlink_to(fifo)
    specials = [fifo, link]
    device = tmp_path / "null"  # a /dev/null of our own: a real device node, as root
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        specials.append(device)
    except (PermissionError, AttributeError):
        pass
    for path in specials:
        assert_one_line_error(write(listed, path), "not a regular file")
    assert stat.S_ISFIFO(fifo.stat().st_mode) and link.is_symlink()
    if device in specials:
        assert stat.S_ISCHR(device.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["data", "rows.csv", *(p.name for p in specials)])


@pytest.mark.parametrize("write", WRITERS)
def test_a_folder_is_refused_and_nothing_is_left_beside_it(
    listed: Cli, tmp_path: Path, write: Callable[[Cli, Path], Any]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    assert_one_line_error(write(listed, folder), "is a folder")
    assert list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out", "rows.csv"]  # no .partial


@pytest.mark.parametrize("write", WRITERS)
def test_a_missing_folder_is_one_line(listed: Cli, tmp_path: Path, write: Callable[[Cli, Path], Any]) -> None:
    assert_one_line_error(write(listed, tmp_path / "missing" / "out"), "the folder does not exist")


@posix_only
@pytest.mark.parametrize("write", WRITERS)
def test_a_symbolic_link_is_followed_to_its_file(listed: Cli, tmp_path: Path, write: Callable[[Cli, Path], Any]) -> None:
    real = tmp_path / "real.out"
    real.write_bytes(b"old")
    link = tmp_path / "link.out"
    link.symlink_to(real)
    assert write(listed, link).code == 0
    assert link.is_symlink() and real.read_bytes() != b"old"
    if write is backup:
        assert is_intact_store(real)
    else:
        assert "髙橋 誠" in real.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("write", WRITERS)
def test_a_failure_half_way_leaves_the_old_file_and_no_temporary_file(
    listed: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write: Callable[[Cli, Path], Any]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "file"
    target.write_bytes(b"old")

    def disk_full(_descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    line = assert_one_line_error(write(listed, target), f"cannot write {target}: No space left on device")
    assert "internal error" not in line
    assert [p.name for p in out.iterdir()] == ["file"] and target.read_bytes() == b"old"
