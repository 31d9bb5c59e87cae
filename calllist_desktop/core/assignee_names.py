"""The 発信担当者 column of a CSV file: which user a cell names, and how to name a user so that it
comes back (SPEC §3).

A cell names a user by login, or by a display name that only one user has; a login wins over a
display name that happens to be spelled the same. Export writes the display name when that finds
the same user again, else the login, so an export imported again gives every assignee back.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum, auto


class NameProblem(Enum):
    """Why a cell finds no user."""

    UNKNOWN = auto()  # no login and no display name is spelled so
    AMBIGUOUS = auto()  # no login, and several users have this display name


class AssigneeNames:
    """The users' logins and display names, to look a cell up and to write a user's name."""

    def __init__(self, users: Iterable[tuple[str, str]]) -> None:
        """``users``: (login, display name) of every user."""
        self._logins: set[str] = set()
        self._by_display: dict[str, list[str]] = {}
        self._display: dict[str, str] = {}
        for login, display_name in users:
            self._logins.add(login)
            self._display[login] = display_name
            self._by_display.setdefault(display_name, []).append(login)

    def find(self, cell: str) -> str | NameProblem:
        """The login of the user ``cell`` names (trimmed), or why it names none."""
        name = cell.strip()
        if name in self._logins:
            return name
        logins = self._by_display.get(name, [])
        if len(logins) == 1:
            return logins[0]
        return NameProblem.AMBIGUOUS if logins else NameProblem.UNKNOWN

    def label(self, login: str) -> str:
        """What to write for the user ``login``: the display name if it finds this user again."""
        display_name = self._display.get(login)
        if display_name is not None and display_name == display_name.strip() and self.find(display_name) == login:
            return display_name
        return login
