"""The settings dialog's SIP 回線 page: the SIP account page, read from and saved to the settings.

``SipAccountPage`` (``ui/sip_settings.py``) edits an account and keeps its password in the system
keyring; this wrapper gives it what the dialog asks of every page: a title, the saved account
(``telephony/account_file.py``, the JSON file the window and ``calllist autocall`` share) loaded
when the dialog opens, and ``save()``, which writes the password first (the step that can fail,
when no keyring is there) and the account after it, so a failure leaves the saved account as it
was.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from calllist_desktop.telephony.account import SipAccount, SipSettingsError, load_password
from calllist_desktop.telephony.account_file import load_account, save_account
from calllist_desktop.ui.settings import Settings
from calllist_desktop.ui.settings_widgets import note_label
from calllist_desktop.ui.sip_settings import SipAccountPage

# With neither of these, there is no SIP account: the program runs on the demo line, and that is
# a valid choice, not a form left half-filled.
_ACCOUNT_FIELDS = ("registrar", "user")

log = logging.getLogger(__name__)


class SipSettingsPage(QWidget):
    """SIP 回線: the account (registrar, user, transport, proxy, dial template, ring time) and password."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sipSettingsPage")
        self.settings = settings
        self.account_page = SipAccountPage()
        account = load_account() or SipAccount()
        try:
            has_password = load_password(account) is not None if account.user and account.registrar else False
        except SipSettingsError as error:  # no keyring: the page says so when a password is typed
            log.info("SIP password not readable: %s", error)
            has_password = False
        self.account_page.load(account, has_password)
        self.hint = note_label("sipHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.account_page)
        self.retranslate()

    def uses_sip(self) -> bool:
        """Whether an account is entered (else the program stays on the demo line)."""
        account = self.account_page.account()
        return any(getattr(account, name).strip() for name in _ACCOUNT_FIELDS)

    def validation_messages(self) -> list[str]:
        if self.uses_sip():
            return self.account_page.validation_messages()
        # No account: only what applies to the demo line too (the ring time) must be right.
        return [str(problem) for problem in self.account_page.account().validate() if problem.field not in _ACCOUNT_FIELDS]

    def save(self) -> None:
        """The password to the keyring (may raise SipSettingsError), then the account to its file."""
        self.account_page.save_password()
        save_account(self.account_page.account())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("SIP 回線"))
        self.hint.setText(
            self.tr("SIP アカウントがなければ空欄のままにしてください。デモ回線で動きます (実際には発信しません)。")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
