"""The window's commands, each declared once: id, text, shortcut, menu, and when it is enabled.

:data:`ACTIONS` is the one table of them; :class:`WindowActions` builds from it the ``QAction``\\ s
(their shortcuts work in both layouts, menus shown or not), the menus (:data:`MENUS`, in the
table's order, a separator where an entry says so) and the toolbar, and sets their texts, tooltips
(which name the shortcut), enabled and checked states from an :class:`ActionState`. What a
command *does* is connected by the part of the window it belongs to (the window, the auto-call
side, the campaign side), by its id.

The texts are translated in the ``MainWindow`` context, where they were written before this table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from calllist_desktop.ui.table.columns import QT_TRANSLATE_NOOP

CONTEXT = "MainWindow"


class Menu(Enum):
    """The window's menus; :data:`MENUS` gives their titles and order."""

    FILE = "file"
    VIEW = "view"
    LANGUAGE = "language"
    CALL = "call"
    AUTOCALL = "autocall"
    ADMIN = "admin"
    HELP = "help"


@dataclass(frozen=True, slots=True)
class MenuSpec:
    """A menu: its title, and the menu it opens from (``None``: the menu bar).

    A submenu goes into its parent where its first entry comes in the table, after a separator
    when ``separated``. An ``admin_only`` menu is hidden from operators."""

    menu: Menu
    title: str
    parent: Menu | None = None
    separated: bool = False
    admin_only: bool = False


MENUS: tuple[MenuSpec, ...] = (
    MenuSpec(Menu.FILE, QT_TRANSLATE_NOOP("MainWindow", "ファイル(&F)")),
    MenuSpec(Menu.VIEW, QT_TRANSLATE_NOOP("MainWindow", "表示(&V)")),
    MenuSpec(
        Menu.LANGUAGE, QT_TRANSLATE_NOOP("MainWindow", "言語 / Language"), parent=Menu.VIEW, separated=True
    ),
    MenuSpec(Menu.CALL, QT_TRANSLATE_NOOP("MainWindow", "通話(&C)")),
    MenuSpec(Menu.AUTOCALL, QT_TRANSLATE_NOOP("MainWindow", "オートコール(&O)")),
    MenuSpec(Menu.ADMIN, QT_TRANSLATE_NOOP("MainWindow", "管理(&A)"), admin_only=True),
    MenuSpec(Menu.HELP, QT_TRANSLATE_NOOP("MainWindow", "ヘルプ(&H)")),
)


@dataclass(frozen=True, slots=True)
class ActionState:
    """What the commands' enabled and checked states, texts and tips follow.

    The window makes one whenever something of it changes (:meth:`MainWindow.update_actions`)."""

    wide: bool = True
    full_screen: bool = False
    language: str = "ja"
    registered: bool = False  # the line can place a call
    in_call: bool = False
    line_taken: bool = False  # a call, or a dial asked for and not on the line yet
    dial_pending: bool = False  # a hand dial asked for and not on the line yet: 切断 cancels it
    talking: bool = False
    muted: bool = False
    held: bool = False
    can_mute: bool = True  # the line can mute (a line without our audio path cannot)
    autocall_allowed: bool = False  # the user may auto-call (set by an admin)
    autocall_running: bool = False
    autocall_paused: bool = False
    pause_pending: bool = False  # a pause asked for during a call: it comes once the call is over
    reconnecting: bool = False  # 回線に再接続 is taking the line down and up again


