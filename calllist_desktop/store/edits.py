"""Edits made on what a manager saw: the check that refuses them when someone changed the rows since.

Why revisions and not a field-by-field merge: each bulk action changes one field, so merging
would always "succeed" — and a manager reassigning numbers on a five-minute-old view would
silently undo the reassignment another manager made in between. Instead every target row in a
view carries ``revision`` (the target's plus its contact's counter; both only grow, so the sum
changes whenever either does), the action passes the revisions it saw, and the store refuses the
whole action with :class:`~calllist_desktop.store.errors.StaleEdit` when any row moved on. The UI
then re-reads those rows, so the manager sees the other change and decides again.

An operator's one-click exclusion passes no revisions: it is one flag on one row the operator is
looking at, live-updated, and the last click wins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, select

from calllist_desktop.store.errors import StaleEdit
from calllist_desktop.store.importing import chunks
from calllist_desktop.store.models import Contact, Target


def check_revisions(connection: Connection, list_id: int, expected: Mapping[str, int], phones: Sequence[str]) -> None:
    """Raise :class:`StaleEdit` when a row of ``phones`` is no longer at the revision in ``expected``.

    On PostgreSQL the rows are locked until the transaction ends, so nobody changes them between
    this check and the write that follows it; SQLite's write lock already covers the file.
    """
    stale: list[str] = []
    wanted = [phone for phone in phones if phone in expected]
    for chunk in chunks(wanted):
        query = (
            select(Target.phone, Target.revision + Contact.revision)
            .join(Contact, Contact.phone == Target.phone)
            .where(Target.list_id == list_id, Target.phone.in_(chunk))
        )
        if connection.dialect.name == "postgresql":
            query = query.with_for_update()
        stale.extend(phone for phone, revision in connection.execute(query) if revision != expected[phone])
    if stale:
        raise StaleEdit(stale)
