"""The tables (SQLAlchemy 2.0 declarative models).

Design choices that carry SPEC §1:

- A contact is keyed by its E.164 phone number, and the **assignee lives on the contact**: the
  same number in several lists has one assignee, so changing it in one list changes it in all.
- The **excluded** flag lives on the target: it belongs to one number in one list.
- Calls refer to the phone number, not to the contact or target, so deleting a list or removing
  targets never touches call history; list and user links are ``SET NULL`` on delete.
- The last call of each phone number is kept in ``last_calls`` (one row per number, written in
  the same transaction as the call), so reading a list with its last calls is a join on the
  primary key and costs the same with a thousand or ten million rows in ``calls``.
- Timestamps of bulk writes come from the database (``server_default``): a Python default would
  be converted row by row, which was a quarter of a 5,000-row import.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    false,
    func,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from calllist_desktop.store.types import UTCDateTime

# Named constraints, so that Alembic (batch mode on SQLite) can find and alter them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PHONE_LENGTH = 32  # E.164 is at most 16 characters with its "+"; room for extensions later


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class User(Base):
    """A person who uses the program: a manager (``admin``) or an ``operator``."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="operator")
    autocall_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # A deactivated user keeps their history but cannot sign in or be assigned (SPEC §11).
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # PostgreSQL team mode: the database role this person connects as (``current_user``), so the
    # client and the row-level security policies know who is acting (``store.access``).
    db_role: Mapped[str | None] = mapped_column(String(100), nullable=True, unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.current_timestamp())


class Contact(Base):
    """One phone number with who is behind it, and the operator who calls it (in every list)."""

    __tablename__ = "contacts"

    phone: Mapped[str] = mapped_column(String(PHONE_LENGTH), primary_key=True)
    company: Mapped[str] = mapped_column(Text, default="")
    person: Mapped[str] = mapped_column(Text, default="")
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.current_timestamp())
    # Bumped by every write to the contact (assignee, import): a manager's bulk edit carries the
    # revisions it saw, and the store refuses it when another edit came in between (``store.edits``).
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class CallList(Base):
    """A named, ordered list of targets (発信先リスト)."""

    __tablename__ = "call_lists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.current_timestamp())


class Target(Base):
    """One contact in one list (発信先), with its place in the list and its excluded flag."""

    __tablename__ = "targets"

    list_id: Mapped[int] = mapped_column(ForeignKey("call_lists.id", ondelete="CASCADE"), primary_key=True)
    phone: Mapped[str] = mapped_column(
        ForeignKey("contacts.phone", ondelete="CASCADE", onupdate="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    excluded: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.current_timestamp())
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # see Contact.revision

    __table_args__ = (Index("ix_targets_list_position", "list_id", "position"),)


class Call(Base):
    """Every call attempt, written when it starts and finished when it ends.

    ``outcome`` is NULL while the call is in progress; a row still NULL when the program starts
    again was cut off by a crash and is closed as ``interrupted``.
    """

    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phone: Mapped[str] = mapped_column(String(PHONE_LENGTH))
    list_id: Mapped[int | None] = mapped_column(
        ForeignKey("call_lists.id", ondelete="SET NULL"), nullable=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    direction: Mapped[str] = mapped_column(String(10))
    outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    sip_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    disposition: Mapped[str | None] = mapped_column(String(100), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    # An outbound call to a number typed in (the dial pad), not to a target of a list: its
    # list_id is NULL. In team mode an operator may write calls for numbers not assigned to them
    # only as such (or as inbound calls), so history says which calls came from a list.
    hand_dialled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The call's recording (migration 0008): its file as the recording client wrote it, its length,
    # and why it is missing or cut short (a full disk, an unwritable folder); NULL when not recorded.
    recording_path: Mapped[str | None] = mapped_column(Text, nullable=True)
    recording_seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    recording_error: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (
        Index("ix_calls_phone_started", "phone", "started_at", "id"),
        Index("ix_calls_unfinished", "outcome", "ended_at"),
        # Reports and the team board read calls by when they started (migration 0007).
        Index("ix_calls_started", "started_at"),
    )


class LastCall(Base):
    """The latest call with each phone number, by any user (SPEC §1 "last call").

    Maintained with every call row (``store.calls``): the newest ``started_at`` wins, so a call
    written late but started earlier does not replace it. ``Store.rebuild_last_calls`` derives the
    whole table from ``calls`` again.
    """

    __tablename__ = "last_calls"

    phone: Mapped[str] = mapped_column(String(PHONE_LENGTH), primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(10))
    outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TargetClaim(Base):
    """Who is dialling a target now: an auto-call run's lease on it (``core.claims``, ``store.claims``).

    One row per claimed target, shared by every client. ``expires_at`` is in seconds since the
    epoch *by the database's clock*, so clients whose own clocks disagree still agree on expiry.
    The row goes with its target (a removed target cannot stay claimed).
    """

    __tablename__ = "target_claims"

    list_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phone: Mapped[str] = mapped_column(String(PHONE_LENGTH), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=True)
    expires_at: Mapped[float] = mapped_column(Float)

    __table_args__ = (
        ForeignKeyConstraint(
            ["list_id", "phone"],
            ["targets.list_id", "targets.phone"],
            ondelete="CASCADE",
            onupdate="CASCADE",
            name="fk_target_claims_target",
        ),
    )


class Presence(Base):
    """Who is signed in where, and what they are doing: one row per running client (team board).

    Written by the client (``Store.set_presence``) when its user signs in, a call starts or ends
    and auto-call starts or stops, and again every ``store.presence.HEARTBEAT`` seconds; removed
    when the user signs out (``Store.clear_presence``). ``seen_at`` is the last of these writes
    (on PostgreSQL by the server's clock, whatever the client sends): a row not seen for
    ``store.presence.PRESENCE_TTL`` seconds belongs to a client that crashed or lost the network,
    and the board shows that person as signed out.
    """

    __tablename__ = "presence"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    signed_in_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    call_phone: Mapped[str | None] = mapped_column(String(PHONE_LENGTH), nullable=True)
    on_call_since: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    autocall_list_id: Mapped[int | None] = mapped_column(
        ForeignKey("call_lists.id", ondelete="SET NULL"), nullable=True
    )


class ChangeLog(Base):
    """What changed, so other clients can update their views (``store.watch``).

    Written by triggers (migrations 0002, 0003): on PostgreSQL one statement's changes at once,
    followed by ``NOTIFY`` with the newest id only; on SQLite row by row, and by the import for
    the targets it adds. ``phone`` NULL with a ``list_id``: re-read that list; with neither:
    re-read everything. Old rows are pruned by the triggers, so the table stays small.
    """

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(20))
    list_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    phone: Mapped[str | None] = mapped_column(String(PHONE_LENGTH), nullable=True)
    # PostgreSQL: whose number changed (row-level security shows an operator only their own
    # rows), and the writing transaction, by which a watcher finds rows that committed after
    # rows with higher ids.
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    xid: Mapped[int | None] = mapped_column(BigInteger, nullable=True, index=True)


class StoreSetting(Base):
    """A setting of the whole store, shared by every client of a team (recording on/off, which
    numbers may be dialled at all, …), as opposed to a computer's own settings (``ui.settings``).

    ``value`` is JSON so each setting keeps its own type; everyone reads, only managers write
    (row-level security on PostgreSQL, migration 0005). Changes are logged (``store_settings``)
    so every open client follows them.
    """

    __tablename__ = "store_settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.current_timestamp())
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)


# --- campaign rules, callbacks, do-not-call list, dispositions (issue 14, migration 0006) ---------


class ListRule(Base):
    """The campaign rules of one list (``core.campaign_rules.ListRules``); no row: the defaults.

    ``retry_delays`` is ``{outcome: seconds}``; ``ending_outcomes`` a list of outcome codes;
    ``hours_start``/``hours_end`` ``HH:MM`` text (both or neither); ``days`` a list of weekday
    numbers (0 = Monday), NULL for every day.
    """

    __tablename__ = "list_rules"

    list_id: Mapped[int] = mapped_column(ForeignKey("call_lists.id", ondelete="CASCADE"), primary_key=True)
    max_attempts: Mapped[int | None] = mapped_column(Integer, nullable=True)
    retry_delays: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    ending_outcomes: Mapped[list[str]] = mapped_column(JSON)
    hours_start: Mapped[str | None] = mapped_column(String(8), nullable=True)
    hours_end: Mapped[str | None] = mapped_column(String(8), nullable=True)
    days: Mapped[list[int] | None] = mapped_column(JSON, nullable=True)
    call_on_holidays: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    time_zone: Mapped[str] = mapped_column(String(64), default="Asia/Tokyo", server_default="Asia/Tokyo")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.current_timestamp())
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)


