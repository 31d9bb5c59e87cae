"""Property tests: whatever bytes or CSV reach ``Store.import_csv``, it answers with a success or
with structured errors, never raises, and a rejected import leaves the store exactly as it was."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calllist_desktop.core.csv_import import parse_targets_csv
from calllist_desktop.core.issues import IssueCode
from calllist_desktop.store.store import Store
from tests.conftest import csv_bytes
from tests.store.test_store import snapshot

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, int]]:
    """One store for every example: a list with targets, so a wrong write would show."""
    path: Path = tmp_path_factory.mktemp("properties") / "store.sqlite3"
    store = Store.open(f"sqlite:///{path}")
    store.add_user("sato")
    info = store.create_list("A")
    assert store.import_csv(
        info.id, csv_bytes("株式会社さくら,長田,03-1234-5678,製品A", "山田,,06-1234-5678,"), assignee="sato"
    ).ok
    yield store, info.id
    store.close()


def check_answer(store: Store, list_id: int, data: bytes, encoding: str) -> None:
    before = snapshot(store)
    report = store.import_csv(list_id, data, encoding=encoding)
    assert report.ok == (not report.errors)
    for issue in report.errors + report.warnings:
        assert isinstance(issue.code, IssueCode)
        assert issue.row >= 1
        assert issue.message  # every code has a message, in both languages
        assert issue.message_in("ja")
    if not report.ok:
        assert snapshot(store) == before
    else:
        # A success wrote every record it accepted, with the file's values.
        records = parse_targets_csv(data, encoding=encoding).records
        assert report.imported == len(records)
        stored = {t.phone: t for t in store.targets(list_id)}
        for record in records:
            target = stored[record.phone]
            assert (target.company, target.person, target.categories) == (
                record.company, record.person, record.categories,
            )


@SETTINGS
@given(data=st.binary(max_size=2000), encoding=st.sampled_from(["auto", "utf-8", "cp932", "utf-16"]))
def test_arbitrary_bytes_never_raise_and_a_rejection_changes_nothing(
    seeded: tuple[Store, int], data: bytes, encoding: str
) -> None:
    store, list_id = seeded
    check_answer(store, list_id, data, encoding)


_cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "　", "03-1234-5678", "０９０１２３４５６７８", "312345678", "+81 6 1234 5678", "'=1", "a|b|a", '"', "\n"]),
)
_rows = st.lists(st.lists(_cell, min_size=0, max_size=6), max_size=8)


@SETTINGS
@given(rows=_rows, header=st.sampled_from(["取引先会社名,取引先担当者名,電話番号,カテゴリー", "company,person,phone,categories", "電話番号,x", ""]))
def test_arbitrary_csv_never_raises_and_a_rejection_changes_nothing(
    seeded: tuple[Store, int], rows: list[list[str]], header: str
) -> None:
    store, list_id = seeded
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        buffer.write(header + "\r\n")
    writer.writerows(rows)
    check_answer(store, list_id, buffer.getvalue().encode("utf-8"), "auto")
