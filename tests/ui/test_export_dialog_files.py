"""The export dialog writes under the same rules as ``calllist export -o`` (store.output): the
store's own file, chosen by mistake in the file dialog, is refused with a message (issue 16, item 5)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from calllist_desktop.store.store import Store
from calllist_desktop.ui.manage.panel import ManagementPanel
from tests.ui.test_manage_panel import WAIT, open_export, panel, save_to  # noqa: F401 - fixtures


def test_the_store_itself_is_refused_and_left_intact(
    qtbot: QtBot, panel: ManagementPanel, ui_store: Store, save_to: Any  # noqa: F811
) -> None:
    database = ui_store.files()[0]
    before = database.read_bytes()
    save_to(database)
    dialog = open_export(panel)
    with qtbot.waitSignal(dialog.failed, timeout=WAIT) as failed:
        dialog.export_button.click()
    assert "is the store itself" in failed.args[0] or "データベースそのもの" in failed.args[0]
    assert database.read_bytes() == before
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert sorted(p.name for p in Path(database).parent.iterdir() if p.name.startswith(".")) == []
    dialog.reject()
