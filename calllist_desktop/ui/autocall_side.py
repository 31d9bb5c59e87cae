"""The auto-call parts of the main window, built in one place so the window only plugs them in.

- オートコール開始 / 選択した行からオートコール: which list and targets a run takes (the chosen
  list's targets as shown, not excluded, from the top or the selected row), the question that
  asks first, and the start;
- the auto-call bar under the current call (:class:`~calllist_desktop.ui.autocall_bar.AutoCallBar`),
  made when a run first needs it: its wrap-up, its 再架電予約 for the target just called;
- 一時停止 / スキップ / 停止, the run's progress shown in the bar and the list, its end said in
  the status bar;
- 設定's wrap-up time, applied at once to a run going on.

The run itself is :class:`~calllist_desktop.ui.autocall_controller.AutoCallController`'s (the
engine through the call session, no widgets); this module is the widgets around it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from calllist_desktop.ui.autocall_controller import AutoCallController
from calllist_desktop.ui.call_list_panel import CallListPanel
from calllist_desktop.ui.call_session import CallSession
from calllist_desktop.ui.campaign.callback_dialog import CallbackChoice
from calllist_desktop.ui.phone_panel import PhonePanel
from calllist_desktop.ui.settings import Settings

if TYPE_CHECKING:  # the engine's modules load with the first run; the bar's module with the bar
    from calllist_desktop.core.autocall import AutoCallOptions, Progress
    from calllist_desktop.store.views import TargetView, UserInfo
    from calllist_desktop.ui.autocall_bar import AutoCallBar
    from calllist_desktop.ui.campaign.window_side import CampaignSide


class AutoCallSide(QObject):
    """Starts auto-call runs from the window's list and shows them (see the module's docstring).

    It keeps no reference to the window (its parent): a window closed and deleted is not kept
    alive by its parts.

    Signals:
        changed(): the run started, changed or ended, or a pause was asked for or taken back:
            the window's commands follow it (``MainWindow.update_actions``).
        status_message(object): a ``Callable[[], str]`` for the status bar (it translates when
            called, so the message can be said again in another language).
    """

    changed = Signal()
    status_message = Signal(object)

    def __init__(
        self,
        window: QWidget,
        controller: AutoCallController,
        session: CallSession,
        lists: CallListPanel,
        phone: PhonePanel,
        commands: Mapping[str, QAction],
        user: UserInfo,
        settings: Settings,
        campaign: CampaignSide,
        options: AutoCallOptions | None = None,
    ) -> None:
        super().__init__(window)
        self.controller = controller
        self._session = session
        self._lists = lists
        self._phone = phone
        self._commands = commands
        self._user = user
        self._settings = settings
        self._campaign = campaign
        # ``None``: each run takes the wrap-up saved in 設定 when it starts (and the engine's module
        # loads then, not at start-up).
        self.options = options
        self._bar: AutoCallBar | None = None  # made for the first run (bar)
        self.confirmation: QMessageBox | None = None  # オートコール開始's question, while it is open
        commands["autocall_start"].triggered.connect(lambda: self.ask_to_start(from_selected=False))
        commands["autocall_start_here"].triggered.connect(lambda: self.ask_to_start(from_selected=True))
        commands["autocall_pause"].triggered.connect(self.toggle_pause)
        commands["autocall_skip"].triggered.connect(controller.skip)
        commands["autocall_stop"].triggered.connect(controller.stop)
        controller.progress.connect(self._on_progress)
        controller.run_ended.connect(self._on_ended)
        campaign.dispositions_changed.connect(self._dispositions_changed)

    def _window(self) -> QWidget:
        """The window these parts belong to (their parent)."""
        return self.parent()  # type: ignore[return-value]

    # --- starting a run ------------------------------------------------------------------------

    def ask_to_start(self, *, from_selected: bool) -> None:
        """オートコール開始: say which list and how many targets, and start once the operator agrees.

        The box is opened, not run (tests and the session script answer it through
        :attr:`confirmation`); the targets are the ones counted when it was asked.
        """
        plan = self._plan(from_selected)
        if plan is None:
            return

        list_id, targets, start = plan
        name = self._lists.current_list_name()
        count = len(targets) - start
        if start:
            text = self.tr(
                "発信先リスト「{0}」の {1} 件に、選択した行の {2} からオートコールを開始しますか?"
            ).format(name, count, self.bar.describe(targets[start].phone))
        else:
            text = self.tr("発信先リスト「{0}」の {1} 件にオートコールを開始しますか?").format(name, count)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("オートコール開始"), text, parent=self._window())
        box.setObjectName("autocallConfirm")
        box.setInformativeText(
            self.tr("発信対象外の発信先にはかけません。一時停止・スキップ・停止はいつでもできます。")
        )
        yes = box.addButton(self.tr("開始"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("キャンセル"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)
        box.finished.connect(
            lambda _result: self._confirmed(box.clickedButton() is yes, list_id, targets, start)
        )
        box.finished.connect(box.deleteLater)
        self.confirmation = box
        box.open()

    def _confirmed(self, yes: bool, list_id: int, targets: list[TargetView], start: int) -> None:
        self.confirmation = None
        if yes:
            self._begin(list_id, targets, start)

    def start(self, *, from_selected: bool) -> None:
        """Start auto-call over the chosen list's targets as shown, from the top or the selected
        row, without asking (the screenshot of a run; the commands ask first)."""
        plan = self._plan(from_selected)
        if plan is not None:
            self._begin(*plan)

    def _plan(self, from_selected: bool) -> tuple[int, list[TargetView], int] | None:
        """The list, its targets in view order (not excluded) and where to start; ``None``, with
        a message, when a run cannot start now."""
        if not self._user.autocall_enabled:
            QMessageBox.information(
                self._window(),
                self.tr("オートコール"),
                self.tr("オートコールの権限がありません。管理者に設定を依頼してください。"),
            )
            return None
        if self.controller.running:
            return None
        if self._session.line_taken:  # a call, or a hand dial asked for and not on the line yet
            self.status_message.emit(lambda: self.tr("通話中です。通話が終わってから開始してください。"))
            return None
        list_id = self._lists.list_id
        targets = [row for row in self._lists.targets_in_view_order() if not row.excluded]
        if list_id is None or not targets:
            self.status_message.emit(lambda: self.tr("オートコールできる発信先がありません。"))
            return None
        start = 0
        if from_selected:
            key = self._lists.current_key()
            start = next((index for index, row in enumerate(targets) if row.phone == key), 0)
        return list_id, targets, start

    def _begin(self, list_id: int, targets: list[TargetView], start: int) -> None:
        if self.controller.running or self._session.line_taken:  # something began while the box was open
            return
        self.bar.set_targets(targets)
        options = self.options or self._settings.autocall_options()  # 設定 as it is now
        self.bar.set_wrap_up_seconds(options.wrap_up)
        self.controller.start(list_id, [row.phone for row in targets], start, options, self.bar.typed_wrap_up)
        self.changed.emit()

    # --- the run ----------------------------------------------------------------------------------

    @property
    def bar(self) -> AutoCallBar:
        """The auto-call bar under the current call, made when a run first needs it: it is hidden
        until then, and its module and widgets are start-up work a hidden bar does not need."""
        if self._bar is None:
            from calllist_desktop.ui.autocall_bar import AutoCallBar

            self._bar = AutoCallBar(self._commands)
            self._bar.wrap_up_done.connect(self.controller.finish_wrap_up)
            self._bar.wrap_up_extended.connect(self.controller.set_wrap_up_left)
            self._bar.typed_changed.connect(self.controller.keep_typed_wrap_up)
            self._bar.user = self._user.login
            self._bar.set_dispositions(self._campaign.dispositions)
            self._bar.callback_chosen.connect(self._book_callback)
            self._phone.add_section(self._bar)
        return self._bar

    def toggle_pause(self) -> None:
        self.controller.toggle_pause()
        self.changed.emit()  # the command's checked state follows the run, not the click

    def apply_settings(self) -> None:
        """設定 was saved: the wrap-up time applies at once, to a run going on too (from its next
        wrap-up). Calling hours are the lists' rules in the store now."""
        chosen = self._settings.autocall_options()
        if self._bar is not None:
            self._bar.set_wrap_up_seconds(chosen.wrap_up)
        self.controller.set_wrap_up_time(chosen.wrap_up)

    def retranslate(self) -> None:
        if self._bar is not None:
            self._bar.retranslate()

    def _book_callback(self, choice: object) -> None:
        """再架電予約 in the auto-call wrap-up: for the target just called, in the run's list."""
        progress = self.bar.progress
        phone = progress.current if progress is not None else None
        if phone is not None and isinstance(choice, CallbackChoice):
            self._campaign.book(phone, self._lists.list_id, choice)
        elif phone is not None:
            self._campaign.open_callback_dialog(phone, self._lists.list_id, self.bar.describe(phone))

    def _dispositions_changed(self, names: list[str]) -> None:
        if self._bar is not None:
            self._bar.set_dispositions(names)

    def _on_progress(self, progress: Progress) -> None:
        self.bar.show_progress(progress)
        if progress.current is not None:
            self._lists.select_key(progress.current)
        self.changed.emit()

    def _on_ended(self, _reason: str, _progress: Progress) -> None:
        self.changed.emit()
        self.status_message.emit(lambda: self.tr("オートコールが終了しました。"))
