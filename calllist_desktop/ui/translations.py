"""The program's language: Japanese (the source language of every string) or English.

English comes from Qt's own translation tools: ``resources/translations/calllist_en.ts`` is the
source (``make translations`` extracts and compiles it), ``calllist_desktop/ui/i18n/*.qm`` the
compiled catalogue shipped with the package. Qt's own dialogs (OK, Cancel, the file dialog) use
Qt's catalogues (``qtbase_ja.qm`` from PySide6), and in Japanese also ``qtbase_extra_ja.qm`` for
the few strings Qt's own lacks (``resources/translations/qtbase_extra_ja.ts``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from calllist_desktop.core.i18n import Language, set_language

CATALOGUES = Path(__file__).parent / "i18n"
LANGUAGES: tuple[Language, ...] = ("ja", "en")

_installed: list[QTranslator] = []


def system_language() -> Language:
    """Japanese, the program's own language, unless the system's locale is one of the other
    languages it speaks (English): a bare ``C.UTF-8`` or a French desktop gets Japanese."""
    return "en" if QLocale.system().language() == QLocale.Language.English else "ja"


def choose_language(requested: str | None, saved: str | None) -> Language:
    """``--lang`` first, then the saved setting, then the system locale (``""`` saved: システムに従う)."""
    for candidate in (requested, saved):
        if candidate in LANGUAGES:
            return candidate
    return system_language()


def install_language(app: QCoreApplication, language: Language) -> None:
    """Load the catalogues for ``language`` (none are needed for Japanese, the source language)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    set_language(language)  # messages made below the UI (import errors, store errors)
    QLocale.setDefault(QLocale(QLocale.Language.Japanese if language == "ja" else QLocale.Language.English))
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    catalogues = [(f"qtbase_{language}", qt_translations)]
    if language == "ja":  # Qt's own strings its Japanese catalogue lacks (file dialogs)
        catalogues.append(("qtbase_extra_ja", str(CATALOGUES)))
    else:
        catalogues.append((f"calllist_{language}", str(CATALOGUES)))
    for name, folder in catalogues:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
