"""The reads every view needs, each as one query (no per-row queries).

The last call of a target comes from ``last_calls`` by primary key: reading a 5,000-target list
costs the same with a thousand or ten million rows in ``calls`` (``bench/list_read.py``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, String, func, select, type_coerce
from sqlalchemy.orm import aliased

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.models import Call, CallList, Contact, LastCall, Target, User
from calllist_desktop.store.views import (
    CallRecord,
    CategoriesDecoder,
    ContactInfo,
    ListInfo,
    People,
    TargetView,
    UserInfo,
    target_views,
)

_assignee = aliased(User, name="assignee")
_PHONE_PUNCTUATION = str.maketrans("", "", " +-()")


def user_info(row: Any) -> UserInfo:
    return UserInfo(row.id, row.login, row.display_name, row.role, bool(row.autocall_enabled), bool(row.active))


def users_select() -> Select[int, str, str, str, bool, bool]:
    return select(User.id, User.login, User.display_name, User.role, User.autocall_enabled, User.active).order_by(
        User.login
    )


def lists_select() -> Select[Any]:
    count = select(func.count()).select_from(Target).where(Target.list_id == CallList.id).scalar_subquery()
    return select(CallList.id, CallList.name, CallList.created_at, count.label("target_count")).order_by(
        CallList.name
    )


def list_info(row: Any) -> ListInfo:
    return ListInfo(row.id, row.name, int(row.target_count), row.created_at)


def read_targets(
    connection: Connection,
    list_id: int,
    *,
    assignee_id: int | None = None,
    include_excluded: bool = True,
    phones: Sequence[str] | None = None,
) -> list[TargetView]:
    """The targets of a list in list order, with their contact, assignee and last call.

    The columns are those :func:`~calllist_desktop.store.views.target_views` builds views of
    (``store.first_read`` reads the same with the standard library); the people's names come
    from :func:`read_people` (a user made between the two reads shows as nobody until the next).
    """
    query = (
        select(
            Target.phone,
            Target.position,
            Target.excluded,
            Contact.company,
            Contact.person,
            type_coerce(Contact.categories, String),  # raw JSON text: decoded once per distinct value
            Contact.assignee_id,
            LastCall.direction,
            LastCall.outcome,
            LastCall.started_at,
            LastCall.user_id,
            Target.revision + Contact.revision,
        )
        .join(Contact, Contact.phone == Target.phone)
        .outerjoin(LastCall, LastCall.phone == Target.phone)
        .where(Target.list_id == list_id)
        .order_by(Target.position)
    )
    if assignee_id is not None:
        query = query.where(Contact.assignee_id == assignee_id)
    if not include_excluded:
        query = query.where(Target.excluded.is_(False))
    if phones is not None:
        query = query.where(Target.phone.in_(list(phones)))
    people = read_people(connection)
    return target_views(list_id, connection.execute(query), people)


def read_people(connection: Connection) -> People:
    """Every user's login and display name by id, for the views."""
    return People(connection.execute(select(User.id, User.login, User.display_name)))


def _contacts_select() -> Select[str, str, str, str, str]:
    return (
        select(
            Contact.phone,
            Contact.company,
            Contact.person,
            type_coerce(Contact.categories, String),  # raw JSON: decoded once per distinct value
            _assignee.login,
        )
        .outerjoin(_assignee, _assignee.id == Contact.assignee_id)
        .order_by(Contact.company, Contact.person, Contact.phone)
    )


def read_contact(connection: Connection, phone: str) -> ContactInfo | None:
    row = connection.execute(_contacts_select().where(Contact.phone == phone)).first()
    return ContactInfo(row[0], row[1], row[2], CategoriesDecoder()(row[3]), row[4]) if row else None


def read_contacts(connection: Connection, search: str | None = None) -> list[ContactInfo]:
    """All contacts ordered by company and person; ``search`` matches name, company, phone or category."""
    # Shared category tuples and logins: 200,000 contacts hold a few dozen distinct values, and a
    # copy per row was ~25 MB of the contacts tab. Company and person names repeat too (the
    # people of one company, common names): one string per distinct name saved ~25 MB more.
    categories_of = CategoriesDecoder()
    logins: dict[str | None, str | None] = {}
    names: dict[str, str] = {}
    contacts = [
        ContactInfo(
            phone,
            names.setdefault(company, company),
            names.setdefault(person, person),
            categories_of(categories),
            logins.setdefault(login, login),
        )
        for phone, company, person, categories, login in connection.execute(_contacts_select())
    ]
    del names
    if not search:
        return contacts
    needle = search.casefold()
    # Only a search that looks like a number ("03-1234", "0312") is compared with the phones.
    typed = unicodedata.normalize("NFKC", search).translate(_PHONE_PUNCTUATION)
    digits = typed if typed.isascii() and typed.isdigit() else ""
    return [c for c in contacts if _contact_matches(c, needle, digits)]


def _contact_matches(contact: ContactInfo, needle: str, digits: str) -> bool:
    if needle in contact.company.casefold() or needle in contact.person.casefold():
        return True
    if any(needle in category.casefold() for category in contact.categories):
        return True
    # "03-1234" finds +81312345678: compare the typed digits with the national digits too.
    if not digits:
        return False
    national = "0" + contact.phone[3:] if contact.phone.startswith("+81") else contact.phone
    return digits in national or digits in contact.phone


def assigned_list_ids(connection: Connection, assignee_id: int) -> set[int]:
    """The lists in which the user is the assignee of at least one target.

    One ``EXISTS`` per list, driven from the list's targets (each found by its phone). Driven
    from the user's contacts instead, which SQLite chose for a plain join, 200,000 contacts
    took far longer and left the contacts table in the connection's page cache; ``+ 0``
    keeps SQLite off the assignee index.
    """
    mine = (
        select(Target.phone)
        .join(Contact, Contact.phone == Target.phone)
        .where(Target.list_id == CallList.id, (Contact.assignee_id + 0) == assignee_id)
        .exists()
    )
    return set(connection.scalars(select(CallList.id).where(mine)))


def read_calls(
    connection: Connection, *, user_id: int | None = None, phone: str | None = None, limit: int
) -> list[CallRecord]:
    """The newest ``limit`` call rows of one user or of one number, newest first.

    By user: newest by id (rows are written as calls start), so the primary key's index serves
    the order without an index on the user; by number: ``ix_calls_phone_started``.
    """
    agent = aliased(User, name="agent")
    query = (
        select(
            Call.id,
            Call.phone,
            Call.direction,
            Call.outcome,
            Call.started_at,
            Call.answered_at,
            Call.ended_at,
            Call.list_id,
            agent.login,
            agent.display_name,
            func.coalesce(Contact.company, ""),
            func.coalesce(Contact.person, ""),
            Call.note,
        )
        .outerjoin(agent, agent.id == Call.user_id)
        .outerjoin(Contact, Contact.phone == Call.phone)
        .limit(limit)
    )
    if user_id is not None:
        query = query.where(Call.user_id == user_id).order_by(Call.id.desc())
    if phone is not None:
        query = query.where(Call.phone == phone).order_by(Call.started_at.desc(), Call.id.desc())
    return [
        CallRecord(
            row[0], row[1], Direction(row[2]), Outcome(row[3]) if row[3] else None, row[4], row[5], row[6],
            row[7], row[8], row[9], row[10], row[11], row[12],
        )
        for row in connection.execute(query)
    ]
