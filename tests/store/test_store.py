"""The store's rules (SPEC §1, §2 on the database side), on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from calllist_desktop.core.issues import IssueCode
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.errors import AlreadyExists, NotFound, PermissionDenied, StoreError
from calllist_desktop.store.models import Call, Contact, LastCall, Target
from calllist_desktop.store.store import Store
from tests.conftest import csv_bytes, numbered_rows

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
TOKYO = "+81312345678"
OSAKA = "+81612345678"
MOBILE = "+819012345678"


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the data tables, to check that something changed nothing."""
    with store.engine.connect() as connection:
        return {
            "contacts": sorted(tuple(r) for r in connection.execute(select(Contact.phone, Contact.company, Contact.person, Contact.categories, Contact.assignee_id))),
            "targets": sorted(tuple(r) for r in connection.execute(select(Target.list_id, Target.phone, Target.position, Target.excluded))),
            "calls": sorted(tuple(r) for r in connection.execute(select(Call.id, Call.phone, Call.outcome))),
        }


@pytest.fixture
def team(store: Store) -> Store:
    store.add_user("kanri", "管理 花子", role="admin")
    store.add_user("sato", "佐藤 美咲", autocall=True)
    store.add_user("tanaka", "田中 翔")
    return store


def three_rows() -> bytes:
    return csv_bytes(
        "株式会社さくら,長田 翔,03-1234-5678,イベント|製品A",
        "山田スポーツ株式会社,山田圭,06-1234-5678,製品B",
        ",山川緑,090-1234-5678,",
    )


def test_import_creates_contacts_and_targets_in_file_order(team: Store) -> None:
    info = team.create_list("展示会")
    report = team.import_csv(info.id, three_rows(), assignee="sato")
    assert report.ok, report.errors
    assert (report.imported, report.created_contacts, report.updated_contacts, report.overwritten) == (3, 3, 0, 0)
    targets = team.targets(info.id)
    assert [t.phone for t in targets] == [TOKYO, OSAKA, MOBILE]
    assert [t.position for t in targets] == [1, 2, 3]
    assert targets[0].company == "株式会社さくら" and targets[0].categories == ("イベント", "製品A")
    assert targets[2].company == "" and targets[2].person == "山川緑" and targets[2].categories == ()
    assert {t.assignee_login for t in targets} == {"sato"}
    assert team.list_by_name("展示会").target_count == 3


def test_import_without_assignee_leaves_new_numbers_unassigned_and_keeps_existing(team: Store) -> None:
    first = team.create_list("A")
    team.import_csv(first.id, csv_bytes("株式会社さくら,長田,03-1234-5678,"), assignee="sato")
    second = team.create_list("B")
    team.import_csv(second.id, csv_bytes("株式会社さくら,長田,03-1234-5678,", "新規,佐々木,06-1234-5678,"))
    by_phone = {t.phone: t for t in team.targets(second.id)}
    assert by_phone[TOKYO].assignee_login == "sato"
    assert by_phone[OSAKA].assignee_login is None


def test_a_phone_already_in_the_list_is_overwritten_not_added_twice(team: Store) -> None:
    info = team.create_list("展示会")
    team.import_csv(info.id, three_rows())
    team.set_excluded(info.id, [OSAKA], True)
    report = team.import_csv(info.id, csv_bytes("大阪商事,新しい担当,06 1234 5678,更新", "新規,佐々木,0312349999,"))
    assert report.ok and (report.imported, report.overwritten, report.created_contacts, report.updated_contacts) == (2, 1, 1, 1)
    targets = team.targets(info.id)
    assert [t.phone for t in targets] == [TOKYO, OSAKA, MOBILE, "+81312349999"]
    osaka = targets[1]
    assert (osaka.company, osaka.person, osaka.categories) == ("大阪商事", "新しい担当", ("更新",))
    assert osaka.position == 2 and osaka.excluded, "an overwritten target keeps its place and its flag"


def test_an_existing_contact_is_overwritten_by_an_import_into_another_list(team: Store) -> None:
    first = team.create_list("A")
    team.import_csv(first.id, three_rows())
    second = team.create_list("B")
    team.import_csv(second.id, csv_bytes("新社名株式会社,新担当,03-1234-5678,新カテゴリー"))
    old_list_view = team.targets(first.id)[0]
    assert (old_list_view.company, old_list_view.person, old_list_view.categories) == ("新社名株式会社", "新担当", ("新カテゴリー",))
    assert len(team.contacts()) == 3


