"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, Dialect
from sqlalchemy.types import TypeDecorator

from calllist_desktop.store.timestamps import utc_time


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime, stored in UTC, read back aware in UTC.

    PostgreSQL keeps ``timestamptz``; SQLite has no time zones, so the value is stored as naive UTC
    text (which sorts correctly) and the zone is put back on reading (``store.timestamps``).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else utc_time(value)


def utc_now() -> datetime:
    """The current time, aware, in UTC: what every timestamp column stores."""
    return datetime.now(UTC)
