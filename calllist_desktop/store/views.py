"""Plain value objects the store hands out: safe to keep, compare, and pass between threads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from calllist_desktop.core.issues import ImportIssue
from calllist_desktop.core.outcomes import Direction, Outcome

ROLES = ("admin", "operator")


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: int
    login: str
    display_name: str
    role: str
    autocall_enabled: bool

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def to_json(self) -> dict[str, Any]:
        return {
            "login": self.login,
            "name": self.display_name,
            "role": self.role,
            "autocall": self.autocall_enabled,
        }


@dataclass(frozen=True, slots=True)
class ListInfo:
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


@dataclass(frozen=True, slots=True)
class LastCall:
    """The latest call with a phone number, by any user (SPEC §1 "last call")."""

    direction: Direction
    outcome: Outcome | None  # None while that call is still going on
    agent_login: str | None
    agent_name: str | None
    started_at: datetime


@dataclass(frozen=True, slots=True)
class TargetView:
    """One target of a list as every view shows it: contact, assignee, exclusion and last call."""

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


@dataclass(frozen=True, slots=True)
class ContactInfo:
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


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did, or would do (dry run), or why it was rejected (``ok`` false: nothing changed)."""

    ok: bool
    imported: int = 0
    created_contacts: int = 0
    updated_contacts: int = 0
    overwritten: int = 0
    errors: list[ImportIssue] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    dry_run: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "imported": self.imported,
            "created_contacts": self.created_contacts,
            "updated_contacts": self.updated_contacts,
            "overwritten": self.overwritten,
            "errors": [issue.to_json() for issue in self.errors],
            "warnings": [issue.to_json() for issue in self.warnings],
            "encoding": self.encoding,
            "dry_run": self.dry_run,
        }
