"""Call rows and the last call of each number, kept together in one transaction.

A call row is written when the attempt starts and finished when it ends (SPEC §1), and
``last_calls`` follows every such write, so reading a list never has to search ``calls``.
On PostgreSQL a trigger on ``calls`` keeps ``last_calls`` (migration 0002): an operator's role
may write only its own call rows, not the shared last-call table, so the database does it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, case, delete, func, insert, or_, select, update

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.core.resume import ResumePoint
from calllist_desktop.store.database import upsert
from calllist_desktop.store.models import (
    Call,
    Disposition,
    DoNotCall,
    LastCall,
    Target,
    TargetAttempts,
    TargetClaim,
)
from calllist_desktop.store.types import utc_now

_LAST_CALL_FIELDS = ("call_id", "direction", "outcome", "user_id", "started_at")


def record_start(connection: Connection, values: dict[str, Any]) -> int:
    """Insert a call row and make it its number's last call unless a later-started one exists."""
    call_id = int(connection.execute(insert(Call).values(values).returning(Call.id)).scalar_one())
    if _database_keeps_last_calls(connection):
        return call_id
    if values.get("list_id") is not None and values["direction"] == str(Direction.OUTBOUND):
        _count_attempt(connection, call_id, values)
    last = {
        "phone": values["phone"],
        "call_id": call_id,
        "direction": values["direction"],
        "outcome": None,
        "user_id": values.get("user_id"),
        "started_at": values["started_at"],
    }
    statement = upsert(connection, LastCall).values(last)
    newer = statement.excluded.started_at >= LastCall.started_at
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=[LastCall.phone],
            set_={name: statement.excluded[name] for name in _LAST_CALL_FIELDS},
            where=newer,
        )
    )
    return call_id


def _count_attempt(connection: Connection, call_id: int, values: dict[str, Any]) -> None:
    """One more attempt of the target; the call becomes its last unless a later-started one is
    (SQLite; a trigger does this on PostgreSQL, migration 0006)."""
    row = {
        "list_id": values["list_id"],
        "phone": values["phone"],
        "attempts": 1,
        "last_call_id": call_id,
        "last_outcome": None,
        "last_started_at": values["started_at"],
        "last_ended_at": None,
        "last_disposition": None,
    }
    statement = upsert(connection, TargetAttempts).values(row)
    newer = or_(
        TargetAttempts.last_started_at.is_(None),
        statement.excluded.last_started_at >= TargetAttempts.last_started_at,
    )
    follow = {
        name: case((newer, statement.excluded[name]), else_=getattr(TargetAttempts, name))
        for name in ("last_call_id", "last_outcome", "last_started_at", "last_ended_at", "last_disposition")
    }
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=[TargetAttempts.list_id, TargetAttempts.phone],
            set_={"attempts": TargetAttempts.attempts + 1, **follow},
        )
    )


def _follow_last_attempt(
    connection: Connection, call_id: int, list_id: int | None, phone: str, values: dict[str, Any]
) -> None:
    """The target's last attempt follows its call row's end and wrap-up (SQLite)."""
    if list_id is None:
        return
    changed = {
        f"last_{name}": values[name] for name in ("outcome", "ended_at", "disposition") if name in values
    }
    if changed:
        connection.execute(
            update(TargetAttempts)
            .where(
                TargetAttempts.list_id == list_id,
                TargetAttempts.phone == phone,
                TargetAttempts.last_call_id == call_id,
            )
            .values(changed)
        )


def _database_keeps_last_calls(connection: Connection) -> bool:
    """True where a trigger maintains ``last_calls`` (PostgreSQL)."""
    return connection.dialect.name == "postgresql"


def record_finish(connection: Connection, call_id: int, values: dict[str, Any]) -> bool:
    """Finish a call row; its number's last call follows if it is this call. False: no such call."""
    found = connection.execute(
        update(Call)
        .where(Call.id == call_id)
        .values(values)
        .returning(Call.phone, Call.list_id, Call.user_id)
    ).first()
    if found is None:
        return False
    if _database_keeps_last_calls(connection):
        return True
    phone = found.phone
    _follow_last_attempt(connection, call_id, found.list_id, phone, values)
    _block_if_disposition_says(connection, phone, values.get("disposition"), found.user_id)
    connection.execute(
        update(LastCall)
        .where(LastCall.phone == phone, LastCall.call_id == call_id)
        .values(outcome=values["outcome"])
    )
    return True


def close_unfinished(connection: Connection, user_id: int | None) -> int:
    """Close rows left open by a crash as ``interrupted`` (only ``user_id``'s when given).

    The claims the crashed run held on those calls' targets die with them: a run of the same
    person that continues where the crashed one stopped must not wait for them to expire.
    """
    query = update(Call).where(Call.outcome.is_(None))
    if user_id is not None:
        query = query.where(Call.user_id == user_id)
    rows = connection.execute(
        query.values(outcome=str(Outcome.INTERRUPTED), ended_at=utc_now()).returning(
            Call.id, Call.list_id, Call.phone, Call.user_id
        )
    ).all()
    closed = [row.id for row in rows]
    dead_claims = [
        and_(
            TargetClaim.list_id == row.list_id,
            TargetClaim.phone == row.phone,
            TargetClaim.user_id == row.user_id,
        )
        for row in rows
        if row.list_id is not None and row.user_id is not None
    ]
    for start in range(0, len(dead_claims), 200):
        connection.execute(delete(TargetClaim).where(or_(*dead_claims[start : start + 200])))
    if _database_keeps_last_calls(connection):
        return len(closed)
    for start in range(0, len(closed), 900):
        connection.execute(
            update(LastCall)
            .where(LastCall.call_id.in_(closed[start : start + 900]))
            .values(outcome=str(Outcome.INTERRUPTED))
        )
        connection.execute(
            update(TargetAttempts)
            .where(TargetAttempts.last_call_id.in_(closed[start : start + 900]))
            .values(last_outcome=str(Outcome.INTERRUPTED), last_ended_at=utc_now())
        )
    return len(closed)


