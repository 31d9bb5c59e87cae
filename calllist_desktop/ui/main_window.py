"""The main window: one set of widgets, two arrangements (コンパクトモード / ワイドモード).

The layout is state, not a program (Anki's ``BrowserLayout``): switching hides or shows the
連絡先 area and swaps the remembered geometry; the phone, the call and the lists stay the same
objects, so a call in progress carries on across a switch.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QWidget,
)

from calllist_desktop import __version__
from calllist_desktop.core.i18n import Language, current_language
from calllist_desktop.core.line import Line
from calllist_desktop.logs import log_directory
from calllist_desktop.store.deferred import DeferredStore, StoreApi
from calllist_desktop.store.first_read import FirstView
from calllist_desktop.store.views import UserInfo
from calllist_desktop.ui.autocall_controller import AutoCallController
from calllist_desktop.ui.call_list_panel import CallListPanel
from calllist_desktop.ui.call_recording import follow_recordings
from calllist_desktop.ui.call_session import CallSession
from calllist_desktop.ui.campaign.callback_dialog import CallbackChoice
from calllist_desktop.ui.phone_panel import PhonePanel
from calllist_desktop.ui.settings import LANGUAGE, LAST_LIST, SHOW_EXCLUDED, LayoutMode, Settings
from calllist_desktop.ui.settings_audio_page import AudioSettingsPage
from calllist_desktop.ui.settings_dialog import SettingsDialog
from calllist_desktop.ui.store_work import StoreWork, store_source
from calllist_desktop.ui.style import PHONE_STYLE, TOOLBAR_STYLE
from calllist_desktop.ui.table.columns import call_state_label
from calllist_desktop.ui.translations import choose_language, install_language

if TYPE_CHECKING:  # the store, the auto-call engine and the manager's side are imported where they are used (a quick start)
    from calllist_desktop.core.autocall import AutoCallOptions, Progress
    from calllist_desktop.core.claims import TargetClaims
    from calllist_desktop.store.views import TargetView
    from calllist_desktop.ui.analytics.panel import AnalyticsPanel
    from calllist_desktop.ui.autocall_bar import AutoCallBar
    from calllist_desktop.ui.live_updates import LiveUpdates
    from calllist_desktop.ui.manage.panel import ManagementPanel
    from calllist_desktop.ui.presence import PresenceReporter

COMPACT_SIZE = (360, 640)
WIDE_SIZE = (1400, 860)
PHONE_WIDTH = 310  # the phone's part of a wide window at first


class MainWindow(QMainWindow):
    """The desktop client's window.

    ``store`` may be a :class:`DeferredStore` not open yet, with ``first_view`` the rows to show
    meanwhile (read with ``store.first_read``); :meth:`store_opened` then lets the window read
    from the store itself (``ui.app`` does both).

    Signals:
        layout_changed(str): the new layout mode value.
        switch_user_requested(): ファイル → ユーザーを切り替え (``ui.app`` asks who, and opens
            a new window for them in this one's place).
    """

    layout_changed = Signal(str)
    switch_user_requested = Signal()
    _said: tuple[Callable[[], str], str] | None = None  # the window's own status message (say) and its text

    def __init__(
        self,
        store: StoreApi,
        line: Line,
        user: UserInfo,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        claims: TargetClaims | None = None,
        autocall_options: AutoCallOptions | None = None,
        first_view: FirstView | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.line = line
        self.user = user
        self.settings = settings
        self.mode = settings.layout
        self.setObjectName("mainWindow")

        # The one way to the store from the window, off the GUI thread (issue 17 item 2).
        self.work = StoreWork(store_source(store), self)
        self.session = CallSession(self.work, line, user.login, self)
        self.recordings = follow_recordings(self.session, self)  # None on a line without our audio path
        self.autocall = AutoCallController(self.session, self.work, claims, user.login, self)
        # ``None``: each run takes the wrap-up saved in 設定 when it starts (and the engine's module
        # loads then, not at start-up).
        self.autocall_options = autocall_options
        self.commands = self._make_actions()
        self.phone = PhonePanel(self.session, self.commands)
        self._autocall_bar: AutoCallBar | None = None  # made for the first run (autocall_bar)
        self.autocall_confirmation: QMessageBox | None = None  # オートコール開始's question, while it is open
        self.autocall.progress.connect(self._on_autocall_progress)
        self.autocall.run_ended.connect(self._on_autocall_ended)
        self.lists = CallListPanel(store, user.login)
        self.lists.show_excluded.setChecked(settings.get(SHOW_EXCLUDED))
        self.lists.show_excluded.toggled.connect(lambda on: settings.set(SHOW_EXCLUDED, on))
        self.lists.list_chooser.currentTextChanged.connect(
            lambda name: settings.set(LAST_LIST, name) if name else None
        )

        # The manager's side (SPEC §4 management view) exists only for admins: an operator's
        # window has neither the tab nor the menu.
        self.management: ManagementPanel | None = None
        self.analytics: AnalyticsPanel | None = None
        if user.is_admin:
            from calllist_desktop.ui.manage.panel import ManagementPanel

            self.management = ManagementPanel(store, user.login, settings=settings)
            self.lists.tabs.addTab(self.management, "")
            self.management.changed.connect(lambda: self.lists.reload_lists())
            self.management.status_message.connect(self.say)
            from calllist_desktop.ui.analytics.panel import AnalyticsPanel  # 分析 (SPEC §10)

            self.analytics = AnalyticsPanel(self.work, settings=settings, team=store.url.startswith("postgres"))
            self.lists.tabs.addTab(self.analytics, "")
            self.analytics.status_message.connect(self.say)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.phone)
        self.splitter.addWidget(self.lists)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

        self._make_menus()
        self._make_toolbar()
        # Callbacks, the dial guard, hand-dialled wrap-ups, the managers' campaign dialogs (SPEC §9).
        from calllist_desktop.ui.campaign.window_side import CampaignSide

        self.campaign = CampaignSide(self)
        self.user_label = QLabel()
        self.store_label = QLabel()
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.store_label)

        self.phone.dial_requested.connect(lambda phone: self._dial_target(phone, 0))
        self.lists.dial_requested.connect(self._dial_target)
        self.session.started.connect(self.lists.refresh_phone)  # its last call is now this one
        self.session.finished.connect(self._on_call_finished)
        self.session.failed.connect(self.say)
        self.session.changed.connect(self._show_call_in_list)
        if self.phone.recent is not None:
            self.phone.recent.redial_requested.connect(self._dial_target)
            self.session.started.connect(lambda _phone: self._reload_recent_calls())
            self.session.call_ended.connect(lambda _ended: self._reload_recent_calls())
            if not isinstance(store, DeferredStore):
                self._reload_recent_calls()

        # The style sheets go on once every widget is in its place: a sheet is worked through again
        # for the whole subtree each time a widget under it moves (into the splitter, the window).
        self.phone.setStyleSheet(PHONE_STYLE)
        self.toolbar.setStyleSheet(TOOLBAR_STYLE)
        self._retranslate_window()  # the panels have their texts from their constructors
        self._restore_state()
        self.apply_layout(self.mode, save_current=False)
        if first_view is not None:
            self.lists.show_first_view(first_view.lists, first_view.list_id, first_view.targets)
        else:
            self.lists.reload_lists(preferred=settings.get(LAST_LIST) or None)
        self.live_updates: LiveUpdates | None = None
        self.presence: PresenceReporter | None = None
        if not isinstance(store, DeferredStore):
            self._start_live_updates(store)
        if self.management is not None:  # a manager's work starts on the management tab
            self.lists.tabs.setCurrentWidget(self.management)

    def store_opened(self) -> None:
        """The deferred store is open: re-read the lists from it (replacing the first view's rows,
        keeping the selection and the scroll position), and follow others' changes from now on."""
        self.lists.reload_lists()
        self._reload_recent_calls()
        if isinstance(self.store, DeferredStore) and self.live_updates is None:
            self._start_live_updates(self.store.open())

    def _start_live_updates(self, store: StoreApi) -> None:
        """Changes by other clients show in the open views (SPEC §7); started once the loop runs."""
        from calllist_desktop.ui.live_updates import LiveUpdates

        self.live_updates = LiveUpdates(store, self)
        self.live_updates.changed.connect(self.lists.apply_changes)
        self.live_updates.changed.connect(self.campaign.apply_changes)
        QTimer.singleShot(0, self.campaign, self.campaign.start)
        if self.management is not None:
            self.live_updates.changed.connect(self.management.apply_changes)
        if self.analytics is not None:
            self.live_updates.changed.connect(self.analytics.apply_changes)
        if store.engine.dialect.name == "postgresql":  # the team board's line of this client (SPEC §10)
            from calllist_desktop.ui.presence import PresenceReporter

            self.presence = PresenceReporter(self.work, self.user.login, self.session, self.autocall, self)
            QTimer.singleShot(0, self.presence, self.presence.start)
        QTimer.singleShot(0, self.live_updates, self.live_updates.start)

    # --- actions, menus, toolbar ---------------------------------------------------------------

    def _make_actions(self) -> dict[str, QAction]:
        def action(name: str, shortcut: str | QKeySequence.StandardKey | None = None, checkable: bool = False) -> QAction:
            item = QAction(self)
            item.setObjectName(name)
            if shortcut is not None:
                item.setShortcut(QKeySequence(shortcut))
            item.setCheckable(checkable)
            self.addAction(item)  # shortcuts work in both layouts, menus or not
            return item

        actions = {
            "dial": action("dial", "Ctrl+Return"),
            "hang_up": action("hang_up", "Ctrl+E"),
            "mute": action("mute", "Ctrl+M", checkable=True),
            "hold": action("hold", "Ctrl+H", checkable=True),
            "focus_number": action("focus_number", "Ctrl+L"),
            "redial": action("redial", "Ctrl+R"),
            "compact": action("compact", "Ctrl+1", checkable=True),
            "wide": action("wide", "Ctrl+2", checkable=True),
            "toggle_layout": action("toggle_layout"),
            "full_screen": action("full_screen", "F11", checkable=True),
            "refresh": action("refresh", QKeySequence.StandardKey.Refresh),
            "find": action("find", QKeySequence.StandardKey.Find),
            "lang_ja": action("lang_ja", checkable=True),
            "lang_en": action("lang_en", checkable=True),
            "quit": action("quit", "Ctrl+Q"),
            "about": action("about"),
            "manage_lists": action("manage_lists", "Ctrl+Shift+L"),
            "add_targets": action("add_targets", "Ctrl+I"),
            "users": action("users", "Ctrl+Shift+U"),
            "autocall_start": action("autocall_start", "Ctrl+Shift+A"),
            "autocall_start_here": action("autocall_start_here", "Ctrl+Shift+R"),
            "autocall_pause": action("autocall_pause", "Ctrl+Shift+P", checkable=True),  # checked: pausing after this call
            "autocall_skip": action("autocall_skip", "Ctrl+Shift+N"),
            "autocall_stop": action("autocall_stop", "Ctrl+Shift+X"),
            "settings": action("settings", "Ctrl+,"),
            "switch_user": action("switch_user"),
            "open_logs": action("open_logs"),
        }
        group = QActionGroup(self)
        for name in ("compact", "wide"):
            group.addAction(actions[name])
        languages = QActionGroup(self)
        for name in ("lang_ja", "lang_en"):
            languages.addAction(actions[name])
        actions["dial"].triggered.connect(self._dial_from_keyboard)
        actions["hang_up"].triggered.connect(self.session.hang_up)
        actions["mute"].toggled.connect(self.session.set_muted)
        actions["hold"].toggled.connect(self.session.set_held)
        actions["focus_number"].triggered.connect(self.phone_focus)
        actions["redial"].triggered.connect(lambda: self.phone.recent.redial() if self.phone.recent else None)
        actions["compact"].triggered.connect(lambda: self.apply_layout(LayoutMode.COMPACT))
        actions["wide"].triggered.connect(lambda: self.apply_layout(LayoutMode.WIDE))
        actions["toggle_layout"].triggered.connect(self.toggle_layout)
        actions["full_screen"].triggered.connect(self.set_full_screen)
        actions["switch_user"].triggered.connect(self.switch_user_requested)
        actions["refresh"].triggered.connect(lambda: self.lists.reload_lists())
        actions["find"].triggered.connect(self._focus_search)
        actions["lang_ja"].triggered.connect(lambda: self.switch_language("ja"))
        actions["lang_en"].triggered.connect(lambda: self.switch_language("en"))
        actions["quit"].triggered.connect(self.close)
        actions["about"].triggered.connect(self._about)
        actions["manage_lists"].triggered.connect(self.show_management)
        actions["add_targets"].triggered.connect(self._add_targets)
        actions["users"].triggered.connect(self.open_users_dialog)
        actions["autocall_start"].triggered.connect(lambda: self.ask_to_start_autocall(from_selected=False))
        actions["autocall_start_here"].triggered.connect(lambda: self.ask_to_start_autocall(from_selected=True))
        actions["autocall_pause"].triggered.connect(self._autocall_toggle_pause)
        actions["autocall_skip"].triggered.connect(self.autocall.skip)
        actions["autocall_stop"].triggered.connect(self.autocall.stop)
        actions["settings"].triggered.connect(self.open_settings_dialog)
        actions["open_logs"].triggered.connect(self.open_log_folder)
        if not self.user.is_admin:
            for name in ("manage_lists", "add_targets", "users"):
                self.removeAction(actions[name])
                actions[name].setEnabled(False)
                actions[name].setVisible(False)
        return actions

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.commands["switch_user"])
        self.file_menu.addAction(self.commands["settings"])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.commands["quit"])
        self.view_menu = bar.addMenu("")
        for name in ("compact", "wide", "toggle_layout", "full_screen"):
            self.view_menu.addAction(self.commands[name])
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.commands["refresh"])
        self.view_menu.addAction(self.commands["find"])
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addAction(self.commands["lang_ja"])
        self.language_menu.addAction(self.commands["lang_en"])
        self.call_menu = bar.addMenu("")
        for name in ("dial", "redial", "hang_up", "mute", "hold", "focus_number"):
            self.call_menu.addAction(self.commands[name])
        self.autocall_menu = bar.addMenu("")
        for name in ("autocall_start", "autocall_start_here", "autocall_pause", "autocall_skip", "autocall_stop"):
            self.autocall_menu.addAction(self.commands[name])
        self.admin_menu = bar.addMenu("")
        for name in ("manage_lists", "add_targets", "users"):
            self.admin_menu.addAction(self.commands[name])
        self.admin_menu.menuAction().setVisible(self.user.is_admin)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.commands["open_logs"])
        self.help_menu.addAction(self.commands["about"])

    def _make_toolbar(self) -> None:
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.commands["compact"])
        self.toolbar.addAction(self.commands["wide"])
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.commands["autocall_start"])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def retranslate(self) -> None:
        """Every text of the window in the current language (after a language change)."""
        self._retranslate_window()
        self.phone.retranslate()
        self.lists.retranslate()
        self.campaign.retranslate()

    def _retranslate_window(self) -> None:
        """The window's own texts: actions, menus, status bar, title."""
        texts = {
            "dial": self.tr("発信"),
            "hang_up": self.tr("切断"),
            "mute": self.tr("ミュート"),
            "hold": self.tr("保留"),
            "focus_number": self.tr("番号入力へ移動"),
            "redial": self.tr("再発信"),
            "compact": self.tr("コンパクトモード"),
            "wide": self.tr("ワイドモード"),
            "toggle_layout": self.tr("モードを切り替え"),
            "full_screen": self.tr("全画面表示"),
            "switch_user": self.tr("ユーザーを切り替え…"),
            "refresh": self.tr("更新"),
            "find": self.tr("検索"),
            "lang_ja": "日本語",
            "lang_en": "English",
            "quit": self.tr("終了"),
            "about": self.tr("CallList Desktop について"),
            "manage_lists": self.tr("発信先リストの管理"),
            "add_targets": self.tr("発信先を追加…"),
            "users": self.tr("ユーザー管理…"),
            "autocall_start": self.tr("オートコール開始"),
            "autocall_start_here": self.tr("選択した行からオートコール"),
            "autocall_pause": self.tr("再開") if self.autocall.paused else self.tr("一時停止"),
            "autocall_skip": self.tr("スキップ"),
            "autocall_stop": self.tr("停止"),
            "settings": self.tr("設定…"),
            "open_logs": self.tr("ログフォルダーを開く"),
        }
        for name, text in texts.items():
            action = self.commands[name]
            action.setText(text)
            action.setIconText(text)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({shortcut})" if shortcut else text)
        # The toolbar's buttons say the short form (the compact window has ~360 pixels for them).
        self.commands["compact"].setIconText(self.tr("コンパクト"))
        self.commands["wide"].setIconText(self.tr("ワイド"))
        if not self.line.can_mute:
            self.commands["mute"].setToolTip(self.tr("この回線ではミュートできません"))
        self.file_menu.setTitle(self.tr("ファイル(&F)"))
        self.view_menu.setTitle(self.tr("表示(&V)"))
        self.language_menu.setTitle(self.tr("言語 / Language"))
        self.call_menu.setTitle(self.tr("通話(&C)"))
        self.help_menu.setTitle(self.tr("ヘルプ(&H)"))
        self.admin_menu.setTitle(self.tr("管理(&A)"))
        self.autocall_menu.setTitle(self.tr("オートコール(&O)"))
        if not self.user.autocall_enabled:
            for name in ("autocall_start", "autocall_start_here"):
                self.commands[name].setToolTip(self.tr("オートコールの権限がありません (管理者が設定します)"))
        self._update_autocall_actions()
        if self._autocall_bar is not None:
            self._autocall_bar.retranslate()
        if self.management is not None:
            self.lists.tabs.setTabText(self.lists.tabs.indexOf(self.management), self.tr("発信先リストの管理"))
        if self.analytics is not None:
            self.lists.tabs.setTabText(self.lists.tabs.indexOf(self.analytics), self.tr("分析"))
        self.commands["lang_ja" if self._language() == "ja" else "lang_en"].setChecked(True)
        self._set_minimum_width()  # the menu bar's width changes with the language
        role = self.tr("管理者") if self.user.is_admin else self.tr("オペレーター")
        self.user_label.setText(self.tr("ログイン中: {0} ({1})").format(self.user.display_name, role))
        self.store_label.setText(self.tr("データ: {0}").format(self._store_name()))
        self._update_title()

    def _language(self) -> str:
        return current_language()

    def _store_name(self) -> str:
        if self.store.url.startswith("sqlite"):  # known without opening a deferred store
            return self.tr("このパソコン (SQLite)")
        url = self.store.engine.url
        return f"{url.host or 'localhost'}/{url.database}"

    def _update_title(self) -> None:
        mode = self.tr("コンパクトモード") if self.mode is LayoutMode.COMPACT else self.tr("ワイドモード")
        demo = self.tr(" — デモ回線") if self.line.is_demo else ""
        self.setWindowTitle(f"CallList Desktop — {self.user.display_name}{demo} ({mode})")

    # --- layout -------------------------------------------------------------------------------

    def apply_layout(self, mode: LayoutMode, *, save_current: bool = True) -> None:
        """Arrange the window as ``mode``, remembering the geometry of the layout it leaves."""
        if save_current and self.isVisible():
            self.settings.save_window_state(f"geometry_{self.mode.value}", self.saveGeometry())
        self.mode = mode
        self.settings.layout = mode
        wide = mode is LayoutMode.WIDE
        self.lists.setVisible(wide)
        self.store_label.setVisible(wide)  # the compact window has room for who is working only
        self.commands["compact" if not wide else "wide"].setChecked(True)
        self.commands["refresh"].setEnabled(wide)
        self.commands["find"].setEnabled(wide)
        # Let the splitter and the window take in the hidden or shown area now (Qt does it on a
        # posted event), or the wide window's minimum width still holds the compact one.
        QApplication.sendPostedEvents(self.splitter, QEvent.Type.LayoutRequest)
        QApplication.sendPostedEvents(self, QEvent.Type.LayoutRequest)
        geometry = self.settings.window_state(f"geometry_{mode.value}")
        self._set_minimum_width()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(self.default_size())
        if not wide:
            self.resize(self.default_size().width(), self.height())
        self.fit_to_screen()
        self.commands["full_screen"].setChecked(self.isFullScreen())  # the layout's geometry ends it
        self._update_title()
        self.layout_changed.emit(mode.value)

    def default_size(self) -> QSize:
        """The size of the layout before the user changes it (the README's pictures are taken
        at it): compact as narrow as the phone, the menu bar and the toolbar allow."""
        if self.mode is LayoutMode.WIDE:
            return QSize(*WIDE_SIZE)
        width = max(COMPACT_SIZE[0], self.minimumWidth(), self.phone.minimumSizeHint().width())
        return QSize(width, COMPACT_SIZE[1])

    def _set_minimum_width(self) -> None:
        """Compact: never narrower than the menu bar and the toolbar, so that no menu (ヘルプ) and
        no button (オートコール開始) hides behind »; wide: what the layout needs."""
        if self.mode is LayoutMode.COMPACT:
            bars = max(self.menuBar().sizeHint().width(), self.toolbar.sizeHint().width())
            self.setMinimumWidth(bars)
        else:
            self.setMinimumWidth(0)

    def fit_to_screen(self) -> None:
        """Keep the whole window inside the available area of its screen.

        A geometry saved on a larger screen or at a smaller scale (a laptop at 125 %, a 1080p
        screen at 200 %) is shrunk and moved in, and so is a default size larger than the
        screen; Qt's own check only moves a window that is off the screen.
        """
        screen = QGuiApplication.screenAt(self.geometry().center()) or self.screen()
        if screen is None:
            return
        available = screen.availableGeometry()
        inner, frame = self.geometry(), self.frameGeometry()
        extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
        size = inner.size().boundedTo(available.size() - extra).expandedTo(self.minimumSize())
        if size != inner.size():
            self.resize(size)
        outer = QRect(frame.topLeft(), size + extra)
        x = max(available.left(), min(outer.left(), available.right() + 1 - outer.width()))
        y = max(available.top(), min(outer.top(), available.bottom() + 1 - outer.height()))
        if (x, y) != (outer.left(), outer.top()):
            self.move(x, y)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_to_screen()  # the window's frame is known now

    def toggle_layout(self) -> None:
        self.apply_layout(LayoutMode.WIDE if self.mode is LayoutMode.COMPACT else LayoutMode.COMPACT)

    def set_full_screen(self, on: bool) -> None:
        """表示 → 全画面表示 (F11): the window fills the screen, in either layout."""
        state, full = self.windowState(), Qt.WindowState.WindowFullScreen
        self.setWindowState(state | full if on else state & ~full)
        self.commands["full_screen"].setChecked(on)

    # --- behaviour -------------------------------------------------------------------------------

    def show_management(self) -> None:
        """Bring the management tab forward (in the wide layout, where lists are browsed)."""
        if self.management is None:
            return
        if self.mode is LayoutMode.COMPACT:
            self.apply_layout(LayoutMode.WIDE)
        self.lists.tabs.setCurrentWidget(self.management)

    def _add_targets(self) -> None:
        if self.management is not None:
            self.show_management()
            self.management.open_import_dialog()

    def open_users_dialog(self) -> None:
        if not self.user.is_admin:
            return
        from calllist_desktop.ui.manage.users_dialog import UsersDialog

        dialog = UsersDialog(self.store, self.user.login, self)
        dialog.users_changed.connect(lambda: self.management.reload() if self.management else None)
        dialog.finished.connect(dialog.deleteLater)
        self.users_dialog = dialog
        dialog.open()

    def open_settings_dialog(self) -> None:
        """設定 (opened, not run modally); a language saved there is switched to at once."""
        dialog = SettingsDialog(self.settings, self)
        with contextlib.suppress(KeyError):  # the team's recording switch, on the 音声 page
            audio_page = dialog.page("audioSettingsPage")
            if isinstance(audio_page, AudioSettingsPage):
                audio_page.offer_team_switch(self.store, self.user.login, self.user.is_admin)
        dialog.language_chosen.connect(lambda language: self.switch_language(language))
        dialog.saved.connect(self._apply_autocall_settings)
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    def open_log_folder(self) -> None:
        """ヘルプ → ログフォルダーを開く: the folder with the (masked) log files, for support."""

        folder = log_directory()
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.say(lambda: self.tr("ログフォルダーを開けませんでした: {0}").format(folder))

    def _dial_target(self, phone: str, list_id: int) -> None:
        """Dial by hand (a row, the pad, redial, a callback): a blocked number is refused, a
        list's target outside its calling hours asks first (``ui.campaign.dial_guard``)."""
        self.campaign.guard.dial(phone, list_id or None, lambda: self.session.dial(phone, list_id=list_id or None))

    def _dial_from_keyboard(self) -> None:
        table = self.lists.table
        if self.mode is LayoutMode.WIDE and table.hasFocus() and table.current_key() and self.lists.list_id:
            self._dial_target(table.current_key() or "", self.lists.list_id)  # the row in hand
        elif self.phone.number.text().strip():
            self.phone.dial_typed()
        elif self.mode is LayoutMode.WIDE:
            key = self.lists.table.current_key()
            if key is not None and self.lists.list_id is not None:
                self._dial_target(key, self.lists.list_id)

    # --- auto-call -----------------------------------------------------------------------------

    def ask_to_start_autocall(self, *, from_selected: bool) -> None:
        """オートコール開始: say which list and how many targets, and start once the operator agrees.

        The box is opened, not run (tests and the session script answer it through
        :attr:`autocall_confirmation`); the targets are the ones counted when it was asked.
        """
        plan = self._autocall_plan(from_selected)
        if plan is None:
            return

        list_id, targets, start = plan
        name = self.lists.list_chooser.currentText()
        count = len(targets) - start
        if start:
            text = self.tr("発信先リスト「{0}」の {1} 件に、選択した行の {2} からオートコールを開始しますか?").format(
                name, count, self.autocall_bar.describe(targets[start].phone)
            )
        else:
            text = self.tr("発信先リスト「{0}」の {1} 件にオートコールを開始しますか?").format(name, count)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("オートコール開始"), text, parent=self)
        box.setObjectName("autocallConfirm")
        box.setInformativeText(self.tr("発信対象外の発信先にはかけません。一時停止・スキップ・停止はいつでもできます。"))
        yes = box.addButton(self.tr("開始"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("キャンセル"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)
        box.finished.connect(lambda _result: self._confirmed(box.clickedButton() is yes, list_id, targets, start))
        box.finished.connect(box.deleteLater)
        self.autocall_confirmation = box
        box.open()

    def _confirmed(self, yes: bool, list_id: int, targets: list[TargetView], start: int) -> None:
        self.autocall_confirmation = None
        if yes:
            self._begin_autocall(list_id, targets, start)

    def start_autocall(self, *, from_selected: bool) -> None:
        """Start auto-call over the chosen list's targets as shown, from the top or the selected
        row, without asking (the screenshot of a run; the actions ask first)."""
        plan = self._autocall_plan(from_selected)
        if plan is not None:
            self._begin_autocall(*plan)

    def _autocall_plan(self, from_selected: bool) -> tuple[int, list[TargetView], int] | None:
        """The list, its targets in view order (not excluded) and where to start; ``None``, with
        a message, when a run cannot start now."""
        if not self.user.autocall_enabled:

            QMessageBox.information(
                self, self.tr("オートコール"), self.tr("オートコールの権限がありません。管理者に設定を依頼してください。")
            )
            return None
        if self.autocall.running:
            return None
        if self.session.busy:
            self.say(lambda: self.tr("通話中です。通話が終わってから開始してください。"))
            return None
        list_id = self.lists.list_id
        targets = [row for row in self.lists.targets_in_view_order() if not row.excluded]
        if list_id is None or not targets:
            self.say(lambda: self.tr("オートコールできる発信先がありません。"))
            return None
        start = 0
        if from_selected:
            key = self.lists.table.current_key()
            start = next((index for index, row in enumerate(targets) if row.phone == key), 0)
        return list_id, targets, start

    def _begin_autocall(self, list_id: int, targets: list[TargetView], start: int) -> None:
        if self.autocall.running or self.session.busy:  # something began while the box was open
            return
        self.autocall_bar.set_targets(targets)
        options = self.autocall_options or self.settings.autocall_options()  # 設定 as it is now
        self.autocall_bar.set_wrap_up_seconds(options.wrap_up)
        self.autocall.start(list_id, [row.phone for row in targets], start, options, self.autocall_bar.typed_wrap_up)
        self._update_autocall_actions()

    def _apply_autocall_settings(self) -> None:
        """設定 was saved: the wrap-up time applies at once, to a run going on too (from its next
        wrap-up). Calling hours are the lists' rules in the store now."""
        chosen = self.settings.autocall_options()
        if self._autocall_bar is not None:
            self._autocall_bar.set_wrap_up_seconds(chosen.wrap_up)
        if self.autocall.running:
            self.autocall.set_wrap_up_time(chosen.wrap_up)

    @property
    def autocall_bar(self) -> AutoCallBar:
        """The auto-call bar under the current call, made when a run first needs it: it is hidden
        until then, and its module and widgets are start-up work a hidden bar does not need."""
        if self._autocall_bar is None:
            from calllist_desktop.ui.autocall_bar import AutoCallBar

            self._autocall_bar = AutoCallBar(self.commands)
            self._autocall_bar.wrap_up_done.connect(self.autocall.finish_wrap_up)
            self._autocall_bar.wrap_up_extended.connect(self.autocall.set_wrap_up_left)
            self._autocall_bar.typed_changed.connect(self.autocall.keep_typed_wrap_up)
            self._autocall_bar.user = self.user.login
            self._autocall_bar.set_dispositions(self.campaign.dispositions)
            self._autocall_bar.callback_chosen.connect(self._book_autocall_callback)
            self.phone.add_section(self._autocall_bar)
        return self._autocall_bar

    def _book_autocall_callback(self, choice: object) -> None:
        """再架電予約 in the auto-call wrap-up: for the target just called, in the run's list."""
        progress = self.autocall_bar.progress
        phone = progress.current if progress is not None else None
        if phone is not None and isinstance(choice, CallbackChoice):
            self.campaign.book(phone, self.lists.list_id, choice)
        elif phone is not None:
            self.campaign.open_callback_dialog(phone, self.lists.list_id, self.autocall_bar.describe(phone))

    def _autocall_toggle_pause(self) -> None:
        self.autocall.toggle_pause()
        self._update_autocall_actions()  # the action's checked state follows the run, not the click

    def _on_autocall_progress(self, progress: Progress) -> None:
        self.autocall_bar.show_progress(progress)
        if progress.current is not None:
            self.lists.table.select_key(progress.current)
        self._update_autocall_actions()

    def _on_autocall_ended(self, _reason: str, _progress: Progress) -> None:
        self._update_autocall_actions()
        self.say(lambda: self.tr("オートコールが終了しました。"))

    def _update_autocall_actions(self) -> None:
        running = self.autocall.running
        allowed = self.user.autocall_enabled
        self.commands["autocall_start"].setEnabled(allowed and not running)
        self.commands["autocall_start_here"].setEnabled(allowed and not running)
        for name in ("autocall_pause", "autocall_skip", "autocall_stop"):
            self.commands[name].setEnabled(running)
        pause = self.commands["autocall_pause"]
        pending = running and self.autocall.pause_pending
        pause.setChecked(pending)
        text = self.tr("再開") if self.autocall.paused else self.tr("一時停止")
        tip = self.tr("この通話の後で一時停止します。もう一度押すと取り消します") if pending else text
        if pause.text() != text:
            pause.setText(text)
        shortcut = pause.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        pause.setToolTip(f"{tip} ({shortcut})")

    def _on_call_finished(self, phone: str, _outcome: str) -> None:
        self.lists.refresh_phone(phone)

    def _show_call_in_list(self) -> None:
        """The table's status cell of the number on the line says what the call card says."""
        call = self.session.current
        self.lists.model.set_call_state(call.phone if call else None, call_state_label(call.shown_state) if call else "")

    def _reload_recent_calls(self) -> None:
        if self.phone.recent is not None:
            self.phone.recent.reload(self.work, self.user.login)

    def phone_focus(self) -> None:
        self.phone.focus_number()

    def _focus_search(self) -> None:
        if self.mode is LayoutMode.WIDE:
            self.lists.search.setFocus()
            self.lists.search.selectAll()

    def switch_language(self, language: Language | str) -> None:
        """Speak ``language`` from now on and at every start; ``""``: the system's (システムに従う)."""
        self.settings.set(LANGUAGE, language)
        app = QApplication.instance()
        if app is not None:
            install_language(app, choose_language(None, language))

    def say(self, message: Callable[[], str], timeout_ms: int = 8000) -> None:
        """Show ``message()`` in the status bar; a language switch while it shows says it again in
        the new language (``message`` translates when called)."""
        self._said = (message, message())
        self.statusBar().showMessage(self._said[1], timeout_ms)

    def _say_again(self) -> None:
        if self._said is not None and self._said[1] and self.statusBar().currentMessage() == self._said[1]:
            self.say(self._said[0])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._say_again()
        elif event.type() == QEvent.Type.WindowStateChange:  # also when the window manager ends it
            self.commands["full_screen"].setChecked(self.isFullScreen())
        super().changeEvent(event)

    def _about(self) -> None:

        QMessageBox.about(
            self,
            self.tr("CallList Desktop について"),
            self.tr("CallList Desktop {0}\n発信先リストとオートコールのためのソフトフォン").format(__version__),
        )

    # --- state -------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        header = self.settings.window_state("operator_table_header")
        if header is not None:
            self.lists.table.restore_header_state(bytes(header.data()))
        splitter = self.settings.window_state("splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            # The phone at a comfortable width (its minimum is less, for small screens); the lists get the rest.
            self.splitter.setSizes([PHONE_WIDTH, WIDE_SIZE[0] - PHONE_WIDTH])

    def save_state(self) -> None:
        self.settings.save_window_state(f"geometry_{self.mode.value}", self.saveGeometry())
        self.settings.save_window_state("operator_table_header", QByteArray(self.lists.table.save_header_state()))
        self.settings.save_window_state("splitter", self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session.busy:

            answer = QMessageBox.question(
                self,
                self.tr("通話中"),
                self.tr("通話中です。電話を切って終了しますか?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.session.hang_up()
        self.autocall.stop()  # a note typed in the wrap-up is saved as the run stops
        self.campaign.stop()
        if self.live_updates is not None:
            self.live_updates.stop()
        if self.presence is not None:
            self.presence.stop()
        self.save_state()
        super().closeEvent(event)
        if event.isAccepted():
            self.work.shutdown()  # the writes asked for (a call's end, the run's claims) are made first
