"""Campaigns in the store (issue 14, SPEC §5, §9): list rules, callbacks, the do-not-call list,
dispositions, notes and each number's history.

API summary (methods of :class:`~calllist_desktop.store.store.Store`, from :class:`CampaignOperations`;
phones are E.164, users are logins, times aware datetimes; value objects in ``store.campaign_views``;
rule logic in ``core.campaign_rules``, the numbering-plan refusals in ``core.dial_policy``):

Rules (発信ルール) — everyone reads, managers write (``PermissionDenied`` otherwise):
    list_rules(list_id) -> ListRules
    set_list_rules(list_id, rules: ListRules, *, by=None) -> ListRules
    adopt_calling_hours(hours: tuple[time, time], list_ids, *, by=None) -> list[int]
        the per-computer calling-hours setting moved into the rules of the lists it was used
        with (lists that have rules of their own keep them); returns the lists changed
    next_calling_time(list_id, now=None) -> datetime | None
    target_plans(list_id, *, user=None, phones=None, now=None) -> dict[phone, TargetPlan]
        each target's attempts, hold, next allowed time, blocked, callback due, claimed
        elsewhere; ``TargetPlan.dialable_now`` is the 「今かけられる」 filter (what auto-call's
        claim would grant ``user`` now)
Auto-call (the engine's ``TargetClaims``; checked in the claim's own transaction):
    claim_target(list_id, phone, *, user, holder, ttl, not_called_since=None, now=None,
                 callback=False) -> ClaimResult   (store.store; rules here, in ``check_target``)
    due_callbacks(list_id, *, user, now=None) -> list[tuple[phone, due_at]]
Callbacks (再架電予約):
    add_callback(phone, *, due_at, list_id=None, to=None, anyone=False, by=None, note=None) -> CallbackInfo
        ``to``: a login; neither ``to`` nor ``anyone``: for ``by`` (oneself)
    callbacks(*, user=None, mine=False, due=False, include_done=False, now=None) -> list[CallbackInfo]
    remove_callback(callback_id) ; complete_callback(callback_id, *, call_id=None)
    (an outbound call to the number marks the callbacks on it that are due and for its caller or
    anyone as done: ``Store.start_call``)
Do-not-call list (発信禁止番号) — everyone reads, managers write:
    dnc_entries() -> list[DncEntry] ; add_dnc(phones, *, reason="", by=None) -> int
    remove_dnc(phones) -> int ; import_dnc_csv(data, *, encoding="auto", reason="", by=None,
    dry_run=False) -> DncImport ; export_dnc_csv(encoding="utf-8-sig") -> bytes
    dial_refusal(phone) -> DialRefused | None   (a StoreError: ``str()`` is the message to show;
    ``check_dialable(phone)`` raises it) — DNC, premium-rate (0990) and international numbers
    (store settings ``dial.allow_premium`` / ``dial.allow_international``)
Dispositions (結果) — everyone reads, managers write:
    dispositions() -> list[DispositionInfo]
    add_disposition(name, *, ends_target=False, blocks_number=False, by=None) -> DispositionInfo
    update_disposition(disposition_id, *, name=None, ends_target=None, blocks_number=None,
                       position=None, by=None) -> DispositionInfo ; remove_disposition(id, *, by=None)
    save_dispositions(wanted: [DispositionInfo], *, by=None) -> list[DispositionInfo]
        the whole vocabulary in one write (the dialog's save; id 0: a new word)
    (a call's disposition and note: ``Store.annotate_call`` / ``finish_call``, hand-dialled too)
History and notes:
    history(phone, *, limit=200) -> list[HistoryEntry]   calls and notes, newest first
    add_note(phone, note, *, user) -> int
Live updates: changes to list_rules, callbacks, do_not_call, dispositions and contact_notes reach
other clients as ``Changes.tables`` (``store.watch``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from calllist_desktop.core.campaign_rules import (
    ALL_DAYS,
    DEFAULT_ENDING_OUTCOMES,
    DEFAULT_TIME_ZONE,
    Hold,
    ListRules,
    RuleError,
    TargetHistory,
    evaluate,
    next_calling_time,
)
from calllist_desktop.core.dial_policy import ALLOW_INTERNATIONAL, ALLOW_PREMIUM, Refusal, number_refusal
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.core.phone import format_national, normalize_phone
from calllist_desktop.store.campaign_views import (
    CallbackInfo,
    DispositionInfo,
    DncEntry,
    HistoryEntry,
    TargetPlan,
)
from calllist_desktop.store.database import upsert
from calllist_desktop.store.errors import AlreadyExists, NotFound, PermissionDenied, StoreError
from calllist_desktop.store.models import (
    Call,
    Callback,
    CallList,
    Contact,
    ContactNote,
    Disposition,
    DoNotCall,
    LastCall,
    ListRule,
    StoreSetting,
    Target,
    TargetAttempts,
    TargetClaim,
    User,
)
from calllist_desktop.store.types import utc_now
from calllist_desktop.store.views import UserInfo

MAX_NOTE = 10_000
MAX_REASON = 1_000
MAX_DISPOSITION_NAME = 100


class DialRefused(StoreError):
    """The number may not be dialled by anyone: on the do-not-call list, premium-rate or
    international (not allowed by a manager). ``refusal`` says which; ``str()`` is the message."""

    def __init__(self, phone: str, refusal: Refusal, reason: str = "") -> None:
        shown = format_national(phone) if phone.startswith("+81") else phone
        if refusal is Refusal.DO_NOT_CALL:
            why_en = f" ({reason})" if reason else ""
            why_ja = f" (理由: {reason})" if reason else ""
            en = f"{shown} is on the do-not-call list{why_en}: it may not be dialled"
            ja = f"{shown} は発信禁止番号です{why_ja}。発信できません"
        elif refusal is Refusal.PREMIUM:
            en = f"{shown} is a premium-rate number (0990): a manager has not allowed calling such numbers"
            ja = f"{shown} は有料番号 (0990) です。管理者が発信を許可していません"
        else:
            en = f"{shown} is an international number: a manager has not allowed calling abroad"
            ja = f"{shown} は国際電話番号です。管理者が発信を許可していません"
        super().__init__(en, ja)
        self.phone = phone
        self.refusal = refusal
        self.reason = reason


@dataclass(slots=True)
class DncImport:
    """The outcome of a do-not-call CSV import: all or nothing, errors by spreadsheet row."""

    added: int = 0
    already: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row, message)

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "added": self.added,
            "already": self.already,
            "errors": [{"row": row, "message": message} for row, message in self.errors],
        }


# --- reads and checks on a connection (the claim's transaction uses these) -----------------------
#
# The reads of auto-call's pick are statements built once, with named parameters (``bindparam``),
# executed with each pick's values: SQLAlchemy finds a statement's compiled SQL in its cache by the
# statement's structure, which it would otherwise build and walk again at every pick
# (``bench/next_target.py``).

_RULES = select(*ListRule.__table__.columns).where(ListRule.list_id == bindparam("list_id"))


def read_rules(connection: Connection, list_id: int) -> ListRules:
    """The list's rules (the defaults when it has none stored)."""
    row = connection.execute(_RULES, {"list_id": list_id}).first()
    return _rules_of(row) if row is not None else ListRules()