def test_assignee_belongs_to_the_phone_number_across_lists(team: Store) -> None:
    first = team.create_list("A")
    second = team.create_list("B")
    team.import_csv(first.id, three_rows(), assignee="sato")
    team.import_csv(second.id, csv_bytes("株式会社さくら,長田 翔,03-1234-5678,"))
    team.set_assignee(second.id, [TOKYO], "tanaka")
    assert team.targets(first.id)[0].assignee_login == "tanaka"
    assert [t.phone for t in team.targets(first.id, assignee="tanaka")] == [TOKYO]
    assert [t.phone for t in team.targets(first.id, assignee="sato")] == [OSAKA, MOBILE]
    team.set_assignee(first.id, [TOKYO], None)
    assert team.targets(second.id)[0].assignee_login is None


def test_lists_for_an_assignee_are_those_with_at_least_one_of_their_targets(team: Store) -> None:
    first = team.create_list("A")
    second = team.create_list("B")
    team.create_list("空のリスト")
    team.import_csv(first.id, three_rows(), assignee="sato")
    team.import_csv(second.id, csv_bytes("他社,他,06-9999-1234,"), assignee="tanaka")
    assert [info.name for info in team.lists(assignee="sato")] == ["A"]
    assert [info.name for info in team.lists(assignee="tanaka")] == ["B"]
    assert [info.name for info in team.lists(assignee="kanri")] == []
    assert len(team.lists()) == 3


def test_excluded_belongs_to_the_target_in_its_list(team: Store) -> None:
    first = team.create_list("A")
    second = team.create_list("B")
    team.import_csv(first.id, three_rows())
    team.import_csv(second.id, three_rows())
    assert team.set_excluded(first.id, [TOKYO, MOBILE], True) == 2
    assert [t.excluded for t in team.targets(first.id)] == [True, False, True]
    assert [t.excluded for t in team.targets(second.id)] == [False, False, False]
    assert [t.phone for t in team.targets(first.id, include_excluded=False)] == [OSAKA]
    team.set_excluded(first.id, [TOKYO], False)
    assert [t.excluded for t in team.targets(first.id)] == [False, False, True]


def test_edits_of_numbers_not_in_the_list_change_nothing(team: Store) -> None:
    info = team.create_list("A")
    team.import_csv(info.id, three_rows())
    before = snapshot(team)
    with pytest.raises(NotFound, match="06-9999-9999"):
        team.set_excluded(info.id, [TOKYO, "+81699999999"], True)
    with pytest.raises(NotFound):
        team.remove_targets(info.id, ["+81699999999"])
    with pytest.raises(NotFound):
        team.set_assignee(info.id, [TOKYO], "nobody")
    assert snapshot(team) == before


def test_removing_targets_keeps_contacts_and_calls(team: Store) -> None:
    info = team.create_list("A")
    team.import_csv(info.id, three_rows())
    call = team.start_call(TOKYO, Direction.OUTBOUND, user="sato", list_id=info.id, started_at=T0)
    team.finish_call(call, Outcome.ANSWERED, sip_status=200, ended_at=T0 + timedelta(minutes=2))
    assert team.remove_targets(info.id, [TOKYO, OSAKA]) == 2
    assert [t.phone for t in team.targets(info.id)] == [MOBILE]
    assert {c.phone for c in team.contacts()} == {TOKYO, OSAKA, MOBILE}
    assert snapshot(team)["calls"] == [(call, TOKYO, "answered")]


def test_deleting_a_list_keeps_contacts_and_calls_and_other_lists(team: Store) -> None:
    first = team.create_list("A")
    second = team.create_list("B")
    team.import_csv(first.id, three_rows())
    team.import_csv(second.id, csv_bytes("株式会社さくら,長田 翔,03-1234-5678,"))
    call = team.start_call(TOKYO, Direction.OUTBOUND, user="sato", list_id=first.id, started_at=T0)
    team.finish_call(call, Outcome.BUSY, sip_status=486)
    assert team.delete_list("A") == 3
    assert [info.name for info in team.lists()] == ["B"]
    assert len(team.contacts()) == 3
    assert snapshot(team)["calls"] == [(call, TOKYO, "busy")]
    # The other list still sees the call as the number's last call.
    last = team.targets(second.id)[0].last_call
    assert last is not None and last.outcome is Outcome.BUSY
    with pytest.raises(NotFound):
        team.list_by_name("A")


