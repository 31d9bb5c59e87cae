"""Campaign rules of a call list (発信ルール, SPEC §9) as pure functions.

One evaluation shared by everyone who asks "may this target be called now, and if not, when?":
the store's claim (in the transaction that takes the claim), the store's read of each target's
attempts and next-allowed time (the operator's columns and the 「今かけられる」 filter), the CLI
and the window. Nothing here reads a clock, a file or a database: the caller passes ``now``.

The rules of a list (:class:`ListRules`):

- ``max_attempts``: most outbound calls of a target from this list (its call rows in the list,
  whatever their outcome); ``None``: no limit.
- ``retry_delays``: outcome code → the time that must pass after the end of the target's last
  call with that outcome before it is called again; outcomes not named: no delay.
- ``ending_outcomes``: a last call with one of these outcomes ends the target (default
  ``answered``, ``rejected``, ``invalid``).
- ``hours`` (start, end; end not included) and ``days`` (0 = Monday … 6 = Sunday) in the list's
  ``time_zone`` (``Asia/Tokyo`` by default), and Japanese public holidays (the maintained
  ``holidays`` package, ``holidays.country_holidays("JP")``) skipped unless ``call_on_holidays``.
  The calendar applies only when the list has calling hours or restricts the days: with neither,
  every moment is calling time (the default, today's behaviour).

A due callback (再架電予約) overrides ``max_attempts``, ``ending_outcomes`` and the retry delay (a
person asked for that call) but not the calling time, the do-not-call list or exclusion.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calllist_desktop.core.i18n import Language, LocalizedError, current_language
from calllist_desktop.core.outcomes import Outcome

log = logging.getLogger(__name__)

DEFAULT_TIME_ZONE = "Asia/Tokyo"
DEFAULT_ENDING_OUTCOMES: frozenset[str] = frozenset({"answered", "rejected", "invalid"})
ALL_DAYS: frozenset[int] = frozenset(range(7))
DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_LABELS_JA = ("月", "火", "水", "木", "金", "土", "日")
MAX_ATTEMPTS_LIMIT = 1000
MAX_RETRY_DELAY = timedelta(days=365)
SEARCH_DAYS = 400
"""How far ahead :func:`next_calling_time` looks for a calling day (a year and a bit)."""

_OUTCOME_CODES = frozenset(outcome.value for outcome in Outcome)


class RuleError(LocalizedError, ValueError):
    """Rules or a rule's text that cannot be used; ``str()`` says why in the language in force."""

    def __init__(self, en: str, ja: str) -> None:
        super().__init__(en)
        self.texts: dict[Language, str] = {"en": en, "ja": ja}

    def message_in(self, language: Language) -> str:
        return self.texts[language]


_HOURS_FORMAT_EN = "calling hours are HH:MM-HH:MM (09:00-18:00), not {text!r}"
_HOURS_FORMAT_JA = "発信時間は HH:MM-HH:MM で書いてください (09:00-18:00): {text!r}"


class Hold(StrEnum):
    """Why a target may not be called now (``None`` from :func:`hold`: it may)."""

    IN_PROGRESS = "in_progress"  # its last call has not ended yet
    ENDED = "ended"  # its last call's outcome ends it
    ATTEMPTS = "attempts"  # max_attempts used up
    RETRY_DELAY = "retry_delay"  # the delay after its last call is not over
    OUTSIDE_HOURS = "outside_hours"  # not a calling time (hours, day, public holiday)