Condition = Callable[[ActionState], bool]
Shortcut = str | QKeySequence.StandardKey


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One command of the window.

    ``text`` is the Japanese source, translated when shown; ``text_when`` may give another source
    for a state (一時停止 → 再開), ``tip_when`` the tooltip's words instead of the text for a state
    (what a second press does): the tooltip names the shortcut. ``why_not`` says, for a state,
    why the command cannot be used; then the tooltip says only that.
    ``short_text`` is what a toolbar button says, ``toolbar`` puts the command there (a separator
    comes between commands of different menus). A command with ``checked_when`` is checkable;
    ``group`` makes such commands exclusive.
    ``admin_only`` commands are neither in an operator's window nor enabled for them.
    """

    id: str
    text: str
    menu: Menu
    shortcut: Shortcut | None = None
    enabled_when: Condition | None = None
    checked_when: Condition | None = None
    separated: bool = False  # a separator before it in its menu
    toolbar: bool = False
    short_text: str | None = None
    group: str | None = None
    admin_only: bool = False
    text_when: Callable[[ActionState], str] | None = None
    tip_when: Callable[[ActionState], str | None] | None = None
    why_not: Callable[[ActionState], str | None] | None = None


def _can_dial(state: ActionState) -> bool:
    return state.registered and not state.in_call and not state.line_taken


def _autocall_can_start(state: ActionState) -> bool:
    return state.autocall_allowed and not state.autocall_running


def _autocall_running(state: ActionState) -> bool:
    return state.autocall_running


def _wide(state: ActionState) -> bool:
    return state.wide


def _no_autocall_right(state: ActionState) -> str | None:
    return (
        None
        if state.autocall_allowed
        else QT_TRANSLATE_NOOP("MainWindow", "オートコールの権限がありません (管理者が設定します)")
    )


# In menu order. The languages' names are written in their own language and not translated.
ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("switch_user", QT_TRANSLATE_NOOP("MainWindow", "ユーザーを切り替え…"), Menu.FILE),
    ActionSpec("settings", QT_TRANSLATE_NOOP("MainWindow", "設定…"), Menu.FILE, "Ctrl+,"),
    ActionSpec("quit", QT_TRANSLATE_NOOP("MainWindow", "終了"), Menu.FILE, "Ctrl+Q", separated=True),
    ActionSpec(
        "compact",
        QT_TRANSLATE_NOOP("MainWindow", "コンパクトモード"),
        Menu.VIEW,
        "Ctrl+1",
        checked_when=lambda state: not state.wide,
        group="layout",
        toolbar=True,
        short_text=QT_TRANSLATE_NOOP("MainWindow", "コンパクト"),
    ),
    ActionSpec(
        "wide",
        QT_TRANSLATE_NOOP("MainWindow", "ワイドモード"),
        Menu.VIEW,
        "Ctrl+2",
        checked_when=_wide,
        group="layout",
        toolbar=True,
        short_text=QT_TRANSLATE_NOOP("MainWindow", "ワイド"),
    ),
    ActionSpec("toggle_layout", QT_TRANSLATE_NOOP("MainWindow", "モードを切り替え"), Menu.VIEW),
    ActionSpec(
        "full_screen",
        QT_TRANSLATE_NOOP("MainWindow", "全画面表示"),
        Menu.VIEW,
        "F11",
        checked_when=lambda state: state.full_screen,
    ),
    ActionSpec(
        "refresh",
        QT_TRANSLATE_NOOP("MainWindow", "更新"),
        Menu.VIEW,
        QKeySequence.StandardKey.Refresh,
        enabled_when=_wide,
        separated=True,
    ),
    ActionSpec(
        "find",
        QT_TRANSLATE_NOOP("MainWindow", "検索"),
        Menu.VIEW,
        QKeySequence.StandardKey.Find,
        enabled_when=_wide,
    ),
    ActionSpec(
        "lang_ja",
        "日本語",
        Menu.LANGUAGE,
        checked_when=lambda state: state.language == "ja",
        group="language",
    ),
    ActionSpec(
        "lang_en",
        "English",
        Menu.LANGUAGE,
        checked_when=lambda state: state.language != "ja",
        group="language",
    ),
    ActionSpec(
        "dial", QT_TRANSLATE_NOOP("MainWindow", "発信"), Menu.CALL, "Ctrl+Return", enabled_when=_can_dial
    ),
    ActionSpec(
        "redial", QT_TRANSLATE_NOOP("MainWindow", "再発信"), Menu.CALL, "Ctrl+R", enabled_when=_can_dial
    ),
    ActionSpec(
        "hang_up",
        QT_TRANSLATE_NOOP("MainWindow", "切断"),
        Menu.CALL,
        "Ctrl+E",
        enabled_when=lambda state: state.in_call or state.dial_pending,
        tip_when=lambda state: (
            QT_TRANSLATE_NOOP("MainWindow", "発信をやめる") if state.dial_pending else None
        ),
    ),
    ActionSpec(
        "mute",
        QT_TRANSLATE_NOOP("MainWindow", "ミュート"),
        Menu.CALL,
        "Ctrl+M",
        enabled_when=lambda state: state.talking and state.can_mute,
        checked_when=lambda state: state.muted,
        why_not=lambda state: (
            None if state.can_mute else QT_TRANSLATE_NOOP("MainWindow", "この回線ではミュートできません")
        ),
    ),
    ActionSpec(
        "hold",
        QT_TRANSLATE_NOOP("MainWindow", "保留"),
        Menu.CALL,
        "Ctrl+H",
        enabled_when=lambda state: state.talking,
        checked_when=lambda state: state.held,
    ),
    ActionSpec("focus_number", QT_TRANSLATE_NOOP("MainWindow", "番号入力へ移動"), Menu.CALL, "Ctrl+L"),
    ActionSpec(
        "reconnect",
        QT_TRANSLATE_NOOP("MainWindow", "回線に再接続"),
        Menu.CALL,
        enabled_when=lambda state: not (state.line_taken or state.autocall_running or state.reconnecting),
        why_not=lambda state: (
            QT_TRANSLATE_NOOP("MainWindow", "通話中とオートコール中は再接続できません")
            if state.line_taken or state.autocall_running
            else None
        ),
        separated=True,
    ),
    ActionSpec(
        "autocall_start",
        QT_TRANSLATE_NOOP("MainWindow", "オートコール開始"),
        Menu.AUTOCALL,
        "Ctrl+Shift+A",
        enabled_when=_autocall_can_start,
        why_not=_no_autocall_right,
        toolbar=True,
    ),
    ActionSpec(
        "autocall_start_here",
        QT_TRANSLATE_NOOP("MainWindow", "選択した行からオートコール"),
        Menu.AUTOCALL,
        "Ctrl+Shift+R",
        enabled_when=_autocall_can_start,
        why_not=_no_autocall_right,
    ),
    ActionSpec(
        "autocall_pause",
        QT_TRANSLATE_NOOP("MainWindow", "一時停止"),
        Menu.AUTOCALL,
        "Ctrl+Shift+P",
        enabled_when=_autocall_running,
        # Checked while a pause is pending: the run pauses after this call.
        checked_when=lambda state: state.autocall_running and state.pause_pending,
        text_when=lambda state: (
            QT_TRANSLATE_NOOP("MainWindow", "再開")
            if state.autocall_paused
            else QT_TRANSLATE_NOOP("MainWindow", "一時停止")
        ),
        tip_when=lambda state: (
            QT_TRANSLATE_NOOP("MainWindow", "この通話の後で一時停止します。もう一度押すと取り消します")
            if state.autocall_running and state.pause_pending
            else None
        ),
    ),
    ActionSpec(
        "autocall_skip",
        QT_TRANSLATE_NOOP("MainWindow", "スキップ"),
        Menu.AUTOCALL,
        "Ctrl+Shift+N",
        enabled_when=_autocall_running,
    ),
    ActionSpec(
        "autocall_stop",
        QT_TRANSLATE_NOOP("MainWindow", "停止"),
        Menu.AUTOCALL,
        "Ctrl+Shift+X",
        enabled_when=_autocall_running,
    ),
    ActionSpec(
        "manage_lists",
        QT_TRANSLATE_NOOP("MainWindow", "発信先リストの管理"),
        Menu.ADMIN,
        "Ctrl+Shift+L",
        admin_only=True,
    ),
    ActionSpec(
        "add_targets", QT_TRANSLATE_NOOP("MainWindow", "発信先を追加…"), Menu.ADMIN, "Ctrl+I", admin_only=True
    ),
    ActionSpec(
        "users", QT_TRANSLATE_NOOP("MainWindow", "ユーザー管理…"), Menu.ADMIN, "Ctrl+Shift+U", admin_only=True
    ),
    # The campaign's dialogs (ui.campaign.window_side): the rules of the list chosen on the management tab.
    ActionSpec("rules", QT_TRANSLATE_NOOP("MainWindow", "発信ルール…"), Menu.ADMIN, admin_only=True),
    ActionSpec("dnc", QT_TRANSLATE_NOOP("MainWindow", "発信禁止番号…"), Menu.ADMIN, admin_only=True),
    ActionSpec("dispositions", QT_TRANSLATE_NOOP("MainWindow", "結果の種類…"), Menu.ADMIN, admin_only=True),
    ActionSpec("open_logs", QT_TRANSLATE_NOOP("MainWindow", "ログフォルダーを開く"), Menu.HELP),
    ActionSpec("about", QT_TRANSLATE_NOOP("MainWindow", "CallList Desktop について"), Menu.HELP),
)


def translate(source: str) -> str:
    """``source`` in the language of the installed translators (the ``MainWindow`` context)."""
    return QCoreApplication.translate(CONTEXT, source)


class WindowActions(Mapping[str, QAction]):
    """The window's commands built from :data:`ACTIONS`, by id, with the menus and the toolbar.

    An operator's window does not take the ``admin_only`` commands in (their shortcuts do nothing)
    and hides the admin menu; the commands exist, disabled and hidden, so that every part can
    find its own by id.
    """

    def __init__(self, window: QMainWindow, *, admin: bool, specs: tuple[ActionSpec, ...] = ACTIONS) -> None:
        self.specs = specs
        self.admin = admin
        self._actions: dict[str, QAction] = {}
        groups: dict[str, QActionGroup] = {}
        for spec in specs:
            action = QAction(window)
            action.setObjectName(spec.id)
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            action.setCheckable(spec.checked_when is not None)
            if spec.group is not None:
                groups.setdefault(spec.group, QActionGroup(window)).addAction(action)
            if spec.admin_only and not admin:
                action.setEnabled(False)
                action.setVisible(False)
            else:
                window.addAction(action)  # shortcuts work in both layouts, menus or not
            self._actions[spec.id] = action
        self.menus = self._make_menus(window)
        self.toolbar = self._make_toolbar(window)
        self._state: ActionState | None = None

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._actions)

    def __len__(self) -> int:
        return len(self._actions)

    def _make_menus(self, window: QMainWindow) -> dict[Menu, QMenu]:
        bar = window.menuBar()
        menus: dict[Menu, QMenu] = {}
        specs = {spec.menu: spec for spec in MENUS}
        for spec in MENUS:
            if spec.parent is None:
                menus[spec.menu] = bar.addMenu("")
                menus[spec.menu].menuAction().setVisible(self.admin or not spec.admin_only)
        for action_spec in self.specs:
            menu = menus.get(action_spec.menu)
            if menu is None:  # a submenu, opened where its first entry comes
                sub = specs[action_spec.menu]
                assert sub.parent is not None
                parent = menus[sub.parent]
                if sub.separated:
                    parent.addSeparator()
                menu = menus[action_spec.menu] = parent.addMenu("")
            if action_spec.separated:
                menu.addSeparator()
            menu.addAction(self._actions[action_spec.id])
        return menus

    def _make_toolbar(self, window: QMainWindow) -> QToolBar:
        toolbar = QToolBar()
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        previous: Menu | None = None
        for spec in self.specs:
            if not spec.toolbar:
                continue
            if previous is not None and spec.menu is not previous:
                toolbar.addSeparator()
            toolbar.addAction(self._actions[spec.id])
            previous = spec.menu
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        return toolbar

    def retranslate(self) -> None:
        """Every text in the current language: the menus' titles, the commands' texts and tips."""
        for menu_spec in MENUS:
            self.menus[menu_spec.menu].setTitle(translate(menu_spec.title))
        state = self._state or ActionState()
        for spec in self.specs:
            self._show_texts(spec, self._actions[spec.id], state, force=True)

    def update(self, state: ActionState) -> None:
        """Enable, check and word each command as ``state`` wants it.

        Called for every change, also when ``state`` is as before: a click on a checkable
        command checks it, and the state says whether it stays so (一時停止 is checked only
        while a pause is pending)."""
        admin = self.admin
        for spec in self.specs:
            action = self._actions[spec.id]
            if spec.admin_only and not admin:
                continue
            if spec.enabled_when is not None:
                action.setEnabled(spec.enabled_when(state))
            if spec.checked_when is not None:
                action.setChecked(spec.checked_when(state))
            if spec.text_when is not None or spec.tip_when is not None or spec.why_not is not None:
                self._show_texts(spec, action, state, force=False)
        self._state = state

    def _show_texts(self, spec: ActionSpec, action: QAction, state: ActionState, *, force: bool) -> None:
        text = translate(spec.text_when(state) if spec.text_when is not None else spec.text)
        refusal = spec.why_not(state) if spec.why_not is not None else None
        tip = spec.tip_when(state) if spec.tip_when is not None else None
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        words = translate(tip) if tip is not None else text
        if refusal is not None:
            tooltip = translate(refusal)
        else:
            tooltip = f"{words} ({shortcut})" if shortcut else words
        if force or action.text() != text:
            action.setText(text)
            action.setIconText(translate(spec.short_text) if spec.short_text is not None else text)
        if force or action.toolTip() != tooltip:
            action.setToolTip(tooltip)
