"""Writing validated CSV records into a list, all or nothing (SPEC §2).

The rows were checked by ``core.csv_import``; what is left needs the database: the list's
capacity, which contacts exist already (and whose they are), which targets are overwritten, and
which user a 発信担当者 cell names. Bulk writes use Core ``insert()``/``update()`` with lists of
parameters (the ORM's ``add_all`` is ~8× slower here); overwrites are one ``UPDATE ... FROM
(VALUES ...)`` per chunk, so PostgreSQL's statement-level change-log triggers fire once per chunk
rather than once per row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ARRAY,
    JSON,
    Boolean,
    Connection,
    Integer,
    String,
    bindparam,
    column,
    func,
    insert,
    select,
    update,
    values,
)
from sqlalchemy.sql.expression import ColumnClause

from calllist_desktop.core.assignee_names import AssigneeNames, NameProblem
from calllist_desktop.core.columns import ASSIGNEE
from calllist_desktop.core.csv_import import TargetRecord, check_capacity
from calllist_desktop.core.issues import ImportIssue, IssueCode
from calllist_desktop.store import watch
from calllist_desktop.store.models import Contact, Target, User

_CHUNK = 900  # stays under every SQLite build's limit of bound parameters
WRITE_STEPS = 3
"""The steps :func:`write_import` reports: contacts, new targets, flags of overwritten targets."""


@dataclass(frozen=True, slots=True)
class ImportCounts:
    imported: int
    created_contacts: int
    updated_contacts: int
    overwritten: int
    unassigned: int = 0


@dataclass(slots=True)
class ImportPlan:
    """What the database says about the records before anything is written.

    ``assignees`` maps each phone to the user id it will be given (absent: left as it is);
    ``owners`` is the current assignee of every phone already among the contacts.
    """

    errors: list[ImportIssue]
    warnings: list[ImportIssue]
    in_list: set[str]
    owners: dict[str, int | None]
    assignees: dict[str, int | None] = field(default_factory=dict)

    def unassigned(self, records: Sequence[TargetRecord]) -> int:
        """How many of the records' numbers will have no assignee after the import."""
        return sum(
            1 for record in records if self.assignees.get(record.phone, self.owners.get(record.phone)) is None
        )


def chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    """Pieces of ``items`` small enough for one ``IN (...)`` on every database."""
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _update_from_rows(
    connection: Connection,
    statement_for: Any,
    columns: Sequence[ColumnClause[Any]],
    rows: Sequence[dict[str, Any]],
) -> None:
    """Run ``statement_for(incoming)``, an UPDATE joined to the rows as the table ``incoming``.

    PostgreSQL: one statement, ``unnest`` of one array per column (a handful of parameters, so
    SQLAlchemy compiles it once: a VALUES list of 5,000 rows took longer to compile than the
    per-row UPDATEs took to run). SQLite: ``WITH incoming(...) AS (VALUES ...)`` per chunk of
    bound parameters (SQLite takes no column list after a VALUES alias).
    """
    names = [c.name for c in columns]
    if connection.dialect.name == "postgresql":
        arrays = [bindparam(f"a_{c.name}", type_=ARRAY(c.type)) for c in columns]
        unnested = func.unnest(*arrays).table_valued(*names).render_derived(name="incoming")
        # psycopg would send a list of lists as a nested array: JSON items go as their text.
        arguments = {
            f"a_{c.name}": [
                json.dumps(row[c.name]) if isinstance(c.type, JSON) else row[c.name] for row in rows
            ]
            for c in columns
        }
        connection.execute(statement_for(unnested), arguments)
        return
    size = max(1, _CHUNK // len(columns))
    for start in range(0, len(rows), size):
        piece = rows[start : start + size]
        incoming = values(*columns).data([tuple(row[n] for n in names) for row in piece]).cte("incoming")
        connection.execute(statement_for(incoming))


def existing_target_phones(connection: Connection, list_id: int, phones: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(phones):
        query = select(Target.phone).where(Target.list_id == list_id, Target.phone.in_(chunk))
        found.update(connection.scalars(query))
    return found


def contact_owners(connection: Connection, phones: Sequence[str]) -> dict[str, int | None]:
    """The assignee (user id or None) of each of ``phones`` that is among the contacts."""
    found: dict[str, int | None] = {}
    for chunk in chunks(phones):
        query = select(Contact.phone, Contact.assignee_id).where(Contact.phone.in_(chunk))
        found.update((phone, assignee_id) for phone, assignee_id in connection.execute(query))
    return found


def plan_import(
    connection: Connection,
    list_id: int | None,
    records: Sequence[TargetRecord],
    assignee_id: int | None = None,
) -> ImportPlan:
    """Capacity errors, the phones already in the list, the contacts' owners, and who each number
    goes to: ``assignee_id`` for all, else the user its 発信担当者 cell names (a warning when the
    cell names nobody, or several users by their display name), else nobody new.

    ``list_id=None`` stands for a new, empty list (a dry run before creating it). The warnings
    include ``reassigned``: the numbers that move from another operator, per operator.
    """
    in_list: set[str] = set()
    if list_id is not None:
        in_list = set(connection.scalars(select(Target.phone).where(Target.list_id == list_id)))
    plan = ImportPlan(
        errors=check_capacity(records, in_list),
        warnings=[],
        in_list=in_list,
        owners=contact_owners(connection, [record.phone for record in records]),
    )
    users = {
        login: (user_id, name)
        for user_id, login, name in connection.execute(select(User.id, User.login, User.display_name))
    }
    if assignee_id is not None:
        plan.assignees = dict.fromkeys((record.phone for record in records), assignee_id)
    elif any(record.assignee is not None for record in records):
        names = AssigneeNames((login, name) for login, (_id, name) in users.items())
        for record in records:
            if record.assignee is None:
                continue
            found = names.find(record.assignee)
            if isinstance(found, NameProblem):
                plan.warnings.append(_unknown_assignee(record, found))
            else:
                plan.assignees[record.phone] = users[found][0]
    plan.warnings.extend(_reassignments(records, plan, users))
    return plan


def _unknown_assignee(record: TargetRecord, problem: NameProblem) -> ImportIssue:
    params = {
        "name": record.assignee,
        "reason": "ambiguous" if problem is NameProblem.AMBIGUOUS else "unknown",
    }
    return ImportIssue(record.row, ASSIGNEE, IssueCode.UNKNOWN_ASSIGNEE, params)


_ROWS_NAMED = 10  # rows a reassigned warning lists before "…"


def _reassignments(
    records: Sequence[TargetRecord], plan: ImportPlan, users: dict[str, tuple[int, str]]
) -> list[ImportIssue]:
    """One ``reassigned`` warning per operator and new assignee: the numbers the import takes from them."""
    by_id = {user_id: f"{name} ({login})" for login, (user_id, name) in users.items()}
    moved: dict[tuple[int, int], list[int]] = {}  # (previous, new) -> rows
    for record in records:
        new = plan.assignees.get(record.phone)
        previous = plan.owners.get(record.phone)
        if new is not None and previous is not None and previous != new:
            moved.setdefault((previous, new), []).append(record.row)
    warnings = []
    for (previous, new), rows in moved.items():
        shown = ", ".join(str(row) for row in rows[:_ROWS_NAMED]) + (" …" if len(rows) > _ROWS_NAMED else "")
        params = {
            "count": len(rows),
            "previous": by_id.get(previous, str(previous)),
            "assignee": by_id.get(new, str(new)),
            "rows": shown,
        }
        warnings.append(ImportIssue(rows[0], ASSIGNEE, IssueCode.REASSIGNED, params))
    return warnings


def write_import(
    connection: Connection,
    list_id: int,
    records: Sequence[TargetRecord],
    plan: ImportPlan,
    step: Callable[[], None] = lambda: None,
) -> ImportCounts:
    """Create or overwrite the contacts (giving them ``plan.assignees``), add the new targets after
    the list's last position, and set the 発信対象 flag of overwritten targets the file names;
    ``step()`` after each of these (:data:`WRITE_STEPS`)."""
    in_list, owners, assignees = plan.in_list, plan.owners, plan.assignees
    new_contacts: list[dict[str, Any]] = []
    changed_contacts: list[dict[str, Any]] = []
    reassigned_contacts: list[dict[str, Any]] = []
    for record in records:
        values: dict[str, Any] = {
            "phone": record.phone,
            "company": record.company,
            "person": record.person,
            "categories": list(record.categories),
        }
        if record.phone in owners:
            changed = {"b_phone": record.phone, **values}
            if record.phone in assignees:
                changed["assignee_id"] = assignees[record.phone]
                reassigned_contacts.append(changed)
            else:
                changed_contacts.append(changed)
        else:
            new_contacts.append({**values, "assignee_id": assignees.get(record.phone)})
    # Timestamps come from the database: binding one Python datetime per row was slow (bench/README.md).
    if new_contacts:
        connection.execute(insert(Contact), new_contacts)
    for group, assigns in ((changed_contacts, False), (reassigned_contacts, True)):
        if group:
            _update_contacts(connection, group, assigns)
    step()

    last_position = connection.scalar(
        select(func.coalesce(func.max(Target.position), 0)).where(Target.list_id == list_id)
    )
    new_targets = [
        {"list_id": list_id, "phone": record.phone, "excluded": bool(record.excluded)}
        for record in records
        if record.phone not in in_list
    ]
    for offset, target in enumerate(new_targets, start=1):
        target["position"] = int(last_position or 0) + offset
    if new_targets:
        connection.execute(insert(Target), new_targets)
        watch.log_new_targets(connection, list_id, [str(target["phone"]) for target in new_targets])
    step()
    flagged = [
        {"b_phone": record.phone, "b_excluded": record.excluded}
        for record in records
        if record.phone in in_list and record.excluded is not None
    ]
    if flagged:
        _update_from_rows(
            connection,
            lambda incoming: (
                update(Target)
                .where(
                    Target.list_id == list_id,
                    Target.phone == incoming.c.b_phone,
                    Target.excluded != incoming.c.b_excluded,
                )
                .values(excluded=incoming.c.b_excluded, revision=Target.revision + 1)
            ),
            [column("b_phone", String), column("b_excluded", Boolean)],
            flagged,
        )
    step()
    return ImportCounts(
        imported=len(records),
        created_contacts=len(new_contacts),
        updated_contacts=len(changed_contacts) + len(reassigned_contacts),
        overwritten=len(records) - len(new_targets),
        unassigned=plan.unassigned(records),
    )


def _update_contacts(connection: Connection, rows: Sequence[dict[str, Any]], assigns: bool) -> None:
    """Overwrite existing contacts from ``rows`` (and their assignee when ``assigns``)."""
    columns = [
        column("b_phone", String),
        column("company", String),
        column("person", String),
        column("categories", JSON),
    ]
    if assigns:
        columns.append(column("assignee_id", Integer))

    def statement_for(incoming: Any) -> Any:
        new_values = {name: incoming.c[name] for name in ("company", "person", "categories")}
        if assigns:
            new_values["assignee_id"] = incoming.c.assignee_id
        # Timestamps come from the database: binding one Python datetime per row was slow (bench/README.md).
        return (
            update(Contact)
            .where(Contact.phone == incoming.c.b_phone)
            .values(**new_values, updated_at=func.current_timestamp(), revision=Contact.revision + 1)
        )

    _update_from_rows(connection, statement_for, columns, rows)
