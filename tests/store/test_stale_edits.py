"""Two managers editing the same targets: a stale edit is refused, never silently applied."""

from __future__ import annotations

import threading

import pytest

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.errors import StaleEdit
from calllist_desktop.store.store import Store
from tests.conftest import csv_bytes, numbered_rows


@pytest.fixture
def two_managers(store_url: str, store: Store) -> tuple[Store, Store, int]:
    store.add_user("kanri", role="admin")
    store.add_user("sato")
    store.add_user("tanaka")
    info = store.create_list("展示会")
    assert store.import_csv(info.id, csv_bytes(*numbered_rows(10)), assignee="sato").ok
    other = Store.open(store_url)
    yield store, other, info.id  # type: ignore[misc]
    other.close()


def seen(store: Store, list_id: int) -> dict[str, int]:
    return {target.phone: target.revision for target in store.targets(list_id)}


def test_an_edit_on_an_outdated_view_is_refused_and_changes_nothing(two_managers: tuple[Store, Store, int]) -> None:
    first, second, list_id = two_managers
    view_of_first = seen(first, list_id)
    phones = list(view_of_first)[:4]
    second.set_assignee(list_id, phones[2:3], "tanaka", expected=seen(second, list_id))
    with pytest.raises(StaleEdit) as caught:
        first.set_assignee(list_id, phones, None, expected=view_of_first)
    assert caught.value.phones == [phones[2]]
    assert "changed by someone else" in str(caught.value)
    assert "他の人" in caught.value.message_in("ja")
    assignees = {t.phone: t.assignee_login for t in first.targets(list_id)}
    assert [assignees[p] for p in phones] == ["sato", "sato", "tanaka", "sato"]
    # Every kind of bulk edit checks, and an edit on the fresh view goes through.
    with pytest.raises(StaleEdit):
        first.set_excluded(list_id, phones, True, expected=view_of_first)
    with pytest.raises(StaleEdit):
        first.remove_targets(list_id, phones, expected=view_of_first)
    assert first.set_excluded(list_id, phones, True, expected=seen(first, list_id)) == 4


def test_every_write_to_a_target_or_its_contact_moves_its_revision(two_managers: tuple[Store, Store, int]) -> None:
    store, _, list_id = two_managers
    phone = next(iter(seen(store, list_id)))
    revisions = [seen(store, list_id)[phone]]
    store.set_excluded(list_id, [phone], True)
    revisions.append(seen(store, list_id)[phone])
    store.set_assignee(list_id, [phone], "tanaka")
    revisions.append(seen(store, list_id)[phone])
    assert store.import_csv(list_id, csv_bytes(*numbered_rows(1))).ok  # overwrites the contact
    revisions.append(seen(store, list_id)[phone])
    call = store.start_call(phone, Direction.OUTBOUND, user="sato", list_id=list_id)
    store.finish_call(call, Outcome.BUSY)
    revisions.append(seen(store, list_id)[phone])  # a call is no edit: no conflict with managers
    assert revisions[0] < revisions[1] < revisions[2] < revisions[3] == revisions[4]


def test_an_import_while_operators_call_loses_no_call_row(two_managers: tuple[Store, Store, int]) -> None:
    manager, operator, list_id = two_managers
    phones = list(seen(manager, list_id))
    written: list[int] = []
    errors: list[BaseException] = []

    def calling() -> None:
        try:
            for round_ in range(6):
                for phone in phones:
                    call = operator.start_call(phone, Direction.OUTBOUND, user="sato", list_id=list_id)
                    operator.finish_call(call, Outcome.NO_ANSWER if round_ % 2 else Outcome.ANSWERED)
                    written.append(call)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    caller = threading.Thread(target=calling)
    caller.start()
    for _ in range(5):
        assert manager.import_csv(list_id, csv_bytes(*numbered_rows(10), *numbered_rows(5, start=100))).ok
    caller.join()
    assert errors == []
    assert len(written) == 60
    with manager.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT id, outcome FROM calls").all()
    assert sorted(row[0] for row in rows) == sorted(written)
    assert all(row[1] is not None for row in rows)
    last = {t.phone: t.last_call for t in manager.targets(list_id)}
    assert all(last[phone] is not None and last[phone].outcome is not None for phone in phones)
