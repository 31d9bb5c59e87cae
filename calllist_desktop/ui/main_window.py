"""The main window: one set of widgets, two arrangements (コンパクトモード / ワイドモード).

The layout is state, not a program (Anki's ``BrowserLayout``): switching hides or shows the
連絡先 area and swaps the remembered geometry; the phone, the call and the lists stay the same
objects, so a call in progress carries on across a switch.

The window builds its parts and wires them: the call session, the phone, the lists (and a
manager's tabs), the campaign side (``ui.campaign.window_side``), the auto-call side
(``ui.autocall_side``, over ``ui.autocall_controller``); its commands, menus and toolbar are
declared in ``ui.actions`` and follow the window's state (:meth:`MainWindow.update_actions`).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication, QShowEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QSplitter, QWidget

from calllist_desktop import __version__
from calllist_desktop.core.i18n import Language, current_language
from calllist_desktop.core.line import Line, Registration
from calllist_desktop.logs import log_directory
from calllist_desktop.store.deferred import DeferredStore, StoreApi
from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.first_read import FirstView
from calllist_desktop.store.views import UserInfo
from calllist_desktop.ui.actions import ActionState, WindowActions
from calllist_desktop.ui.autocall_controller import AutoCallController
from calllist_desktop.ui.autocall_side import AutoCallSide
from calllist_desktop.ui.call_list_panel import CallListPanel
from calllist_desktop.ui.call_recording import follow_recordings
from calllist_desktop.ui.call_session import CallSession
from calllist_desktop.ui.line_restart import LineRestart
from calllist_desktop.ui.list_controller import local_now
from calllist_desktop.ui.phone_panel import PhonePanel
from calllist_desktop.ui.settings import LANGUAGE, LAST_LIST, SHOW_EXCLUDED, LayoutMode, Settings
from calllist_desktop.ui.settings_audio_page import AudioSettingsPage, TeamSwitch
from calllist_desktop.ui.settings_dialog import SettingsDialog
from calllist_desktop.ui.store_work import StoreWork, store_source
from calllist_desktop.ui.style import PHONE_STYLE, TOOLBAR_STYLE
from calllist_desktop.ui.table.columns import call_state_label
from calllist_desktop.ui.translations import choose_language, install_language

if TYPE_CHECKING:  # the store, the auto-call engine and the manager's side are imported where they are used (a quick start)
    from calllist_desktop.core.autocall import AutoCallOptions
    from calllist_desktop.core.claims import TargetClaims
    from calllist_desktop.ui.analytics.panel import AnalyticsPanel
    from calllist_desktop.ui.live_updates import LiveUpdates
    from calllist_desktop.ui.manage.panel import ManagementPanel
    from calllist_desktop.ui.presence import PresenceReporter


log = logging.getLogger(__name__)

COMPACT_SIZE = (360, 640)
WIDE_SIZE = (1400, 860)
PHONE_WIDTH = 290  # the phone's part of a wide window at first


class MainWindow(QMainWindow):
    """The desktop client's window.

    ``store`` may be a :class:`DeferredStore` not open yet, with ``first_view`` the rows to show
    meanwhile (read with ``store.first_read``); :meth:`store_opened` then lets the window read
    from the store itself (``ui.app`` does both). ``clock`` says what time it is for the lists'
    rules (auto-call, the dial guard, due callbacks); the timers are Qt's whatever it says.

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
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        # The window's clock for the list rules: auto-call's claims, the dial guard's calling
        # hours and the due callbacks ask it what time it is (timers stay Qt's); tests set it.
        self.clock: Callable[[], datetime] = clock or local_now
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
        self.autocall = AutoCallController(
            self.session, self.work, claims, user.login, self, clock=self.clock
        )
        self.commands = WindowActions(self, admin=user.is_admin)  # with the menus and the toolbar
        self.line_restart = LineRestart(line, self)
        self.line_restart.finished.connect(self._line_restarted)
        self.phone = PhonePanel(self.session, self.commands)
        self.lists = CallListPanel(store, user.login, work=self.work, clock=self.clock)
        self.lists.set_show_excluded(settings.get(SHOW_EXCLUDED))
        self.lists.show_excluded_changed.connect(lambda on: settings.set(SHOW_EXCLUDED, on))
        self.lists.list_name_changed.connect(lambda name: settings.set(LAST_LIST, name) if name else None)

        # The manager's side (SPEC §4 management view) exists only for admins: an operator's
        # window has neither the tab nor the menu.
        self.management: ManagementPanel | None = None
        self.analytics: AnalyticsPanel | None = None
        if user.is_admin:
            from calllist_desktop.ui.manage.panel import ManagementPanel

            self.management = ManagementPanel(
                store, user.login, settings=settings, work=self.work, clock=self.clock
            )
            self.lists.add_tab(self.management)
            self.management.changed.connect(lambda: self.lists.reload_lists())
            self.management.status_message.connect(self.say)
            from calllist_desktop.ui.analytics.panel import AnalyticsPanel  # 分析 (SPEC §10)

            self.analytics = AnalyticsPanel(self.work, settings=settings, team=store.url.startswith("postgres"))
            self.lists.add_tab(self.analytics)
            self.analytics.status_message.connect(self.say)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.phone)
        self.splitter.addWidget(self.lists)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

        # Callbacks, the dial guard, hand-dialled wrap-ups, the managers' campaign dialogs (SPEC §9).
        from calllist_desktop.ui.campaign.window_side import CampaignSide

        self.campaign = CampaignSide(self)
        # オートコール: starting a run from the list, its bar, its commands (``autocall_options``
        # ``None``: each run takes the wrap-up saved in 設定 when it starts).
        self.autocall_side = AutoCallSide(
            self, self.autocall, self.session, self.lists, self.phone, self.commands, user, settings, self.campaign,
            autocall_options,
        )  # fmt: skip
        self.autocall_side.status_message.connect(self.say)
        self._connect_commands()
        self.autocall_side.changed.connect(self.update_actions)
        self.session.changed.connect(self.update_actions)
        self.session.bridge.registration_changed.connect(self._on_registration)
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
        self.session.changed.connect(self._pause_recording_for_call)
        if self.phone.recent is not None:
            self.phone.recent.redial_requested.connect(self._dial_target)
            self.session.started.connect(lambda _phone: self._reload_recent_calls())
            self.session.call_ended.connect(lambda _ended: self._reload_recent_calls())
            if not isinstance(store, DeferredStore):
                self._reload_recent_calls()

        # The style sheets go on once every widget is in its place: a sheet is worked through again
        # for the whole subtree each time a widget under it moves (into the splitter, the window).
        self.phone.setStyleSheet(PHONE_STYLE)
        self.commands.toolbar.setStyleSheet(TOOLBAR_STYLE)
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
            self.lists.show_tab(self.management)

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

    # --- commands ----------------------------------------------------------------------------

    def _connect_commands(self) -> None:
        """What the window's own commands do (the auto-call and campaign sides connect theirs)."""
        commands = self.commands
        commands["dial"].triggered.connect(self._dial_from_keyboard)
        commands["hang_up"].triggered.connect(self.session.hang_up)
        commands["mute"].toggled.connect(self.session.set_muted)
        commands["hold"].toggled.connect(self.session.set_held)
        commands["focus_number"].triggered.connect(self.phone_focus)
        commands["reconnect"].triggered.connect(self.reconnect_line)
        commands["redial"].triggered.connect(lambda: self.phone.recent.redial() if self.phone.recent else None)
        commands["compact"].triggered.connect(lambda: self.apply_layout(LayoutMode.COMPACT))
        commands["wide"].triggered.connect(lambda: self.apply_layout(LayoutMode.WIDE))
        commands["toggle_layout"].triggered.connect(self.toggle_layout)
        commands["full_screen"].triggered.connect(self.set_full_screen)
        commands["switch_user"].triggered.connect(self.switch_user_requested)
        commands["refresh"].triggered.connect(lambda: self.lists.reload_lists())
        commands["find"].triggered.connect(self._focus_search)
        commands["lang_ja"].triggered.connect(lambda: self.switch_language("ja"))
        commands["lang_en"].triggered.connect(lambda: self.switch_language("en"))
        commands["quit"].triggered.connect(self.close)
        commands["about"].triggered.connect(self._about)
        commands["manage_lists"].triggered.connect(self.show_management)
        commands["add_targets"].triggered.connect(self._add_targets)
        commands["users"].triggered.connect(self.open_users_dialog)
        commands["settings"].triggered.connect(self.open_settings_dialog)
        commands["open_logs"].triggered.connect(self.open_log_folder)

    def update_actions(self) -> None:
        """The commands' enabled and checked states and changing texts, as the window is now."""
        call = self.session.current
        autocall = self.autocall
        running = autocall.running
        self.commands.update(
            ActionState(
                wide=self.mode is LayoutMode.WIDE,
                full_screen=self.isFullScreen(),
                language=current_language(),
                registered=self.line.registration is Registration.REGISTERED,
                in_call=call is not None,
                line_taken=self.session.line_taken,
                dial_pending=self.session.can_cancel_dial,
                talking=call is not None and call.state == "talking",
                muted=bool(call and call.muted),
                held=bool(call and call.held),
                can_mute=self.line.can_mute,
                autocall_allowed=self.user.autocall_enabled,
                autocall_running=running,
                autocall_paused=running and autocall.paused,
                pause_pending=running and autocall.pause_pending,
                reconnecting=self.line_restart.running,
            )
        )

    def _on_registration(self, _state: str, _detail: str) -> None:
        self.update_actions()  # the line can place calls, or no longer

    def reconnect_line(self) -> None:
        """通話 → 回線に再接続 (also the phone's button under a failed line): stop the line and
        start it again; refused while it is in use (a call, a dial on its way, auto-call)."""
        if self.session.line_taken or self.autocall.running or not self.line_restart.start():
            return
        self.update_actions()

    def _line_restarted(self, problem: str) -> None:
        self.update_actions()
        if problem:
            self.say(lambda: self.tr("回線を開始できません: {0}").format(problem))

    def retranslate(self) -> None:
        """Every text of the window in the current language (after a language change)."""
        self._retranslate_window()
        self.phone.retranslate()
        self.lists.retranslate()
        self.campaign.retranslate()

    def _retranslate_window(self) -> None:
        """The window's own texts: commands, menus, tabs, status bar, title."""
        self.commands.retranslate()
        self.update_actions()
        self.autocall_side.retranslate()
        if self.management is not None:
            self.lists.set_tab_text(self.management, self.tr("発信先リストの管理"))
        if self.analytics is not None:
            self.lists.set_tab_text(self.analytics, self.tr("分析"))
        self._set_minimum_width()  # the menu bar's width changes with the language
        role = self.tr("管理者") if self.user.is_admin else self.tr("オペレーター")
        self.user_label.setText(self.tr("ログイン中: {0} ({1})").format(self.user.display_name, role))
        self.store_label.setText(self.tr("データ: {0}").format(self._store_name()))
        self._update_title()

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
        self.update_actions()  # the layout's geometry ends a full screen
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
            bars = max(self.menuBar().sizeHint().width(), self.commands.toolbar.sizeHint().width())
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
        self.update_actions()

    # --- behaviour -------------------------------------------------------------------------------

    def show_management(self) -> None:
        """Bring the management tab forward (in the wide layout, where lists are browsed)."""
        if self.management is None:
            return
        if self.mode is LayoutMode.COMPACT:
            self.apply_layout(LayoutMode.WIDE)
        self.lists.show_tab(self.management)

    def _add_targets(self) -> None:
        if self.management is not None:
            self.show_management()
            self.management.open_import_dialog()

    def open_users_dialog(self) -> None:
        if not self.user.is_admin:
            return
        from calllist_desktop.ui.manage.users_dialog import UsersDialog

        dialog = UsersDialog(self.work, self.user.login, self)
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
                team = TeamSwitch(self.work, self, self.user.login, self._recording_switch_refused)
                audio_page.offer_team_switch(team, self.user.is_admin)
        dialog.language_chosen.connect(lambda language: self.switch_language(language))
        dialog.saved.connect(self.autocall_side.apply_settings)
        dialog.saved.connect(self._apply_audio_settings)
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    def _apply_audio_settings(self) -> None:
        """設定 → 音声 was saved: the line's audio path takes the devices from its next call, the
        speaker volume and microphone gain at once (a call in progress included)."""
        audio, account = getattr(self.line, "audio", None), getattr(self.line, "account", None)
        if audio is None or account is None or not hasattr(audio, "configure"):
            return  # the demo line, or a line without our audio path
        from calllist_desktop.telephony.lines import our_audio

        audio.configure(our_audio(account))

    def open_log_folder(self) -> None:
        """ヘルプ → ログフォルダーを開く: the folder with the (masked) log files, for support."""

        folder = log_directory()
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.say(lambda: self.tr("ログフォルダーを開けませんでした: {0}").format(folder))

    def _dial_target(self, phone: str, list_id: int) -> None:
        """Dial by hand (a row, the pad, redial, a callback): a blocked number is refused, a
        list's target outside its calling hours asks first (``ui.campaign.dial_guard``).

        The phone is taken from this moment (not only once the call's row is written): a second
        press of 発信 while the number is checked and its row written is refused, and 切断 then
        cancels the dial (the guard's answer and the row's write find it gone)."""
        ask = self.session.take_line(phone)
        if ask is None:
            return
        self.campaign.guard.dial(
            phone,
            list_id or None,
            lambda: self.session.dial(phone, list_id=list_id or None, ask=ask),
            lambda: self.session.free_line(ask),
            wanted=lambda: self.session.is_asked(ask),
        )

    def _dial_from_keyboard(self) -> None:
        in_hand = self.lists.key_in_hand()
        if self.mode is LayoutMode.WIDE and in_hand and self.lists.list_id:
            self._dial_target(in_hand, self.lists.list_id)  # the row in hand
        elif self.phone.number.text().strip():
            self.phone.dial_typed()
        elif self.mode is LayoutMode.WIDE:
            key = self.lists.current_key()
            if key is not None and self.lists.list_id is not None:
                self._dial_target(key, self.lists.list_id)

    def _on_call_finished(self, phone: str, _outcome: str) -> None:
        self.lists.refresh_phone(phone)

    def _show_call_in_list(self) -> None:
        """The table's status cell of the number on the line (or about to be: 発信準備中…) says
        what the call card says."""
        call = self.session.current
        if call is None and self.session.dialling is not None:
            self.lists.show_call_state(self.session.dialling, call_state_label("preparing"))
            return
        self.lists.show_call_state(call.phone if call else None, call_state_label(call.shown_state) if call else "")

    def _pause_recording_for_call(self) -> None:
        """A recording playing from the history pauses when a call rings or is placed: the
        operator hears the caller and the ringtone, not the old call over them."""
        if self.session.busy:
            self.lists.history.recording.pause()

    def _reload_recent_calls(self) -> None:
        if self.phone.recent is not None:
            self.phone.recent.reload(self.work, self.user.login)

    def phone_focus(self) -> None:
        self.phone.focus_number()

    def _focus_search(self) -> None:
        if self.mode is LayoutMode.WIDE:
            self.lists.focus_search()

    def switch_language(self, language: Language | str) -> None:
        """Speak ``language`` from now on and at every start; ``""``: the system's (システムに従う)."""
        self.settings.set(LANGUAGE, language)
        app = QApplication.instance()
        if app is not None:
            install_language(app, choose_language(None, language))
            self.line.set_language(current_language())  # the phone process words its reasons anew

    def _recording_switch_refused(self, error: Exception) -> None:
        """設定 saved the team's recording switch and the store refused it (the dialog has closed)."""
        if not isinstance(error, StoreError):
            log.error("saving the recording switch failed", exc_info=error)
        self.say(lambda: str(error))

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
            self.update_actions()
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
            self.lists.restore_header_state(bytes(header.data()))
        self.lists.body.restore_state(self.settings.window_state("history_panel"))
        splitter = self.settings.window_state("splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            # The phone at a comfortable width (its minimum is less, for small screens); the lists get the rest.
            self.splitter.setSizes([PHONE_WIDTH, WIDE_SIZE[0] - PHONE_WIDTH])

    def save_state(self) -> None:
        self.settings.save_window_state(f"geometry_{self.mode.value}", self.saveGeometry())
        self.settings.save_window_state("operator_table_header", QByteArray(self.lists.header_state()))
        self.settings.save_window_state("splitter", self.splitter.saveState())
        self.settings.save_window_state("history_panel", self.lists.body.save_state())
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
        self.session.cancel_dial()  # a dial asked for and not on the line yet is not made
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
