"""The campaign parts of the main window, built in one place so the window only plugs them in.

- the 再架電予約 tab (:class:`CallbacksView`) and the due-callback notice in the phone
  (:class:`CallbackNotice`), fed by :class:`DueCallbacks`; a tray bubble when the window is in
  the background;
- the dial guard (blocked numbers refused, outside hours asked) for calls dialled by hand;
- the wrap-up of hand-dialled calls (設定 → 通話 says whether it follows them);
- for managers: 発信ルール… (of the list chosen on the management tab), 発信禁止番号… and 結果の種類… in the 管理 menu;
- live updates: callbacks, the do-not-call list and dispositions follow other clients;
- the calling hours this computer once had in 設定, moved into list rules or dropped, once.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from calllist_desktop.core.outcomes import Direction
from calllist_desktop.core.phone import format_national
from calllist_desktop.store.errors import StoreError
from calllist_desktop.ui.campaign.callback_dialog import CallbackChoice, CallbackDialog
from calllist_desktop.ui.campaign.callback_notice import CallbackNotice, DueCallbacks, tray_message
from calllist_desktop.ui.campaign.callbacks_view import CallbacksView
from calllist_desktop.ui.campaign.dial_guard import DialGuard
from calllist_desktop.ui.settings import LAST_LIST, WRAP_UP_HAND_DIALLED, LayoutMode

if TYPE_CHECKING:
    from calllist_desktop.core.campaign_rules import ListRules
    from calllist_desktop.store.campaign_views import CallbackInfo as Callback
    from calllist_desktop.store.campaign_views import DispositionInfo
    from calllist_desktop.store.store import Store
    from calllist_desktop.store.views import UserInfo
    from calllist_desktop.store.watch import Changes
    from calllist_desktop.ui.call_session import ActiveCall, EndedCall
    from calllist_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def caller_name(call: ActiveCall) -> str:
    """会社名 担当者名 of the one on the line, as far as the contacts know them."""
    return " ".join(part for part in (call.company, call.person) if part)


class CampaignSide(QObject):
    """Builds and connects the window's campaign parts (see the module's docstring).

    Signals:
        dispositions_changed(list): the names of the dispositions (結果の種類), read again.
    """

    dispositions_changed = Signal(list)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        user = window.user
        self.dispositions: list[str] = []
        self.guard = DialGuard(window.work, window, now=window.clock)
        # A caller rings in while the operator is asked about calling hours: the session gave
        # them the line; the question closes so that 応答 can be pressed.
        window.session.bridge.incoming.connect(lambda _call_id, _remote: self.guard.withdraw())
        self.callbacks = CallbacksView(window.work, user.login, is_admin=user.is_admin, now=window.clock)
        self.callbacks.dial_requested.connect(window._dial_target)
        self.callbacks.overdue_changed.connect(lambda _count: self.retranslate())
        window.lists.add_tab(self.callbacks, 2)
        self.notice = CallbackNotice(now=window.clock)
        self.notice.dial_requested.connect(window._dial_target)
        window.phone.add_section(self.notice)
        # Compact, or a phone without the height for the card (a small screen, a call and the
        # auto-call bar): the notice folds into a chip beside the line state, so that the dial
        # pad and the recent calls keep their room and the window its size; the chip opens it.
        window.phone.add_to_header(self.notice.chip)
        self.notice.chip.setMaximumHeight(
            window.phone.line_state.sizeHint().height()
        )  # the row keeps its height
        self._fold_notice()
        window.layout_changed.connect(lambda _mode: self._fold_notice())
        window.installEventFilter(self)
        window.phone.installEventFilter(self)
        self.due = DueCallbacks(window.work, user.login, self, now=window.clock)
        self.due.due.connect(self.show_due)
        self.due.looked.connect(self.notice.keep_only)  # one done or removed leaves it; late ones turn red
        self.tray: QSystemTrayIcon | None = None
        self._calls_by_hand: set[int] = set()  # record ids of calls started outside an auto-call run
        self.wrap_up_dialog: object | None = None
        window.session.started.connect(self._call_started)
        window.session.changed.connect(self._call_changed)
        window.session.call_ended.connect(self._call_ended)
        window.lists.callback_chosen.connect(self._callback_from_row)
        # The managers' commands (declared with the window's, in ui.actions: an admin's only).
        window.commands["dnc"].triggered.connect(self.open_dnc_dialog)
        window.commands["dispositions"].triggered.connect(self.open_dispositions_dialog)
        if window.management is not None:  # the rules of the list chosen on the management tab
            window.commands["rules"].triggered.connect(window.management.ask_for_rules)
            window.management.rules_requested.connect(self.open_rules_dialog)
            window.management.callback_chosen.connect(self._callback_from_row)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The window resized, or the phone's parts changed (a call card, the auto-call bar):
        see again whether the notice's card fits."""
        kind = event.type()
        if (kind == QEvent.Type.Resize and watched is self.parent()) or (
            kind == QEvent.Type.LayoutRequest and watched is self.window.phone
        ):
            self._fold_notice()
        return False

    def _fold_notice(self) -> None:
        window = self.window
        folded = window.mode is LayoutMode.COMPACT or not self._card_fits()
        if folded != self.notice.folded:
            self.notice.set_folded(folded)

    def _card_fits(self) -> bool:
        """Whether the phone, with everything it shows now, has the height for the card too.
        The card has no least height (it never makes the window grow: 994 pixels during an
        auto-call run, past a small screen), so the phone's least height is without it."""
        phone, card = self.window.phone, self.notice
        layout = phone.layout()
        # (a shown card's spacing is in the phone's least height already)
        spacing = layout.spacing() if layout is not None and not card.isVisibleTo(phone) else 0
        return (
            phone.minimumSizeHint().height() + card.sizeHint().height() + spacing
            <= self.window.splitter.height()
        )

    @property
    def window(self) -> MainWindow:
        """The window these parts belong to (their parent: no reference of ours keeps it alive)."""
        return self.parent()  # type: ignore[return-value]

    def start(self) -> None:
        """The window is shown: read the callbacks and the vocabulary, and watch the due times."""
        self.callbacks.reload()
        self.due.start()
        self.reload_dispositions()
        self.adopt_old_calling_hours()

    def adopt_old_calling_hours(self) -> None:
        """The calling hours this computer once had in 設定 (SPEC §9: they are list rules now).

        A manager's window moves them into the rules of the lists used here (the lists with this
        user's targets and the one chosen last) that have no rules of their own; any other window
        cannot write rules and drops them. Either way the status bar says so once and the old
        setting goes; a store that cannot be written now leaves it for the next start.
        """
        settings = self.window.settings
        hours = settings.legacy_calling_hours()
        if hours is None:  # never switched on: a time left over says nothing
            settings.forget_legacy_calling_hours()
            return
        shown = f"{hours[0]:%H:%M}-{hours[1]:%H:%M}"
        user = self.window.user
        if not user.is_admin:
            settings.forget_legacy_calling_hours()
            self.window.say(
                lambda: self.tr(
                    "このコンピューターの発信可能時間 ({0}) の設定は廃止されました。"
                    "発信可能時間はリストごとの発信ルールで、管理者が決めます。"
                ).format(shown),
                20_000,
            )
            return
        last_list = settings.get(LAST_LIST)

        def adopt(store: Store) -> list[str]:
            used = {info.id: info.name for info in store.lists(assignee=user.login)}
            used |= {info.id: info.name for info in store.lists() if info.name == last_list}
            return [used[list_id] for list_id in store.adopt_calling_hours(hours, list(used), by=user.login)]

        def done(names: list[str]) -> None:
            settings.forget_legacy_calling_hours()
            if names:
                lists = "、".join(f"「{name}」" for name in names)
                self.window.say(
                    lambda: self.tr(
                        "このコンピューターの発信可能時間 ({0}) を、リスト{1}の発信ルールに移しました。"
                    ).format(shown, lists),
                    20_000,
                )
            else:
                self.window.say(
                    lambda: self.tr(
                        "このコンピューターの発信可能時間 ({0}) の設定は廃止されました。どのリストの発信ルールにも移していません。"
                    ).format(shown),
                    20_000,
                )

        self.window.work.write(
            self, adopt, done, lambda error: log.warning("old calling hours kept for now: %s", error)
        )

    def stop(self) -> None:
        self.due.stop()
        if self.tray is not None:
            self.tray.hide()

    def retranslate(self) -> None:
        overdue = self.callbacks.model.overdue_count()
        title = self.tr("再架電予約")
        self.window.lists.set_tab_text(self.callbacks, f"{title} ({overdue})" if overdue else title)

    # --- live updates ------------------------------------------------------------------------

    def apply_changes(self, changes: Changes) -> None:
        """Other clients' changes: callbacks (a manager's booking reaches the operator at once),
        the vocabulary, notes and calls of the number whose history shows."""
        tables = changes.tables
        if changes.everything or "callbacks" in tables:
            self.reload_callbacks()
        if changes.everything or "dispositions" in tables:
            self.reload_dispositions()
        history = self.window.lists.history
        if history.phone is not None and (
            changes.everything
            or "contact_notes" in tables
            or any(history.phone in phones for phones in changes.phones.values())
        ):
            history.refresh()

    def reload_callbacks(self) -> None:
        self.callbacks.reload()
        self.due.reload()

    def reload_dispositions(self) -> None:
        def done(names: list[str]) -> None:
            self.dispositions = names
            self.dispositions_changed.emit(names)

        self.window.work.read(
            self,
            lambda store: [item.name for item in store.dispositions()],
            done,
            lambda error: log.warning("dispositions: %s", error),
        )

    # --- due callbacks -------------------------------------------------------------------------

    def show_due(self, callback: Callback) -> None:
        """A callback came due: the notice in the phone, and the tray when the window is not in front."""
        self.notice.add(callback)
        window = self.window
        if window.isActiveWindow() and not window.isMinimized():
            return
        if self.tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            icon = window.windowIcon() if not window.windowIcon().isNull() else QIcon.fromTheme("call-start")
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setObjectName("callbackTray")
            self.tray.messageClicked.connect(self._bring_forward)
            self.tray.show()
        tray_message(self.tray, self.notice, callback)
        QApplication.alert(window)  # the taskbar entry asks for attention too

    def _bring_forward(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    # --- hand-dialled calls --------------------------------------------------------------------

    def _call_started(self, phone: str) -> None:
        current = self.window.session.current
        if current is None:
            return
        if current.direction is Direction.INBOUND:  # who is calling: their history beside the list
            self.window.lists.history.show_phone(phone, caller_name(current))
        elif not self.window.autocall.running:
            self._calls_by_hand.add(current.record_id)

    def _call_changed(self) -> None:
        """The caller's contact is looked up off the GUI thread and may come after the call's
        row: the history shown for an incoming call names the caller once it is known."""
        current = self.window.session.current
        if current is not None and current.direction is Direction.INBOUND:
            self.window.lists.history.name_phone(current.phone, caller_name(current))

    def _call_ended(self, ended: EndedCall) -> None:
        if ended.record_id not in self._calls_by_hand:
            return
        self._calls_by_hand.discard(ended.record_id)
        if self.window.settings.get(WRAP_UP_HAND_DIALLED):
            self.open_wrap_up(ended)

    def open_wrap_up(self, ended: EndedCall) -> None:
        from calllist_desktop.ui.campaign.wrap_up_dialog import WrapUpDialog
        from calllist_desktop.ui.table.columns import outcome_label

        window = self.window
        row = window.lists.row_of_key(ended.phone)
        target = self.describe(ended.phone)
        dialog = WrapUpDialog(
            ended.record_id,
            target,
            outcome_label(ended.outcome),
            self.dispositions,
            window.user.login,
            window,
        )
        dialog.wrapped_up.connect(self._save_wrap_up)
        list_id = window.lists.list_id if row is not None else None
        dialog.callback_chosen.connect(lambda choice: self.book(ended.phone, list_id, choice))
        dialog.callback_dialog_wanted.connect(lambda: self.open_callback_dialog(ended.phone, list_id, target))
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _result: self._wrap_up_closed(dialog))
        self.wrap_up_dialog = dialog
        dialog.open()

    def _wrap_up_closed(self, dialog: object) -> None:
        """A closed wrap-up is deleted: forget it (a newer one may be open already)."""
        if self.wrap_up_dialog is dialog:
            self.wrap_up_dialog = None

    def _save_wrap_up(self, record_id: int, disposition: str, note: str) -> None:
        self.window.session.annotate(record_id, disposition or None, note or None)

    # --- callbacks from anywhere ---------------------------------------------------------------

    def book(self, phone: str, list_id: int | None, choice: CallbackChoice) -> None:
        """Book a callback (written off the GUI thread); the status bar says it, or why not."""
        login = self.window.user.login

        def booked(_callback_id: object) -> None:
            when = choice.due_at.astimezone().strftime("%m/%d %H:%M")
            self.window.say(lambda: self.tr("{0} に再架電を予約しました").format(when))
            self.reload_callbacks()

        def refused(error: Exception) -> None:
            if not isinstance(error, StoreError):
                log.error("booking a callback failed", exc_info=error)
            self.window.say(partial(str, error))

        self.window.work.write(
            self,
            lambda store: store.add_callback(
                phone,
                due_at=choice.due_at,
                list_id=list_id,
                to=choice.assignee,
                anyone=choice.assignee is None,
                by=login,
                note=choice.note or None,
            ),
            booked,
            refused,
        )

    def _callback_from_row(self, phone: str, list_id: int, choice: CallbackChoice | None) -> None:
        if choice is not None:
            self.book(phone, list_id or None, choice)
        else:
            self.open_callback_dialog(phone, list_id or None, self.describe(phone))

    def describe(self, phone: str) -> str:
        """会社名 担当者名 (03-1234-5678) of a number in the open list, else the number."""
        row = self.window.lists.row_of_key(phone)
        if row is None and self.window.management is not None:
            row = self.window.management.row_of_key(phone)
        names = " ".join(part for part in (row.company, row.person) if part) if row is not None else ""
        number = format_national(phone)
        return f"{names} ({number})" if names else number

    def open_callback_dialog(self, phone: str, list_id: int | None, target: str) -> None:
        """日時を指定…: the dialog, offering the users (read off the GUI thread) to book for."""

        def no_users(error: Exception) -> None:
            log.warning("users for a callback: %s", error)
            self._show_callback_dialog(phone, list_id, target, [])

        self.window.work.read(
            self,
            lambda store: store.users(),
            lambda users: self._show_callback_dialog(phone, list_id, target, users),
            no_users,
        )

    def _show_callback_dialog(
        self, phone: str, list_id: int | None, target: str, users: list[UserInfo]
    ) -> None:
        dialog = CallbackDialog(target, self.window.user.login, users, self.window)
        dialog.chosen.connect(lambda choice: self.book(phone, list_id, choice))
        dialog.finished.connect(dialog.deleteLater)
        self.callback_dialog = dialog
        dialog.open()

    # --- managers' dialogs ----------------------------------------------------------------------

    def open_dnc_dialog(self) -> None:
        from calllist_desktop.ui.campaign.dnc_dialog import DncDialog

        dialog = DncDialog(self.window.work, self.window.user.login, self.window)
        dialog.changed.connect(self._blocked_numbers_changed)
        dialog.finished.connect(dialog.deleteLater)
        self.dnc_dialog = dialog
        dialog.open()

    def _blocked_numbers_changed(self) -> None:
        self.window.lists.refresh_plans()
        if self.window.management is not None:
            self.window.management.refresh_plans()

    def open_dispositions_dialog(self) -> None:
        from calllist_desktop.ui.campaign.dispositions_dialog import DispositionsDialog

        window = self.window

        def show(loaded: list[DispositionInfo]) -> None:
            dialog = DispositionsDialog(window.work, loaded, window.user.login, window)
            dialog.saved.connect(self.reload_dispositions)
            dialog.finished.connect(dialog.deleteLater)
            self.dispositions_dialog = dialog
            dialog.open()

        window.work.read(self, lambda store: store.dispositions(), show, self._say_failure)

    def open_rules_dialog(self, list_id: int, name: str) -> None:
        from calllist_desktop.ui.campaign.rules_dialog import RulesDialog

        window = self.window

        def show(rules: ListRules) -> None:
            dialog = RulesDialog(window.work, list_id, name, rules, window.user.login, window)
            dialog.saved.connect(lambda _rules: self._rules_saved())
            dialog.finished.connect(dialog.deleteLater)
            self.rules_dialog = dialog
            dialog.open()

        window.work.read(self, lambda store: store.list_rules(list_id), show, self._say_failure)

    def _say_failure(self, error: Exception) -> None:
        """A read for a dialog failed: the status bar says why (a store error in its own words)."""
        if not isinstance(error, StoreError):
            log.error("store work for a campaign dialog failed", exc_info=error)
        self.window.say(partial(str, error))

    def _rules_saved(self) -> None:
        self.window.say(lambda: self.tr("発信ルールを保存しました。次の発信から適用されます。"))
        self.window.lists.refresh_plans()  # next callable times follow the new rules
        if self.window.management is not None:
            self.window.management.refresh_plans()
