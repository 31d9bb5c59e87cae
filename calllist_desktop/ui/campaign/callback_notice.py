"""The notice of a callback that is due, for the person it is for (SPEC §9).

:class:`DueCallbacks` watches this user's callbacks (theirs and those anyone may take): it reads
them when told the store changed (live updates, so a callback a manager books reaches the
operator without a restart) and on a timer, and says each one once when its time comes.
:class:`CallbackNotice` is the bar the phone shows: who to call and when, with 発信 and 閉じる.
When the window is in the background the system tray says it too (:func:`tray_message`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSystemTrayIcon, QVBoxLayout, QWidget

from calllist_desktop.core.phone import format_national

if TYPE_CHECKING:
    from calllist_desktop.store.campaign_views import CallbackInfo as Callback
    from calllist_desktop.ui.store_work import Job, StoreWork

log = logging.getLogger(__name__)

CHECK_MS = 20_000
"""How often the due times are looked at (a read of the store only when something changed)."""

NOTICE_STYLE = """
#callbackNotice { background: #fff4d6; border: 1px solid #f0d48a; border-left: 4px solid #d18f00; border-radius: 6px; }
#callbackNotice[overdue="true"] { background: #fde8e6; border-color: #f1b5ae; border-left-color: #b3261e; }
#callbackNoticeTitle { font-weight: 600; color: #7a5200; }
#callbackNotice[overdue="true"] #callbackNoticeTitle { color: #b3261e; }
#callbackNoticeDial { background: #1e7b45; color: white; border-radius: 4px; padding: 4px 10px; font-weight: 600; }
"""


def describe(callback: Callback) -> str:
    names = " ".join(part for part in (callback.company, callback.person) if part)
    number = format_national(callback.phone)
    return f"{names} ({number})" if names else number


class DueCallbacks(QObject):
    """Says when a callback for ``user`` (or for anyone) comes due, once each.

    Signals:
        due(object): a :class:`Callback` whose time has come (or had come when the client started).
    """

    due = Signal(object)

    def __init__(
        self,
        work: StoreWork,
        user: str,
        parent: QObject | None = None,
        *,
        now: Callable[[], datetime] | None = None,
        interval_ms: int = CHECK_MS,
    ) -> None:
        super().__init__(parent)
        self.work = work
        self.user = user
        self._now = now or (lambda: datetime.now().astimezone())
        self.callbacks: list[Callback] = []
        self._told: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._reading: Job | None = None  # the read under way (a newer one drops it)

    def start(self) -> None:
        self.reload()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def reload(self) -> None:
        """Read this user's callbacks again (live updates call this), then check them."""

        def done(callbacks: list[Callback]) -> None:
            self.callbacks = callbacks
            self.check()

        if self._reading is not None:
            self._reading.cancel()
        self._reading = self.work.read(self, lambda store: store.callbacks(user=self.user, mine=True), done, self._failed)

    def check(self) -> None:
        """Say every callback whose time has come and that was not said yet."""
        now = self._now()
        held = {item.id for item in self.callbacks}
        self._told &= held  # a removed one that comes back (booked again) is said again
        for item in sorted(self.callbacks, key=lambda c: c.due_at):
            if item.due_at <= now and item.id not in self._told and item.for_login in (None, self.user):
                self._told.add(item.id)
                self.due.emit(item)

    def _failed(self, error: Exception) -> None:
        log.warning("due callbacks: %s", error)


class CallbackNotice(QFrame):
    """再架電の時間です: the callback that came due, with 発信 and 閉じる. Several due at once
    are shown one after the other (閉じる shows the next).

    Signals:
        dial_requested(str, int): phone and list id (0: none) to call back now.
    """

    dial_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None, *, now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callbackNotice")
        self.setStyleSheet(NOTICE_STYLE)
        self._now = now or (lambda: datetime.now().astimezone())
        self.queue: list[Callback] = []
        self.title = QLabel()
        self.title.setObjectName("callbackNoticeTitle")
        self.text = QLabel()
        self.text.setObjectName("callbackNoticeText")
        self.text.setWordWrap(True)
        self.dial_button = QPushButton()
        self.dial_button.setObjectName("callbackNoticeDial")
        self.dial_button.clicked.connect(self._dial)
        self.close_button = QPushButton()
        self.close_button.setObjectName("callbackNoticeClose")
        self.close_button.clicked.connect(self.dismiss)
        buttons = QHBoxLayout()
        buttons.addWidget(self.dial_button, 1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)  # compact: the dial pad must still fit a 640 px window
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.hide()
        self.retranslate()

    @property
    def current(self) -> Callback | None:
        return self.queue[0] if self.queue else None

    def retranslate(self) -> None:
        self.dial_button.setText(self.tr("今すぐ発信"))
        self.close_button.setText(self.tr("閉じる"))
        self._show_current()

    def add(self, callback: Callback) -> None:
        """Show ``callback`` (after those shown already)."""
        if all(item.id != callback.id for item in self.queue):
            self.queue.append(callback)
        self._show_current()

    def message(self, callback: Callback) -> str:
        when = callback.due_at.astimezone().strftime("%H:%M")
        text = self.tr("{0} に {1} へ電話をかけ直す予定です").format(when, describe(callback))
        if callback.note:
            text += "\n" + self.tr("メモ: {0}").format(callback.note)
        if callback.list_name:
            text += "\n" + self.tr("リスト: {0}").format(callback.list_name)
        return text

    def _show_current(self) -> None:
        item = self.current
        if item is None:
            self.hide()
            return
        overdue = (self._now() - item.due_at).total_seconds() > 60
        if self.property("overdue") != overdue:
            self.setProperty("overdue", overdue)
            self.setStyleSheet(self.styleSheet())
        more = len(self.queue) - 1
        title = self.tr("再架電の時間を過ぎています") if overdue else self.tr("再架電の時間です")
        self.title.setText(title + (self.tr(" (ほか {0} 件)").format(more) if more else ""))
        self.text.setText(self.message(item))
        self.show()

    def dismiss(self) -> None:
        if self.queue:
            self.queue.pop(0)
        self._show_current()

    def _dial(self) -> None:
        item = self.current
        if item is not None:
            self.dismiss()
            self.dial_requested.emit(item.phone, item.list_id or 0)


def tray_message(tray: QSystemTrayIcon | None, notice: CallbackNotice, callback: Callback) -> bool:
    """Say ``callback`` in the system tray's bubble; False when there is no tray to say it."""
    if tray is None or not QSystemTrayIcon.isSystemTrayAvailable():
        return False
    title = QCoreApplication.translate("CallbackNotice", "再架電の時間です")
    tray.showMessage(title, notice.message(callback), QSystemTrayIcon.MessageIcon.Information, 15_000)
    return True
