"""Which lists and numbers other clients changed: the news an open view needs to stay current.

SPEC §7: "each operator seeing changes by others without restarting". A watcher answers one
question, cheaply and often: *what changed since I last asked?* — as a :class:`Changes` naming
the lists and phone numbers touched, so a view re-reads just those rows.

Both databases keep the news in ``change_log`` (``table, list, phone``; a NULL phone means "the
whole list", NULL list and phone "everything"):

- **PostgreSQL**: statement-level triggers (migration 0003) log each statement's rows at once
  (a statement that changed more than :data:`MAX_PHONES` numbers of a list logs the list) and
  ``NOTIFY calllist_changes`` with nothing but the newest log id. The watcher ``LISTEN``s on a
  connection of its own and treats a notification as "read the log": the rows come from
  ``change_log``, which row-level security filters for the connected role, so no one learns
  another operator's numbers, and a forged notification (any role may send one) costs one small
  query at most every :attr:`PostgresWatcher.MIN_READ_INTERVAL`, however many arrive.
- **SQLite**: row triggers append to ``change_log`` (and the import its new targets, see
  :func:`log_new_targets`). The watcher keeps its own connection and asks
  ``PRAGMA data_version`` (a counter that moves when *another* connection commits, answered
  without touching the file) before reading the log past the last id it saw.

Both are polled (``poll(timeout)``); nothing here blocks longer than asked, starts threads or
knows Qt: ``ui.live_updates`` polls on a timer. When a watcher cannot know exactly (its
connection dropped, the log was pruned past it, a bulk write touched hundreds of rows) it says
so with ``everything`` / ``reload_lists``, and the view re-reads in full.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, insert

from calllist_desktop.store.models import ChangeLog

log = logging.getLogger(__name__)

CHANNEL = "calllist_changes"
MAX_PHONES = 300
"""More changed phones than this in one list (or across lists) and a full re-read is cheaper."""
LIST_TABLES = frozenset({"call_lists", "targets", "contacts", "last_calls"})
"""Tables whose log rows name lists and numbers (see :meth:`Changes.add`)."""


@dataclass(slots=True)
class Changes:
    """What changed since the last poll; empty (false) when nothing did."""

    lists: bool = False  # lists were created, renamed or deleted
    everything: bool = False  # unknown or too much: re-read all
    reload_lists: set[int] = field(default_factory=set)  # lists to re-read in full
    phones: dict[int | None, set[str]] = field(default_factory=dict)  # list id (None: any list) → phones
    contacts: bool = False  # a contact changed (its assignee may move a list in or out of a user's view)
    tables: set[str] = field(default_factory=set)  # other tables that changed (store_settings, …)

    def __bool__(self) -> bool:
        return self.lists or self.everything or bool(self.reload_lists) or bool(self.phones) or bool(self.tables)

    def add(self, table: str, list_id: int | None, phone: str | None) -> None:
        """Note one changed row.

        Rows of the list tables (targets, contacts, last calls) name what to re-read; any other
        table is only named in :attr:`tables`, so its view re-reads it without a full re-read of
        the lists.
        """
        if table not in LIST_TABLES:
            self.tables.add(table)
            return
        if table == "call_lists":
            self.lists = True
            if list_id is not None:
                self.reload_lists.add(list_id)
            return
        if table == "contacts":
            self.contacts = True
        if phone is None:
            if list_id is None:
                self.everything = True
            else:
                self.reload_lists.add(list_id)
            return
        phones = self.phones.setdefault(list_id, set())
        phones.add(phone)
        if len(phones) > MAX_PHONES:
            if list_id is None:
                self.everything = True
            else:
                self.reload_lists.add(list_id)
            phones.clear()

    def phones_for(self, list_id: int) -> set[str] | None:
        """The numbers to re-read in ``list_id``; ``None``: re-read the whole list."""
        if self.everything or list_id in self.reload_lists:
            return None
        return self.phones.get(list_id, set()) | self.phones.get(None, set())


class ChangeWatcher(ABC):
    """Reports changes to the store made by any client, this one included."""

    @abstractmethod
    def poll(self, timeout: float = 0.0) -> Changes:
        """Changes since the last poll, waiting up to ``timeout`` seconds for the first one."""

    @abstractmethod
    def close(self) -> None:
        """Let the watcher's own connection go."""


