"""The notice of a callback that is due, for the person it is for (SPEC §9).

:class:`DueCallbacks` watches this user's callbacks (theirs and those anyone may take): it reads
them when told the store changed (live updates, so a callback a manager books reaches the
operator without a restart) and on a timer, and says each one once when its time comes.
:class:`CallbackNotice` is the card the phone shows: who to call and when, with 発信 and 閉じる.
In the compact window, where the dial pad and the recent calls take every pixel, the card folds
into a chip beside the line state (再架電 16:15) that opens it. When the window is in the
background the system tray says it too (:func:`tray_message`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSize, QTimer, Signal
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
CHIP_STYLE = """
#callbackChip { background: #fff4d6; border: 1px solid #d18f00; border-radius: 9px; padding: 0px 10px;
    color: #7a5200; font-weight: 600; }
#callbackChip[overdue="true"] { background: #fde8e6; border-color: #b3261e; color: #b3261e; }
#callbackChip:checked { background: #f6d58a; }
#callbackChip[overdue="true"]:checked { background: #f6c4be; }
"""


def names_of(callback: Callback) -> str:
    """会社名 担当者名 of the callback's number ("" when its contact has none)."""
    return " ".join(part for part in (callback.company, callback.person) if part)


class DueCallbacks(QObject):
    """Says when a callback for ``user`` (or for anyone) comes due, once each.

    Signals:
        due(object): a :class:`Callback` whose time has come (or had come when the client started).
        looked(object): the ids of this user's open callbacks, each time they are looked at
            (after each read and on the timer): one answered, removed or given to someone else
            is no longer among them, and one shown may have become overdue since.
    """

    due = Signal(object)
    looked = Signal(object)

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
        self.looked.emit(held)

    def _failed(self, error: Exception) -> None:
        log.warning("due callbacks: %s", error)


class CallbackNotice(QFrame):
    """再架電の時間です: the callback that came due, with 発信 and 閉じる. Several due at once
    are shown one after the other (閉じる shows the next).

    Folded (:meth:`set_folded`, the compact window) the card shows only while its :attr:`chip`
    is pressed; the chip, which the phone puts beside the line state, shows while a callback is
    due, with its time and how many more wait.

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
        self.folded = False
        self.chip = QPushButton()
        self.chip.setObjectName("callbackChip")
        self.chip.setCheckable(True)
        self.chip.setStyleSheet(CHIP_STYLE)
        self.chip.toggled.connect(lambda _on: self._show_current())
        self.chip.hide()
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

    def minimumSizeHint(self) -> QSize:
        """No least height of its own: the card never makes the window taller than the user
        made it (the phone folds it into its chip when it lacks the room, see ``CampaignSide``)."""
        return QSize(super().minimumSizeHint().width(), 0)

    @property
    def current(self) -> Callback | None:
        return self.queue[0] if self.queue else None

    def retranslate(self) -> None:
        self.dial_button.setText(self.tr("今すぐ発信"))
        self.close_button.setText(self.tr("閉じる"))
        self._show_current()

    def set_folded(self, folded: bool) -> None:
        """Fold the card into its chip (the compact window) or show it whole (the wide one)."""
        self.folded = folded
        self.chip.setChecked(False)
        self._show_current()

    def add(self, callback: Callback) -> None:
        """Show ``callback`` (after those shown already)."""
        if all(item.id != callback.id for item in self.queue):
            self.queue.append(callback)
        self._show_current()

    def message(self, callback: Callback) -> str:
        """Who first, on a line of its own (a name broken over two lines is hard to read at a
        glance), then the number and the time, the note and the list."""
        when = callback.due_at.astimezone().strftime("%H:%M")
        names = names_of(callback)
        plan = self.tr("{0} · {1} にかけ直す予定").format(format_national(callback.phone), when)
        text = f"{names}\n{plan}" if names else plan
        if callback.note:
            text += "\n" + self.tr("メモ: {0}").format(callback.note)
        if callback.list_name:
            text += "\n" + self.tr("リスト: {0}").format(callback.list_name)
        return text

    def _show_current(self) -> None:
        item = self.current
        if item is None:
            self.hide()
            self.chip.hide()
            self.chip.setChecked(False)
            return
        overdue = (self._now() - item.due_at).total_seconds() > 60
        for widget in (self, self.chip):
            if widget.property("overdue") != overdue:
                widget.setProperty("overdue", overdue)
                widget.setStyleSheet(widget.styleSheet())
        more = len(self.queue) - 1
        title = self.tr("再架電の時間を過ぎています") if overdue else self.tr("再架電の時間です")
        self.title.setText(title + (self.tr(" (ほか {0} 件)").format(more) if more else ""))
        self.text.setText(self.message(item))
        chip = self.tr("再架電 {0}").format(item.due_at.astimezone().strftime("%H:%M")) + " ▾"
        self.chip.setText(f"{chip} +{more}" if more else chip)
        self.chip.setToolTip(f"{self.title.text()}\n{self.message(item)}")
        self.chip.setVisible(self.folded)
        self.setVisible(not self.folded or self.chip.isChecked())

    def keep_only(self, open_ids: set[int]) -> None:
        """Drop the callbacks no longer open (answered by a call, removed, or for someone else
        now), and show the current one as it is now (overdue, perhaps, since it was shown)."""
        self.queue = [item for item in self.queue if item.id in open_ids]
        self._show_current()

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