def _rules_of(row: Any) -> ListRules:
    hours = None
    if row.hours_start and row.hours_end:
        hours = (time.fromisoformat(row.hours_start), time.fromisoformat(row.hours_end))
    try:
        return ListRules(
            max_attempts=row.max_attempts,
            retry_delays={
                code: timedelta(seconds=int(seconds)) for code, seconds in (row.retry_delays or {}).items()
            },
            ending_outcomes=frozenset(
                row.ending_outcomes if row.ending_outcomes is not None else DEFAULT_ENDING_OUTCOMES
            ),
            hours=hours,
            days=frozenset(row.days) if row.days is not None else ALL_DAYS,
            call_on_holidays=bool(row.call_on_holidays),
            time_zone=row.time_zone or DEFAULT_TIME_ZONE,
        )
    except RuleError as exc:  # written by a newer program, or by hand
        raise StoreError(
            f"the rules of list {row.list_id} cannot be used: {exc}",
            f"リスト (ID {row.list_id}) の発信ルールが不正です: {exc}",
        ) from exc


def _rule_values(rules: ListRules) -> dict[str, Any]:
    return {
        "max_attempts": rules.max_attempts,
        "retry_delays": {
            code: int(delay.total_seconds()) for code, delay in sorted(rules.retry_delays.items())
        },
        "ending_outcomes": sorted(rules.ending_outcomes),
        "hours_start": rules.hours[0].isoformat("microseconds" if rules.hours[0].microsecond else "minutes")
        if rules.hours
        else None,
        "hours_end": rules.hours[1].isoformat("microseconds" if rules.hours[1].microsecond else "minutes")
        if rules.hours
        else None,
        "days": sorted(rules.days) if rules.days != ALL_DAYS else None,
        "call_on_holidays": rules.call_on_holidays,
        "time_zone": rules.time_zone,
    }


def _write_rules(connection: Connection, list_id: int, rules: ListRules, user_id: int | None) -> None:
    """Store the rules of a list (a new row, or the list's row replaced)."""
    values = {**_rule_values(rules), "updated_at": utc_now(), "updated_by": user_id}
    statement = upsert(connection, ListRule).values(list_id=list_id, **values)
    connection.execute(statement.on_conflict_do_update(index_elements=[ListRule.list_id], set_=values))


def _setting_on(connection: Connection, key: str) -> bool:
    return connection.scalar(select(StoreSetting.value).where(StoreSetting.key == key)) is True


_DNC_REASON = select(DoNotCall.reason).where(DoNotCall.phone == bindparam("phone"))


def refusal(connection: Connection, phone: str) -> tuple[Refusal, str] | None:
    """Why no one may dial ``phone`` (and the do-not-call reason), or ``None``."""
    reason = connection.scalar(_DNC_REASON, {"phone": phone})
    if reason is not None:
        return Refusal.DO_NOT_CALL, reason
    plan = plan_refusal(connection, phone)
    return (plan, "") if plan is not None else None


def plan_refusal(connection: Connection, phone: str) -> Refusal | None:
    """The numbering plan's refusal of ``phone`` unless a manager allowed its kind (the setting is
    read only for a number the plan refuses)."""
    plan = number_refusal(phone, allow_premium=False, allow_international=False)
    if plan is Refusal.PREMIUM and _setting_on(connection, ALLOW_PREMIUM):
        return None
    if plan is Refusal.INTERNATIONAL and _setting_on(connection, ALLOW_INTERNATIONAL):
        return None
    return plan