def annotate(connection: Connection, call_id: int, disposition: str | None, note: str | None) -> bool:
    """Store a call's wrap-up (disposition, note); the target's last attempt follows (SQLite;
    on PostgreSQL the trigger of migration 0006). False: no such call."""
    found = connection.execute(
        update(Call)
        .where(Call.id == call_id)
        .values(disposition=disposition, note=note)
        .returning(Call.phone, Call.list_id, Call.user_id)
    ).first()
    if found is None:
        return False
    if not _database_keeps_last_calls(connection):
        _follow_last_attempt(connection, call_id, found.list_id, found.phone, {"disposition": disposition})
        _block_if_disposition_says(connection, found.phone, disposition, found.user_id)
    return True


def _block_if_disposition_says(
    connection: Connection, phone: str, disposition: str | None, user_id: int | None
) -> None:
    """A disposition that blocks the number puts it on the do-not-call list (SQLite; on
    PostgreSQL the trigger of migration 0006, as an operator may not write that list)."""
    if not disposition:
        return
    blocks = connection.scalar(
        select(Disposition.blocks_number).where(
            Disposition.name == disposition, Disposition.blocks_number.is_(True)
        )
    )
    if blocks:
        statement = upsert(connection, DoNotCall).values(
            phone=phone, reason=disposition, added_at=utc_now(), added_by=user_id
        )
        connection.execute(statement.on_conflict_do_nothing(index_elements=[DoNotCall.phone]))


def rebuild_target_attempts(connection: Connection) -> int:
    """Derive ``target_attempts`` from ``calls`` again (as migration 0006 filled it)."""
    outbound = and_(Call.list_id.is_not(None), Call.direction == str(Direction.OUTBOUND))
    partition = (Call.list_id, Call.phone)
    ranked = (
        select(
            Call.list_id,
            Call.phone,
            func.count().over(partition_by=partition).label("attempts"),
            Call.id.label("last_call_id"),
            Call.outcome.label("last_outcome"),
            Call.started_at.label("last_started_at"),
            Call.ended_at.label("last_ended_at"),
            Call.disposition.label("last_disposition"),
            func.row_number()
            .over(partition_by=partition, order_by=(Call.started_at.desc(), Call.id.desc()))
            .label("rank"),
        )
        .where(outbound)
        .subquery()
    )
    columns = [
        "list_id",
        "phone",
        "attempts",
        "last_call_id",
        "last_outcome",
        "last_started_at",
        "last_ended_at",
        "last_disposition",
    ]
    connection.execute(delete(TargetAttempts))
    connection.execute(
        insert(TargetAttempts).from_select(
            columns, select(*(ranked.c[name] for name in columns)).where(ranked.c.rank == 1)
        )
    )
    return int(connection.scalar(select(func.count()).select_from(TargetAttempts)) or 0)


def resume_point(connection: Connection, list_id: int, user_id: int, since: datetime) -> ResumePoint | None:
    """The last call ``user_id`` made to a target of the list since ``since``, where it stands.

    Read from ``last_calls`` joined with the list's targets (both keyed by phone), not from the
    whole ``calls`` table: as cheap with ten million calls as with ten. A call of the number by
    someone else afterwards hides it, which only means that target is not the resume point.
    """
    row = connection.execute(
        select(LastCall.phone, LastCall.started_at, LastCall.outcome, Target.position)
        .join(Target, Target.phone == LastCall.phone)
        .where(
            Target.list_id == list_id,
            LastCall.user_id == user_id,
            LastCall.direction == str(Direction.OUTBOUND),
            LastCall.started_at >= since,
        )
        .order_by(LastCall.started_at.desc(), Target.position.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return ResumePoint(row.phone, row.started_at, _outcome(row.outcome), row.position)


def _outcome(code: str | None) -> Outcome | None:
    try:
        return Outcome(code) if code is not None else None
    except ValueError:  # a code this build does not know: treat the call as not done
        return None


def rebuild_last_calls(connection: Connection) -> int:
    """Derive ``last_calls`` from ``calls`` again (after a bulk load, or to repair it)."""
    rank = func.row_number().over(partition_by=Call.phone, order_by=(Call.started_at.desc(), Call.id.desc()))
    ranked = select(
        Call.phone,
        Call.id.label("call_id"),
        Call.direction,
        Call.outcome,
        Call.user_id,
        Call.started_at,
        rank.label("rank"),
    ).subquery()
    latest = select(*(ranked.c[name] for name in ("phone", *_LAST_CALL_FIELDS))).where(ranked.c.rank == 1)
    connection.execute(delete(LastCall))
    connection.execute(insert(LastCall).from_select(["phone", *_LAST_CALL_FIELDS], latest))
    return int(connection.scalar(select(func.count()).select_from(LastCall)) or 0)


def finish_values(
    outcome: Outcome,
    *,
    sip_status: int | None,
    answered_at: datetime | None,
    ended_at: datetime | None,
    disposition: str | None,
    note: str | None,
) -> dict[str, Any]:
    return {
        "outcome": str(outcome),
        "sip_status": sip_status,
        "answered_at": answered_at,
        "ended_at": ended_at or utc_now(),
        "disposition": disposition,
        "note": note,
    }
