"""The live team board (SPEC §10): who is signed in, on a call since when, running auto-call on
which list, and their calls and answered calls of today.

The client writes its state to ``presence`` (one row per running client, ``models.Presence``)
when it changes and every :data:`HEARTBEAT` seconds; a row not written for :data:`PRESENCE_TTL`
seconds is stale (its client crashed or lost the network) and the board shows that person as
signed out. Each write is logged in ``change_log`` as table ``presence`` (migration 0007), so a
board follows with the live updates it already gets (``store.watch.Changes.presence``); the one
thing no write announces is a row going stale, which :attr:`BoardRow.stale_at` tells the board
in advance.

On PostgreSQL row-level security decides who sees what: a manager sees everyone, an operator
only their own row, and the server stamps ``seen_at`` with its own clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, delete, func, literal, or_, select, text

from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.store.database import upsert
from calllist_desktop.store.models import Call, CallList, Presence, User
from calllist_desktop.store.types import utc_now

HEARTBEAT = 30.0
"""Seconds between a running client's presence writes when nothing else changes."""

PRESENCE_TTL = timedelta(seconds=90)
"""A presence row older than this (three missed heartbeats) is stale."""


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One person on the team board.

    ``signed_in``: a client of theirs wrote its presence within :data:`PRESENCE_TTL`.
    ``on_call_since`` / ``call_phone``: the call they are on (E.164), if any; ``autocall_list``:
    the name of the list their auto-call is running on, if any. ``calls_today`` /
    ``answered_today``: their calls that started today in the store's time zone (a call still
    going on counts). ``seen_at``: their newest presence write (``None``: none fresh), from which
    ``stale_at`` says when the row turns to signed out unless written again.
    """

    login: str
    display_name: str
    signed_in: bool
    on_call_since: datetime | None
    call_phone: str | None
    autocall_list: str | None
    calls_today: int
    answered_today: int
    seen_at: datetime | None = None

    @property
    def stale_at(self) -> datetime | None:
        return self.seen_at + PRESENCE_TTL if self.seen_at is not None else None

    def to_json(self) -> dict[str, Any]:
        return {
            "login": self.login,
            "name": self.display_name,
            "signed_in": self.signed_in,
            "on_call_since": self.on_call_since.isoformat(timespec="seconds") if self.on_call_since else None,
            "call_phone": self.call_phone,
            "autocall_list": self.autocall_list,
            "calls_today": self.calls_today,
            "answered_today": self.answered_today,
        }


def write_presence(
    connection: Connection,
    user_id: int,
    client_id: str,
    *,
    call_phone: str | None,
    on_call_since: datetime | None,
    autocall_list_id: int | None,
) -> None:
    """Insert or replace one client's presence row; its ``seen_at`` is now (a heartbeat)."""
    now = utc_now()
    statement = upsert(connection, Presence).values(
        user_id=user_id,
        client_id=client_id,
        signed_in_at=now,
        seen_at=now,
        call_phone=call_phone,
        on_call_since=on_call_since if call_phone is not None else None,
        autocall_list_id=autocall_list_id,
    )
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=[Presence.user_id, Presence.client_id],
            set_={
                "seen_at": statement.excluded.seen_at,
                "call_phone": statement.excluded.call_phone,
                "on_call_since": statement.excluded.on_call_since,
                "autocall_list_id": statement.excluded.autocall_list_id,
            },
        )
    )


def remove_presence(connection: Connection, user_id: int, client_id: str | None) -> int:
    """Delete a client's row (``client_id`` ``None``: all of the user's); how many went."""
    condition = Presence.user_id == user_id
    if client_id is not None:
        condition = and_(condition, Presence.client_id == client_id)
    return int(connection.execute(delete(Presence).where(condition)).rowcount or 0)


def _now(connection: Connection) -> ColumnElement[datetime]:
    """The database's clock (PostgreSQL: the server's, which stamped ``seen_at``)."""
    if connection.dialect.name == "postgresql":
        return func.clock_timestamp()
    return literal(utc_now(), Presence.seen_at.type)


def read_team_board(connection: Connection, today: date, zone: timezone) -> list[BoardRow]:
    """The board: active users, and deactivated ones with calls today; ordered by display name.

    On PostgreSQL an operator gets only their own line (as row-level security shows them only
    their own presence and calls); a manager (or the tables' owner) gets everyone's.
    """
    first = datetime.combine(today, datetime.min.time(), zone).astimezone(UTC)
    after = first + timedelta(days=1)
    if connection.dialect.name == "postgresql":
        fresh_after: ColumnElement[datetime] = _now(connection) - text(
            f"interval '{int(PRESENCE_TTL.total_seconds())} seconds'"
        )
    else:
        fresh_after = literal(utc_now() - PRESENCE_TTL, Presence.seen_at.type)
    # The client on a call (the one on it longest) speaks for a person with several clients.
    ranked = (
        select(
            Presence.user_id,
            Presence.seen_at,
            Presence.call_phone,
            Presence.on_call_since,
            Presence.autocall_list_id,
            func.max(Presence.seen_at).over(partition_by=Presence.user_id).label("last_seen"),
            func.max(Presence.autocall_list_id).over(partition_by=Presence.user_id).label("any_autocall"),
            func.row_number()
            .over(
                partition_by=Presence.user_id,
                order_by=(Presence.on_call_since.is_(None), Presence.on_call_since, Presence.seen_at.desc()),
            )
            .label("place"),
        )
        .where(Presence.seen_at >= fresh_after)
        .subquery()
    )
    present = select(ranked).where(ranked.c.place == 1).subquery()
    today_calls = (
        select(
            Call.user_id,
            func.count().label("calls"),
            func.sum(case((Call.outcome == Outcome.ANSWERED, 1), else_=0)).label("answered"),
        )
        .where(Call.started_at >= first, Call.started_at < after, Call.user_id.is_not(None))
        .group_by(Call.user_id)
        .subquery()
    )
    autocall_list = func.coalesce(present.c.autocall_list_id, present.c.any_autocall)
    statement = (
        select(
            User.login,
            User.display_name,
            present.c.last_seen,
            present.c.call_phone,
            present.c.on_call_since,
            CallList.name.label("autocall_list"),
            func.coalesce(today_calls.c.calls, 0).label("calls"),
            func.coalesce(today_calls.c.answered, 0).label("answered"),
        )
        .select_from(User)
        .outerjoin(present, present.c.user_id == User.id)
        .outerjoin(today_calls, today_calls.c.user_id == User.id)
        .outerjoin(CallList, CallList.id == autocall_list)
        .where(or_(User.active.is_(True), today_calls.c.calls > 0))
        .order_by(User.display_name, User.login)
    )
    if connection.dialect.name == "postgresql":
        statement = statement.where(or_(text("calllist_is_manager()"), User.db_role == func.current_user()))
    return [
        BoardRow(
            login=row.login,
            display_name=row.display_name,
            signed_in=row.last_seen is not None,
            on_call_since=row.on_call_since if row.call_phone is not None else None,
            call_phone=row.call_phone,
            autocall_list=row.autocall_list,
            calls_today=int(row.calls),
            answered_today=int(row.answered),
            seen_at=row.last_seen,
        )
        for row in connection.execute(statement)
    ]
