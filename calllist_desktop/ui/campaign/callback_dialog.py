"""再架電予約: when to call a target back, and for whom (SPEC §9 callbacks).

The quick choices (1時間後, 明日 10:00) book the callback for the person choosing them; 日時を指定…
opens :class:`CallbackDialog` for any time, any person (or 誰でも, whoever works the list), and a
note. Neither writes to the store: they say what was chosen (:class:`CallbackChoice`) and the
view that offered them saves it, so the same menu serves the operator's list, the manager's
table and the wrap-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QDateTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.store.views import UserInfo
from calllist_desktop.ui.settings_widgets import SETTINGS_STYLE, field_error, set_message

ANYONE = ""
"""The person of a callback anyone working the list may take."""

TOMORROW_AT = time(10, 0)


class CallbackChoice(NamedTuple):
    """A callback as chosen: when (aware), for whom (a login; ``None``: anyone), and a note."""

    due_at: datetime
    assignee: str | None
    note: str


def in_an_hour(now: datetime) -> datetime:
    return now + timedelta(hours=1)


def tomorrow_morning(now: datetime) -> datetime:
    """明日 10:00 in the computer's time zone."""
    local = now.astimezone()
    return datetime.combine(local.date() + timedelta(days=1), TOMORROW_AT, tzinfo=local.tzinfo)


def _tr(source: str) -> str:
    return QCoreApplication.translate("CallbackMenu", source)


def add_callback_menu(
    menu: QMenu, user: str, chosen: Callable[[CallbackChoice], None], open_dialog: Callable[[], None]
) -> QMenu:
    """Add the 再架電予約 submenu to ``menu``: the quick choices for ``user`` (``chosen`` gets
    them) and 日時を指定… (``open_dialog``)."""
    sub = menu.addMenu(_tr("再架電予約"))
    sub.setObjectName("callbackMenu")
    hour = sub.addAction(_tr("1時間後"))
    hour.setObjectName("callbackInHour")
    hour.triggered.connect(lambda: chosen(CallbackChoice(in_an_hour(datetime.now().astimezone()), user, "")))
    morning = sub.addAction(_tr("明日 10:00"))
    morning.setObjectName("callbackTomorrow")
    morning.triggered.connect(lambda: chosen(CallbackChoice(tomorrow_morning(datetime.now().astimezone()), user, "")))
    sub.addSeparator()
    pick = sub.addAction(_tr("日時を指定…"))
    pick.setObjectName("callbackPick")
    pick.triggered.connect(open_dialog)
    return sub


class CallbackDialog(QDialog):
    """日時を指定…: date and time, the person (自分, anyone on the team, or 誰でも) and a note.

    Signals:
        chosen(object): the :class:`CallbackChoice`, when 予約 is pressed with a time to come.
    """

    chosen = Signal(object)

    def __init__(
        self,
        target: str,
        user: str,
        users: Sequence[UserInfo],
        parent: QWidget | None = None,
        *,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("callbackDialog")
        self.setStyleSheet(SETTINGS_STYLE)
        self.setWindowTitle(self.tr("再架電予約"))
        now = (now or datetime.now()).astimezone()
        self._now = now
        self.target = QLabel(target)
        self.target.setObjectName("callbackTarget")
        self.target.setWordWrap(True)
        self.when = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(int(in_an_hour(now).replace(second=0, microsecond=0).timestamp())))
        self.when.setObjectName("callbackWhen")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setMinimumDateTime(QDateTime.fromSecsSinceEpoch(int(now.replace(second=0, microsecond=0).timestamp())))
        self.who = QComboBox()
        self.who.setObjectName("callbackWho")
        self.who.addItem(self.tr("自分"), user)
        for person in users:
            if person.login != user and person.active:
                self.who.addItem(person.display_name or person.login, person.login)
        self.who.addItem(self.tr("誰でも (このリストの担当者なら誰でも)"), ANYONE)
        self.note = QLineEdit()
        self.note.setObjectName("callbackNote")
        self.note.setPlaceholderText(self.tr("例: 担当者が15時以降なら在席"))
        self.error = field_error("callbackError")
        form = QFormLayout()
        form.addRow(self.tr("発信先"), self.target)
        form.addRow(self.tr("日時"), self.when)
        form.addRow(self.tr("担当"), self.who)
        form.addRow(self.tr("メモ"), self.note)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("予約"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("callbackOk")
        buttons.addButton(self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def choice(self) -> CallbackChoice:
        due = self.when.dateTime().toPython()
        assert isinstance(due, datetime)
        login = self.who.currentData()
        return CallbackChoice(due.astimezone(), login or None, self.note.text().strip())

    def _accept(self) -> None:
        choice = self.choice()
        if choice.due_at <= datetime.now().astimezone() - timedelta(minutes=1):
            set_message(self.error, self.tr("過ぎた日時には予約できません"))
            return
        self.chosen.emit(choice)
        self.accept()


def callback_note_hint(choice: CallbackChoice) -> str:
    """For a status bar: when the callback is (local time)."""
    return choice.due_at.astimezone().strftime("%m/%d %H:%M")