def log_new_targets(connection: Connection, list_id: int, phones: Sequence[str]) -> None:
    """Log the targets an import added to a SQLite store, in the import's transaction.

    SQLite has no statement-level triggers, and a row trigger on every target insert was most
    of what change logging cost a 5,000-row import; so the import logs its targets at once, as
    PostgreSQL's statement trigger does (a row per number, or one for the list when there are
    more than :data:`MAX_PHONES`). PostgreSQL: nothing to do here.
    """
    if connection.dialect.name != "sqlite" or not phones:
        return
    logged: list[str | None] = list(phones) if len(phones) <= MAX_PHONES else [None]
    connection.execute(
        insert(ChangeLog), [{"table_name": "targets", "list_id": list_id, "phone": phone} for phone in logged]
    )


def open_watcher(engine: Engine) -> ChangeWatcher:
    """A watcher for the store behind ``engine`` (which it does not use for its own connection)."""
    if engine.dialect.name == "postgresql":
        return PostgresWatcher(engine)
    return SqliteWatcher(engine)


class SqliteWatcher(ChangeWatcher):
    """``PRAGMA data_version`` plus ``change_log`` on a connection of its own."""

    def __init__(self, engine: Engine) -> None:
        path = engine.url.database
        if not path or path == ":memory:":
            raise ValueError("an in-memory SQLite store has no other clients to watch")
        self._connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._connection.execute("PRAGMA busy_timeout=2000")
        self._version = self._data_version()
        self._last_id = int(self._connection.execute("SELECT COALESCE(MAX(id), 0) FROM change_log").fetchone()[0])

    def _data_version(self) -> int:
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def poll(self, timeout: float = 0.0) -> Changes:
        deadline = time.monotonic() + timeout
        while True:
            changes = self._read()
            if changes or time.monotonic() >= deadline:
                return changes
            time.sleep(min(0.05, max(0.0, deadline - time.monotonic())))

    def _read(self) -> Changes:
        changes = Changes()
        try:
            version = self._data_version()
            if version == self._version:
                return changes
            self._version = version
            rows = self._connection.execute(
                "SELECT id, table_name, list_id, phone FROM change_log WHERE id > ? ORDER BY id", (self._last_id,)
            ).fetchall()
        except sqlite3.Error as exc:
            log.warning("watching the store: %s", exc)
            changes.everything = True
            return changes
        if rows and rows[0][0] != self._last_id + 1:
            changes.everything = True  # pruned past us: we cannot say what we missed
        for row_id, table, list_id, phone in rows:
            changes.add(table, list_id, phone)
            self._last_id = row_id
        return changes

    def close(self) -> None:
        self._connection.close()


