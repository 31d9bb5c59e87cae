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

    __table_args__ = (
        Index("ix_calls_phone_started", "phone", "started_at", "id"),
        Index("ix_calls_unfinished", "outcome", "ended_at"),
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