_OPEN_CALLBACK_FOR_USER = and_(
    Callback.done_at.is_(None), or_(Callback.user_id.is_(None), Callback.user_id == bindparam("user_id"))
)
_DUE_CALLBACK = (
    select(Callback.id)
    .where(
        _OPEN_CALLBACK_FOR_USER,
        Callback.phone == bindparam("phone"),
        Callback.list_id == bindparam("list_id"),
        Callback.due_at <= bindparam("now"),
    )
    .limit(1)
)


def has_due_callback(connection: Connection, list_id: int, phone: str, user_id: int, now: datetime) -> bool:
    """An open callback on the target, due at ``now``, for ``user_id`` or for anyone."""
    parameters = {"list_id": list_id, "phone": phone, "user_id": user_id, "now": now}
    return connection.scalar(_DUE_CALLBACK, parameters) is not None


_STANDING = (
    select(
        Target.phone,
        Target.excluded,
        Contact.assignee_id,
        DoNotCall.phone.is_not(None),
        TargetAttempts.attempts,
        TargetAttempts.last_outcome,
        TargetAttempts.last_started_at,
        TargetAttempts.last_ended_at,
        Disposition.ends_target,
    )
    .join(Contact, Contact.phone == Target.phone)
    .outerjoin(DoNotCall, DoNotCall.phone == Target.phone)
    .outerjoin(
        TargetAttempts, and_(TargetAttempts.list_id == Target.list_id, TargetAttempts.phone == Target.phone)
    )
    .outerjoin(Disposition, Disposition.name == TargetAttempts.last_disposition)
    .where(Target.list_id == bindparam("list_id"))
)
"""A list's targets (parameter ``list_id``) with what the rules and the block list need
(``screen_targets``, ``check_target`` and ``target_plans`` read the same): phone, excluded,
assignee, on the do-not-call list, the attempts row, and whether its last disposition ends it."""

_SCREEN = _STANDING.where(Target.phone.in_(bindparam("phones", expanding=True)))
_STANDING_OF_ONE = _STANDING.where(Target.phone == bindparam("phone"))


def _refusal_and_history(connection: Connection, row: Any) -> tuple[Refusal | None, TargetHistory]:
    """From a target's row of ``_STANDING``: why no one may dial it (the do-not-call list, the
    numbering plan), and what the rules need of its calls."""
    phone, _excluded, _assignee, blocked, attempts, outcome, started, ended, ends = row
    refused = Refusal.DO_NOT_CALL if blocked else plan_refusal(connection, phone)
    return refused, TargetHistory(attempts or 0, outcome, started, ended, bool(ends))


def check_target(
    connection: Connection,
    list_id: int,
    phone: str,
    user_id: int,
    now: datetime,
    *,
    callback: bool,
    rules: ListRules | None = None,
) -> tuple[Refusal | None, Hold | None]:
    """The do-not-call list, the numbering plan and the list's rules for one target, in the
    caller's transaction (the claim's). ``callback``: a due callback on it, if there still is
    one, lifts the attempts, ending and retry rules. ``rules``: the list's, when the caller
    read them in this transaction already. The target must be in the list (the claim has found
    and locked its row)."""
    row = connection.execute(_STANDING_OF_ONE, {"list_id": list_id, "phone": phone}).first()
    if row is None:
        raise NotFound(
            f"no target {phone} in list {list_id}", f"リスト (ID {list_id}) に {phone} はありません"
        )
    refused, history = _refusal_and_history(connection, row)
    if refused is not None:
        return refused, None
    due = callback and has_due_callback(connection, list_id, phone, user_id, now)
    if rules is None:
        rules = read_rules(connection, list_id)
    return None, evaluate(rules, history, now, callback_due=due).hold


def screen_targets(
    connection: Connection, list_id: int, phones: Sequence[str], user_id: int, rules: ListRules, now: datetime
) -> Iterator[tuple[str, bool, bool, Refusal | None, Hold | None]]:
    """One read of several targets for a pick, then ``(phone, gone, excluded, refusal, hold)`` for
    each phone in the order given (a phone not in the list or not assigned to ``user_id`` is
    gone), by the same evaluation as :func:`check_target`. A phone is evaluated when it is asked
    for, as the pick stops at the first it claims; the claim checks that one again under its lock."""
    rows = {row[0]: row for row in connection.execute(_SCREEN, {"list_id": list_id, "phones": list(phones)})}
    for phone in phones:
        row = rows.get(phone)
        if row is None:
            yield phone, True, False, None, None
            continue
        refused, history = _refusal_and_history(connection, row)
        held = evaluate(rules, history, now).hold if refused is None else None
        yield phone, row.assignee_id != user_id, bool(row.excluded), refused, held


_DUE_CALLBACKS = (
    select(Callback.phone, func.min(Callback.due_at))
    .join(Contact, Contact.phone == Callback.phone)
    .where(
        _OPEN_CALLBACK_FOR_USER,
        Callback.list_id == bindparam("list_id"),
        Callback.due_at <= bindparam("now"),
        Contact.assignee_id == bindparam("user_id"),
    )
    .group_by(Callback.phone)
    .order_by(func.min(Callback.due_at), Callback.phone)
)


