"""Plain value objects the store hands out: safe to keep, compare, and pass between threads."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, NamedTuple

from calllist_desktop.core.outcomes import Direction, Outcome

ROLES = ("admin", "operator")


class UserInfo(NamedTuple):
    id: int
    login: str
    display_name: str
    role: str
    autocall_enabled: bool
    active: bool = True  # False: deactivated (keeps their history; cannot sign in or be assigned)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def to_json(self) -> dict[str, Any]:
        return {
            "login": self.login,
            "name": self.display_name,
            "role": self.role,
            "autocall": self.autocall_enabled,
            "active": self.active,
        }


class ListInfo(NamedTuple):
    id: int
    name: str
    target_count: int
    created_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "targets": self.target_count,
            "created_at": self.created_at.astimezone().isoformat(timespec="seconds"),
        }


class LastCall(NamedTuple):
    """The latest call with a phone number, by any user (SPEC §1 "last call").

    A named tuple, as :class:`TargetView`, which says why.
    """

    direction: Direction
    outcome: Outcome | None  # None while that call is still going on
    agent_login: str | None
    agent_name: str | None
    started_at: datetime


class TargetView(NamedTuple):
    """One target of a list as every view shows it: contact, assignee, exclusion and last call.

    A named tuple, not a frozen dataclass: as immutable and hashable, and built 5x faster (a
    frozen dataclass sets each field through ``object.__setattr__``): building the 5,000 of a
    list and their last calls is part of the quick start's first read (bench/README.md). Compare
    views with views only: a named tuple also equals a plain tuple of the same values.
    """

    list_id: int
    phone: str
    position: int
    excluded: bool
    company: str
    person: str
    categories: tuple[str, ...]
    assignee_login: str | None
    assignee_name: str | None
    last_call: LastCall | None
    # Changes with every write to the target or its contact: a bulk edit passes the revisions
    # it saw so the store can refuse it when someone else changed the row since (store.edits).
    revision: int = 0
    # Its standing under the list's rules (a ``store.campaign_views.TargetPlan``: attempts, next
    # allowed time, blocked), when the reader asked for it (``Store.target_plans``); else None.
    plan: Any = None

    def to_json(self) -> dict[str, Any]:
        last = self.last_call
        return {
            "phone": self.phone,
            "company": self.company,
            "person": self.person,
            "categories": list(self.categories),
            "assignee": self.assignee_login,
            "excluded": self.excluded,
            "position": self.position,
            "last_call_type": str(last.direction) if last else None,
            "last_call_status": str(last.outcome) if last and last.outcome else None,
            "last_agent": last.agent_login if last else None,
            "last_call_at": last.started_at.astimezone().isoformat(timespec="seconds") if last else None,
        }


class ContactInfo(NamedTuple):
    phone: str
    company: str
    person: str
    categories: tuple[str, ...]
    assignee_login: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "phone": self.phone,
            "company": self.company,
            "person": self.person,
            "categories": list(self.categories),
            "assignee": self.assignee_login,
        }


class CallRecord(NamedTuple):
    """One call row as the phone's recent calls and a number's history show it."""

    id: int
    phone: str
    direction: Direction
    outcome: Outcome | None  # None while the call goes on
    started_at: datetime
    answered_at: datetime | None
    ended_at: datetime | None
    list_id: int | None
    agent_login: str | None
    agent_name: str | None
    company: str  # of the number's contact; empty for a number that is no contact
    person: str
    note: str | None

# ---- building views from raw rows (the SQLAlchemy reads and the first-paint read share it) -----

_DIRECTIONS = {member.value: member for member in Direction}
_OUTCOMES = {member.value: member for member in Outcome}


class CategoriesDecoder:
    """Categories from their stored JSON, each distinct text decoded once.

    A list's targets share a handful of category sets; ``json.loads`` per row was a third of a
    5,000-target read, and a tuple per row ~25 MB of 200,000 contacts. PostgreSQL's driver
    hands JSON over decoded already.
    """

    def __init__(self) -> None:
        self._seen: dict[str, tuple[str, ...]] = {}

    def __call__(self, raw: Any) -> tuple[str, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, str):
            return tuple(raw)
        decoded = self._seen.get(raw)
        if decoded is None:
            decoded = self._seen[raw] = tuple(json.loads(raw))
        return decoded


class People(dict[int | None, tuple[str | None, str | None]]):
    """Login and display name by user id, for :func:`target_views`; ``None`` (nobody) and an id
    not known (a user gone since) are ``(None, None)``.

    A store has a handful of users: looking them up here is cheaper than joining their names
    into every row of a list (the joins were half the time of a 5,000-target read).
    """

    def __init__(self, users: Iterable[tuple[int, str, str]]) -> None:
        super().__init__({user_id: (login, name) for user_id, login, name in users})

    def __missing__(self, _user_id: int | None) -> tuple[None, None]:
        return (None, None)


def target_views(
    list_id: int, rows: Iterable[Any], people: People, time_of: Callable[[Any], datetime] | None = None
) -> list[TargetView]:
    """Views of raw target rows, each ``(phone, position, excluded, company, person, categories
    JSON, assignee id, last direction, last outcome, last start, agent id, revision)``; ``people``
    names the ids; ``time_of`` turns a stored start into an aware datetime (``None``: it is one).

    Rows are unpacked by position, enums looked up in dicts, and the named tuples made with
    ``tuple.__new__`` (their own ``__new__`` is a Python function binding each field by name):
    building 5,000 views by attribute name cost more than the query itself.
    """
    views: list[TargetView] = []
    append = views.append
    categories_of = CategoriesDecoder()
    make = tuple.__new__
    for (
        phone,
        position,
        excluded,
        company,
        person,
        categories,
        assignee,
        direction,
        outcome,
        started_at,
        agent,
        revision,
    ) in rows:
        last_call = None
        if direction is not None:
            agent_login, agent_name = people[agent]
            last_call = make(
                LastCall,
                (
                    _DIRECTIONS[direction],
                    _OUTCOMES[outcome] if outcome else None,
                    agent_login,
                    agent_name,
                    started_at if time_of is None else time_of(started_at),
                ),
            )
        assignee_login, assignee_name = people[assignee]
        append(
            make(
                TargetView,
                (
                    list_id,
                    phone,
                    position,
                    bool(excluded),
                    company,
                    person,
                    categories_of(categories),
                    assignee_login,
                    assignee_name,
                    last_call,
                    revision,
                    None,
                ),
            )
        )
    return views