@dataclass(frozen=True, slots=True)
class ListRules:
    """The rules of one list; the defaults hold back nothing but targets whose last call ended them."""

    max_attempts: int | None = None
    retry_delays: Mapping[str, timedelta] = field(default_factory=dict)
    ending_outcomes: frozenset[str] = DEFAULT_ENDING_OUTCOMES
    hours: tuple[time, time] | None = None
    days: frozenset[int] = ALL_DAYS
    call_on_holidays: bool = False
    time_zone: str = DEFAULT_TIME_ZONE

    def __post_init__(self) -> None:
        if self.max_attempts is not None and not (
            isinstance(self.max_attempts, int) and 1 <= self.max_attempts <= MAX_ATTEMPTS_LIMIT
        ):
            raise RuleError(
                f"max attempts must be 1 to {MAX_ATTEMPTS_LIMIT}, not {self.max_attempts!r}",
                f"最大発信回数は 1 から {MAX_ATTEMPTS_LIMIT} までです ({self.max_attempts!r})",
            )
        for code, delay in self.retry_delays.items():
            _check_outcome(code)
            if not timedelta(0) <= delay <= MAX_RETRY_DELAY:
                raise RuleError(
                    f"the retry delay for {code} must be 0 to 365 days, not {delay}",
                    f"{code} の再発信間隔は 0 から 365 日までです ({delay})",
                )
        for code in self.ending_outcomes:
            _check_outcome(code)
        if self.hours is not None:
            start, end = self.hours
            if not start < end:
                raise RuleError(
                    f"calling hours must start before they end: {start:%H:%M}-{end:%H:%M}",
                    f"発信時間は開始が終了より前である必要があります: {start:%H:%M}-{end:%H:%M}",
                )
        if not self.days or not self.days <= ALL_DAYS:
            raise RuleError("calling days must name at least one day of the week", "発信する曜日を 1 つ以上選んでください")
        zone(self.time_zone)  # RuleError when unknown

    @property
    def has_calendar(self) -> bool:
        """True when the list restricts calling time (hours or days): holidays apply then."""
        return self.hours is not None or self.days != ALL_DAYS

    @property
    def is_default(self) -> bool:
        return self == ListRules()

    def hours_text(self) -> str:
        """``09:00-18:00 mon-fri`` as the CLI and the pause message show it; ``""`` for no calendar."""
        if not self.has_calendar:
            return ""
        parts = []
        if self.hours is not None:
            parts.append(f"{self.hours[0]:%H:%M}-{self.hours[1]:%H:%M}")
        if self.days != ALL_DAYS:
            parts.append(format_days(self.days))
        return " ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "max_attempts": self.max_attempts,
            "retry": {code: format_duration(delay) for code, delay in sorted(self.retry_delays.items())},
            "ending_outcomes": sorted(self.ending_outcomes),
            "hours": f"{self.hours[0]:%H:%M}-{self.hours[1]:%H:%M}" if self.hours else None,
            "days": format_days(self.days),
            "holidays": "call" if self.call_on_holidays else "skip",
            "time_zone": self.time_zone,
        }


@dataclass(frozen=True, slots=True)
class TargetHistory:
    """What the rules need of a target's calls in its list (``store`` keeps it per target)."""

    attempts: int = 0
    last_outcome: str | None = None  # None: never called, or the last call is still going on
    last_started_at: datetime | None = None
    last_ended_at: datetime | None = None
    ended_by_disposition: bool = False  # the last call's disposition is one that ends its target

    @property
    def in_progress(self) -> bool:
        return self.last_started_at is not None and self.last_outcome is None


NEVER_CALLED = TargetHistory()


@dataclass(frozen=True, slots=True)
class Eligibility:
    """A target's standing under its rules at ``now``: held or not, and when it can next be called."""

    hold: Hold | None
    next_at: datetime | None  # None: never again (ended, attempts used up) or unknown (in progress)

    @property
    def allowed(self) -> bool:
        return self.hold is None


def hold(rules: ListRules, history: TargetHistory, now: datetime, *, callback_due: bool = False) -> Hold | None:
    """Why the target may not be called at ``now`` (aware), or ``None`` when it may."""
    return evaluate(rules, history, now, callback_due=callback_due).hold


def next_allowed_at(
    rules: ListRules, history: TargetHistory, now: datetime, *, callback_due: bool = False
) -> datetime | None:
    """The earliest moment at or after ``now`` the target may be called (``now`` itself when it may
    be called now); ``None`` when it never may again, or while its last call goes on."""
    return evaluate(rules, history, now, callback_due=callback_due).next_at


def evaluate(rules: ListRules, history: TargetHistory, now: datetime, *, callback_due: bool = False) -> Eligibility:
    """The one evaluation behind :func:`hold` and :func:`next_allowed_at`."""
    _check_aware(now)
    if history.in_progress:
        return Eligibility(Hold.IN_PROGRESS, None)
    earliest = now
    if not callback_due:
        if history.ended_by_disposition or (history.last_outcome is not None and history.last_outcome in rules.ending_outcomes):
            return Eligibility(Hold.ENDED, None)
        if rules.max_attempts is not None and history.attempts >= rules.max_attempts:
            return Eligibility(Hold.ATTEMPTS, None)
        delay = rules.retry_delays.get(history.last_outcome or "")
        last = history.last_ended_at or history.last_started_at
        if delay and last is not None and last + delay > now:
            earliest = last + delay
    at = next_calling_time(rules, earliest)
    if at is None:
        return Eligibility(Hold.OUTSIDE_HOURS, None)
    if at <= now:
        return Eligibility(None, now)
    return Eligibility(Hold.RETRY_DELAY if earliest > now else Hold.OUTSIDE_HOURS, at)


