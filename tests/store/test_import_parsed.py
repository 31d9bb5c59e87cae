"""Issue 17 item 4: ``Store.import_parsed`` imports what ``parse_targets_csv`` made, so that the
import dialog reads a file once for its preview and its save (``tests/ui/test_import_worker.py``).
On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from calllist_desktop.core.csv_import import parse_targets_csv
from calllist_desktop.core.issues import IssueCode
from calllist_desktop.store import importing
from calllist_desktop.store.store import Store
from tests.conftest import csv_bytes, numbered_rows
from tests.store.test_store import snapshot

ROWS = ("株式会社さくら,長田,03-1234-5678,製品A", "山田商店,山田,06-1234-5678,")


def test_saving_a_parse_twice_overwrites_and_reuses_nothing_stale(store: Store) -> None:
    """A parse is a value: a second save of it (保存 after a rejection) writes it afresh."""
    info = store.create_list("展示会")
    parsed = parse_targets_csv(csv_bytes(*ROWS))
    first = store.import_parsed(info.id, parsed)
    second = store.import_parsed(info.id, parsed)
    assert (first.imported, first.overwritten, second.imported, second.overwritten) == (2, 0, 2, 2)
    assert parsed.records == parse_targets_csv(csv_bytes(*ROWS)).records, "the parse was not changed"
    assert store.list_by_name("展示会").target_count == 2


def test_a_parse_over_the_capacity_is_rejected_at_save_time_and_changes_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = store.create_list("展示会")
    parsed = parse_targets_csv(csv_bytes(*numbered_rows(3)))
    assert store.import_parsed(info.id, parsed, dry_run=True).ok
    store.import_csv(info.id, csv_bytes(*numbered_rows(4998, start=9000)))  # the list fills meanwhile
    before = snapshot(store)
    report = store.import_parsed(info.id, parsed)
    assert [issue.code for issue in report.errors] == [IssueCode.LIST_FULL]
    assert snapshot(store) == before


def test_the_save_reports_its_steps_in_the_database_in_order(store: Store) -> None:
    info = store.create_list("展示会")
    parsed = parse_targets_csv(csv_bytes(*ROWS))
    checked: list[tuple[int, int]] = []
    saved: list[tuple[int, int]] = []
    store.import_parsed(info.id, parsed, dry_run=True, progress=lambda *step: checked.append(step))
    store.import_parsed(info.id, parsed, progress=lambda *step: saved.append(step))
    total = 1 + importing.WRITE_STEPS
    assert checked == [(1, 1)]
    assert saved == [(done, total) for done in range(1, total + 1)]


def test_a_save_stopped_by_its_progress_leaves_nothing(store: Store) -> None:
    """A progress callback that raises (a UI's cancel) after the writing began rolls it all back."""
    info = store.create_list("展示会")
    before = snapshot(store)

    def stop_after_the_contacts(done: int, _total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.import_parsed(info.id, parse_targets_csv(csv_bytes(*ROWS)), progress=stop_after_the_contacts)
    assert snapshot(store) == before
