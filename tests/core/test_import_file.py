"""Reading the file of an import (issue 16 item 7): only a regular file of at most 50 MB, refused
before any of it is read; a FIFO or a device never blocks nor fills the memory."""

from __future__ import annotations

import os
import pickle
import threading
from pathlib import Path

import pytest

from calllist_desktop.core.i18n import LANGUAGES
from calllist_desktop.core.import_file import MAX_IMPORT_BYTES, ImportFileRefused, read_import_file

# A read that blocks would hang the test: every read runs on a thread given this long.
TIMEOUT = 10.0


def read_in_thread(path: Path) -> bytes | BaseException:
    """What ``read_import_file`` returns or raises; fails the test if it does not return in time."""
    outcome: list[bytes | BaseException] = []

    def run() -> None:
        try:
            outcome.append(read_import_file(path))
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(TIMEOUT)
    assert not thread.is_alive(), f"reading {path} blocked"
    return outcome[0]


def test_a_regular_file_and_a_link_to_one_are_read(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(b"company,person,phone,categories\r\n")
    link = tmp_path / "link.csv"
    link.symlink_to(path)
    assert read_in_thread(path) == path.read_bytes()
    assert read_in_thread(link) == path.read_bytes()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_before_reading() -> None:
    outcome = read_in_thread(Path("/dev/zero"))
    assert isinstance(outcome, ImportFileRefused) and outcome.reason == "not_a_file"
    assert "not a regular file" in outcome.message_in("en") and "/dev/zero" in outcome.message_in("en")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_without_a_writer_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    outcome = read_in_thread(fifo)
    assert isinstance(outcome, ImportFileRefused) and outcome.reason == "not_a_file"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    outcome = read_in_thread(tmp_path)
    assert isinstance(outcome, ImportFileRefused) and outcome.reason == "not_a_file"


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as file:  # sparse: the size without the disk space
        file.truncate(MAX_IMPORT_BYTES + 1)
    outcome = read_in_thread(path)
    assert isinstance(outcome, ImportFileRefused) and outcome.reason == "too_large"
    assert outcome.size == MAX_IMPORT_BYTES + 1
    assert "50 MB" in outcome.message_in("en") and "50 MB" in outcome.message_in("ja")


def test_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as file:
        file.truncate(MAX_IMPORT_BYTES)
    outcome = read_in_thread(path)
    assert isinstance(outcome, bytes) and len(outcome) == MAX_IMPORT_BYTES


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    assert isinstance(read_in_thread(tmp_path / "missing.csv"), FileNotFoundError)


def test_the_refusal_crosses_a_process_boundary_and_speaks_both_languages(tmp_path: Path) -> None:
    refused = ImportFileRefused(tmp_path / "x.csv", "too_large", 60 * 1024 * 1024)
    again = pickle.loads(pickle.dumps(refused))  # the import dialog reads in a child process
    assert (again.path, again.reason, again.size) == (refused.path, refused.reason, refused.size)
    for language in LANGUAGES:
        assert again.message_in(language) == refused.message_in(language)
