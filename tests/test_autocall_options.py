"""Auto-call's numbers are checked where they come in (issue 16 item 11).

``--ring-timeout nan`` used to pass ``value <= 0`` (every comparison with NaN is false) and wrote
20 calls of 0 seconds; ``inf`` and ``1e999`` made timers that never fire or raise in a thread.
Property tests feed the CLI's numeric options every kind of float text: each is either accepted
as a finite number within the option's range, or refused with one line on stderr and exit code 2
before anything runs — never a traceback or a hang. ``AutoCallOptions`` refuses the same at its
constructor, for every other caller (the window, the benchmarks).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from calllist_desktop.cli import main
from calllist_desktop.cli.autocall_args import DEMO_SPEED_RANGE
from calllist_desktop.core.autocall_events import (
    CLAIM_TTL_RANGE,
    MAX_TALK_RANGE,
    WRAP_UP_RANGE,
    AutoCallOptions,
)
from calllist_desktop.store.models import Call
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.account import RING_TIMEOUT_RANGE
from tests.conftest import csv_bytes

RANGES = {
    "--ring-timeout": RING_TIMEOUT_RANGE,
    "--max-talk": MAX_TALK_RANGE,
    "--wrap-up": WRAP_UP_RANGE,
    "--demo-speed": DEMO_SPEED_RANGE,
}

NASTY = [
    "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "+inf", "1e309", "-1e309", "1e-320", "0", "-0", "0.0",
    "-1", "", " ", "1_0", "0x10", "1e", ".", "-", "３０", "١٢", " 30 ", "30\n", "30\x00", "1/2", "5s",
    "9" * 400, "+1", "600.0000001", "599.9999999", "1e3", "1E2", "00001",
]  # fmt: skip

float_texts = st.one_of(
    st.sampled_from(NASTY),
    st.floats().map(repr),
    st.floats(allow_nan=False, allow_infinity=False).map(str),
    st.from_regex(r"\A\s*[-+]?(\d{0,5}(\.\d{0,5})?|\.\d+)([eE][-+]?\d{1,4})?\s*\Z"),
    st.text(max_size=12),
)


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store where sato may auto-call, with one list of one target."""
    url = f"sqlite:///{tmp_path_factory.mktemp('options') / 'store.sqlite3'}"
    store = Store.open(url)
    store.add_user("sato", autocall=True)
    info = store.create_list("架電")
    assert store.import_csv(info.id, csv_bytes("会社,担当,03-5555-0487,"), assignee="sato").ok
    store.close()
    yield url


def run(*args: str) -> int:
    """``calllist`` in-process; a usage error leaves by ``SystemExit`` as argparse does."""
    try:
        return main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)


def call_rows(url: str) -> int:
    store = Store.open(url)
    try:
        with store.engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(Call)) or 0)
    finally:
        store.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # read out per example
@given(option=st.sampled_from(sorted(RANGES)), text=float_texts)
def test_every_numeric_option_is_accepted_within_its_range_or_refused_in_one_line(
    option: str, text: str, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    # A list that does not exist: an accepted number gets as far as looking for it, and no further.
    code = run("--db", store_url, "--user", "sato", "autocall", "--list", "ない", f"{option}={text}")
    out, err = capsys.readouterr()
    low, high = RANGES[option]
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if math.isfinite(value) and low <= value <= high:
        assert code == 1 and "no list named" in err, err
    else:
        assert code == 2, (code, err)
        assert out == ""
        assert err.startswith(f"calllist: argument {option}: must be a number from {low:g} to {high:g}")
        assert len(err.splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1e999", "0", "-1"])
@pytest.mark.parametrize("option", ["--ring-timeout", "--max-talk", "--demo-speed"])
def test_a_refused_number_runs_nothing_and_writes_no_call(
    option: str, text: str, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = call_rows(store_url)
    capsys.readouterr()
    code = run("--db", store_url, "--user", "sato", "autocall", "--list", "架電", f"{option}={text}")
    _, err = capsys.readouterr()
    assert code == 2 and len(err.splitlines()) == 1
    assert call_rows(store_url) == before


def test_numbers_at_the_edges_of_their_ranges_make_a_sane_run(store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The smallest ring time-out and the fastest demo line still make one real call of its length."""
    import json

    capsys.readouterr()
    code = run(
        "--db", store_url, "--user", "sato", "autocall", "--list", "架電", "--ring-timeout", "1", "--demo-speed", "1000",
        "--wrap-up", "0", "--max-talk", "14400", "--json",
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    call, summary = (json.loads(line) for line in out.splitlines())
    assert call["outcome"] == "no_answer" and summary == {"summary": {"no_answer": 1}}


@given(
    field=st.sampled_from(["wrap_up", "max_talk", "claim_ttl"]),
    value=st.one_of(st.floats(), st.integers(min_value=-(10**400), max_value=10**400), st.booleans(), st.none()),
)
def test_autocall_options_accept_only_finite_seconds_within_range(field: str, value: object) -> None:
    limits = {"wrap_up": WRAP_UP_RANGE, "max_talk": MAX_TALK_RANGE, "claim_ttl": CLAIM_TTL_RANGE}[field]
    try:
        options = AutoCallOptions(**{field: value})  # type: ignore[arg-type]
    except ValueError as exc:
        assert field in str(exc) and "\n" not in str(exc)
        return
    accepted = getattr(options, field)
    if value is None and field == "max_talk":
        assert accepted is None
        return
    assert isinstance(accepted, int | float) and not isinstance(value, bool)
    assert math.isfinite(accepted) and limits[0] <= accepted <= limits[1]


def test_calling_hours_must_be_two_times_of_day() -> None:
    from datetime import time

    assert AutoCallOptions(calling_hours=(time(9), time(20))).calling_hours == (time(9), time(20))
    for bad in [(9, 20), (time(9),), ("09:00", "20:00")]:
        with pytest.raises(ValueError, match="calling_hours"):
            AutoCallOptions(calling_hours=bad)  # type: ignore[arg-type]


def test_the_window_settings_never_give_the_engine_a_bad_number(tmp_path: Path) -> None:
    """The settings file is the window's boundary: a hand-edited nan, inf or out-of-range wrap-up
    falls back to the default (the spin box offers 0–600 only)."""
    from PySide6.QtCore import QSettings

    from calllist_desktop.ui.settings import WRAP_UP, Settings

    for text in ["nan", "inf", "-1", "1e9", "601", "abc"]:
        store = QSettings(str(tmp_path / f"{text}.ini"), QSettings.Format.IniFormat)
        store.setValue(WRAP_UP.key, text)
        assert Settings(store).autocall_options().wrap_up == 0.0