class PostgresWatcher(ChangeWatcher):
    """``LISTEN calllist_changes`` on a connection of its own, reading ``change_log`` when told to.

    Log ids come from a sequence, so a transaction can commit rows with lower ids than rows a
    watcher has read already. Each row also carries its transaction's id (``xid``): every read
    takes the oldest transaction still running (the snapshot's ``xmin``), and the next read
    looks again at rows of transactions from that one on, so a late commit is never skipped;
    rows delivered once are remembered until their transaction is older than that.
    """

    RETRY_SECONDS = 5.0
    MAX_RETRY_SECONDS = 120.0
    MIN_READ_INTERVAL = 0.2
    """Seconds between two reads of the log, however many notifications arrive."""
    MAX_DRAIN = 10000  # notifications taken off the connection per poll (the rest at the next)

    _READ = (
        "SELECT b.first_id, b.last_id, b.xmin, c.id, c.xid, c.table_name, c.list_id, c.phone "
        "FROM calllist_change_log_bounds() AS b "
        "LEFT JOIN change_log AS c ON c.id > %(last)s OR c.xid >= %(floor)s "
        "ORDER BY c.id"
    )

    _START = (
        "SELECT b.last_id, b.xmin, c.id, c.xid FROM calllist_change_log_bounds() AS b "
        "LEFT JOIN change_log AS c ON c.xid >= b.xmin"
    )

    def __init__(self, engine: Engine) -> None:
        args, kwargs = engine.dialect.create_connect_args(engine.url)
        self._args: list[Any] = list(args)
        self._kwargs: dict[str, Any] = dict(kwargs)
        self._connection: Any = None
        self._retry = self.RETRY_SECONDS
        self._next_try = 0.0
        self._last_id = 0  # the newest log id when the log was last read
        self._floor = 0  # the oldest transaction running then: its rows may still come
        self._seen: dict[int, int] = {}  # id → xid of rows delivered whose transaction is not older
        self._pending = False  # notified, not read yet
        self._last_read = float("-inf")
        self.reads = 0  # reads of the log after notifications (for tests and curious callers)
        self._connect()

    def _connect(self) -> None:
        """Connect, LISTEN, and start from the log's end. While the server is away, tries come
        further and further apart (5 s doubling to 2 min): a try may wait up to the 3 s connect
        time-out of whoever polls."""
        import psycopg

        self._next_try = time.monotonic() + self._retry
        self._retry = min(self._retry * 2, self.MAX_RETRY_SECONDS)
        self._connection = psycopg.connect(
            *self._args, **{"connect_timeout": 3, **self._kwargs}, autocommit=True
        )
        self._connection.execute(f"LISTEN {CHANNEL}")
        # Where the log ends now; rows of recent transactions that are in it already are no news.
        rows = self._connection.execute(self._START).fetchall()
        self._last_id, self._floor, self._pending = int(rows[0][0] or 0), int(rows[0][1]), False
        self._seen = {row_id: xid for _, _, row_id, xid in rows if row_id is not None}
        self._retry = self.RETRY_SECONDS

    def poll(self, timeout: float = 0.0) -> Changes:
        changes = Changes()
        if self._connection is None or self._connection.closed:
            if time.monotonic() < self._next_try:
                return changes
            try:
                self._connect()
            except Exception as exc:  # noqa: BLE001 - the server is away: try again later
                log.warning("watching the store: cannot connect: %s", exc)
                self._connection = None
                return changes
            changes.everything = True  # changes made while we were away are not read
            return changes
        deadline = time.monotonic() + timeout
        try:
            if not self._pending:
                for _ in self._connection.notifies(timeout=timeout, stop_after=1):
                    self._pending = True
            if not self._pending:
                return changes
            # Whatever the notifications say (any role can send them): one read of the log.
            for _ in self._connection.notifies(timeout=0.0, stop_after=self.MAX_DRAIN):
                pass
            wait = self._last_read + self.MIN_READ_INTERVAL - time.monotonic()
            if wait > deadline - time.monotonic():
                return changes  # read at a later poll
            if wait > 0:
                time.sleep(wait)
            self._read(changes)
            self.reads += 1
        except Exception as exc:  # noqa: BLE001 - a dropped connection: reconnect at the next poll
            log.warning("watching the store: %s", exc)
            self.close()
            self._connection = None
            changes.everything = True
        return changes

    def _read(self, changes: Changes) -> None:
        rows = self._connection.execute(self._READ, {"last": self._last_id, "floor": self._floor}).fetchall()
        self._last_read = time.monotonic()
        self._pending = False
        first_id, last_id, floor = rows[0][:3]
        newest = int(last_id or 0)
        if newest < self._last_id or (first_id is not None and first_id > self._last_id + 1):
            changes.everything = True  # pruned past us (or emptied): we cannot say what we missed
        for _, _, _, row_id, xid, table, list_id, phone in rows:
            if row_id is None or row_id in self._seen:
                continue
            changes.add(table, list_id, phone)
            self._seen[row_id] = xid or 0
        self._last_id = newest
        self._floor = int(floor)
        self._seen = {row_id: xid for row_id, xid in self._seen.items() if xid >= self._floor}

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
