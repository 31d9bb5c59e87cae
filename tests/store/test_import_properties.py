"""Property tests: whatever bytes or CSV reach ``Store.import_csv``, it answers with a success or
with structured errors, never raises, and a rejected import leaves the store exactly as it was."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, update

from calllist_desktop.core.csv_import import parse_targets_csv
from calllist_desktop.core.issues import IssueCode
from calllist_desktop.store.models import Contact, Target
from calllist_desktop.store.store import Store
from tests.conftest import csv_bytes
from tests.store.test_store import snapshot

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, int]]:
    """One store for every example: a list with targets, so a wrong write would show."""
    path: Path = tmp_path_factory.mktemp("properties") / "store.sqlite3"
    store = Store.open(f"sqlite:///{path}")
    store.add_user("sato")
    info = store.create_list("A")
    assert store.import_csv(
        info.id, csv_bytes("株式会社さくら,長田,03-1234-5678,製品A", "山田,,06-1234-5678,"), assignee="sato"
    ).ok
    yield store, info.id
    store.close()


def check_answer(store: Store, list_id: int, data: bytes, encoding: str) -> None:
    before = snapshot(store)
    report = store.import_csv(list_id, data, encoding=encoding)
    assert report.ok == (not report.errors)
    for issue in report.errors + report.warnings:
        assert isinstance(issue.code, IssueCode)
        assert issue.row >= 1
        assert issue.message  # every code has a message, in both languages
        assert issue.message_in("ja")
    if not report.ok:
        assert snapshot(store) == before
    else:
        # A success wrote every record it accepted, with the file's values.
        records = parse_targets_csv(data, encoding=encoding).records
        assert report.imported == len(records)
        stored = {t.phone: t for t in store.targets(list_id)}
        for record in records:
            target = stored[record.phone]
            assert (target.company, target.person, target.categories) == (
                record.company, record.person, record.categories,
            )


@SETTINGS
@given(data=st.binary(max_size=2000), encoding=st.sampled_from(["auto", "utf-8", "cp932", "utf-16"]))
def test_arbitrary_bytes_never_raise_and_a_rejection_changes_nothing(
    seeded: tuple[Store, int], data: bytes, encoding: str
) -> None:
    store, list_id = seeded
    check_answer(store, list_id, data, encoding)


_cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "　", "03-1234-5678", "０９０１２３４５６７８", "312345678", "+81 6 1234 5678", "'=1", "a|b|a", '"', "\n"]),
)
_rows = st.lists(st.lists(_cell, min_size=0, max_size=6), max_size=8)


@SETTINGS
@given(rows=_rows, header=st.sampled_from(["取引先会社名,取引先担当者名,電話番号,カテゴリー", "company,person,phone,categories", "電話番号,x", ""]))
def test_arbitrary_csv_never_raises_and_a_rejection_changes_nothing(
    seeded: tuple[Store, int], rows: list[list[str]], header: str
) -> None:
    store, list_id = seeded
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        buffer.write(header + "\r\n")
    writer.writerows(rows)
    check_answer(store, list_id, buffer.getvalue().encode("utf-8"), "auto")


# --- export -> import gives every value back (issue 16 item 16, SPEC §3) --------------------------

# A value as the store holds it: what an import keeps of a cell (trimmed; no control characters,
# which make a file unreadable; tab, CR and LF inside are fine), formula triggers and leading ' too.
_plain_text = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\r\n'=+-@|｜\u3000 "), max_size=10
)
# What export must protect and import must unprotect exactly: quotes, then a formula's first character.
_formula_like = st.builds(
    lambda quotes, trigger, rest: "'" * quotes + trigger + rest,
    st.integers(0, 3),
    st.sampled_from(["=", "+", "-", "@", "\t", "\r", "", "'"]),
    _plain_text,
)
_stored_text = st.one_of(_plain_text, _formula_like).map(str.strip)
_category = _stored_text.filter(lambda text: text != "" and "|" not in text and "｜" not in text)
_user_name = _stored_text.filter(bool)
_target = st.tuples(
    _stored_text,  # company
    _stored_text,  # person
    st.lists(_category, max_size=4, unique=True).map(tuple),
    st.booleans(),  # excluded
    st.one_of(st.none(), st.integers(0, 3)),  # assignee: one of the example's users, or nobody
).filter(lambda target: bool(target[0] or target[1]))
_examples = iter(range(10**9))


@settings(SETTINGS, max_examples=80)
@given(
    users=st.lists(st.tuples(_user_name, _user_name), min_size=4, max_size=4),
    targets=st.lists(_target, min_size=1, max_size=6),
    encoding=st.sampled_from(["utf-8-sig", "utf-8"]),
)
def test_an_export_imported_again_gives_every_value_flag_and_assignee_back(
    seeded: tuple[Store, int],
    users: list[tuple[str, str]],
    targets: list[tuple[str, str, tuple[str, ...], bool, int | None]],
    encoding: str,
) -> None:
    """Targets are written straight into the store (not through the importer under test), exported,
    changed in every field, and imported back from the export: all of it returns, and exporting
    again gives the same bytes. Users pile up over the examples, so display names are shared and
    spelled like other users' logins: the assignee must come back all the same."""
    store, _ = seeded
    example = next(_examples)
    logins = []
    known = {user.login for user in store.users()}
    for index, (login, name) in enumerate(users):
        login = login if login not in known else f"{login}#{example}.{index}"
        store.add_user(login, name)
        known.add(login)
        logins.append(login)
    user_ids = {user.login: user.id for user in store.users()}
    info = store.create_list(f"round trip {example}")
    phones = [f"+8131{example * 10 + index:07d}" for index in range(len(targets))]  # 03-1xxx-xxxx
    with store.engine.begin() as connection:
        for position, (phone, (company, person, categories, excluded, who)) in enumerate(zip(phones, targets, strict=True)):
            assignee_id = user_ids[logins[who]] if who is not None else None
            connection.execute(
                insert(Contact).values(phone=phone, company=company, person=person, categories=list(categories), assignee_id=assignee_id)
            )
            connection.execute(insert(Target).values(list_id=info.id, phone=phone, position=position + 1, excluded=excluded))

    def state() -> list[tuple[object, ...]]:
        return [(t.phone, t.company, t.person, t.categories, t.excluded, t.assignee_login) for t in store.targets(info.id)]

    before = state()
    data = store.export_csv(info.id, encoding)

    # Change every field (an assigned number to another user; an unassigned one stays unassigned,
    # as an empty 発信担当者 cell leaves the assignee as it is).
    with store.engine.begin() as connection:
        for phone, (_c, _p, _cat, excluded, who) in zip(phones, targets, strict=True):
            other = user_ids[logins[(who + 1) % len(logins)]] if who is not None else None
            connection.execute(
                update(Contact).where(Contact.phone == phone).values(company="変更", person="変更", categories=["変更"], assignee_id=other)
            )
            connection.execute(update(Target).where(Target.phone == phone).values(excluded=not excluded))

    report = store.import_csv(info.id, data)
    assert report.ok and not report.errors, report.errors
    assert {issue.code for issue in report.warnings} <= {IssueCode.REASSIGNED}, report.warnings
    assert state() == before
    assert store.export_csv(info.id, encoding) == data
