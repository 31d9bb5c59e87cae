"""Store URLs as the programs show them: every password masked by the one masking function, and a
malformed URL a message rather than a driver's exception (issue 16, items 12 and 14)."""

from __future__ import annotations

import pytest

from calllist_desktop.store import database
from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.probe import probe_store


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://kanri:hunter2@db/calllist", "postgresql+psycopg://kanri:***@db/calllist"),
        ("postgresql+psycopg://kanri@db/calllist?password=hunter2", "postgresql+psycopg://kanri@db/calllist?password=***"),
        ("postgresql+psycopg://kanri@db/calllist", "postgresql+psycopg://kanri@db/calllist"),
    ],
)
def test_shown_urls_mask_passwords(url: str, shown: str) -> None:
    assert database.shown_url(url) == shown
    assert database.shown_url(database.parse_url(url)) == shown


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("postgresql+psycopg://kanri:hunter2@db:port/calllist", "not a database URL: postgresql+psycopg://kanri:***@db:port"),
        ("postgresql+psycopg://kanri:hun@ter2@db/calllist", "more than one '@'"),
        ("no scheme://kanri:hunter2@db", "not a database URL"),
    ],
)
def test_a_malformed_url_is_a_store_error_without_its_password(url: str, fragment: str) -> None:
    for attempt in (database.make_engine, probe_store):  # the CLI's way, and 接続テスト's
        with pytest.raises(StoreError) as raised:
            attempt(url)
        assert fragment in str(raised.value)
        assert "hunter2" not in str(raised.value) and "ter2" not in str(raised.value)