class TargetAttempts(Base):
    """A target's outbound calls from its list, summed up: how many, and the last one.

    Derived from ``calls`` like ``last_calls`` (one row per list and number, written with each
    call row: by ``store.calls`` on SQLite, by a trigger on PostgreSQL, migration 0006), so the
    rules are checked by primary key however many calls the list has made. The row stays when
    the target leaves the list (its call rows stay too) and goes with the list.
    """

    __tablename__ = "target_attempts"

    list_id: Mapped[int] = mapped_column(ForeignKey("call_lists.id", ondelete="CASCADE"), primary_key=True)
    phone: Mapped[str] = mapped_column(String(PHONE_LENGTH), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_call_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    last_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_disposition: Mapped[str | None] = mapped_column(String(100), nullable=True)


class Callback(Base):
    """A callback (再架電予約): call ``phone`` (from ``list_id``) at ``due_at``, for ``user_id``
    (NULL: for anyone). ``done_at`` is set when a call to the number is made after it is due
    (``done_call_id``), or by hand."""

    __tablename__ = "callbacks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int | None] = mapped_column(ForeignKey("call_lists.id", ondelete="CASCADE"), nullable=True)
    phone: Mapped[str] = mapped_column(String(PHONE_LENGTH))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.current_timestamp())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    done_call_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (
        Index("ix_callbacks_open", "done_at", "due_at"),
        Index("ix_callbacks_phone", "phone", "list_id"),
    )


class DoNotCall(Base):
    """A number no one may dial (発信禁止番号), with why and who put it there."""

    __tablename__ = "do_not_call"

    phone: Mapped[str] = mapped_column(String(PHONE_LENGTH), primary_key=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.current_timestamp())
    added_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)


class Disposition(Base):
    """One word of the dispositions vocabulary (結果) managers keep, in the order they chose.

    ``ends_target``: a call given this disposition ends its target (as an ending outcome does);
    ``blocks_number``: it puts the number on the do-not-call list.
    """

    __tablename__ = "dispositions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    ends_target: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    blocks_number: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ContactNote(Base):
    """A note on a number written without a call (a call's own note is on its row)."""

    __tablename__ = "contact_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phone: Mapped[str] = mapped_column(String(PHONE_LENGTH), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.current_timestamp())
    note: Mapped[str] = mapped_column(Text)
