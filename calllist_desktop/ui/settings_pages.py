"""The settings dialog's small pages: 通話 (wrap-up, calling hours) and 表示 (language, layout)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.ui.settings import (
    CALLING_END,
    CALLING_HOURS,
    CALLING_START,
    LANGUAGE,
    START_LAYOUT,
    WRAP_UP,
    Setting,
    Settings,
)
from calllist_desktop.ui.settings_widgets import field_error, note_label, set_message


def _seconds(setting: Setting[int], name: str) -> QSpinBox:
    """A spin box bounded as the setting is, so it cannot hold a value the setting refuses."""
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(setting.minimum or 0, setting.maximum or 3600)
    box.setAccelerated(True)
    return box


def _time_edit(name: str, minutes: int) -> QTimeEdit:
    edit = QTimeEdit(QTime(minutes // 60, minutes % 60))
    edit.setObjectName(name)
    edit.setDisplayFormat("HH:mm")
    return edit


def _minutes(edit: QTimeEdit) -> int:
    value = edit.time()
    return value.hour() * 60 + value.minute()


class CallsPage(QWidget):
    """通話: the 後処理 (wrap-up) time auto-call leaves after each call, and the calling hours
    outside which auto-call does not start a call (it pauses and says so). Both apply when saved,
    to a run going on too (the main window hands them to it on the dialog's ``saved``).

    The ring time belongs to the line and is set on the SIP 回線 page (the demo line uses it too),
    so the dialog has one ring time, not two.
    """

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callsPage")
        self.settings = settings
        self.wrap_up = _seconds(WRAP_UP, "wrapUp")
        self.wrap_up.setValue(settings.get(WRAP_UP))
        self.wrap_up_error = field_error("wrapUpError")
        self.wrap_up_label = QLabel()
        self.wrap_up_hint = note_label("wrapUpHint")
        self.hours = QCheckBox()
        self.hours.setObjectName("callingHours")
        self.hours.setChecked(settings.get(CALLING_HOURS))
        self.hours_start = _time_edit("callingStart", settings.get(CALLING_START))
        self.hours_end = _time_edit("callingEnd", settings.get(CALLING_END))
        self.hours_to = QLabel()
        self.hours_error = field_error("callingHoursError")
        self.hours_hint = note_label("callingHoursHint")
        self.note = note_label("callsNote")
        hours_row = QHBoxLayout()
        hours_row.addWidget(self.hours_start)
        hours_row.addWidget(self.hours_to)
        hours_row.addWidget(self.hours_end)
        hours_row.addStretch(1)

        form = QFormLayout()
        form.addRow(self.wrap_up_label, self.wrap_up)
        form.addRow("", self.wrap_up_error)
        form.addRow("", self.wrap_up_hint)
        form.addRow(self.hours)
        form.addRow("", hours_row)
        form.addRow("", self.hours_error)
        form.addRow("", self.hours_hint)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.note)
        self.wrap_up.valueChanged.connect(self._validate)
        self.hours.toggled.connect(self._validate)
        self.hours_start.timeChanged.connect(self._validate)
        self.hours_end.timeChanged.connect(self._validate)
        self.retranslate()

    def _problem(self) -> str:
        if WRAP_UP.accepts(self.wrap_up.value()):
            return ""
        return self.tr("{0}〜{1} 秒の間で指定してください").format(WRAP_UP.minimum, WRAP_UP.maximum)

    def _hours_problem(self) -> str:
        if self.hours.isChecked() and _minutes(self.hours_start) == _minutes(self.hours_end):
            return self.tr("開始と終了を別の時刻にしてください")
        return ""

    def _validate(self) -> None:
        set_message(self.wrap_up_error, self._problem())
        for edit in (self.hours_start, self.hours_end):
            edit.setEnabled(self.hours.isChecked())
        set_message(self.hours_error, self._hours_problem())

    def validation_messages(self) -> list[str]:
        return [problem for problem in (self._problem(), self._hours_problem()) if problem]

    def save(self) -> None:
        self.settings.set(WRAP_UP, self.wrap_up.value())
        self.settings.set(CALLING_HOURS, self.hours.isChecked())
        self.settings.set(CALLING_START, _minutes(self.hours_start))
        self.settings.set(CALLING_END, _minutes(self.hours_end))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("通話"))
        self.wrap_up_label.setText(self.tr("後処理の時間"))
        self.wrap_up.setSuffix(self.tr(" 秒"))
        self.wrap_up.setSpecialValueText(self.tr("なし"))
        self.wrap_up_hint.setText(
            self.tr("オートコールで通話が終わってから次の発信までの時間です。結果とメモを入力できます。")
        )
        self.hours.setText(self.tr("オートコールの発信可能時間を決める"))
        self.hours_to.setText(self.tr("〜"))
        self.hours_hint.setText(
            self.tr("この時間の外では、オートコールは次の発信をせずに一時停止します (終了が開始より前なら夜をまたぎます)。")
        )
        self.note.setText(
            self.tr(
                "呼び出し時間は「SIP 回線」のページで設定します。後処理の時間と発信可能時間は保存するとすぐに有効になります"
                " (オートコールの実行中なら次の通話から)。"
            )
        )
        self._validate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class AppearancePage(QWidget):
    """表示: the language (applied at once when saved) and the layout the window opens in."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appearancePage")
        self.settings = settings
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        self.language.addItem("", "")  # システムに従う: the system's language at each start
        self.language.addItem("日本語", "ja")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get(LANGUAGE))))
        self.start_layout = QComboBox()
        self.start_layout.setObjectName("startLayoutChoice")
        for value in START_LAYOUT.choices:
            self.start_layout.addItem("", value)
        self.start_layout.setCurrentIndex(max(0, self.start_layout.findData(settings.get(START_LAYOUT))))
        self.language_label = QLabel()
        self.layout_label = QLabel()
        self.note = note_label("appearanceNote")

        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        form.addRow(self.layout_label, self.start_layout)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.note)
        self.retranslate()

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def validation_messages(self) -> list[str]:
        return []  # both are choices from a list

    def save(self) -> None:
        self.settings.set(LANGUAGE, self.chosen_language())
        self.settings.set(START_LAYOUT, str(self.start_layout.currentData()))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("表示"))
        self.language_label.setText(self.tr("言語 / Language"))
        self.language.setItemText(0, self.tr("システムに従う"))
        self.layout_label.setText(self.tr("起動時のレイアウト"))
        names = {"last": self.tr("前回のまま"), "compact": self.tr("コンパクトモード"), "wide": self.tr("ワイドモード")}
        for index in range(self.start_layout.count()):
            self.start_layout.setItemText(index, names[str(self.start_layout.itemData(index))])
        self.note.setText(self.tr("言語は保存するとすぐに切り替わります。"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
