"""Call recordings in the store (migration 0008): the team's switch and each call's file or error.

On both databases through the program; on PostgreSQL also as an operator with plain SQL, trying
what the server must refuse: another operator's call, rewriting a recording already noted, a
path on another computer, the team's switch.
"""

from __future__ import annotations

import psycopg
import pytest

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.errors import NotFound, PermissionDenied
from calllist_desktop.store.store import Store
from tests.pg_team import Team, plain_sql

RECORDED = "/data/recordings/2026-12/20261206-140000_c1.wav"


def answered_call(store: Store, phone: str = "+81312345678") -> int:
    if not any(user.login == "sato" for user in store.users()):
        store.add_user("sato")
    call = store.start_call(phone, Direction.OUTBOUND, user="sato")
    store.finish_call(call, Outcome.ANSWERED, sip_status=200)
    return call


def test_the_switch_is_off_until_a_manager_turns_it_on(store: Store) -> None:
    assert store.recording_enabled() is False
    store.set_recording_enabled(True)
    assert store.recording_enabled() is True
    assert store.store_setting("recording") is True
    store.set_recording_enabled(False)
    assert store.recording_enabled() is False


def test_a_call_row_keeps_its_recording_or_why_it_is_missing(store: Store) -> None:
    recorded = answered_call(store)
    failed = answered_call(store, "+81312345679")
    unrecorded = answered_call(store, "+81312345670")
    store.set_call_recording(recorded, path=RECORDED, seconds=83.25)
    store.set_call_recording(failed, path=None, error="disk full: /data/recordings")
    found = store.call_recordings([recorded, failed, unrecorded, 999999])
    assert found[recorded].path == RECORDED and found[recorded].seconds == pytest.approx(83.25)
    assert found[recorded].error is None
    assert found[failed].path is None and found[failed].error == "disk full: /data/recordings"
    assert found[unrecorded] == (unrecorded, None, None, None)
    assert 999999 not in found


def test_noting_the_recording_of_a_call_that_does_not_exist_says_so(store: Store) -> None:
    with pytest.raises(NotFound):
        store.set_call_recording(424242, path=RECORDED, seconds=1.0)


def test_a_very_long_error_is_cut_not_refused(store: Store) -> None:
    call = answered_call(store)
    store.set_call_recording(call, path=None, error="x" * 5000)
    assert len(store.call_recordings([call])[call].error or "") == 500


# --- PostgreSQL: an operator with plain SQL -------------------------------------------------------


@pytest.mark.postgres
def test_an_operator_notes_the_recording_of_their_own_call_once(team: Team) -> None:
    with plain_sql(team.admin_url) as sql:
        row = sql.execute("SELECT id FROM calls WHERE user_id = %s", (team.user_id(team.bob),)).fetchone()
    assert row is not None
    bobs_call = int(row[0])
    with team.plain(team.bob) as sql:
        updated = sql.execute(
            "UPDATE public.calls SET recording_path = %s, recording_seconds = 12 WHERE id = %s", (RECORDED, bobs_call)
        )
        assert updated.rowcount == 1
        sql.execute(
            "UPDATE public.calls SET recording_path = '/home/boss/secret.wav', recording_error = NULL WHERE id = %s",
            (bobs_call,),
        )
    with plain_sql(team.admin_url) as sql:
        assert sql.execute("SELECT recording_path, recording_seconds FROM calls WHERE id = %s", (bobs_call,)).fetchone() == (
            RECORDED,
            12.0,
        ), "a recording once noted cannot be pointed elsewhere by the operator"


@pytest.mark.postgres
def test_an_operator_cannot_touch_another_operators_recording(team: Team) -> None:
    with plain_sql(team.admin_url) as sql:
        row = sql.execute("SELECT id FROM calls WHERE user_id = %s", (team.user_id(team.bob),)).fetchone()
    assert row is not None
    with team.plain(team.alice) as sql:
        changed = sql.execute("UPDATE public.calls SET recording_path = '/tmp/x.wav' WHERE id = %s", (row[0],))
        assert changed.rowcount == 0
        assert sql.execute("SELECT count(*) FROM public.calls WHERE id = %s", (row[0],)).fetchone() == (0,)
    with plain_sql(team.admin_url) as sql:
        assert sql.execute("SELECT recording_path FROM calls WHERE id = %s", (row[0],)).fetchone() == (None,)


@pytest.mark.postgres
@pytest.mark.parametrize("path", ["\\\\evil-host\\share\\call.wav", "//evil-host/share/call.wav"])
def test_a_recording_on_another_computer_is_refused(team: Team, path: str) -> None:
    with plain_sql(team.admin_url) as sql:
        row = sql.execute("SELECT id FROM calls WHERE user_id = %s", (team.user_id(team.bob),)).fetchone()
    assert row is not None
    with team.plain(team.bob) as sql, pytest.raises(psycopg.errors.InsufficientPrivilege):
        sql.execute("UPDATE public.calls SET recording_path = %s WHERE id = %s", (path, row[0]))
    with plain_sql(team.admin_url) as sql:
        assert sql.execute("SELECT recording_path FROM calls WHERE id = %s", (row[0],)).fetchone() == (None,)


@pytest.mark.postgres
def test_only_a_manager_switches_recording(team: Team) -> None:
    operator = Store.open(team.url_as(team.alice))
    manager = Store.open(team.url_as(team.boss))
    try:
        with pytest.raises(PermissionDenied):
            operator.set_recording_enabled(True, by=team.alice)
        assert operator.recording_enabled() is False
        manager.set_recording_enabled(True, by=team.boss)
        assert operator.recording_enabled() is True
    finally:
        operator.close()
        manager.close()
