"""設定 (Ctrl+,): one dialog with a page for each part of the program's settings.

Each page is a ``QWidget`` that reads its values from :class:`Settings`, shows what is wrong next
to the field, and offers :meth:`SettingsPage.validation_messages` and :meth:`SettingsPage.save`;
its ``windowTitle`` names it in the list on the left. The dialog saves only when no page has a
problem, so a half-valid set of settings is never written.

Pages are made by the factories in :func:`page_factories`, each called with the :class:`Settings`;
a new page is one entry there (the SIP account page joined that way, through the small adapter in
``settings_sip_page.py`` that loads and saves its account).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Protocol, cast

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.ui.settings import LANGUAGE, Settings
from calllist_desktop.ui.settings_widgets import SETTINGS_STYLE, set_message

log = logging.getLogger(__name__)


class SettingsPage(Protocol):
    """What the dialog asks of a page (besides being a ``QWidget`` whose windowTitle names it)."""

    def validation_messages(self) -> list[str]:
        """What keeps the page from being saved, one sentence each; empty when it can be saved."""
        ...

    def save(self) -> None:
        """Write the page's values (called only when no page has a problem)."""
        ...


PageFactory = Callable[[Settings], QWidget]


def page_factories() -> list[PageFactory]:
    """The pages, in the order shown. Imported here so the dialog's module loads no page it lacks."""
    from calllist_desktop.ui.settings_audio_page import AudioSettingsPage
    from calllist_desktop.ui.settings_pages import AppearancePage, CallsPage
    from calllist_desktop.ui.settings_sip_page import SipSettingsPage
    from calllist_desktop.ui.settings_store_page import StorePage

    return [StorePage, SipSettingsPage, AudioSettingsPage, CallsPage, AppearancePage]


class SettingsDialog(QDialog):
    """The program's settings, page by page; 保存 writes them all or, with a problem, none.

    Signals:
        saved(): every page was saved.
        language_chosen(str): a language ("ja", "en", or "" for the system's) other than the
            one saved before was saved; the window switches to it at once.
    """

    saved = Signal()
    language_chosen = Signal(str)

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        factories: Sequence[PageFactory] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setStyleSheet(SETTINGS_STYLE)
        self.resize(720, 460)
        self.settings = settings
        self.page_list = QListWidget()
        self.page_list.setObjectName("settingsPages")
        self.page_list.setFixedWidth(170)
        self.stack = QStackedWidget()
        self.pages: list[QWidget] = []
        for factory in factories if factories is not None else page_factories():
            self.add_page(factory(settings))
        self.page_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.page_list.setCurrentRow(0)

        self.problems = QLabel()
        self.problems.setObjectName("settingsProblems")
        self.problems.setWordWrap(True)
        self.problems.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.retranslate()

    def add_page(self, page: QWidget) -> None:
        """Show ``page`` in the list (under its windowTitle, kept up to date) and the stack."""
        item = QListWidgetItem(page.windowTitle())
        self.page_list.addItem(item)
        self.stack.addWidget(page)
        self.pages.append(page)
        page.windowTitleChanged.connect(item.setText)

    def page(self, name: str) -> QWidget:
        """The page with the object name ``name`` (tests and the window reach pages by it)."""
        for page in self.pages:
            if page.objectName() == name:
                return page
        raise KeyError(name)

    def problems_by_page(self) -> list[tuple[int, list[str]]]:
        """Every page's validation problems, with its position; pages without problems left out."""
        found = []
        for index, page in enumerate(self.pages):
            messages = cast(SettingsPage, page).validation_messages()
            if messages:
                found.append((index, messages))
        return found

    def save(self) -> None:
        """Save every page if none has a problem; else show the first page with one, and what."""
        problems = self.problems_by_page()
        if problems:
            index, _messages = problems[0]
            self.page_list.setCurrentRow(index)
            lines = [f"{self.pages[i].windowTitle()}: {message}" for i, messages in problems for message in messages]
            set_message(self.problems, self.tr("保存できません。入力内容を確認してください。") + "\n" + "\n".join(lines))
            return
        language_before = self.settings.get(LANGUAGE)  # "" until a language is chosen: the system's
        try:
            for page in self.pages:
                cast(SettingsPage, page).save()
            self.settings.sync()
        except Exception as error:  # noqa: BLE001 - a page's bug must not cost the user the dialog
            log.exception("saving the settings failed")
            set_message(self.problems, self.tr("設定を保存できませんでした: {0}").format(error))
            return
        self.saved.emit()
        language = self.settings.get(LANGUAGE)
        if language != language_before:
            self.language_chosen.emit(language)
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("設定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        set_message(self.problems, "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
