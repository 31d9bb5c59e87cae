"""Run in a child process on a screen of a given size: where the campaign parts of the window go.

``python -m tests.ui.campaign_probe LANG FOLDER`` prints one JSON object per layout (the parent
test chooses the screen with ``QT_QPA_PLATFORM=offscreen:configfile=…``, as ``screen_probe``):

- wide: the operator's table with a target chosen and its history open (the columns' right
  edges against the table's viewport, the history's place), then with nothing chosen;
- compact: the recent calls' height before and after a callback comes due, and what shows.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from calllist_desktop.store.campaign_views import CallbackInfo
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import LayoutMode, Settings
from tests.ui.screen_probe import start_app


def settle(app: QApplication, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def rect(widget: QWidget, window: QWidget) -> list[int]:
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def wide_facts(app: QApplication, window: MainWindow) -> dict[str, object]:
    table = window.lists.table
    header = table.horizontalHeader()
    edges = {
        str(table.model().headerData(section, Qt.Orientation.Horizontal)): header.sectionViewportPosition(
            section
        )
        + header.sectionSize(section)
        for section in range(header.count())
        if not header.isSectionHidden(section)
    }
    history = window.lists.history
    return {
        "window": [window.width(), window.height()],
        "viewport": table.viewport().width(),
        "right_edges": edges,
        "scroll_range": table.horizontalScrollBar().maximum(),
        "table": rect(table, window),
        "body": rect(window.lists.body, window),
        "history": rect(history, window),
        "history_body_visible": history.body.isVisible(),
        "history_rows": history.tree.topLevelItemCount(),
    }


def main(language: str, folder: Path) -> None:
    app, store, line = start_app(language, folder)
    settings = Settings(QSettings(str(folder / "wide.ini"), QSettings.Format.IniFormat))
    settings.layout = LayoutMode.WIDE
    window = MainWindow(store, line, store.user("sato"), settings)
    window.show()
    settle(app, 1.5)
    nothing = wide_facts(app, window)
    phone = window.lists.targets_in_view_order()[1].phone
    window.lists.table.select_key(phone)
    settle(app, 1.0)
    chosen = wide_facts(app, window)
    print(json.dumps({"mode": "wide", "nothing_chosen": nothing, "chosen": chosen}, ensure_ascii=False))
    window.close()
    window.deleteLater()
    settle(app, 0.2)

    settings = Settings(QSettings(str(folder / "compact.ini"), QSettings.Format.IniFormat))
    settings.layout = LayoutMode.COMPACT
    window = MainWindow(store, line, store.user("sato"), settings)
    notice = window.campaign.notice
    window.campaign.due.stop()
    window.campaign.due.due.disconnect()  # the probe says when the callback comes due
    window.show()
    settle(app, 1.0)
    recent = window.phone.recent
    assert recent is not None
    before = rect(recent, window)
    now = datetime.now().astimezone()
    notice.add(
        CallbackInfo(
            id=99, list_id=None, list_name="12月 展示会フォロー", phone="+81452379538", company="山田スポーツ株式会社",
            person="山田 圭", for_login="sato", for_name="佐藤 美咲", created_by_login="kanri",
            due_at=now - timedelta(minutes=30), note="午後なら在席とのこと", created_at=now, done_at=None,
        )
    )  # fmt: skip
    settle(app, 0.3)
    after = rect(recent, window)
    chip = notice.chip
    facts: dict[str, object] = {
        "mode": "compact",
        "window": [window.width(), window.height()],
        "recent_before": before,
        "recent_after": after,
        "chip_visible": chip.isVisible(),
        "chip": rect(chip, window) if chip.isVisible() else None,
        "card_visible": notice.isVisible(),
    }
    chip.click()
    settle(app, 0.3)
    facts["card_visible_after_click"] = notice.isVisible()
    print(json.dumps(facts, ensure_ascii=False))
    window.close()
    line.stop()
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