def test_last_call_is_the_latest_with_that_number_by_any_user(team: Store) -> None:
    info = team.create_list("A")
    team.import_csv(info.id, three_rows(), assignee="sato")
    for minutes, user, outcome, phone in (
        (0, "sato", Outcome.NO_ANSWER, TOKYO),
        (30, "tanaka", Outcome.ANSWERED, TOKYO),
        (10, "sato", Outcome.BUSY, TOKYO),  # written later, but started earlier: not the last
        (5, "sato", Outcome.REJECTED, OSAKA),
    ):
        call = team.start_call(phone, Direction.OUTBOUND, user=user, started_at=T0 + timedelta(minutes=minutes))
        team.finish_call(call, outcome)
    inbound = team.start_call(OSAKA, Direction.INBOUND, user="tanaka", started_at=T0 + timedelta(hours=1))
    team.finish_call(inbound, Outcome.MISSED)

    tokyo, osaka, mobile = team.targets(info.id)
    assert tokyo.last_call is not None
    assert (tokyo.last_call.outcome, tokyo.last_call.agent_login, tokyo.last_call.direction) == (
        Outcome.ANSWERED, "tanaka", Direction.OUTBOUND,
    )
    assert tokyo.last_call.started_at == T0 + timedelta(minutes=30)
    assert osaka.last_call is not None and osaka.last_call.direction is Direction.INBOUND
    assert osaka.last_call.outcome is Outcome.MISSED
    assert mobile.last_call is None


def test_a_call_in_progress_is_the_last_call_with_no_outcome_yet(team: Store) -> None:
    info = team.create_list("A")
    team.import_csv(info.id, three_rows())
    team.start_call(TOKYO, Direction.OUTBOUND, user="sato", started_at=T0)
    last = team.targets(info.id)[0].last_call
    assert last is not None and last.outcome is None and last.agent_login == "sato"


def test_unfinished_calls_are_closed_as_interrupted(team: Store) -> None:
    mine = team.start_call(TOKYO, Direction.OUTBOUND, user="sato", started_at=T0)
    theirs = team.start_call(OSAKA, Direction.OUTBOUND, user="tanaka", started_at=T0)
    done = team.start_call(MOBILE, Direction.OUTBOUND, user="sato", started_at=T0)
    team.finish_call(done, Outcome.ANSWERED)
    assert team.close_interrupted_calls(user="sato") == 1
    assert team.close_interrupted_calls() == 1
    assert {r[0]: r[2] for r in snapshot(team)["calls"]} == {
        mine: "interrupted", theirs: "interrupted", done: "answered",
    }


def test_a_rejected_import_changes_nothing(team: Store) -> None:
    info = team.create_list("A")
    team.import_csv(info.id, three_rows(), assignee="sato")
    before = snapshot(team)
    report = team.import_csv(
        info.id,
        csv_bytes("上書きされない,誰か,03-1234-5678,", "新規,佐々木,06-5555-1234,", ",,090-1111-2222,"),
        assignee="tanaka",
    )
    assert not report.ok
    assert [(e.row, e.code) for e in report.errors] == [(4, IssueCode.MISSING_NAME)]
    assert snapshot(team) == before


def test_a_dry_run_reports_and_changes_nothing(team: Store) -> None:
    info = team.create_list("A")
    team.import_csv(info.id, three_rows())
    before = snapshot(team)
    report = team.import_csv(info.id, csv_bytes("上書き,誰か,03-1234-5678,", "新規,佐々木,06-5555-1234,"), dry_run=True)
    assert report.ok and report.dry_run
    assert (report.imported, report.overwritten, report.created_contacts, report.updated_contacts) == (2, 1, 1, 1)
    assert snapshot(team) == before
    fresh = team.import_csv(None, three_rows(), dry_run=True)
    assert fresh.ok and fresh.overwritten == 0 and fresh.updated_contacts == 3


