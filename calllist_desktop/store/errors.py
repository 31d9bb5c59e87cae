"""Errors of the store: what went wrong with the data, in words a user can act on.

The store raises these and nothing else for expected problems; the CLI prints them as one line
and the UI shows them as messages. Each carries its text in Japanese and English, and ``str()``
gives the one of the current language (``core.i18n``).
"""

from __future__ import annotations

from calllist_desktop.core.i18n import Language, current_language


class StoreError(Exception):
    """A problem with the store or a request to it that the user can understand and fix."""

    def __init__(self, en: str, ja: str | None = None) -> None:
        super().__init__(en)
        self.texts: dict[Language, str] = {"en": en, "ja": ja or en}

    def message_in(self, language: Language) -> str:
        return self.texts[language]

    def __str__(self) -> str:
        return self.texts[current_language()]


class NotFound(StoreError):
    """A named list, user or target does not exist."""


class AlreadyExists(StoreError):
    """A name that must be unique is taken."""


class SchemaOutdated(StoreError):
    """The database's schema is older than this program's; ``calllist db upgrade`` brings it up."""


class UserInactive(StoreError):
    """The user is deactivated: they keep their history, but cannot sign in or be assigned."""


class PermissionDenied(StoreError):
    """The acting user may not do this."""


class OwnAdminRole(PermissionDenied):
    """An admin tried to take away their own admin role: another admin must do it."""


class StaleEdit(StoreError):
    """Someone else changed these targets after the view was read; nothing was written.

    ``phones`` names them, so a caller can read exactly those rows again before trying again.
    """

    def __init__(self, phones: list[str]) -> None:
        count = len(phones)
        super().__init__(
            f"{count} of these targets were changed by someone else after they were read; nothing "
            "was changed.",
            f"{count} 件の発信先が、読み込まれた後で他の人によって変更されていました。何も変更していません。",
        )
        self.phones = phones
