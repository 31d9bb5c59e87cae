"""Which language the plain-Python layers speak (Japanese first, English second).

The desktop client translates its own widgets with Qt's tools; messages made below the UI
(import errors, CLI errors) come from the small catalogues in ``core.messages`` and use the
language chosen here.
"""

from __future__ import annotations

import os
from typing import Literal

Language = Literal["ja", "en"]
LANGUAGES: tuple[Language, ...] = ("ja", "en")

_current: Language | None = None


def language_from_environment() -> Language:
    """``CALLLIST_LANG`` if set, else English when the locale is English, else Japanese (the
    program's own language: a bare ``C.UTF-8`` or an unset locale gets Japanese)."""
    explicit = os.environ.get("CALLLIST_LANG", "").strip().lower()
    if explicit in LANGUAGES:
        return explicit
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "en" if value.lower().startswith("en") else "ja"
    return "ja"


def current_language() -> Language:
    """The language in force: the one set with :func:`set_language`, else the environment's."""
    return _current if _current is not None else language_from_environment()


def in_language(ja: str, en: str) -> str:
    """The text in the language in force (Japanese first), for messages outside Qt's catalogue."""
    return ja if current_language() == "ja" else en


def set_language(language: Language | None) -> None:
    """Choose the language for messages (``None`` goes back to the environment's)."""
    global _current
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")
    _current = language


class LocalizedError(Exception):
    """An error of the plain-Python layers whose message is made in the language in force.

    Subclasses write :meth:`message_in`; ``message`` and ``str()`` give it in the current language.
    """

    def message_in(self, language: Language) -> str:
        raise NotImplementedError

    @property
    def message(self) -> str:
        """One line in the current language."""
        return self.message_in(current_language())

    def __str__(self) -> str:
        return self.message
