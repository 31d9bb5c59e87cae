"""The settings dialog's small pages: 通話 (wrap-up) and 表示 (language, layout)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.ui.settings import (
    LANGUAGE,
    START_LAYOUT,
    WRAP_UP,
    WRAP_UP_HAND_DIALLED,
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


class CallsPage(QWidget):
    """通話: the 後処理 (wrap-up) time auto-call leaves after each call, and whether a wrap-up
    (disposition, note, callback) follows calls dialled by hand too. The wrap-up time applies
    when saved, to a run going on too (the main window hands it over on the dialog's ``saved``).

    Calling hours are no longer a setting of this computer: they are part of each list's rules
    in the store (発信ルール, SPEC §9), the same for the whole team and the command line.
    The ring time belongs to the line and is set on the SIP 回線 page.
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
        self.hand_wrap_up = QCheckBox()
        self.hand_wrap_up.setObjectName("handWrapUp")
        self.hand_wrap_up.setChecked(settings.get(WRAP_UP_HAND_DIALLED))
        self.hand_hint = note_label("handWrapUpHint")
        self.note = note_label("callsNote")
        form = QFormLayout()
        form.addRow(self.wrap_up_label, self.wrap_up)
        form.addRow("", self.wrap_up_error)
        form.addRow("", self.wrap_up_hint)
        form.addRow(self.hand_wrap_up)
        form.addRow("", self.hand_hint)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.note)
        self.wrap_up.valueChanged.connect(self._validate)
        self.retranslate()

    def _problem(self) -> str:
        if WRAP_UP.accepts(self.wrap_up.value()):
            return ""
        return self.tr("{0}〜{1} 秒の間で指定してください").format(WRAP_UP.minimum, WRAP_UP.maximum)

    def _validate(self) -> None:
        set_message(self.wrap_up_error, self._problem())

    def validation_messages(self) -> list[str]:
        return [problem for problem in (self._problem(),) if problem]

    def save(self) -> None:
        self.settings.set(WRAP_UP, self.wrap_up.value())
        self.settings.set(WRAP_UP_HAND_DIALLED, self.hand_wrap_up.isChecked())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("通話"))
        self.wrap_up_label.setText(self.tr("後処理の時間"))
        self.wrap_up.setSuffix(self.tr(" 秒"))
        self.wrap_up.setSpecialValueText(self.tr("なし"))
        self.wrap_up_hint.setText(
            self.tr("オートコールで通話が終わってから次の発信までの時間です。結果とメモを入力できます。")
        )
        self.hand_wrap_up.setText(self.tr("手動で発信した通話の後にも後処理 (結果・メモ・再架電予約) を表示する"))
        self.hand_hint.setText(self.tr("オフでも、履歴パネルからメモを追加できます。"))
        self.note.setText(
            self.tr(
                "発信可能時間は、発信先リストごとの「発信ルール」で管理者が設定します (チーム全員に適用)。"
                "呼び出し時間は「SIP 回線」のページで設定します。"
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
