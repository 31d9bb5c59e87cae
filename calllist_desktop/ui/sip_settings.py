"""SIP 回線の設定: the settings dialog's page for the SIP account and its password.

The page edits a :class:`~calllist_desktop.telephony.account.SipAccount` and says what is wrong
while the user types (the account's own ``validate()``, in the UI's language). The password is
kept apart: the field stays empty when one is saved (a placeholder says so), and only a
password the user typed is written — to the system keyring, by :meth:`SipAccountPage.save_password`.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.telephony.account import (
    RING_TIMEOUT_RANGE,
    TRANSPORTS,
    SipAccount,
    SipSettingsError,
    delete_password,
    load_password,
    save_password,
)

# Characters the SIP stack cannot carry in a password (it is sent in a quoted parameter).
_PASSWORD_FORBIDDEN = ('"', "\\")


class SipAccountPage(QWidget):
    """The SIP account's fields, the password, and the problems found in them.

    Signals:
        changed(): the user edited a field (the dialog may enable its save button).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sipAccountPage")
        self._loaded = SipAccount()
        self._has_password = False
        self._password_edited = False

        self.registrar = self._line_edit("sipRegistrar", "sip.example.jp:5060")
        self.user = self._line_edit("sipUser", self.tr("例: 0501234567"))
        self.auth_user = self._line_edit("sipAuthUser", self.tr("ユーザー名と同じ場合は空欄"))
        self.password = self._line_edit("sipPassword", "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.textEdited.connect(self._on_password_edited)
        self.transport = QComboBox()
        self.transport.setObjectName("sipTransport")
        for transport in TRANSPORTS:
            self.transport.addItem(transport.upper(), transport)
        self.transport.currentIndexChanged.connect(self._on_edited)
        self.outbound_proxy = self._line_edit("sipOutboundProxy", self.tr("使わない場合は空欄"))
        self.tls_ca_file = self._line_edit("sipTlsCaFile", self.tr("システムの認証局"))
        self.tls_ca_file.setToolTip(
            self.tr("TLS で信頼する CA 証明書 (PEM) のファイル。自己署名の PBX ならその証明書ファイル。")
        )
        self.tls_verify = QCheckBox(self.tr("TLS サーバー証明書を検証する (推奨)"))
        self.tls_verify.setObjectName("sipTlsVerify")
        self.tls_verify.toggled.connect(self._on_edited)
        self.register = QCheckBox(self.tr("レジストラに登録する (REGISTER)"))
        self.register.setObjectName("sipRegister")
        self.register.toggled.connect(self._on_edited)

        self.dial_template = self._line_edit("sipDialTemplate", "{national}")
        self.dial_template.setToolTip(
            self.tr(
                "{national} = 0312345678、{e164} = +81312345678、{digits} = 81312345678。"
                "@ がなければレジストラ宛てに発信します。"
            )
        )
        self.ring_timeout = QSpinBox()
        self.ring_timeout.setObjectName("sipRingTimeout")
        self.ring_timeout.setRange(int(RING_TIMEOUT_RANGE[0]), int(RING_TIMEOUT_RANGE[1]))
        self.ring_timeout.setSuffix(self.tr(" 秒"))
        self.ring_timeout.valueChanged.connect(self._on_edited)

        self.audio_input = self._line_edit("sipAudioInput", self.tr("システムの既定"))
        self.audio_output = self._line_edit("sipAudioOutput", self.tr("システムの既定"))
        self.bind_address = self._line_edit("sipBindAddress", self.tr("自動"))

        account_box = QGroupBox(self.tr("アカウント"))
        account_form = QFormLayout(account_box)
        account_form.addRow(self.tr("レジストラ (SIP ドメイン)"), self.registrar)
        account_form.addRow(self.tr("ユーザー名"), self.user)
        account_form.addRow(self.tr("認証ユーザー名"), self.auth_user)
        account_form.addRow(self.tr("パスワード"), self.password)
        account_form.addRow(self.tr("トランスポート"), self.transport)
        account_form.addRow(self.tr("アウトバウンドプロキシ"), self.outbound_proxy)
        account_form.addRow(self.tr("CA 証明書ファイル"), self.tls_ca_file)
        account_form.addRow("", self.tls_verify)
        account_form.addRow("", self.register)

        calling_box = QGroupBox(self.tr("発信"))
        calling_form = QFormLayout(calling_box)
        calling_form.addRow(self.tr("発信テンプレート"), self.dial_template)
        calling_form.addRow(self.tr("呼び出し時間"), self.ring_timeout)

        device_box = QGroupBox(self.tr("音声とネットワーク"))
        device_form = QFormLayout(device_box)
        device_form.addRow(self.tr("マイク"), self.audio_input)
        device_form.addRow(self.tr("スピーカー"), self.audio_output)
        device_form.addRow(self.tr("使用するアドレス"), self.bind_address)

        self.problems = QLabel()
        self.problems.setObjectName("sipProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b3261e;")  # the window's colour for failures

        layout = QVBoxLayout(self)
        layout.addWidget(account_box)
        layout.addWidget(calling_box)
        layout.addWidget(device_box)
        layout.addWidget(self.problems)
        layout.addStretch(1)
        self.load(SipAccount(), has_password=False)

    # -- the dialog's interface ------------------------------------------------------------------

    def load(self, account: SipAccount, has_password: bool) -> None:
        """Show ``account``; ``has_password`` says the keyring already holds its password."""
        self._loaded = account
        self._has_password = has_password
        self._password_edited = False
        for widget in self._signalling_widgets():
            widget.blockSignals(True)
        try:
            self.registrar.setText(account.registrar)
            self.user.setText(account.user)
            self.auth_user.setText(account.auth_user)
            self.password.clear()
            index = self.transport.findData(account.transport)
            self.transport.setCurrentIndex(max(index, 0))
            self.outbound_proxy.setText(account.outbound_proxy)
            self.tls_ca_file.setText(account.tls_ca_file)
            self.tls_verify.setChecked(account.tls_verify)
            self.register.setChecked(account.register)
            self.dial_template.setText(account.dial_template)
            self.ring_timeout.setValue(round(account.ring_timeout))
            self.audio_input.setText(account.audio_input)
            self.audio_output.setText(account.audio_output)
            self.bind_address.setText(account.bind_address)
        finally:
            for widget in self._signalling_widgets():
                widget.blockSignals(False)
        self.password.setPlaceholderText(
            self.tr("保存済み（変更するときだけ入力）") if has_password else self.tr("未設定")
        )
        # A blank account is a start, not a mistake: its problems show once the user types.
        self._refresh_problems(quiet=account == SipAccount())

    def account(self) -> SipAccount:
        """The account as the fields now say (without the password)."""
        return SipAccount(
            registrar=self.registrar.text().strip(),
            user=self.user.text().strip(),
            auth_user=self.auth_user.text().strip(),
            transport=str(self.transport.currentData()),
            outbound_proxy=self.outbound_proxy.text().strip(),
            dial_template=self.dial_template.text().strip(),
            ring_timeout=float(self.ring_timeout.value()),
            audio_input=self.audio_input.text().strip(),
            audio_output=self.audio_output.text().strip(),
            register=self.register.isChecked(),
            bind_address=self.bind_address.text().strip(),
            tls_ca_file=self.tls_ca_file.text().strip(),
            tls_verify=self.tls_verify.isChecked(),
        )

    def validation_messages(self) -> list[str]:
        """What must be fixed before saving, one sentence each; empty when all is well."""
        messages = [str(problem) for problem in self.account().validate()]
        if self._password_edited and any(ch in self.password.text() for ch in _PASSWORD_FORBIDDEN):
            messages.append(self.tr('パスワードに " と \\ は使えません'))
        return messages

    @property
    def password_edited(self) -> bool:
        """Whether the user typed a password since :meth:`load` (an empty one removes it)."""
        return self._password_edited

    def save_password(self) -> None:
        """Write the password to the system keyring, if the user typed one.

        When the account's user or registrar changed and no password was typed, the saved
        password moves to the new account. Raises :class:`SipSettingsError` (no keyring, locked).
        """
        account = self.account()
        if self._password_edited:
            save_password(account, self.password.text())
            self._has_password = bool(self.password.text())
        elif self._has_password and account.auth_identity != self._loaded.auth_identity:
            kept = load_password(self._loaded)
            if kept:
                save_password(account, kept)
                delete_password(self._loaded)
        self._loaded = account
        self._password_edited = False
        self.password.clear()
        self.password.setPlaceholderText(
            self.tr("保存済み（変更するときだけ入力）") if self._has_password else self.tr("未設定")
        )

    # -- internals -------------------------------------------------------------------------------

    def _line_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self._on_edited)
        return edit

    def _signalling_widgets(self) -> list[QWidget]:
        return [
            self.registrar, self.user, self.auth_user, self.password, self.transport, self.outbound_proxy,
            self.register, self.dial_template, self.ring_timeout, self.audio_input, self.audio_output,
            self.bind_address, self.tls_ca_file, self.tls_verify,
        ]  # fmt: skip

    def _on_password_edited(self, _text: str) -> None:
        self._password_edited = True

    def _on_edited(self, *_args: object) -> None:
        self._refresh_problems()
        self.changed.emit()

    def _refresh_problems(self, quiet: bool = False) -> None:
        messages = [] if quiet else self.validation_messages()
        self.problems.setText("\n".join(f"• {message}" for message in messages))
        self.problems.setVisible(bool(messages))


__all__ = ["SipAccountPage", "SipSettingsError"]
