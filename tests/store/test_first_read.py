"""The first-paint read (``store.first_read``) gives what the store's own reads give, or gives up.

The desktop client paints these rows first and replaces them with ``Store.targets`` a moment
later, so any difference would show as rows that change under the user's eyes.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.deferred import DeferredStore, StoreApi
from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.first_read import FirstRead, utc_time
from calllist_desktop.store.location import sqlite_file
from calllist_desktop.store.store import Store
from tests.conftest import csv_bytes

ROWS = (
    "株式会社さくら商事,長田 翔,03-1234-5678,イベント|製品A",
    "山田スポーツ株式会社,山田 圭,06-1234-5678,製品B",
    "㈱髙橋工務店,髙橋 誠,090-1234-5678,",
    "加藤整形外科,加藤 さおり,052-123-4567,製品A",
)
OTHERS = ("田中の会社,田中の客,03-9999-0001,製品A",)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """sato's targets in 展示会 (one excluded, calls finished by sato and tanaka), tanaka's in
    展示会 and 既存顧客; an admin without targets."""
    file = tmp_path / "first.sqlite3"
    store = Store.open(f"sqlite:///{file}")
    store.add_user("sato", "佐藤 美咲")
    store.add_user("tanaka", "田中 翔")
    store.add_user("kanri", "管理 花子", role="admin")
    fair = store.create_list("展示会").id
    store.import_csv(fair, csv_bytes(*ROWS), assignee="sato")
    store.import_csv(fair, csv_bytes(*OTHERS), assignee="tanaka")
    customers = store.create_list("既存顧客").id
    store.import_csv(customers, csv_bytes(*OTHERS), assignee="tanaka")
    store.set_excluded(fair, ["+81612345678"], True)
    start = datetime(2026, 11, 20, 9, 0, 0, 123456, tzinfo=UTC)
    answered = store.start_call("+81312345678", Direction.OUTBOUND, user="sato", list_id=fair, started_at=start)
    store.finish_call(answered, Outcome.ANSWERED, ended_at=start + timedelta(minutes=3))
    busy = store.start_call("+819012345678", Direction.INBOUND, user="tanaka", started_at=start + timedelta(hours=1))
    store.finish_call(busy, Outcome.MISSED, ended_at=start + timedelta(hours=1, seconds=20))
    store.close()
    return file


def test_the_first_view_is_what_the_store_reads(path: Path) -> None:
    store = Store.open(f"sqlite:///{path}")
    reader = FirstRead.open(path)
    assert reader is not None
    with reader:
        users = reader.users()
        assert users == store.users()
        for user in users:
            view = reader.first_view(user, None)
            assert view is not None
            assert view.lists == store.lists(assignee=user.login)
            if view.list_id is None:
                assert view.targets == [] and user.login == "kanri"
                continue
            assert view.targets == store.targets(view.list_id, assignee=user.login)
        sato = next(user for user in users if user.login == "sato")
        view = reader.first_view(sato, None)
        assert view is not None and len(view.targets) == len(ROWS)
        assert {t.phone: t.excluded for t in view.targets}["+81612345678"] is True
        tanaka = next(user for user in users if user.login == "tanaka")
        preferred = reader.first_view(tanaka, "既存顧客")
        assert preferred is not None and preferred.list_id == store.list_by_name("既存顧客").id
        fallback = reader.first_view(tanaka, "なくなったリスト")
        assert fallback is not None and fallback.list_id == store.lists(assignee="tanaka")[0].id  # the first
    store.close()


def test_it_gives_up_when_the_user_has_calls_a_crash_left_open(path: Path) -> None:
    store = Store.open(f"sqlite:///{path}")
    store.start_call("+81521234567", Direction.OUTBOUND, user="sato")
    sato = store.user("sato")
    store.close()
    with FirstRead.open(path) as reader:  # type: ignore[union-attr]
        assert reader.first_view(sato, None) is None


def test_the_users_are_read_once_for_choosing_and_for_naming(path: Path) -> None:
    with FirstRead.open(path) as reader:  # type: ignore[union-attr]
        statements: list[str] = []
        reader._connection.set_trace_callback(statements.append)
        users = reader.users()
        assert users is not None
        sato = next(user for user in users if user.login == "sato")
        assert reader.first_view(sato, None) is not None
        assert reader.users() == users
        assert sum("FROM users" in statement for statement in statements) == 1


def test_it_gives_up_on_another_schema_a_missing_file_or_a_server(path: Path, tmp_path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'older'")
    assert FirstRead.open(path) is None
    assert FirstRead.open(tmp_path / "missing.sqlite3") is None
    (tmp_path / "not-a-database.sqlite3").write_bytes(b"plain text, not SQLite")
    assert FirstRead.open(tmp_path / "not-a-database.sqlite3") is None
    assert sqlite_file("postgresql+psycopg://localhost/calllist") is None
    assert sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file("sqlite:////tmp/a%20b.sqlite3") == Path("/tmp/a b.sqlite3")


def test_it_never_writes(path: Path) -> None:
    before = path.read_bytes()
    with FirstRead.open(path) as reader, pytest.raises(sqlite3.Error):  # type: ignore[union-attr]
        reader._connection.execute("DELETE FROM users")
    assert path.read_bytes() == before


def test_stored_times_read_back_as_the_store_reads_them() -> None:
    assert utc_time("2026-11-20 09:00:00.123456") == datetime(2026, 11, 20, 9, 0, 0, 123456, tzinfo=UTC)
    assert utc_time("2026-11-20 09:00:00") == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    assert utc_time("2026-11-20 18:00:00+09:00") == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    assert utc_time("2026-11-20 09:00:00").tzinfo is UTC


def test_the_first_paint_path_imports_no_sqlalchemy_and_no_phonenumbers() -> None:
    code = (
        "import sys\n"
        "import calllist_desktop.ui.app\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'phonenumbers', 'alembic'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# Loaded after the first paint, or when first used: the auto-call engine and bar (a run's start), the SIP
# account's checks (a saved account), the log file's handler and platformdirs (logs.open_log_file),
# what an import reports.
LATER = (
    "calllist_desktop.core.autocall",
    "calllist_desktop.core.placer",
    "calllist_desktop.core.claims",
    "calllist_desktop.core.issues",
    "calllist_desktop.store.import_report",
    "calllist_desktop.telephony.account",
    "calllist_desktop.ui.autocall_bar",
    "calllist_desktop.ui.settings_sip_page",
    "logging.handlers",
    "platformdirs",
    "uuid",
)


def test_the_first_paint_path_leaves_the_engine_the_account_and_the_log_file_for_later() -> None:
    code = f"import sys\nimport calllist_desktop.ui.app\nprint(sorted(set({LATER!r}) & set(sys.modules)))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_deferred_store_opens_once_on_first_use_and_runs_its_step_first(path: Path) -> None:
    ran: list[str] = []
    deferred = DeferredStore(f"sqlite:///{path}", lambda store: ran.append(store.user("sato").login))
    assert not deferred.is_open and ran == []
    assert [user.login for user in deferred.open().users()] == ["kanri", "sato", "tanaka"]  # opened here
    assert deferred.is_open and ran == ["sato"]
    assert deferred.open() is deferred.open()
    assert ran == ["sato"]
    deferred.close()


def test_a_deferred_store_closed_before_use_never_opens(path: Path) -> None:
    deferred = DeferredStore(f"sqlite:///{path}")
    deferred.close()
    assert not deferred.is_open
    with pytest.raises(RuntimeError):
        deferred.open()


def test_a_deferred_store_that_cannot_open_says_why_every_time(tmp_path: Path) -> None:
    deferred = DeferredStore(f"sqlite:///{tmp_path / 'missing' / 'x.sqlite3'}")
    for _ in range(2):
        with pytest.raises(StoreError, match="does not exist"):
            deferred.open()


def test_a_store_and_its_stand_in_both_give_the_window_what_it_holds_of_a_store(path: Path) -> None:
    """``StoreApi`` is all the window holds of its store (its store work gets the opened Store):
    the stand-in and the store answer it alike."""
    members = {name for name in vars(StoreApi) if not name.startswith("_")}
    assert members == {"url", "engine", "close"}
    url = f"sqlite:///{path}"
    deferred, store = DeferredStore(url), Store.open(url)
    try:
        assert deferred.url == store.url == url
        assert not deferred.is_open
        assert deferred.engine.url == store.engine.url  # asking for the engine opens it
        assert deferred.is_open
    finally:
        deferred.close()
        store.close()
