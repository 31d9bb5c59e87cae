"""Writing validated CSV records into a list, all or nothing (SPEC §2).

The rows were checked by ``core.csv_import``; what is left needs the database: the list's
capacity, which contacts exist already, and which targets are overwritten. Bulk writes use Core
``insert()``/``update()`` with lists of parameters (the ORM's ``add_all`` is ~8× slower here).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update

from calllist_desktop.core.csv_import import TargetRecord, check_capacity
from calllist_desktop.core.issues import ImportIssue
from calllist_desktop.store import watch
from calllist_desktop.store.models import Contact, Target

_CHUNK = 900  # stays under every SQLite build's limit of bound parameters


@dataclass(frozen=True, slots=True)
class ImportCounts:
    imported: int
    created_contacts: int
    updated_contacts: int
    overwritten: int


def chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    """Pieces of ``items`` small enough for one ``IN (...)`` on every database."""
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def existing_contact_phones(connection: Connection, phones: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(phones):
        found.update(connection.scalars(select(Contact.phone).where(Contact.phone.in_(chunk))))
    return found


def existing_target_phones(connection: Connection, list_id: int, phones: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(phones):
        query = select(Target.phone).where(Target.list_id == list_id, Target.phone.in_(chunk))
        found.update(connection.scalars(query))
    return found


def plan_import(
    connection: Connection, list_id: int | None, records: Sequence[TargetRecord]
) -> tuple[list[ImportIssue], set[str], set[str]]:
    """Capacity errors, the phones already in the list, and the phones already among the contacts.

    ``list_id=None`` stands for a new, empty list (a dry run before creating it).
    """
    in_list: set[str] = set()
    if list_id is not None:
        in_list = set(connection.scalars(select(Target.phone).where(Target.list_id == list_id)))
    errors = check_capacity(records, in_list)
    contacts = existing_contact_phones(connection, [record.phone for record in records])
    return errors, in_list, contacts


def write_import(
    connection: Connection,
    list_id: int,
    records: Sequence[TargetRecord],
    *,
    in_list: set[str],
    existing_contacts: set[str],
    assignee_id: int | None,
) -> ImportCounts:
    """Create or overwrite the contacts and add the new targets after the list's last position."""
    new_contacts: list[dict[str, Any]] = []
    changed_contacts: list[dict[str, Any]] = []
    for record in records:
        values: dict[str, Any] = {
            "phone": record.phone,
            "company": record.company,
            "person": record.person,
            "categories": list(record.categories),
        }
        if record.phone in existing_contacts:
            changed = {"b_phone": record.phone, **values}
            if assignee_id is not None:
                changed["assignee_id"] = assignee_id
            changed_contacts.append(changed)
        else:
            new_contacts.append({**values, "assignee_id": assignee_id})
    # Timestamps come from the database: binding one Python datetime per row cost ~40 ms here.
    if new_contacts:
        connection.execute(insert(Contact), new_contacts)
    if changed_contacts:
        # The SET clause comes from the parameters' keys; b_phone only selects the row.
        statement = (
            update(Contact)
            .where(Contact.phone == bindparam("b_phone"))
            .values(updated_at=func.current_timestamp(), revision=Contact.revision + 1)
        )
        connection.execute(statement, changed_contacts)

    last_position = connection.scalar(
        select(func.coalesce(func.max(Target.position), 0)).where(Target.list_id == list_id)
    )
    new_targets = [
        {"list_id": list_id, "phone": record.phone, "excluded": False}
        for record in records
        if record.phone not in in_list
    ]
    for offset, target in enumerate(new_targets, start=1):
        target["position"] = int(last_position or 0) + offset
    if new_targets:
        connection.execute(insert(Target), new_targets)
        watch.log_new_targets(connection, list_id, [str(target["phone"]) for target in new_targets])
    return ImportCounts(
        imported=len(records),
        created_contacts=len(new_contacts),
        updated_contacts=len(changed_contacts),
        overwritten=len(records) - len(new_targets),
    )
