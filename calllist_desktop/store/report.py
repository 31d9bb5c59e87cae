"""Analytics (SPEC §10): call reports by operator, list, day or hour, and the progress of each list.

API as proposed in issue 15's plan, with these additions: ``ReportRow.to_json``,
``ListProgress.to_json`` and :data:`GROUPINGS`; ``answer_rate`` / ``mean_talk_seconds`` are
``None`` (not 0) for a group without calls / without answered calls. The team board's
``BoardRow`` lives in :mod:`calllist_desktop.store.presence` and is re-exported here.

How a report is computed — in the database, never by loading call rows into Python:

- One SQL statement over ``calls`` restricted to the date range on the indexed ``started_at``
  (migration 0007): ``GROUP BY group, outcome, disposition`` with ``count(*)`` and the sum of
  talk time, joined to the operators' or lists' names. It returns at most groups × outcomes ×
  dispositions rows (a month by operator: a few hundred), which Python folds into one
  :class:`ReportRow` per group.
- The report counts **finished** calls (``outcome`` set): a call still going on counts once it
  has ended (or been closed as ``interrupted``), so ``sum(by_outcome) == calls`` always.
- Every call counts, inbound and outbound, those of deactivated users too (they keep their
  history, SPEC §11), and those whose list or user was deleted (group key ``""``).
- ``answered``: calls whose outcome is ``answered``. ``talk_seconds``: the sum of
  ``ended_at - answered_at`` over calls that have both.
- Days and hours are those of the store's time zone, :data:`STORE_TIME_ZONE` (Asia/Tokyo, UTC+9),
  and a call counts on the day (and in the hour) it **started**, also when it ran past midnight.
  SQLite has no time zones, so the local time is computed in SQL as UTC plus a fixed offset
  (``date(started_at, '+540 minutes')``); PostgreSQL does the same (``timezone('UTC', started_at)
  + interval``), so both give the same figures. A fixed offset is exact for Japan, which has had
  no daylight saving time since 1951; a store in a zone with daylight saving time would need
  the offset per range (not needed by anyone today, so not built).
- On PostgreSQL, row-level security decides which calls a report sees: a manager's covers
  everyone's; an operator's the calls they may read (their own, and since migration 0006 the
  calls of the numbers assigned to them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any, Literal, get_args

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    Select,
    and_,
    case,
    cast,
    func,
    literal_column,
    or_,
    select,
    text,
)

from calllist_desktop.core.campaign_rules import ListRules, TargetHistory
from calllist_desktop.core.dial_policy import ALLOW_INTERNATIONAL, ALLOW_PREMIUM, PREMIUM_PREFIXES
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.store import campaign, store_settings
from calllist_desktop.store.models import (
    Call,
    Callback,
    CallList,
    Disposition,
    DoNotCall,
    Target,
    TargetAttempts,
    User,
)
from calllist_desktop.store.presence import BoardRow

__all__ = [
    "GROUPINGS",
    "STORE_TIME_ZONE",
    "BoardRow",
    "Grouping",
    "ListProgress",
    "ReportQuery",
    "ReportRow",
    "local_day_bounds",
    "read_list_progress",
    "read_report",
    "report_statement",
]

Grouping = Literal["operator", "list", "day", "hour"]
GROUPINGS: tuple[Grouping, ...] = get_args(Grouping)

STORE_TIME_ZONE = timezone(timedelta(hours=9), "JST")
"""The store's time zone for days and hours: Asia/Tokyo, a fixed UTC+9 (Japan has no DST)."""


