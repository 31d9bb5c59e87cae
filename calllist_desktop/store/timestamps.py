"""How a stored timestamp reads back: an aware datetime in UTC. Plain Python (no SQLAlchemy), so
that the first-paint read (``store.first_read``) and the store's column type
(``store.types.UTCDateTime``) share the one rule.

PostgreSQL keeps ``timestamptz``; SQLite has no time zones, so the store writes naive UTC text
(which sorts correctly) and the zone is put back on reading.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_time(stored: str | datetime) -> datetime:
    """An aware UTC datetime from a stored value: naive UTC text (SQLite as read by ``sqlite3``),
    a naive datetime (taken as UTC) or an aware one (converted to UTC)."""
    if isinstance(stored, str):
        try:  # the zone parsed with the rest: faster than replace(tzinfo=UTC) afterwards
            return datetime.fromisoformat(stored + "+00:00")
        except ValueError:  # not naive UTC text after all
            stored = datetime.fromisoformat(stored)
    if stored.tzinfo is None:
        return stored.replace(tzinfo=UTC)
    return stored.astimezone(UTC)
