"""The store's side of issue 16 items 8, 15, 16 and 17, on SQLite and PostgreSQL: a new list is
made in the import's own transaction; an import says whose numbers it moves; the 発信対象 flag and
the assignee come back from an exported file; rows with errors are skipped only on request."""

from __future__ import annotations

from typing import Any

import pytest

from calllist_desktop.core.columns import ASSIGNEE, EXPORT_COLUMNS, TARGETED
from calllist_desktop.core.issues import IssueCode
from calllist_desktop.store import importing
from calllist_desktop.store.errors import AlreadyExists, NotFound
from calllist_desktop.store.store import Store
from tests.conftest import HEADER, csv_bytes
from tests.store.test_store import snapshot

ROWS = ("株式会社さくら,長田,03-1234-5678,製品A", "山田商店,山田,06-1234-5678,")


def export_header() -> str:
    return ",".join(EXPORT_COLUMNS)


def exported(*rows: str) -> bytes:
    """A file with the export's columns; each row gives company..categories, assignee, targeted."""
    full = []
    for row in rows:
        cells = row.split(",")
        full.append(",".join(cells[:5] + ["", "", "", ""] + cells[5:]))
    return csv_bytes(*full, header=export_header())


# --- item 8: one transaction -------------------------------------------------------------------


def test_a_new_list_is_made_with_its_targets(store: Store) -> None:
    report = store.import_csv(None, csv_bytes(*ROWS), new_list="展示会")
    assert report.ok and report.imported == 2
    info = store.list_by_name("展示会")
    assert [target.phone for target in store.targets(info.id)] == ["+81312345678", "+81612345678"]


def test_a_rejected_import_leaves_no_new_list(store: Store) -> None:
    before = snapshot(store)
    report = store.import_csv(None, csv_bytes(*ROWS, "x,,bad,"), new_list="展示会")
    assert not report.ok
    with pytest.raises(NotFound):
        store.list_by_name("展示会")
    assert snapshot(store) == before