def test_a_list_holds_5000_targets_and_not_one_more(team: Store) -> None:
    info = team.create_list("満杯")
    report = team.import_csv(info.id, csv_bytes(*numbered_rows(5000)))
    assert report.ok, report.errors[:3]
    assert team.list_by_name("満杯").target_count == 5000
    # Overwriting targets already in a full list is fine; one new number is not.
    assert team.import_csv(info.id, csv_bytes(*numbered_rows(3))).ok
    before = snapshot(team)
    report = team.import_csv(info.id, csv_bytes(*numbered_rows(2, start=4999)))
    assert not report.ok
    assert [(e.code, e.row) for e in report.errors] == [(IssueCode.LIST_FULL, 3)]
    assert snapshot(team) == before


def test_5001_rows_into_an_empty_list_are_rejected(team: Store) -> None:
    info = team.create_list("多すぎ")
    report = team.import_csv(info.id, csv_bytes(*numbered_rows(5001)))
    assert not report.ok and {e.code for e in report.errors} == {IssueCode.LIST_FULL}
    assert team.list_by_name("多すぎ").target_count == 0


def test_export_then_import_gives_the_same_targets_back(team: Store) -> None:
    source = team.create_list("元")
    rows = csv_bytes(
        "株式会社さくら,長田 翔,03-1234-5678,イベント|製品A",
        "=HYPERLINK(\"x\"),+81 担当,06-1234-5678,-マイナス|@アット",
        "\"引用符\"\"と,カンマ\",\"改行\nあり\",090-1234-5678,",
        "㈱髙橋工務店,髙橋 ①,052-123-4567,製品B",
    )
    assert team.import_csv(source.id, rows).ok
    call = team.start_call(TOKYO, Direction.OUTBOUND, user="sato", started_at=T0)
    team.finish_call(call, Outcome.ANSWERED)
    for encoding in ("utf-8-sig", "utf-8", "cp932"):
        copy = team.create_list(f"写し {encoding}")
        exported = team.export_csv(source.id, encoding)
        report = team.import_csv(copy.id, exported)
        assert report.ok, report.errors
        assert report.encoding is not None
        assert [(t.phone, t.company, t.person, t.categories) for t in team.targets(copy.id)] == [
            (t.phone, t.company, t.person, t.categories) for t in team.targets(source.id)
        ]


def test_names_must_be_unique_and_present(team: Store) -> None:
    team.create_list("A")
    with pytest.raises(AlreadyExists):
        team.create_list(" A ")
    with pytest.raises(StoreError):
        team.create_list("  ")
    team.create_list("B")
    with pytest.raises(AlreadyExists):
        team.rename_list("B", "A")
    assert team.rename_list("B", "C").name == "C"
    with pytest.raises(AlreadyExists):
        team.add_user("sato")
    with pytest.raises(StoreError):
        team.add_user("x", role="boss")
    with pytest.raises(NotFound):
        team.user("nobody")


def test_users_keep_their_role_and_auto_call_permission(team: Store) -> None:
    users = {u.login: u for u in team.users()}
    assert users["kanri"].is_admin and not users["sato"].is_admin
    assert users["sato"].autocall_enabled and not users["tanaka"].autocall_enabled
    updated = team.update_user("tanaka", autocall=True, role="admin")
    assert updated.autocall_enabled and updated.is_admin


def test_unknown_assignee_rejects_the_import_before_anything_changes(team: Store) -> None:
    info = team.create_list("A")
    with pytest.raises(NotFound):
        team.import_csv(info.id, three_rows(), assignee="nobody")
    assert team.targets(info.id) == []


def test_an_import_into_a_deleted_list_is_refused(team: Store) -> None:
    info = team.create_list("A")
    team.delete_list("A")
    with pytest.raises(NotFound):
        team.import_csv(info.id, three_rows())
    with team.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Contact)) == 0