def due_callbacks(
    connection: Connection, list_id: int, user_id: int, now: datetime
) -> list[tuple[str, datetime]]:
    """The list's open callbacks due at ``now`` for ``user_id`` or anyone, on numbers assigned to
    them, earliest first (one per number)."""
    rows = connection.execute(_DUE_CALLBACKS, {"list_id": list_id, "now": now, "user_id": user_id})
    return [(row[0], row[1]) for row in rows]


def complete_due_callbacks(
    connection: Connection, phone: str, user_id: int | None, call_id: int, now: datetime
) -> int:
    """An outbound call to ``phone`` by ``user_id``: the callbacks on it that are due, for them
    or for anyone, are done."""
    whose = (
        Callback.user_id.is_(None)
        if user_id is None
        else or_(Callback.user_id.is_(None), Callback.user_id == user_id)
    )
    result = connection.execute(
        update(Callback)
        .where(Callback.phone == phone, Callback.done_at.is_(None), Callback.due_at <= now, whose)
        .values(done_at=now, done_call_id=call_id)
    )
    return int(result.rowcount or 0)


def complete_callbacks_answered_in(connection: Connection, call_id: int, ended_at: datetime) -> int:
    """An incoming call, answered, has ended: the customer was spoken to, so the callbacks on
    the number due by its end (for the one who answered, or anyone: an outbound call's rule)
    are done, answered by it. Left open, such a callback stays 期限切れ in the tab while auto-call
    never dials it again (the number was called since it fell due). A missed incoming call
    reaches no one and leaves them; so does one not yet due (booked for a later talk)."""
    row = connection.execute(
        select(Call.phone, Call.user_id).where(Call.id == call_id, Call.direction == str(Direction.INBOUND))
    ).first()
    if row is None:
        return 0
    return complete_due_callbacks(connection, row.phone, row.user_id, call_id, ended_at)


# --- the Store's operations ------------------------------------------------------------------------


