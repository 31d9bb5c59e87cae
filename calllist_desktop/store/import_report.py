"""What a CSV import did, would do (a dry run), or why it was refused: a value the store hands out.

Apart from ``store.views`` because only the import needs it: the desktop client's quick start
imports the views, and this class with its issues (``core.issues``) need not load with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from calllist_desktop.core.issues import ROW_ERROR_CODES, ImportIssue


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did, or would do (dry run), or why it was rejected (``ok`` false: nothing changed).

    ``skipped_rows``: the rows left out because of their errors (``errors`` says why), when the
    import was asked to skip bad rows; ``unassigned``: imported numbers that have no assignee.
    """

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
    skipped_rows: list[int] = field(default_factory=list)
    unassigned: int = 0

    @property
    def skippable(self) -> bool:
        """Rejected for errors of single rows only: importing with ``skip_bad_rows`` would go ahead
        (unless the list fills up meanwhile)."""
        return not self.ok and bool(self.errors) and all(issue.code in ROW_ERROR_CODES for issue in self.errors)

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
            "skipped": self.skipped_rows,
            "unassigned": self.unassigned,
        }
