"""Before a call dialled by hand (or redialled): refuse a blocked number, and ask outside hours.

A number on the do-not-call list, a premium-rate (0990) or an international number a manager has
not allowed is refused with a message that says why (SPEC §9); the store refuses it too, so this
is the clear message, not the guard. A target dialled from a list outside the list's calling
hours asks first: a person may have agreed to the time, but it should be a decision.
Both boxes are opened, not run (tests and the session script answer them through
:attr:`DialGuard.box`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from calllist_desktop.store.errors import StoreError

if TYPE_CHECKING:
    from calllist_desktop.core.campaign_rules import ListRules
    from calllist_desktop.store.store import Store
    from calllist_desktop.ui.store_work import StoreWork

log = logging.getLogger(__name__)


class DialGuard(QObject):
    """Checks a hand-dialled number before the call; ``proceed`` runs when it may be dialled.

    The store is asked off the GUI thread (``work``); the answer decides on the GUI thread.
    """

    def __init__(
        self, work: StoreWork, parent: QWidget, *, now: Callable[[], datetime] | None = None
    ) -> None:
        super().__init__(parent)
        self.work = work
        self._now = now or (lambda: datetime.now().astimezone())
        self.box: QMessageBox | None = None

    def window(self) -> QWidget:
        return self.parent()  # type: ignore[return-value]

    @staticmethod
    def _check(store: Store, phone: str, list_id: int | None) -> tuple[str | None, ListRules | None]:
        """On a worker: why ``phone`` may not be dialled, in words (``None`` when it may), and the
        rules of ``list_id``; a store error leaves the check to the store's own refusal."""
        try:
            refused = store.dial_refusal(phone)
        except StoreError as exc:
            log.warning("dial check: %s", exc)
            refused = None  # the store refuses the call itself if it must; its error then says why
        rules = None
        if list_id:
            try:
                rules = store.list_rules(list_id)
            except StoreError as exc:
                log.warning("calling hours: %s", exc)
        return (str(refused) if refused is not None else None), rules

    def _outside_hours(self, rules: ListRules | None) -> str | None:
        """The list's calling hours as text when now is outside them; ``None`` when inside (or no list)."""
        if rules is None:
            return None
        from calllist_desktop.core.campaign_rules import is_calling_time

        if is_calling_time(rules, self._now()):
            return None
        return rules.hours_text() or "—"

    def dial(
        self,
        phone: str,
        list_id: int | None,
        proceed: Callable[[], object],
        dropped: Callable[[], object] = lambda: None,
        *,
        wanted: Callable[[], bool] = lambda: True,
    ) -> None:
        """Check ``phone`` in the store, then run ``proceed``, after a yes, or ``dropped`` (a
        refusal, a no: the phone the dial took is free again). ``wanted()`` False when the answer
        comes (the operator cancelled the dial meanwhile): nothing more is said or done."""

        def checked(answer: tuple[str | None, ListRules | None]) -> None:
            if wanted():
                self._decide(answer[0], self._outside_hours(answer[1]), proceed, dropped)

        def unchecked(error: Exception) -> None:  # the store refuses the call itself if it must
            log.warning("dial check: %s", error)
            if wanted():
                proceed()

        self.work.read(self, lambda store: self._check(store, phone, list_id), checked, unchecked)

    def withdraw(self) -> None:
        """The dial asked about will not be made (a caller rang in and took the line): an open
        calling-hours question closes as a no, so the operator can answer the caller."""
        box = self.box
        if box is not None and box.objectName() == "outsideHoursConfirm" and box.isVisible():
            box.reject()

    def _decide(
        self,
        refusal: str | None,
        hours: str | None,
        proceed: Callable[[], object],
        dropped: Callable[[], object],
    ) -> None:
        if refusal is not None:
            dropped()  # (at once: the line is free while the box says why)
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("発信できません"), refusal, parent=self.window())
            box.setObjectName("dialRefused")
            box.finished.connect(box.deleteLater)
            self.box = box
            box.open()
            return
        if hours is None:
            proceed()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("発信可能時間外"),
            self.tr("今はこのリストの発信可能時間 ({0}) の外です。発信しますか?").format(hours),
            parent=self.window(),
        )
        box.setObjectName("outsideHoursConfirm")
        yes = box.addButton(self.tr("発信する"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("キャンセル"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)  # (the operator chose to dial: Enter confirms)

        def answered(_result: int) -> None:
            self.box = None
            if box.clickedButton() is yes:
                proceed()
            else:
                dropped()

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.box = box
        box.open()
