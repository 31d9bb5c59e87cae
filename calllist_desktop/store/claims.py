"""Claims on targets in the store: the :class:`~calllist_desktop.core.claims.TargetClaims` contract
over the ``target_claims`` table, shared by every client of one SQLite file or PostgreSQL database.

Why it is safe with many clients:

- The check (target still there, assigned to the claiming user, not excluded) and the taking of
  the claim happen in one transaction. On PostgreSQL the target's row is locked ``FOR UPDATE``
  first, so claimers of one target queue, and an exclusion (an ``UPDATE`` of that row) either
  commits before the check sees it or waits until the claim is taken. SQLite's writing
  transactions take the file's write lock at once (``BEGIN IMMEDIATE``), which serialises the same.
- The claim itself is one upsert whose ``ON CONFLICT … WHERE`` only replaces a row held by the
  same holder or already expired: even without the lock, two claimers cannot both win.
- Expiry is measured by the database's clock (``db_now``), never the client's: two clients with
  skewed clocks still agree whether a claim is alive.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, Float, cast, delete, func, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

from calllist_desktop.core.campaign_rules import ListRules
from calllist_desktop.core.claims import HOLD_ANSWERS, ClaimResult
from calllist_desktop.store.campaign import check_target, read_rules, screen_targets
from calllist_desktop.store.database import upsert
from calllist_desktop.store.models import Contact, LastCall, Target, TargetClaim
from calllist_desktop.store.types import utc_now


def db_now(connection: Connection) -> ColumnElement[float]:
    """The database's clock in seconds since the epoch, as an SQL expression."""
    if connection.dialect.name == "postgresql":
        return cast(func.extract("epoch", func.clock_timestamp()), Float)
    return (func.julianday("now") - 2440587.5) * 86400.0


def claim(
    connection: Connection,
    list_id: int,
    phone: str,
    *,
    user_id: int,
    holder: str,
    ttl: float,
    not_called_since: datetime | None = None,
    now: datetime | None = None,
    callback: bool = False,
    rules: ListRules | None = None,
) -> ClaimResult:
    """Check the target and take (or renew) ``holder``'s claim on it, in the caller's transaction.

    ``not_called_since``: a last call of the number that started at or after it refuses the
    claim (another client of the same person called it during this run). Its time is the
    caller's clock, as the call rows' times are.

    ``now`` (the caller's clock; default: now): the do-not-call list, the numbering plan and the
    list's rules (``store.campaign.check_target``) are checked at that moment, after the
    target's row is locked, so a rule, a block or a call committed by anyone before counts.
    ``callback``: the run claims it for a due callback, which lifts the attempts, ending and
    retry rules while the callback is still open.
    """
    query = (
        select(Target.excluded, Contact.assignee_id)
        .join(Contact, Contact.phone == Target.phone)
        .where(Target.list_id == list_id, Target.phone == phone)
    )
    if connection.dialect.name == "postgresql":
        query = query.with_for_update(of=Target)
    row = connection.execute(query).first()
    if row is None or row.assignee_id != user_id:
        return ClaimResult.GONE
    if row.excluded:
        return ClaimResult.EXCLUDED
    blocked, held = check_target(
        connection, list_id, phone, user_id, now or utc_now(), callback=callback, rules=rules
    )
    if blocked is not None:
        return ClaimResult.BLOCKED
    if held is not None:
        return HOLD_ANSWERS[held]
    if not_called_since is not None:
        last = connection.scalar(select(LastCall.started_at).where(LastCall.phone == phone))
        if last is not None and last >= not_called_since:
            return ClaimResult.CALLED
    db_clock = db_now(connection)
    statement = upsert(connection, TargetClaim).values(
        list_id=list_id, phone=phone, holder=holder, user_id=user_id, expires_at=db_clock + ttl
    )
    taking = statement.on_conflict_do_update(
        index_elements=[TargetClaim.list_id, TargetClaim.phone],
        set_={
            "holder": statement.excluded.holder,
            "user_id": statement.excluded.user_id,
            "expires_at": statement.excluded.expires_at,
        },
        where=or_(TargetClaim.holder == statement.excluded.holder, TargetClaim.expires_at <= db_clock),
    ).returning(TargetClaim.holder)
    taken = connection.execute(taking).scalar_one_or_none()
    return ClaimResult.CLAIMED if taken == holder else ClaimResult.HELD_ELSEWHERE


def claim_first(
    connection: Connection,
    list_id: int,
    phones: Sequence[str],
    *,
    user_id: int,
    holder: str,
    ttl: float,
    not_called_since: datetime | None = None,
    now: datetime | None = None,
) -> list[tuple[str, ClaimResult]]:
    """Claim the first of ``phones`` (in order) that may be dialled, in the caller's transaction:
    the answer for each phone up to and including the one claimed (or the first outside the
    calling hours, or all of them).

    One read screens them all (``store.campaign.screen_targets``: the same checks as the
    claim's), and the first that passes is claimed by :func:`claim`, which checks it again under
    its row lock; so a pick passing over held targets costs one transaction, not one each.
    """
    now = now or utc_now()
    rules = read_rules(connection, list_id)
    answers: list[tuple[str, ClaimResult]] = []
    for phone, gone, excluded, refused, held in screen_targets(
        connection, list_id, phones, user_id, rules, now
    ):
        if gone:
            answer = ClaimResult.GONE
        elif excluded:
            answer = ClaimResult.EXCLUDED
        elif refused is not None:
            answer = ClaimResult.BLOCKED
        elif held is not None:
            answer = HOLD_ANSWERS[held]
        else:
            answer = claim(
                connection,
                list_id,
                phone,
                user_id=user_id,
                holder=holder,
                ttl=ttl,
                not_called_since=not_called_since,
                now=now,
                rules=rules,
            )
        answers.append((phone, answer))
        if answer in (ClaimResult.CLAIMED, ClaimResult.OUTSIDE_HOURS):
            break
    return answers


def renew(connection: Connection, list_id: int, phone: str, *, holder: str, ttl: float) -> bool:
    """Extend ``holder``'s claim (or take it back if it expired unclaimed); False if another holds it."""
    now = db_now(connection)
    result = connection.execute(
        update(TargetClaim)
        .where(
            TargetClaim.list_id == list_id,
            TargetClaim.phone == phone,
            or_(TargetClaim.holder == holder, TargetClaim.expires_at <= now),
        )
        .values(holder=holder, expires_at=now + ttl)
    )
    return bool(result.rowcount)


def release(connection: Connection, list_id: int, phone: str, *, holder: str) -> None:
    """Drop ``holder``'s claim; nothing happens when it is gone or held by another."""
    connection.execute(
        delete(TargetClaim).where(
            TargetClaim.list_id == list_id, TargetClaim.phone == phone, TargetClaim.holder == holder
        )
    )


def live_holder(connection: Connection, list_id: int, phone: str) -> str | None:
    """Who holds a live claim on the target now (for views, tests and the load benchmark)."""
    return connection.scalar(
        select(TargetClaim.holder).where(
            TargetClaim.list_id == list_id,
            TargetClaim.phone == phone,
            TargetClaim.expires_at > db_now(connection),
        )
    )