@dataclass(frozen=True, slots=True)
class ReportQuery:
    """What a report covers: the days ``start`` to ``end`` (both included, in the store's time
    zone), grouped ``by`` operator, list, day or hour (of the day, 00–23); only the calls dialled
    from the list ``list_name`` when given."""

    start: date
    end: date
    by: Grouping
    list_name: str | None = None


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One group of a report.

    ``key`` is stable and what scripts use: an operator's login, a list's name, a day
    ``YYYY-MM-DD`` or an hour ``HH`` (``""``: calls with no operator / no list, such as inbound
    calls or calls whose list was deleted). ``label`` is what a person reads: the display name,
    the list's name, the day, ``HH:00``. ``by_outcome`` maps outcome codes (SPEC §1) to counts
    and adds up to ``calls``; ``by_disposition`` counts the calls that have a disposition.
    """

    key: str
    label: str
    calls: int
    answered: int
    talk_seconds: float
    by_outcome: Mapping[str, int] = field(default_factory=dict)
    by_disposition: Mapping[str, int] = field(default_factory=dict)

    @property
    def answer_rate(self) -> float | None:
        """Answered calls / calls, ``None`` for a group without calls."""
        return self.answered / self.calls if self.calls else None

    @property
    def mean_talk_seconds(self) -> float | None:
        """Talk time per answered call, ``None`` when no call was answered."""
        return self.talk_seconds / self.answered if self.answered else None

    def to_json(self, by: Grouping) -> dict[str, Any]:
        """The object ``calllist report --json`` prints (SPEC §8): the group under the name of the
        grouping (``"operator": login`` …), its label, and the figures."""
        rate, mean = self.answer_rate, self.mean_talk_seconds
        return {
            by: self.key if self.key or by in ("day", "hour") else None,
            "label": self.label,
            "calls": self.calls,
            "answered": self.answered,
            "answer_rate": None if rate is None else round(rate, 4),
            "talk_seconds": round(self.talk_seconds, 1),
            "mean_talk_seconds": None if mean is None else round(mean, 1),
            "by_outcome": dict(self.by_outcome),
            "by_disposition": dict(self.by_disposition),
        }


@dataclass(frozen=True, slots=True)
class ListProgress:
    """How far a list has got (SPEC §10): its targets, counted once each, in the first of

    ``excluded`` (発信対象外), ``blocked`` (on the do-not-call list, or a premium-rate or
    international number the store does not allow), ``done`` (its last call from this list ended
    it: an outcome the list's rules call ending, or a disposition that ends targets),
    ``exhausted`` (the list's most attempts used up, not done), ``in_progress`` (called from this
    list, attempts left, or a call going on now), ``never_called`` (never dialled from this list)
    — so these six add up to ``targets``. ``callbacks_due``: the list's open callbacks whose time
    has come (apart from the six; a callback made without a list counts in none).

    The categories are those of the campaign rules (``core.campaign_rules``: ``Hold.ENDED``,
    ``Hold.ATTEMPTS``); "called" counts the outbound calls dialled from the list
    (``target_attempts``), as the rules' attempts do.
    """

    list_id: int
    name: str
    targets: int
    never_called: int
    in_progress: int
    done: int
    excluded: int
    blocked: int = 0
    callbacks_due: int = 0
    exhausted: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "list": self.name,
            "targets": self.targets,
            "never_called": self.never_called,
            "in_progress": self.in_progress,
            "done": self.done,
            "excluded": self.excluded,
            "blocked": self.blocked,
            "exhausted": self.exhausted,
            "callbacks_due": self.callbacks_due,
        }


# --- reports ------------------------------------------------------------------------------------


def local_day_bounds(start: date, end: date, zone: timezone = STORE_TIME_ZONE) -> tuple[datetime, datetime]:
    """The UTC instants of ``start``'s midnight and of the midnight after ``end``, in ``zone``."""
    first = datetime.combine(start, time(), zone).astimezone(UTC)
    after = datetime.combine(end + timedelta(days=1), time(), zone).astimezone(UTC)
    return first, after


def _offset_minutes(zone: timezone) -> int:
    offset = zone.utcoffset(None)
    return int(offset.total_seconds() // 60)


def _local_part(connection: Connection, part: Literal["day", "hour"], zone: timezone) -> ColumnElement[str]:
    """``calls.started_at`` as the local day ``YYYY-MM-DD`` or hour ``HH`` of ``zone``, in SQL."""
    minutes = _offset_minutes(zone)
    if connection.dialect.name == "postgresql":
        local = func.timezone("UTC", Call.started_at) + text(f"interval '{minutes} minutes'")
        return func.to_char(local, "YYYY-MM-DD" if part == "day" else "HH24")
    modifier: ColumnElement[str] = literal_column(f"'{minutes:+d} minutes'")
    if part == "day":
        return func.date(Call.started_at, modifier)
    return func.strftime("%H", Call.started_at, modifier)


def _talk_sum(connection: Connection) -> ColumnElement[float]:
    """The aggregate: seconds between answer and end, summed over a group's calls that have both.

    Summed before converting (PostgreSQL: one ``interval`` sum, its seconds taken once per group),
    which is cheaper than converting every call's interval to a number.
    """
    if connection.dialect.name == "postgresql":
        return cast(func.extract("epoch", func.sum(Call.ended_at - Call.answered_at)), Float)
    return func.sum(func.julianday(Call.ended_at) - func.julianday(Call.answered_at)) * 86400.0


def report_statement(
    connection: Connection, query: ReportQuery, list_id: int | None = None, zone: timezone = STORE_TIME_ZONE
) -> Select[Any]:
    """The one statement of a report: ``(grp, outcome, disposition, calls, talk, key, label)`` rows.

    The calls are grouped first; the groups are then joined to the names of their operator or
    list (``key``/``label``, NULL for day and hour), so a report is one round trip to the server.
    """
    group: ColumnElement[Any]
    if query.by == "operator":
        group = Call.__table__.c.user_id
    elif query.by == "list":
        group = Call.__table__.c.list_id
    else:
        group = _local_part(connection, query.by, zone)
    first, after = local_day_bounds(query.start, query.end, zone)
    conditions = [Call.started_at >= first, Call.started_at < after, Call.outcome.is_not(None)]
    if list_id is not None:
        conditions.append(Call.list_id == list_id)
    grouped = (
        select(
            group.label("grp"),
            Call.outcome,
            Call.disposition,
            func.count().label("calls"),
            _talk_sum(connection).label("talk"),
        )
        .where(*conditions)
        .group_by(literal_column("grp"), Call.outcome, Call.disposition)
        .subquery("grouped")
    )
    if query.by == "operator":
        return select(grouped, User.login.label("key"), User.display_name.label("label")).outerjoin(
            User, User.id == grouped.c.grp
        )
    if query.by == "list":
        return select(grouped, CallList.name.label("key"), CallList.name.label("label")).outerjoin(
            CallList, CallList.id == grouped.c.grp
        )
    return select(grouped, literal_column("NULL").label("key"), literal_column("NULL").label("label"))


@dataclass(slots=True)
class _Group:
    key: str = ""
    label: str = ""
    calls: int = 0
    answered: int = 0
    talk: float = 0.0
    by_outcome: dict[str, int] = field(default_factory=dict)
    by_disposition: dict[str, int] = field(default_factory=dict)


def read_report(
    connection: Connection, query: ReportQuery, list_id: int | None = None, zone: timezone = STORE_TIME_ZONE
) -> list[ReportRow]:
    """The report's rows: one per group with calls, by label (calls without an operator or list
    last); for ``day`` and ``hour`` every day of the range / every hour 00–23 in order, with zeros
    where there were none (a chart shows the gaps)."""
    groups: dict[Any, _Group] = {}
    statement = report_statement(connection, query, list_id, zone)
    for grp, outcome, disposition, calls, talk, key, label in connection.execute(statement):
        group = groups.get(grp)
        if group is None:
            group = groups[grp] = _Group(key or "", label or "")
        group.calls += calls
        group.talk += talk or 0.0
        group.by_outcome[outcome] = group.by_outcome.get(outcome, 0) + calls
        if outcome == Outcome.ANSWERED:
            group.answered += calls
        if disposition is not None:
            group.by_disposition[disposition] = group.by_disposition.get(disposition, 0) + calls
    if query.by == "day":
        days = [query.start + timedelta(days=n) for n in range((query.end - query.start).days + 1)]
        return [_row(day.isoformat(), day.isoformat(), groups.get(day.isoformat())) for day in days]
    if query.by == "hour":
        return [_row(f"{hour:02d}", f"{hour:02d}:00", groups.get(f"{hour:02d}")) for hour in range(24)]
    ordered = sorted(groups.items(), key=lambda item: (item[0] is None, item[1].label, item[1].key))
    return [_row(group.key, group.label, group) for _grp, group in ordered]


def _row(key: str, label: str, group: _Group | None) -> ReportRow:
    if group is None:
        return ReportRow(key, label, 0, 0, 0.0, {}, {})
    return ReportRow(
        key,
        label,
        group.calls,
        group.answered,
        group.talk,
        _ordered(group.by_outcome, [str(outcome) for outcome in Outcome]),
        dict(sorted(group.by_disposition.items())),
    )


def _ordered(counts: Mapping[str, int], order: list[str]) -> dict[str, int]:
    """``counts`` in the order of SPEC §1's table (unknown codes last)."""
    known = {code: counts[code] for code in order if code in counts}
    return known | {code: count for code, count in sorted(counts.items()) if code not in known}


# --- list progress ------------------------------------------------------------------------------


def read_list_progress(connection: Connection, now: datetime | None = None) -> list[ListProgress]:
    """Every list's progress (those the reader may see, on PostgreSQL), ordered by name.

    The campaign rules' own view of a target (issue 14, ``core.campaign_rules``), counted in the
    database: one statement groups the targets by list and by what decides their place —
    excluded, blocked (do-not-call list, or a premium-rate / international number the store does
    not allow), attempts and the last call's outcome and disposition from ``target_attempts``
    (one row per target, kept with each call row) — returning a few rows per list, which are
    sorted into the categories with each list's rules. A second groups the due callbacks by list.
    """
    now = now or datetime.now(UTC)
    allow_premium = store_settings.read(connection, ALLOW_PREMIUM) is True
    allow_international = store_settings.read(connection, ALLOW_INTERNATIONAL) is True
    refused: ColumnElement[bool] = DoNotCall.phone.is_not(None)
    if not allow_premium:
        refused = or_(refused, or_(*(Target.phone.startswith(prefix) for prefix in PREMIUM_PREFIXES)))
    if not allow_international:
        refused = or_(refused, ~Target.phone.startswith("+81"))
    blocked = case((refused, 1), else_=0).label("blocked")
    groups = (
        select(
            Target.list_id,
            Target.excluded,
            blocked,
            func.coalesce(TargetAttempts.attempts, 0).label("tries"),
            TargetAttempts.last_outcome,
            TargetAttempts.last_started_at.is_not(None).label("started"),
            Disposition.ends_target,
            func.count().label("targets"),
        )
        .select_from(Target)
        .outerjoin(
            TargetAttempts,
            and_(TargetAttempts.list_id == Target.list_id, TargetAttempts.phone == Target.phone),
        )
        .outerjoin(Disposition, Disposition.name == TargetAttempts.last_disposition)
        .outerjoin(DoNotCall, DoNotCall.phone == Target.phone)
        .group_by(
            Target.list_id,
            Target.excluded,
            literal_column("blocked"),
            literal_column("tries"),
            TargetAttempts.last_outcome,
            literal_column("started"),
            Disposition.ends_target,
        )
    )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(_CATEGORIES, 0))
    rules: dict[int, ListRules] = {}
    for list_id, excluded, is_blocked, attempts, outcome, started, ends_target, count in connection.execute(
        groups
    ):
        if list_id not in rules:
            rules[list_id] = campaign.read_rules(connection, list_id)
        history = TargetHistory(attempts, outcome, now if started else None, None, bool(ends_target))
        category = _category(bool(excluded), bool(is_blocked), history, rules[list_id])
        counts[list_id][category] += int(count)
    due = dict(
        connection.execute(
            select(Callback.list_id, func.count())
            .where(Callback.done_at.is_(None), Callback.due_at <= now, Callback.list_id.is_not(None))
            .group_by(Callback.list_id)
        ).all()
    )
    progress = []
    for list_id, name in connection.execute(select(CallList.id, CallList.name).order_by(CallList.name)):
        counted = counts.get(list_id, dict.fromkeys(_CATEGORIES, 0))
        progress.append(
            ListProgress(
                list_id=list_id,
                name=name,
                targets=sum(counted.values()),
                callbacks_due=int(due.get(list_id, 0)),
                **counted,
            )
        )
    return progress


_CATEGORIES = ("excluded", "blocked", "done", "exhausted", "in_progress", "never_called")


def _category(excluded: bool, blocked: bool, history: TargetHistory, rules: ListRules) -> str:
    """Where one target stands: the first of :data:`_CATEGORIES` that applies."""
    if excluded:
        return "excluded"
    if blocked:
        return "blocked"
    if history.attempts == 0 and not history.in_progress:
        return "never_called"
    if history.in_progress:
        return "in_progress"
    if history.ended_by_disposition or (
        history.last_outcome is not None and history.last_outcome in rules.ending_outcomes
    ):
        return "done"
    if rules.max_attempts is not None and history.attempts >= rules.max_attempts:
        return "exhausted"
    return "in_progress"