def test_a_list_full_rejection_leaves_no_new_list(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from calllist_desktop.core import csv_import

    monkeypatch.setattr(csv_import.check_capacity, "__defaults__", (1,))
    report = store.import_csv(None, csv_bytes(*ROWS), new_list="展示会")
    assert [issue.code for issue in report.errors] == [IssueCode.LIST_FULL]
    with pytest.raises(NotFound):
        store.list_by_name("展示会")


def test_an_import_failing_half_way_leaves_no_new_list_and_no_contact(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database fails after the list, the contacts and the targets were written: all goes."""
    before = snapshot(store)
    real_write = importing.write_import

    def write_then_fail(*args: Any, **kwargs: Any) -> Any:
        real_write(*args, **kwargs)
        raise RuntimeError("the server went away")

    monkeypatch.setattr(importing, "write_import", write_then_fail)
    with pytest.raises(RuntimeError):
        store.import_csv(None, csv_bytes(*ROWS), new_list="展示会")
    with pytest.raises(NotFound):
        store.list_by_name("展示会")
    assert snapshot(store) == before


def test_a_taken_name_is_already_exists_and_changes_nothing(store: Store) -> None:
    store.create_list("展示会")
    before = snapshot(store)
    with pytest.raises(AlreadyExists):
        store.import_csv(None, csv_bytes(*ROWS), new_list="展示会")
    assert snapshot(store) == before


def test_a_dry_run_for_a_new_list_makes_none(store: Store) -> None:
    report = store.import_csv(None, csv_bytes(*ROWS), new_list="展示会", dry_run=True)
    assert report.ok and report.dry_run and report.imported == 2
    assert store.lists() == []


# --- item 15: reassigned -----------------------------------------------------------------------


def test_an_import_with_an_assignee_says_whose_numbers_it_moves(store: Store) -> None:
    store.add_user("sato", "佐藤 美咲")
    store.add_user("tanaka", "田中 翔")
    store.add_user("suzuki", "鈴木 一")
    other = store.create_list("既存")
    store.import_csv(other.id, csv_bytes(*ROWS), assignee="sato")
    store.import_csv(other.id, csv_bytes("鈴木商会,鈴木,052-123-4567,"), assignee="suzuki")
    target = store.create_list("新規")
    data = csv_bytes(*ROWS, "鈴木商会,鈴木,052-123-4567,", "新しい会社,新,03-9999-0001,")

    for dry_run in (True, False):
        report = store.import_csv(target.id, data, assignee="tanaka", dry_run=dry_run)
        assert report.ok
        moved = sorted((w.params["previous"], w.params["count"], w.row) for w in report.warnings if w.code is IssueCode.REASSIGNED)
        assert moved == [("佐藤 美咲 (sato)", 2, 2), ("鈴木 一 (suzuki)", 1, 4)]
        message = next(w for w in report.warnings if w.params.get("previous") == "佐藤 美咲 (sato)").message_in("ja")
        assert "2 件" in message and "佐藤 美咲 (sato)" in message and "田中 翔 (tanaka)" in message
        assert report.to_json()["warnings"][0]["code"] == "reassigned"
    # Imported again: the numbers are tanaka's already, nothing moves.
    again = store.import_csv(target.id, data, assignee="tanaka")
    assert not [w for w in again.warnings if w.code is IssueCode.REASSIGNED]


def test_an_import_without_an_assignee_moves_nothing_and_counts_the_unassigned(store: Store) -> None:
    store.add_user("sato")
    info = store.create_list("A")
    store.import_csv(info.id, csv_bytes(ROWS[0]), assignee="sato")
    report = store.import_csv(info.id, csv_bytes(*ROWS))
    assert report.ok and not [w for w in report.warnings if w.code is IssueCode.REASSIGNED]
    assert report.unassigned == 1  # 06-1234-5678 is new and nobody's; 03-… stays sato's
    assert store.targets(info.id)[0].assignee_login == "sato"


# --- item 16: the export's columns -------------------------------------------------------------


def test_the_targeted_flag_comes_back_for_new_and_overwritten_targets(store: Store) -> None:
    info = store.create_list("A")
    data = exported("a,,03-1234-5671,,,対象外", "b,,03-1234-5672,,,対象", "c,,03-1234-5673,,,")
    assert store.import_csv(info.id, data).ok
    assert [t.excluded for t in store.targets(info.id)] == [True, False, False]
    flipped = exported("a,,03-1234-5671,,,対象", "b,,03-1234-5672,,,対象外", "c,,03-1234-5673,,,")
    store.set_excluded(info.id, ["+81312345673"], True)
    assert store.import_csv(info.id, flipped).ok
    # An empty cell leaves the flag as it is (c stays excluded).
    assert [t.excluded for t in store.targets(info.id)] == [False, True, True]


def test_the_assignee_comes_back_by_login_or_by_a_display_name_only_one_user_has(store: Store) -> None:
    store.add_user("sato", "佐藤 美咲")
    store.add_user("tanaka", "田中")
    store.add_user("tanaka2", "田中")  # the same display name: only the login names them
    store.add_user("kato", "sato")  # a display name spelled like another's login: the login wins
    info = store.create_list("A")
    data = exported(
        "a,,03-1234-5671,,佐藤 美咲,",
        "b,,03-1234-5672,,tanaka2,",
        "c,,03-1234-5673,,田中,",
        "d,,03-1234-5674,,nobody,",
        "e,,03-1234-5675,,sato,",
        "f,,03-1234-5676,,,",
    )
    report = store.import_csv(info.id, data)
    assert report.ok
    assert [t.assignee_login for t in store.targets(info.id)] == ["sato", "tanaka2", None, None, "sato", None]
    unknown = [(w.row, w.column, w.params["name"]) for w in report.warnings if w.code is IssueCode.UNKNOWN_ASSIGNEE]
    assert unknown == [(4, ASSIGNEE, "田中"), (5, ASSIGNEE, "nobody")]
    assert "several" in report.warnings[0].message_in("en") or any(
        "several" in w.message_in("en") for w in report.warnings
    )
    assert report.unassigned == 3


def test_an_unknown_assignee_leaves_the_numbers_assignee_as_it_is(store: Store) -> None:
    store.add_user("sato")
    info = store.create_list("A")
    store.import_csv(info.id, csv_bytes(ROWS[0]), assignee="sato")
    report = store.import_csv(info.id, exported("株式会社さくら,長田,03-1234-5678,製品A,誰か,"))
    assert report.ok and [w.code for w in report.warnings] == [IssueCode.UNKNOWN_ASSIGNEE]
    assert store.targets(info.id)[0].assignee_login == "sato"


def test_the_import_assignee_wins_over_the_column(store: Store) -> None:
    store.add_user("sato")
    store.add_user("tanaka")
    info = store.create_list("A")
    assert store.import_csv(info.id, exported("a,,03-1234-5671,,sato,"), assignee="tanaka").ok
    assert store.targets(info.id)[0].assignee_login == "tanaka"


def test_an_export_imports_again_with_flags_and_assignees(store: Store) -> None:
    store.add_user("sato", "佐藤 美咲")
    store.add_user("tanaka", "田中")
    store.add_user("tanaka2", "田中")
    info = store.create_list("A")
    store.import_csv(info.id, csv_bytes("a,,03-1234-5671,x", "''=twice,b,03-1234-5672,=y|'z"), assignee="sato")
    store.import_csv(info.id, csv_bytes("c,,03-1234-5673,", "d,,03-1234-5674,"), assignee="tanaka2")
    store.set_excluded(info.id, ["+81312345672", "+81312345674"], True)
    before = [(t.phone, t.company, t.person, t.categories, t.excluded, t.assignee_login) for t in store.targets(info.id)]
    data = store.export_csv(info.id)
    assert "tanaka2" in data.decode("utf-8-sig")  # 田中 is two users' name: written by login

    # Everything changed meanwhile; importing the export gives it all back.
    store.set_assignee(info.id, [row[0] for row in before], None)
    store.set_excluded(info.id, [row[0] for row in before], False)
    store.import_csv(info.id, csv_bytes(*(f"z,z,{row[0]},z" for row in before)))
    report = store.import_csv(info.id, data)
    assert report.ok and not report.warnings, report.warnings
    after = [(t.phone, t.company, t.person, t.categories, t.excluded, t.assignee_login) for t in store.targets(info.id)]
    assert after == before
    assert store.export_csv(info.id) == data


# --- item 17: skipping rows with errors ----------------------------------------------------------


BAD = (*ROWS, ",,03-1111-2222,", "x,,not a phone,", "y,,03-1234-5678,")  # rows 4, 5; 6 repeats row 2


def test_by_default_any_row_error_rejects_everything(store: Store) -> None:
    info = store.create_list("A")
    report = store.import_csv(info.id, csv_bytes(*BAD))
    assert not report.ok and report.skippable and not report.skipped_rows
    assert store.targets(info.id) == []


def test_skip_bad_rows_imports_the_others_and_names_every_skipped_row(store: Store) -> None:
    info = store.create_list("A")
    for dry_run in (True, False):
        report = store.import_csv(info.id, csv_bytes(*BAD), skip_bad_rows=True, dry_run=dry_run)
        assert report.ok and report.imported == 1
        assert report.skipped_rows == [2, 4, 5, 6]  # both rows of the duplicate
        assert {issue.row for issue in report.errors} == {2, 4, 5, 6}
        assert report.to_json()["skipped"] == [2, 4, 5, 6]
    assert [t.phone for t in store.targets(info.id)] == ["+81612345678"]


@pytest.mark.parametrize(
    "data",
    [
        b"no,header,here\r\n1,2,3\r\n",
        csv_bytes(*ROWS, header="取引先会社名,電話番号"),
        HEADER.encode() + "\r\n株式会社,".encode() + b"\x93\x93" + b",03-1234-5678,\r\n",
    ],
)
def test_whole_file_errors_still_reject_when_skipping(store: Store, data: bytes) -> None:
    info = store.create_list("A")
    report = store.import_csv(info.id, data, skip_bad_rows=True)
    assert not report.ok and not report.skippable
    assert store.targets(info.id) == []


def test_list_full_still_rejects_when_skipping(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from calllist_desktop.core import csv_import

    monkeypatch.setattr(csv_import.check_capacity, "__defaults__", (0,))
    info = store.create_list("A")
    report = store.import_csv(info.id, csv_bytes(*BAD), skip_bad_rows=True)
    assert not report.ok and IssueCode.LIST_FULL in {issue.code for issue in report.errors}
    assert store.targets(info.id) == []


def test_targeted_column_values_are_read_as_export_writes_them(store: Store) -> None:
    info = store.create_list("A")
    data = csv_bytes("a,,03-1234-5671,,対象外", header=f"{HEADER},{TARGETED}")
    assert store.import_csv(info.id, data).ok
    assert store.targets(info.id)[0].excluded is True


def test_a_number_moved_by_the_files_assignee_column_is_reported_too(store: Store) -> None:
    store.add_user("sato", "佐藤 美咲")
    store.add_user("tanaka", "田中 翔")
    info = store.create_list("A")
    store.import_csv(info.id, csv_bytes(ROWS[0]), assignee="sato")
    report = store.import_csv(info.id, exported("株式会社さくら,長田,03-1234-5678,製品A,田中 翔,"))
    [moved] = report.warnings
    assert moved.code is IssueCode.REASSIGNED and moved.params["count"] == 1
    assert moved.params["previous"] == "佐藤 美咲 (sato)" and moved.params["assignee"] == "田中 翔 (tanaka)"
    assert store.targets(info.id)[0].assignee_login == "tanaka"