def is_calling_time(rules: ListRules, moment: datetime) -> bool:
    """Whether ``moment`` is within the list's calling hours, days and holidays."""
    return next_calling_time(rules, moment) == moment


def next_calling_time(rules: ListRules, moment: datetime) -> datetime | None:
    """The first calling time at or after ``moment`` (``moment`` itself when it is one); ``None``
    when there is none within :data:`SEARCH_DAYS`. Returned in ``moment``'s time zone."""
    _check_aware(moment)
    if not rules.has_calendar:
        return moment
    tz = zone(rules.time_zone)
    local = moment.astimezone(tz)
    day = local.date()
    for _ in range(SEARCH_DAYS):
        if day.weekday() in rules.days and (rules.call_on_holidays or not is_public_holiday(day)):
            if rules.hours is None:
                opens = datetime.combine(day, time(), tz)
                closes = datetime.combine(day + timedelta(days=1), time(), tz)
            else:
                opens = datetime.combine(day, rules.hours[0], tz)
                closes = datetime.combine(day, rules.hours[1], tz)
            if local < closes:
                return max(local, opens).astimezone(moment.tzinfo)
        day += timedelta(days=1)
    return None


def closing_holiday(rules: ListRules, moment: datetime) -> date | None:
    """The Japanese public holiday (its day, in the list's time zone) that keeps the list from
    calling on ``moment``'s day, one of its calling days: what a pause names (by
    :func:`holiday_name`, in the language of whoever reads it); ``None`` when the day is no
    holiday, the list calls on holidays, or has no calendar."""
    _check_aware(moment)
    if not rules.has_calendar or rules.call_on_holidays:
        return None
    day = moment.astimezone(zone(rules.time_zone)).date()
    if day.weekday() not in rules.days or not is_public_holiday(day):
        return None
    return day


def holiday_name(day: date, language: Language | None = None) -> str:
    """The name of the Japanese public holiday on ``day`` in ``language`` (the language in force
    by default): 勤労感謝の日, Labor Thanksgiving Day (the ``holidays`` package's names); "" when
    ``day`` is no holiday. A pause keeps the day, not a name, so that a switch of language
    names it again."""
    return _japanese_holidays(day.year, language or current_language()).get(day, "")


def is_public_holiday(day: date) -> bool:
    """A Japanese public holiday (振替休日 and 国民の休日 included), by the ``holidays`` package."""
    return day in _japanese_holidays(day.year, "ja")


_HOLIDAY_LANGUAGES: dict[Language, str] = {"ja": "ja", "en": "en_US"}
"""The ``holidays`` package's language codes for ours (its Japanese calendar has both)."""


@functools.lru_cache(maxsize=8)
def _japanese_holidays(year: int, language: Language) -> Mapping[date, str]:
    """The year's holidays and their names in ``language`` (read only: the cache hands out one dict).
    The Japanese names are the package's source; another language's come from its catalogue, and
    without it (a build that left it out) the days are named in Japanese, not lost."""
    import holidays  # a few ms of import: only when a list has a calendar

    try:
        calendar = holidays.country_holidays("JP", years=year, language=_HOLIDAY_LANGUAGES[language])
    except OSError as exc:  # gettext's FileNotFoundError: no catalogue for the language
        if language == "ja":
            raise
        log.warning("the names of Japan's holidays in %s are missing (%s): named in Japanese", language, exc)
        return _japanese_holidays(year, "ja")
    return dict(calendar.items())


