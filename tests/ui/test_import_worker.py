"""Issue 17 item 4: the import dialog's work reads a file once for its preview and its save.

``ui/manage/import_worker`` (plain Python, run in a child process by the dialog) checks a parse
with the store's dry run and saves that same parse; run here in this process, on SQLite and
PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from calllist_desktop.core import csv_import
from calllist_desktop.store.store import Store
from calllist_desktop.ui.manage import import_worker
from calllist_desktop.ui.manage.import_worker import check_file, save_parsed
from tests.conftest import csv_bytes, numbered_rows

ROWS = ("株式会社さくら,長田,03-1234-5678,製品A", "山田商店,山田,06-1234-5678,", "壊れ商事,壊,not a phone,")


def no_progress(_done: int, _total: int) -> None:
    pass


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the files parsed, wherever the parser is called from."""
    counted: list[int] = []
    real = csv_import.parse_targets_csv

    def counting(data: bytes, *args: Any, **kwargs: Any) -> csv_import.ParsedCsv:
        counted.append(len(data))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(import_worker, "parse_targets_csv", counting)
    monkeypatch.setattr("calllist_desktop.store.store.parse_targets_csv", counting)
    return counted


def test_the_preview_and_the_save_parse_the_file_once(
    store: Store, tmp_path: Path, parses: list[int]
) -> None:
    store.add_user("sato")
    info = store.create_list("展示会")
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes(*ROWS))

    preview = check_file(store, info.id, path, "auto", "sato", no_progress)
    assert [row.phone for row in preview.rows] == ["03-1234-5678", "06-1234-5678"]
    assert preview.report.dry_run and not preview.report.ok and preview.report.skippable
    assert store.targets(info.id) == []
    saved = save_parsed(store, info.id, preview.parsed, "sato", True, no_progress)

    assert saved.ok and saved.imported == 2 and saved.skipped_rows == [4]
    assert parses == [path.stat().st_size], "one parse, for the preview and the save together"
    assert [target.assignee_login for target in store.targets(info.id)] == ["sato", "sato"]


def test_what_is_saved_is_what_was_checked_even_when_the_file_changed_since(
    store: Store, tmp_path: Path
) -> None:
    info = store.create_list("展示会")
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes(*ROWS[:2]))
    preview = check_file(store, info.id, path, "auto", None, no_progress)
    path.write_bytes(csv_bytes(*numbered_rows(5001)))  # edited after the check: too many rows now

    saved = save_parsed(store, info.id, preview.parsed, None, False, no_progress)

    assert saved.ok and saved.imported == 2
    assert [target.company for target in store.targets(info.id)] == ["株式会社さくら", "山田商店"]


def test_check_file_reports_progress_forward_to_the_end(store: Store, tmp_path: Path) -> None:
    info = store.create_list("展示会")
    path = tmp_path / "big.csv"
    path.write_bytes(csv_bytes(*numbered_rows(1200)))
    fractions: list[float] = []
    check_file(store, info.id, path, "auto", None, lambda done, total: fractions.append(done / total))
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any(0 < fraction < 0.5 for fraction in fractions), "reading the rows shows as the first half"
