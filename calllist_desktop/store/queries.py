"""The reads every view needs, each as one query (no per-row queries).

The last call of a target is a correlated subquery that the index ``ix_calls_phone_started``
answers with one seek per target: reading a 5,000-target list costs the same with a thousand or
ten million calls in the table (``bench/list_read.py`` measures it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, and_, func, select
from sqlalchemy.orm import aliased

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.models import Call, CallList, Contact, Target, User
from calllist_desktop.store.views import ContactInfo, LastCall, ListInfo, TargetView, UserInfo

_assignee = aliased(User, name="assignee")
_agent = aliased(User, name="agent")


def user_info(row: Any) -> UserInfo:
    return UserInfo(row.id, row.login, row.display_name, row.role, bool(row.autocall_enabled))


def users_select() -> Select[int, str, str, str, bool]:
    return select(User.id, User.login, User.display_name, User.role, User.autocall_enabled).order_by(
        User.login
    )


def lists_select() -> Select[Any]:
    count = (
        select(func.count()).select_from(Target).where(Target.list_id == CallList.id).scalar_subquery()
    )
    return select(CallList.id, CallList.name, CallList.created_at, count.label("target_count")).order_by(
        CallList.name
    )


def list_info(row: Any) -> ListInfo:
    return ListInfo(row.id, row.name, int(row.target_count), row.created_at)


def last_call_id_for(phone_column: Any) -> Any:
    """The id of the latest call with the number in ``phone_column``, as a correlated subquery."""
    return (
        select(Call.id)
        .where(Call.phone == phone_column)
        .order_by(Call.started_at.desc(), Call.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def read_targets(
    connection: Connection,
    list_id: int,
    *,
    assignee_id: int | None = None,
    include_excluded: bool = True,
    phones: Sequence[str] | None = None,
) -> list[TargetView]:
    """The targets of a list in list order, with their contact, assignee and last call."""
    last_call = aliased(Call, name="last_call")
    query = (
        select(
            Target.phone,
            Target.position,
            Target.excluded,
            Contact.company,
            Contact.person,
            Contact.categories,
            _assignee.login.label("assignee_login"),
            _assignee.display_name.label("assignee_name"),
            last_call.direction,
            last_call.outcome,
            last_call.started_at,
            _agent.login.label("agent_login"),
            _agent.display_name.label("agent_name"),
        )
        .join(Contact, Contact.phone == Target.phone)
        .outerjoin(_assignee, _assignee.id == Contact.assignee_id)
        .outerjoin(last_call, last_call.id == last_call_id_for(Target.phone))
        .outerjoin(_agent, _agent.id == last_call.user_id)
        .where(Target.list_id == list_id)
        .order_by(Target.position)
    )
    if assignee_id is not None:
        query = query.where(Contact.assignee_id == assignee_id)
    if not include_excluded:
        query = query.where(Target.excluded.is_(False))
    if phones is not None:
        query = query.where(Target.phone.in_(list(phones)))
    return [
        TargetView(
            list_id=list_id,
            phone=row.phone,
            position=row.position,
            excluded=bool(row.excluded),
            company=row.company,
            person=row.person,
            categories=tuple(row.categories or ()),
            assignee_login=row.assignee_login,
            assignee_name=row.assignee_name,
            last_call=(
                LastCall(
                    direction=Direction(row.direction),
                    outcome=Outcome(row.outcome) if row.outcome else None,
                    agent_login=row.agent_login,
                    agent_name=row.agent_name,
                    started_at=row.started_at,
                )
                if row.direction is not None
                else None
            ),
        )
        for row in connection.execute(query)
    ]


def read_contacts(connection: Connection, search: str | None = None) -> list[ContactInfo]:
    """All contacts ordered by company and person; ``search`` matches name, company, phone or category."""
    query = (
        select(Contact.phone, Contact.company, Contact.person, Contact.categories, _assignee.login)
        .outerjoin(_assignee, _assignee.id == Contact.assignee_id)
        .order_by(Contact.company, Contact.person, Contact.phone)
    )
    contacts = [
        ContactInfo(row.phone, row.company, row.person, tuple(row.categories or ()), row.login)
        for row in connection.execute(query)
    ]
    if not search:
        return contacts
    needle = search.casefold()
    digits = "".join(ch for ch in search if ch.isdigit())
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
    """The lists in which the user is the assignee of at least one target."""
    query = (
        select(Target.list_id)
        .join(Contact, and_(Contact.phone == Target.phone, Contact.assignee_id == assignee_id))
        .distinct()
    )
    return set(connection.scalars(query))