@functools.lru_cache(maxsize=16)
def zone(name: str) -> ZoneInfo:
    """The time zone ``name``; :class:`RuleError` when the system does not know it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise RuleError(f"unknown time zone {name!r}", f"タイムゾーン「{name}」はありません") from exc


# --- the rules' text (the CLI's options, the store's columns) ------------------------------------

_DURATION = re.compile(r"^\s*(?:(\d{1,6})\s*([smhd])|(0))\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> timedelta:
    """``30m``, ``2h``, ``1d``, ``90s`` → a timedelta; :class:`RuleError` otherwise."""
    match = _DURATION.match(text)
    if not match:
        raise RuleError(
            f"a duration is a number and s, m, h or d (30m, 2h, 1d), not {text!r}",
            f"時間は数字と s・m・h・d で書いてください (30m, 2h, 1d): {text!r}",
        )
    if match.group(3):
        return timedelta(0)
    return timedelta(seconds=int(match.group(1)) * _UNITS[match.group(2)])


def format_duration(delay: timedelta) -> str:
    seconds = int(delay.total_seconds())
    for unit in ("d", "h", "m"):
        if seconds and seconds % _UNITS[unit] == 0:
            return f"{seconds // _UNITS[unit]}{unit}"
    return f"{seconds}s"


def parse_retry(text: str) -> tuple[str, timedelta]:
    """``no_answer=30m`` → (``no_answer``, 30 minutes)."""
    code, sep, duration = text.partition("=")
    if not sep:
        raise RuleError(
            f"a retry rule is OUTCOME=DURATION (no_answer=30m), not {text!r}",
            f"再発信間隔は 結果=時間 で書いてください (no_answer=30m): {text!r}",
        )
    code = code.strip()
    _check_outcome(code)
    return code, parse_duration(duration)


def parse_hours(text: str) -> tuple[time, time] | None:
    """``09:00-18:00`` → two times; ``""``, ``any`` or ``none`` → ``None`` (no calling hours)."""
    if text.strip().lower() in ("", "any", "none"):
        return None
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", text)
    if not match:
        raise RuleError(_HOURS_FORMAT_EN.format(text=text), _HOURS_FORMAT_JA.format(text=text))
    h1, m1, h2, m2 = (int(part) for part in match.groups())
    try:
        start = time(h1, m1)
        end = time(23, 59, 59, 999999) if (h2, m2) == (24, 0) else time(h2, m2)
    except ValueError as exc:
        raise RuleError(_HOURS_FORMAT_EN.format(text=text), _HOURS_FORMAT_JA.format(text=text)) from exc
    if not start < end:
        raise RuleError(
            f"calling hours must start before they end: {text!r}", f"発信時間は開始が終了より前である必要があります: {text!r}"
        )
    return start, end


def parse_days(text: str) -> frozenset[int]:
    """``mon-fri``, ``mon,wed,fri``, ``sat-sun``, ``all`` → weekday numbers (0 = Monday)."""
    text = text.strip().lower()
    if text in ("all", "any", "every", "mon-sun"):
        return ALL_DAYS
    days: set[int] = set()
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        first, dash, last = part.partition("-")
        start, end = _day(first), _day(last) if dash else _day(first)
        index = start
        days.add(index)
        while index != end:
            index = (index + 1) % 7
            days.add(index)
    if not days:
        raise RuleError(
            f"calling days are like mon-fri or mon,wed,fri, not {text!r}",
            f"曜日は mon-fri や mon,wed,fri のように書いてください: {text!r}",
        )
    return frozenset(days)


def format_days(days: Iterable[int]) -> str:
    """Weekday numbers as the shortest text :func:`parse_days` reads back (``mon-fri``)."""
    chosen = sorted(set(days))
    if len(chosen) == 7:
        return "all"
    runs: list[list[int]] = []
    for day in chosen:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        DAY_CODES[run[0]] if len(run) == 1 else f"{DAY_CODES[run[0]]}-{DAY_CODES[run[-1]]}" for run in runs
    )


def _day(text: str) -> int:
    code = text.strip()[:3]
    if code not in DAY_CODES:
        raise RuleError(
            f"unknown day {text!r}: use mon, tue, wed, thu, fri, sat, sun",
            f"曜日「{text}」はありません (mon, tue, wed, thu, fri, sat, sun)",
        )
    return DAY_CODES.index(code)


def _check_outcome(code: str) -> None:
    if code not in _OUTCOME_CODES:
        raise RuleError(
            f"unknown outcome {code!r}: use one of {', '.join(sorted(_OUTCOME_CODES))}",
            f"結果「{code}」はありません ({', '.join(sorted(_OUTCOME_CODES))})",
        )


def _check_aware(moment: datetime) -> None:
    if moment.tzinfo is None:
        raise ValueError("the rules need an aware datetime")
