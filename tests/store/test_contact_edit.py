"""Editing one contact: the change shows in every list holding the number, bad input changes nothing."""

from __future__ import annotations

import pytest

from calllist_desktop.core.contact_fields import join_categories, split_categories
from calllist_desktop.store.errors import NotFound, StaleEdit, StoreError
from calllist_desktop.store.store import Store
from tests.conftest import csv_bytes

SHARED = "+81312345678"
OTHER = "+81612345678"


@pytest.fixture
def two_lists(store: Store) -> tuple[int, int]:
    store.add_user("sato")
    fair = store.create_list("展示会")
    customers = store.create_list("既存顧客")
    rows = ("さくら商事,長田 翔,03-1234-5678,イベント|製品A", "山田スポーツ,山田 圭,06-1234-5678,製品B")
    assert store.import_csv(fair.id, csv_bytes(*rows), assignee="sato").ok
    assert store.import_csv(customers.id, csv_bytes(rows[0])).ok
    return fair.id, customers.id


def facts(store: Store, list_id: int, phone: str) -> tuple[str, str, tuple[str, ...], str | None]:
    target = next(t for t in store.targets(list_id) if t.phone == phone)
    return target.company, target.person, target.categories, target.assignee_login


def test_an_edit_shows_in_every_list_and_among_the_contacts(store: Store, two_lists: tuple[int, int]) -> None:
    fair, customers = two_lists
    before = next(t for t in store.targets(fair) if t.phone == SHARED)
    contact = store.update_contact(
        SHARED,
        company="\u3000さくら商事 東京支店 ",
        person="長田 翔太",
        categories=[" 製品A", "新規", "", "製品A"],
        list_id=fair,
        expected_revision=before.revision,
    )
    assert (contact.company, contact.person, contact.categories) == ("さくら商事 東京支店", "長田 翔太", ("製品A", "新規"))
    changed = ("さくら商事 東京支店", "長田 翔太", ("製品A", "新規"), "sato")  # the assignee stays
    assert facts(store, fair, SHARED) == changed
    assert facts(store, customers, SHARED) == changed
    assert store.contact(SHARED) == contact
    assert facts(store, fair, OTHER) == ("山田スポーツ", "山田 圭", ("製品B",), "sato")  # the others untouched
    after = next(t for t in store.targets(fair) if t.phone == SHARED)
    assert after.revision > before.revision  # an older view's bulk edit is now refused


def test_a_contact_without_company_and_person_is_refused(store: Store, two_lists: tuple[int, int]) -> None:
    fair, _ = two_lists
    before = facts(store, fair, SHARED)
    with pytest.raises(StoreError) as caught:
        store.update_contact(SHARED, company=" \u3000", person="", categories=["x"])
    assert "company or a person" in str(caught.value)
    assert facts(store, fair, SHARED) == before


def test_more_than_100_categories_are_refused(store: Store, two_lists: tuple[int, int]) -> None:
    fair, _ = two_lists
    before = facts(store, fair, SHARED)
    with pytest.raises(StoreError) as caught:
        store.update_contact(SHARED, company="A", person="", categories=[f"c{i}" for i in range(101)])
    assert "100" in str(caught.value)
    assert facts(store, fair, SHARED) == before
    # 100 distinct (and a repeat) are fine
    store.update_contact(SHARED, company="A", person="", categories=[f"c{i}" for i in range(100)] + ["c0"])
    assert len(facts(store, fair, SHARED)[2]) == 100


def test_an_edit_on_an_outdated_row_is_refused(store: Store, two_lists: tuple[int, int]) -> None:
    fair, customers = two_lists
    seen = next(t for t in store.targets(fair) if t.phone == SHARED).revision
    store.set_assignee(customers, [SHARED], None)  # another manager, in the other list
    with pytest.raises(StaleEdit):
        store.update_contact(SHARED, company="X", person="Y", categories=[], list_id=fair, expected_revision=seen)
    assert facts(store, fair, SHARED)[:2] == ("さくら商事", "長田 翔")


def test_an_unknown_number_or_a_number_not_in_the_list_is_not_found(
    store: Store, two_lists: tuple[int, int]
) -> None:
    _, customers = two_lists
    with pytest.raises(NotFound):
        store.update_contact("+81399990000", company="X", person="", categories=[])
    with pytest.raises(NotFound):
        store.update_contact(OTHER, company="X", person="", categories=[], list_id=customers, expected_revision=0)
    assert store.contact(OTHER) is not None and store.contact(OTHER).company == "山田スポーツ"  # type: ignore[union-attr]


def test_categories_are_split_on_either_bar_and_joined_back() -> None:
    assert split_categories(" 展示会 | 製品A｜展示会 || ") == ("展示会", "製品A")
    assert split_categories(join_categories(("a", "b c"))) == ("a", "b c")
    assert split_categories("") == ()