class CampaignOperations:
    """The campaign half of :class:`~calllist_desktop.store.store.Store` (mixed into it)."""

    engine: Engine

    def _read(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def _write(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def _user(self, connection: Connection, login: str) -> UserInfo:
        raise NotImplementedError

    def _require_list(self, connection: Connection, list_id: int, *, lock: bool = False) -> None:
        raise NotImplementedError

    def _manager_id(self, connection: Connection, by: str | None, what_en: str, what_ja: str) -> int | None:
        """The id of ``by``, who must be a manager; ``None`` when nobody is named (the CLI without
        ``--user``, or a SQLite store's single user; PostgreSQL still refuses non-managers)."""
        if by is None:
            return None
        user = self._user(connection, by)
        if not user.is_admin:
            raise PermissionDenied(f"only a manager may {what_en}", f"{what_ja}は管理者だけができます")
        return user.id

    # -- rules ------------------------------------------------------------------------------------

    def list_rules(self, list_id: int) -> ListRules:
        """The rules of a list (the defaults when none were set)."""
        with self._read() as connection:
            self._require_list(connection, list_id)
            return read_rules(connection, list_id)

    def set_list_rules(self, list_id: int, rules: ListRules, *, by: str | None = None) -> ListRules:
        """Store the rules of a list (managers only); other clients follow at once."""
        with self._write() as connection:
            self._require_list(connection, list_id)
            user_id = self._manager_id(connection, by, "change the calling rules", "発信ルールの変更")
            _write_rules(connection, list_id, rules, user_id)
            return read_rules(connection, list_id)

    def adopt_calling_hours(
        self, hours: tuple[time, time], list_ids: Sequence[int], *, by: str | None = None
    ) -> list[int]:
        """Move the old per-computer calling hours into the rules of ``list_ids`` (the lists that
        computer dialled) that have no rules of their own yet (managers only): a list a manager
        gave rules keeps them as they are. Hours that run over midnight cannot be list rules and
        change nothing. One write; returns the lists changed."""
        start, end = hours
        if not start < end:
            return []
        changed: list[int] = []
        with self._write() as connection:
            user_id = self._manager_id(connection, by, "change the calling rules", "発信ルールの変更")
            for list_id in dict.fromkeys(list_ids):
                if connection.scalar(select(CallList.id).where(CallList.id == list_id)) is None:
                    continue
                if not read_rules(connection, list_id).is_default:
                    continue
                _write_rules(connection, list_id, ListRules(hours=(start, end)), user_id)
                changed.append(list_id)
        return changed

    def next_calling_time(self, list_id: int, now: datetime | None = None) -> datetime | None:
        """The first calling time of the list at or after ``now`` (``now`` when it is one)."""
        with self._read() as connection:
            rules = read_rules(connection, list_id)
        return next_calling_time(rules, now or utc_now())

    def target_plans(
        self,
        list_id: int,
        *,
        user: str | None = None,
        phones: Sequence[str] | None = None,
        now: datetime | None = None,
    ) -> dict[str, TargetPlan]:
        """Each target's standing under the list's rules at ``now``, by phone (one read).

        ``user``: whose callbacks count (theirs and anyone's; ``None``: every open callback).
        The evaluation is the claim's (``check_target``): ``dialable_now`` holds exactly when
        auto-call's claim by the target's assignee would be granted now.
        """
        now = now or utc_now()
        with self._read() as connection:
            self._require_list(connection, list_id)
            user_id = self._user(connection, user).id if user is not None else None
            rules = read_rules(connection, list_id)
            allow_premium = _setting_on(connection, ALLOW_PREMIUM)
            allow_international = _setting_on(connection, ALLOW_INTERNATIONAL)
            due = select(Callback.phone, func.min(Callback.due_at).label("due_at")).where(
                Callback.list_id == list_id, Callback.done_at.is_(None)
            )
            if user_id is not None:
                due = due.where(or_(Callback.user_id.is_(None), Callback.user_id == user_id))
            due_sub = due.group_by(Callback.phone).subquery()
            query = (
                _STANDING.add_columns(due_sub.c.due_at, TargetClaim.expires_at, LastCall.started_at)
                .outerjoin(due_sub, due_sub.c.phone == Target.phone)
                .outerjoin(
                    TargetClaim,
                    and_(TargetClaim.list_id == Target.list_id, TargetClaim.phone == Target.phone),
                )
                .outerjoin(LastCall, LastCall.phone == Target.phone)
            )
            if phones is not None:
                query = query.where(Target.phone.in_(list(phones)))
            rows = connection.execute(query, {"list_id": list_id}).all()
            db_clock = connection.scalar(select(_db_now(connection)))
        plans: dict[str, TargetPlan] = {}
        for (
            phone,
            excluded,
            _assignee,
            on_dnc,
            attempts,
            outcome,
            started,
            ended,
            ends,
            due_at,
            expires,
            last,
        ) in rows:
            history = TargetHistory(attempts or 0, outcome, started, ended, bool(ends))
            # As the claim for a callback: not when the number was called (or called in) since it fell due.
            callback_due = due_at is not None and due_at <= now and (last is None or last < due_at)
            eligibility = evaluate(rules, history, now, callback_due=callback_due)
            blocked = (
                Refusal.DO_NOT_CALL
                if on_dnc
                else number_refusal(
                    phone, allow_premium=allow_premium, allow_international=allow_international
                )
            )
            claimed = expires is not None and db_clock is not None and float(expires) > float(db_clock)
            plans[phone] = TargetPlan(
                phone,
                attempts or 0,
                outcome,
                eligibility.hold,
                eligibility.next_at,
                blocked,
                bool(excluded),
                due_at,
                claimed,
            )
        return plans

    # -- callbacks ----------------------------------------------------------------------------------

    def add_callback(
        self,
        phone: str,
        *,
        due_at: datetime,
        list_id: int | None = None,
        to: str | None = None,
        anyone: bool = False,
        by: str | None = None,
        note: str | None = None,
    ) -> CallbackInfo:
        """Book a callback on ``phone`` at ``due_at``: for the login ``to``, for anyone
        (``anyone``), or else for ``by`` (oneself). In team mode an operator books them only on
        their own numbers."""
        if due_at.tzinfo is None:
            raise ValueError("due_at must be aware")
        note = _limited_text(note, MAX_NOTE, "note", "メモ")
        with self._write() as connection:
            if list_id is not None:
                self._require_list(connection, list_id)
            by_id = self._user(connection, by).id if by is not None else None
            if anyone:
                for_id = None
            elif to is not None:
                for_id = self._user(connection, to).id
            else:
                for_id = by_id
            callback_id = int(
                connection.execute(
                    insert(Callback)
                    .values(
                        list_id=list_id,
                        phone=phone,
                        user_id=for_id,
                        created_by=by_id,
                        due_at=due_at,
                        note=note,
                        created_at=utc_now(),
                    )
                    .returning(Callback.id)
                ).scalar_one()
            )
            return self._callbacks(connection, ids=[callback_id])[0]

    def callbacks(
        self,
        *,
        user: str | None = None,
        mine: bool = False,
        due: bool = False,
        include_done: bool = False,
        list_id: int | None = None,
        now: datetime | None = None,
    ) -> list[CallbackInfo]:
        """Callbacks by due time: every one the reader may see, or with ``mine`` those for
        ``user`` and for anyone; ``due``: only those due by ``now``; done ones with ``include_done``."""
        now = now or utc_now()
        with self._read() as connection:
            for_id = self._user(connection, user).id if (mine and user is not None) else None
            return self._callbacks(
                connection,
                for_id=for_id,
                mine=mine,
                due_by=now if due else None,
                include_done=include_done,
                list_id=list_id,
            )

    def _callbacks(
        self,
        connection: Connection,
        *,
        ids: Sequence[int] | None = None,
        for_id: int | None = None,
        mine: bool = False,
        due_by: datetime | None = None,
        include_done: bool = True,
        list_id: int | None = None,
    ) -> list[CallbackInfo]:
        target_user = aliased(User, name="for_user")
        creator = aliased(User, name="creator")
        query = (
            select(
                Callback.id,
                Callback.list_id,
                CallList.name,
                Callback.phone,
                func.coalesce(Contact.company, ""),
                func.coalesce(Contact.person, ""),
                target_user.login,
                target_user.display_name,
                creator.login,
                Callback.due_at,
                Callback.note,
                Callback.created_at,
                Callback.done_at,
                creator.display_name,
            )
            .outerjoin(CallList, CallList.id == Callback.list_id)
            .outerjoin(Contact, Contact.phone == Callback.phone)
            .outerjoin(target_user, target_user.id == Callback.user_id)
            .outerjoin(creator, creator.id == Callback.created_by)
            .order_by(Callback.due_at, Callback.id)
        )
        if ids is not None:
            query = query.where(Callback.id.in_(list(ids)))
        if mine:
            query = query.where(or_(Callback.user_id.is_(None), Callback.user_id == for_id))
        if due_by is not None:
            query = query.where(Callback.due_at <= due_by)
        if not include_done:
            query = query.where(Callback.done_at.is_(None))
        if list_id is not None:
            query = query.where(Callback.list_id == list_id)
        return [CallbackInfo._make(row) for row in connection.execute(query)]

    def remove_callback(self, callback_id: int) -> None:
        """Delete a callback (``NotFound`` when it is gone, or not the reader's to see)."""
        with self._write() as connection:
            removed = connection.execute(
                delete(Callback).where(Callback.id == callback_id).returning(Callback.id)
            ).first()
            if removed is None:
                raise NotFound(f"no callback {callback_id}", f"再架電予約 {callback_id} はありません")

    def complete_callback(self, callback_id: int, *, call_id: int | None = None) -> None:
        """Mark a callback done (the call it asked for was made, or it is no longer wanted)."""
        with self._write() as connection:
            done = connection.execute(
                update(Callback)
                .where(Callback.id == callback_id, Callback.done_at.is_(None))
                .values(done_at=utc_now(), done_call_id=call_id)
                .returning(Callback.id)
            ).first()
            if (
                done is None
                and connection.scalar(select(Callback.id).where(Callback.id == callback_id)) is None
            ):
                raise NotFound(f"no callback {callback_id}", f"再架電予約 {callback_id} はありません")

    def due_callbacks(
        self, list_id: int, *, user: str, now: datetime | None = None
    ) -> list[tuple[str, datetime]]:
        """The numbers of ``list_id`` with a callback due for ``user`` (or anyone), earliest first;
        auto-call dials these before the next target in order."""
        with self._read() as connection:
            return due_callbacks(connection, list_id, self._user(connection, user).id, now or utc_now())

    # -- do-not-call list ---------------------------------------------------------------------------

    def dnc_entries(self) -> list[DncEntry]:
        with self._read() as connection:
            rows = connection.execute(
                select(DoNotCall.phone, DoNotCall.reason, DoNotCall.added_at, User.login, User.display_name)
                .outerjoin(User, User.id == DoNotCall.added_by)
                .order_by(DoNotCall.phone)
            )
            return [DncEntry(*row) for row in rows]

    def add_dnc(self, phones: Sequence[str], *, reason: str = "", by: str | None = None) -> int:
        """Put numbers on the do-not-call list (managers only); numbers on it already keep their
        reason. Returns how many were added."""
        reason = _limited_text(reason, MAX_REASON, "reason", "理由") or ""
        with self._write() as connection:
            user_id = self._manager_id(connection, by, "change the do-not-call list", "発信禁止番号の変更")
            return _insert_dnc(connection, phones, reason, user_id)

    def remove_dnc(self, phones: Sequence[str], *, by: str | None = None) -> int:
        """Take numbers off the do-not-call list (managers only); returns how many were on it."""
        with self._write() as connection:
            self._manager_id(connection, by, "change the do-not-call list", "発信禁止番号の変更")
            removed = 0
            for chunk in _chunks(list(dict.fromkeys(phones))):
                removed += int(
                    connection.execute(delete(DoNotCall).where(DoNotCall.phone.in_(chunk))).rowcount or 0
                )
            return removed

    def import_dnc_csv(
        self,
        data: bytes,
        *,
        encoding: str = "auto",
        reason: str = "",
        by: str | None = None,
        dry_run: bool = False,
    ) -> DncImport:
        """Add the numbers of a CSV file (a 電話番号/phone column, an optional 理由/reason
        column; or one number per line without a header) to the do-not-call list: all or
        nothing, every bad row named by its spreadsheet row number."""
        from calllist_desktop.core.dnc_csv import parse_dnc_csv

        parsed = parse_dnc_csv(data, encoding)
        report = DncImport(errors=list(parsed.errors))
        if not report.ok:
            return report
        default_reason = _limited_text(reason, MAX_REASON, "reason", "理由") or ""
        with self._write() as connection:
            user_id = self._manager_id(connection, by, "change the do-not-call list", "発信禁止番号の変更")
            existing: set[str] = set()
            phones = [phone for phone, _ in parsed.rows]
            for chunk in _chunks(phones):
                existing.update(connection.scalars(select(DoNotCall.phone).where(DoNotCall.phone.in_(chunk))))
            report.already = len(existing)
            if dry_run:
                report.added = len(phones) - len(existing)
                return report
            now = utc_now()
            new = [
                {"phone": phone, "reason": row_reason or default_reason, "added_at": now, "added_by": user_id}
                for phone, row_reason in parsed.rows
                if phone not in existing
            ]
            if new:
                connection.execute(insert(DoNotCall), new)
            report.added = len(new)
        return report

    def export_dnc_csv(self, encoding: str = "utf-8-sig") -> bytes:
        """The do-not-call list as CSV (電話番号, 理由, 登録日時, 登録者), importable again."""
        from calllist_desktop.core.dnc_csv import export_dnc_csv

        try:
            entries = self.dnc_entries()
            return export_dnc_csv(
                [(e.phone, e.reason, e.added_at, e.added_by_login) for e in entries], encoding
            )
        except ValueError as exc:
            raise StoreError(str(exc)) from exc

    def dial_refusal(self, phone: str) -> DialRefused | None:
        """Why no one may dial ``phone`` (E.164, or what was typed: it is normalised), as an error
        to show or raise; ``None`` when it may be dialled. Short numbers and SIP addresses that
        are no phone number are not refused here."""
        e164 = _e164_or_none(phone)
        if e164 is None:
            return None
        with self._read() as connection:
            found = refusal(connection, e164)
        return DialRefused(e164, found[0], found[1]) if found is not None else None

    def check_dialable(self, phone: str) -> None:
        """Raise :class:`DialRefused` when no one may dial ``phone`` (hand dialling, redial)."""
        refused = self.dial_refusal(phone)
        if refused is not None:
            raise refused

    # -- dispositions ---------------------------------------------------------------------------------

    def dispositions(self) -> list[DispositionInfo]:
        with self._read() as connection:
            return _dispositions(connection)

    def add_disposition(
        self, name: str, *, ends_target: bool = False, blocks_number: bool = False, by: str | None = None
    ) -> DispositionInfo:
        """Add a word to the vocabulary, last in order (managers only)."""
        name = _disposition_name(name)
        try:
            with self._write() as connection:
                self._manager_id(connection, by, "change the dispositions", "結果の変更")
                position = (
                    int(connection.scalar(select(func.coalesce(func.max(Disposition.position), 0))) or 0) + 1
                )
                new_id = connection.execute(
                    insert(Disposition)
                    .values(
                        name=name, ends_target=ends_target, blocks_number=blocks_number, position=position
                    )
                    .returning(Disposition.id)
                ).scalar_one()
                return next(info for info in _dispositions(connection) if info.id == new_id)
        except IntegrityError as exc:
            raise AlreadyExists(
                f"the disposition {name!r} exists already", f"結果「{name}」は既にあります"
            ) from exc

    def update_disposition(
        self,
        disposition_id: int,
        *,
        name: str | None = None,
        ends_target: bool | None = None,
        blocks_number: bool | None = None,
        position: int | None = None,
        by: str | None = None,
    ) -> DispositionInfo:
        values: dict[str, Any] = {}
        if name is not None:
            values["name"] = _disposition_name(name)
        if ends_target is not None:
            values["ends_target"] = ends_target
        if blocks_number is not None:
            values["blocks_number"] = blocks_number
        if position is not None:
            values["position"] = position
        try:
            with self._write() as connection:
                self._manager_id(connection, by, "change the dispositions", "結果の変更")
                if values:
                    found = connection.execute(
                        update(Disposition)
                        .where(Disposition.id == disposition_id)
                        .values(values)
                        .returning(Disposition.id)
                    ).first()
                    if found is None:
                        raise NotFound(
                            f"no disposition {disposition_id}", f"結果 {disposition_id} はありません"
                        )
                for info in _dispositions(connection):
                    if info.id == disposition_id:
                        return info
                raise NotFound(f"no disposition {disposition_id}", f"結果 {disposition_id} はありません")
        except IntegrityError as exc:
            raise AlreadyExists(
                f"the disposition {name!r} exists already", f"結果「{name}」は既にあります"
            ) from exc

    def save_dispositions(
        self, wanted: Sequence[DispositionInfo], *, by: str | None = None
    ) -> list[DispositionInfo]:
        """Make the vocabulary ``wanted``, in its order, in one write (managers only; the
        dispositions dialog's save): a word with id 0 is added, a stored one left out is removed,
        the others take their name, flags and place, so names may be swapped. A word another
        manager removed meanwhile, or two with one name, change nothing (``NotFound``,
        ``AlreadyExists``). Returns the vocabulary as stored."""
        names = [_disposition_name(item.name) for item in wanted]
        twice = next((name for name in names if names.count(name) > 1), None)
        if twice is not None:
            raise AlreadyExists(f"the disposition {twice!r} is there twice", f"結果「{twice}」が2つあります")
        with self._write() as connection:
            self._manager_id(connection, by, "change the dispositions", "結果の変更")
            stored = set(connection.scalars(select(Disposition.id)))
            kept = [item.id for item in wanted if item.id]
            gone = next((item for item in wanted if item.id and item.id not in stored), None)
            if gone is not None:
                raise NotFound(
                    f"the disposition {gone.name!r} was removed by someone else meanwhile",
                    f"結果「{gone.name}」は他の管理者が削除しました。開き直してください",
                )
            connection.execute(delete(Disposition).where(Disposition.id.not_in(kept)))
            for disposition_id in kept:  # names out of the way first: two may swap theirs
                connection.execute(
                    update(Disposition)
                    .where(Disposition.id == disposition_id)
                    .values(name=f"\t{disposition_id}")
                )
            for position, (item, name) in enumerate(zip(wanted, names, strict=True), start=1):
                values = {"name": name, "ends_target": item.ends_target, "blocks_number": item.blocks_number}
                if item.id:
                    connection.execute(
                        update(Disposition)
                        .where(Disposition.id == item.id)
                        .values(position=position, **values)
                    )
                else:
                    connection.execute(insert(Disposition).values(position=position, **values))
            return _dispositions(connection)

    def remove_disposition(self, disposition_id: int, *, by: str | None = None) -> None:
        """Remove a word from the vocabulary; calls that carry it keep their text."""
        with self._write() as connection:
            self._manager_id(connection, by, "change the dispositions", "結果の変更")
            found = connection.execute(
                delete(Disposition).where(Disposition.id == disposition_id).returning(Disposition.id)
            ).first()
            if found is None:
                raise NotFound(f"no disposition {disposition_id}", f"結果 {disposition_id} はありません")

    # -- history and notes --------------------------------------------------------------------------

    def history(self, phone: str, *, limit: int = 200) -> list[HistoryEntry]:
        """The number's calls (by anyone the reader may see) and its notes, newest first."""
        agent = aliased(User, name="agent")
        with self._read() as connection:
            calls = connection.execute(
                select(
                    Call.id,
                    Call.phone,
                    Call.started_at,
                    Call.ended_at,
                    Call.answered_at,
                    Call.direction,
                    Call.outcome,
                    Call.sip_status,
                    agent.login,
                    agent.display_name,
                    Call.list_id,
                    CallList.name,
                    Call.disposition,
                    Call.note,
                    Call.hand_dialled,
                    Call.recording_path,
                    Call.recording_error,
                )
                .outerjoin(agent, agent.id == Call.user_id)
                .outerjoin(CallList, CallList.id == Call.list_id)
                .where(Call.phone == phone)
                .order_by(Call.started_at.desc(), Call.id.desc())
                .limit(limit)
            ).all()
            notes = connection.execute(
                select(
                    ContactNote.id, ContactNote.created_at, agent.login, agent.display_name, ContactNote.note
                )
                .outerjoin(agent, agent.id == ContactNote.user_id)
                .where(ContactNote.phone == phone)
                .order_by(ContactNote.created_at.desc(), ContactNote.id.desc())
                .limit(limit)
            ).all()
        entries = [
            HistoryEntry(
                "call",
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                Direction(row[5]),
                Outcome(row[6]) if row[6] else None,
                row[7],
                row[8],
                row[9],
                row[10],
                row[11],
                row[12],
                row[13],
                bool(row[14]),
                row[15],
                row[16],
            )
            for row in calls
        ]
        entries += [
            HistoryEntry(
                "note",
                row[0],
                phone,
                row[1],
                None,
                None,
                None,
                None,
                None,
                row[2],
                row[3],
                None,
                None,
                None,
                row[4],
            )
            for row in notes
        ]
        entries.sort(key=lambda entry: (entry.started_at, entry.kind == "note", entry.id), reverse=True)
        return entries[:limit]

    def add_note(self, phone: str, note: str, *, user: str) -> int:
        """Write a note on a number without a call; its id."""
        text = _limited_text(note, MAX_NOTE, "note", "メモ")
        if not text:
            raise StoreError("the note is empty", "メモが空です")
        with self._write() as connection:
            user_id = self._user(connection, user).id
            return int(
                connection.execute(
                    insert(ContactNote)
                    .values(phone=phone, user_id=user_id, note=text, created_at=utc_now())
                    .returning(ContactNote.id)
                ).scalar_one()
            )


# --- helpers -----------------------------------------------------------------------------------------


def _db_now(connection: Connection) -> Any:
    from calllist_desktop.store.claims import db_now

    return db_now(connection)


def _dispositions(connection: Connection) -> list[DispositionInfo]:
    rows = connection.execute(
        select(
            Disposition.id,
            Disposition.name,
            Disposition.ends_target,
            Disposition.blocks_number,
            Disposition.position,
        ).order_by(Disposition.position, Disposition.id)
    )
    return [DispositionInfo(row[0], row[1], bool(row[2]), bool(row[3]), row[4]) for row in rows]


def _disposition_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise StoreError("a disposition needs a name", "結果の名前を入力してください")
    if len(name) > MAX_DISPOSITION_NAME:
        raise StoreError(
            f"a disposition's name is at most {MAX_DISPOSITION_NAME} characters",
            f"結果の名前は {MAX_DISPOSITION_NAME} 文字までです",
        )
    return name


def _limited_text(text: str | None, limit: int, what_en: str, what_ja: str) -> str | None:
    if text is None:
        return None
    text = text.strip()
    if len(text) > limit:
        raise StoreError(
            f"the {what_en} is longer than {limit} characters", f"{what_ja}は {limit} 文字までです"
        )
    return text


def _insert_dnc(connection: Connection, phones: Sequence[str], reason: str, user_id: int | None) -> int:
    wanted = list(dict.fromkeys(phones))
    existing: set[str] = set()
    for chunk in _chunks(wanted):
        existing.update(connection.scalars(select(DoNotCall.phone).where(DoNotCall.phone.in_(chunk))))
    now = utc_now()
    new = [
        {"phone": p, "reason": reason, "added_at": now, "added_by": user_id}
        for p in wanted
        if p not in existing
    ]
    if new:
        connection.execute(insert(DoNotCall), new)
    return len(new)


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _e164_or_none(phone: str) -> str | None:
    text = phone.strip()
    if text.startswith("+") and text[1:].isdigit():
        return text
    return normalize_phone(text).e164
