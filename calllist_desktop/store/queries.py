"""The reads every view needs, each as one query (no per-row queries).

The last call of a target comes from ``last_calls`` by primary key: reading a 5,000-target list
costs the same with a thousand or ten million rows in ``calls`` (``bench/list_read.py``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from sqlalchemy import Connection, Select, String, bindparam, func, select, text, type_coerce
from sqlalchemy.orm import aliased

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store import sql
from calllist_desktop.store.models import Call, Contact, User
from calllist_desktop.store.timestamps import utc_time
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


def read_users(connection: Connection) -> list[UserInfo]:
    """Every user, by login."""
    return sql.user_infos(connection.execute(text(sql.USERS)))


def read_user(connection: Connection, login: str) -> UserInfo | None:
    """The user ``login``; ``None`` when there is none."""
    found = sql.user_infos(connection.execute(text(sql.USER_BY_LOGIN), {"login": login}))
    return found[0] if found else None


def read_lists(connection: Connection) -> list[ListInfo]:
    """Every list with its number of targets, by name."""
    return sql.list_infos(connection.execute(text(sql.LISTS)))


def read_list(connection: Connection, name: str) -> ListInfo | None:
    """The list named ``name``; ``None`` when there is none."""
    found = sql.list_infos(connection.execute(text(sql.LIST_BY_NAME), {"name": name}))
    return found[0] if found else None


def read_targets(
    connection: Connection,
    list_id: int,
    *,
    assignee_id: int | None = None,
    include_excluded: bool = True,
    phones: Sequence[str] | None = None,
) -> list[TargetView]:
    """The targets of a list in list order, with their contact, assignee and last call.

    The query is :func:`store.sql.targets`, the one ``store.first_read`` runs too; the people's
    names come from :func:`read_people` (a user made between the two reads shows as nobody until
    the next).
    """
    query = text(sql.targets(assignee=assignee_id is not None, include_excluded=include_excluded, phones=phones is not None))
    parameters: dict[str, object] = {"list_id": list_id}
    if assignee_id is not None:
        parameters["assignee_id"] = assignee_id
    if phones is not None:
        query = query.bindparams(bindparam("phones", expanding=True))
        parameters["phones"] = list(phones)
    people = read_people(connection)
    return target_views(list_id, connection.execute(query, parameters), people, utc_time)


def read_people(connection: Connection) -> People:
    """Every user's login and display name by id, for the views."""
    return People(connection.execute(text(sql.PEOPLE)))


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
    """The lists in which the user is the assignee of at least one target (:data:`store.sql.ASSIGNED_LISTS`)."""
    return set(connection.scalars(text(sql.ASSIGNED_LISTS), {"assignee_id": assignee_id}))


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
