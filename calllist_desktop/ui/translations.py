"""The program's language: Japanese (the source language of every string) or English.

English comes from Qt's own translation tools: ``resources/translations/calllist_en.ts`` is the
source (``make translations`` extracts and compiles it), ``calllist_desktop/ui/i18n/*.qm`` the
compiled catalogue shipped with the package. Qt's own dialogs (OK, Cancel) use Qt's catalogues.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from calllist_desktop.core.i18n import Language, set_language

CATALOGUES = Path(__file__).parent / "i18n"
LANGUAGES: tuple[Language, ...] = ("ja", "en")

_installed: list[QTranslator] = []


def system_language() -> Language:
    """Japanese on a Japanese system, English elsewhere."""
    return "ja" if QLocale.system().language() == QLocale.Language.Japanese else "en"


def choose_language(requested: str | None, saved: str | None) -> Language:
    """``--lang`` first, then the saved setting, then the system locale."""
    for candidate in (requested, saved):
        if candidate in LANGUAGES:
            return candidate  # type: ignore[return-value]
    return system_language()


def install_language(app: QCoreApplication, language: Language) -> None:
    """Load the catalogues for ``language`` (none are needed for Japanese, the source language)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    set_language(language)  # messages made below the UI (import errors, store errors)
    QLocale.setDefault(QLocale(QLocale.Language.Japanese if language == "ja" else QLocale.Language.English))
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", qt_translations):
        app.installTranslator(qt)
        _installed.append(qt)
    if language != "ja":
        own = QTranslator(app)
        if own.load(str(CATALOGUES / f"calllist_{language}.qm")):
            app.installTranslator(own)
            _installed.append(own)
