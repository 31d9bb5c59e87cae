"""The report's date ranges (今日, 今週, 今月) as days in the store's time zone.

A day is a calendar day in the store's zone (Asia/Tokyo by default, SPEC §10): a manager in
Tokyo asking for 今日 at 08:30 JST (23:30 UTC the day before) means the Tokyo day. Weeks start
on Monday, as Japanese business calendars do. Ranges end today: the rest of the week or month
has no calls yet.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from enum import StrEnum
from typing import Final

STORE_ZONE: Final = timezone(timedelta(hours=9), "JST")
"""Asia/Tokyo, the store's time zone (``store.report.STORE_TIME_ZONE``): a fixed UTC+9, exact for
Japan (no daylight saving time since 1951) and with no time-zone database to ship on Windows."""


class Span(StrEnum):
    """The range choices above the report."""

    TODAY = "today"
    WEEK = "week"
    MONTH = "month"
    CUSTOM = "custom"


def today_in(zone: tzinfo = STORE_ZONE, now: datetime | None = None) -> date:
    """The calendar day it is in ``zone`` at ``now`` (an aware time; the current time if not given)."""
    moment = now if now is not None else datetime.now(UTC)
    return moment.astimezone(zone).date()


def span_dates(span: Span, zone: tzinfo = STORE_ZONE, now: datetime | None = None) -> tuple[date, date]:
    """The first and last day (inclusive) of ``span``; CUSTOM is not a span of its own."""
    today = today_in(zone, now)
    if span is Span.TODAY:
        return today, today
    if span is Span.WEEK:
        return today - timedelta(days=today.weekday()), today
    if span is Span.MONTH:
        return today.replace(day=1), today
    raise ValueError("a custom range is chosen with its own dates")


def days_between(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end`` inclusive (empty when ``end`` is before ``start``)."""
    return [start + timedelta(days=offset) for offset in range((end - start).days + 1)]
