"""The 連絡先一覧 tab's rows live as long as the window: they are kept out of garbage collection."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from calllist_desktop.store.store import Store
from calllist_desktop.ui.main_window import MainWindow
from tests.ui.conftest import settle


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Start with nothing frozen, and leave nothing frozen for the next test."""
    gc.unfreeze()
    yield
    gc.unfreeze()


def tracked(row: object) -> bool:
    """Whether a collection would walk ``row`` (frozen objects are in no generation)."""
    return any(item is row for item in gc.get_objects())


def test_the_contacts_are_frozen_out_of_collections_once_they_are_shown(
    qtbot: QtBot, window: MainWindow, ui_store: Store, unfrozen: None
) -> None:
    panel = window.lists
    panel.tabs.setCurrentIndex(1)
    count = len(ui_store.contacts())
    qtbot.waitUntil(lambda: panel.contacts_model.total_count() == count, timeout=5000)
    settle(qtbot, window)
    rows = [panel.contacts_model.row_at(view_row) for view_row in range(count)]
    assert gc.get_freeze_count() > 0
    assert not any(tracked(row) for row in rows)
    # A contact changed later is a new row, tracked as any object made after start-up, and the
    # table shows it.
    first = rows[0]
    ui_store.update_contact(
        first.phone, company="新しい会社", person=first.person, categories=first.categories
    )
    panel.contacts_model.update_rows([ui_store.contacts(first.phone)[0]])
    changed = panel.contacts_model.row_of_key(first.phone)
    assert changed is not None and changed.company == "新しい会社" and tracked(changed)