def test_the_kept_last_calls_equal_those_derived_from_every_call(team: Store) -> None:
    info = team.create_list("A")
    team.import_csv(info.id, three_rows())
    plan = [
        (TOKYO, 0, "sato", Outcome.NO_ANSWER),
        (TOKYO, 30, "tanaka", Outcome.ANSWERED),
        (TOKYO, 10, "sato", Outcome.BUSY),  # started earlier than the last one, written later
        (OSAKA, 5, "sato", None),  # never finished: closed as interrupted below
        (OSAKA, 5, "tanaka", Outcome.REJECTED),  # same start: the later row wins
        ("+81120123456", 1, None, Outcome.MISSED),  # a number that is no contact
    ]
    for phone, minutes, user, outcome in plan:
        call = team.start_call(phone, Direction.OUTBOUND, user=user, started_at=T0 + timedelta(minutes=minutes))
        if outcome is not None:
            team.finish_call(call, outcome)
    team.close_interrupted_calls()

    def kept() -> list[tuple[object, ...]]:
        with team.engine.connect() as connection:
            return sorted(tuple(row) for row in connection.execute(select(LastCall.phone, LastCall.call_id, LastCall.outcome)))

    incremental = kept()
    assert team.rebuild_last_calls() == 3
    assert kept() == incremental
    assert [(p, o) for p, _, o in incremental] == [
        ("+81120123456", "missed"), (TOKYO, "answered"), (OSAKA, "rejected"),
    ]


def test_recent_calls_are_the_users_own_newest_first_with_who_was_called(team: Store) -> None:
    info = team.create_list("A")
    team.import_csv(info.id, three_rows(), assignee="sato")
    made = []
    for minutes, user, phone in ((0, "sato", TOKYO), (1, "tanaka", OSAKA), (2, "sato", "+81311112222"), (3, "sato", OSAKA)):
        call = team.start_call(phone, Direction.OUTBOUND, user=user, list_id=info.id, started_at=T0 + timedelta(minutes=minutes))
        made.append(call)
    team.finish_call(made[0], Outcome.BUSY, ended_at=T0 + timedelta(minutes=1))
    recent = team.recent_calls("sato")
    assert [(r.phone, r.outcome) for r in recent] == [(OSAKA, None), ("+81311112222", None), (TOKYO, Outcome.BUSY)]
    assert (recent[2].person, recent[2].company, recent[2].agent_login, recent[2].list_id) == ("長田 翔", "株式会社さくら", "sato", info.id)
    assert (recent[1].person, recent[1].company) == ("", "")  # a number that is no contact
    assert recent[2].started_at == T0 and recent[2].ended_at == T0 + timedelta(minutes=1)
    assert [r.phone for r in team.recent_calls("sato", limit=1)] == [OSAKA]
    assert team.recent_calls("kanri") == []
    with pytest.raises(NotFound):
        team.recent_calls("nobody")


def test_the_calls_of_a_number_are_everyones_newest_first(team: Store) -> None:
    for minutes, user, outcome in ((0, "sato", Outcome.NO_ANSWER), (30, "tanaka", Outcome.ANSWERED), (10, "sato", Outcome.BUSY)):
        call = team.start_call(TOKYO, Direction.OUTBOUND, user=user, started_at=T0 + timedelta(minutes=minutes))
        team.finish_call(call, outcome)
    team.start_call(OSAKA, Direction.OUTBOUND, user="sato", started_at=T0)
    history = team.calls_of(TOKYO)
    assert [(r.agent_login, r.outcome) for r in history] == [
        ("tanaka", Outcome.ANSWERED), ("sato", Outcome.BUSY), ("sato", Outcome.NO_ANSWER),
    ]
    assert team.calls_of("+81399999999") == []


def test_an_admin_cannot_take_away_their_own_admin_role_through_the_store(store: Store) -> None:
    store.add_user("boss", "上司", role="admin")
    store.add_user("chief", "主任", role="admin")
    with pytest.raises(PermissionDenied) as refused:
        store.update_user("boss", role="operator", by="boss")
    assert refused.value.texts["en"].startswith("boss cannot take away their own admin role")
    assert store.user("boss").role == "admin"
    # Their name and auto-call permission they may change; another admin may change their role.
    assert store.update_user("boss", display_name="上司 一郎", autocall=True, by="boss").display_name == "上司 一郎"
    assert store.update_user("boss", role="admin", by="boss").role == "admin"
    assert store.update_user("boss", role="operator", by="chief").role == "operator"
