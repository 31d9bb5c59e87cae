"""``calllist autocall``: the engine headless, on the demo line and on the SIP line against SIPp.

The SIPp far end answers by the last four digits of the number (tests/telephony/sipp/
outcomes_by_number.xml), so one run over one list meets every outcome; the test then checks the
JSON lines, every call row and the last-call columns of ``calllist targets``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from calllist_desktop.store.models import Call
from calllist_desktop.store.store import Store
from tests.telephony.conftest import Sipp
from tests.test_cli import Cli, cli, team, write_csv  # noqa: F401 - cli and team are fixtures

# The demo line and the SIPp scenario force outcomes by the last four digits alike.
FORCED = {
    "03-5555-0200": ("answered", 200),
    "03-5555-0487": ("no_answer", 487),
    "03-5555-0486": ("busy", 486),
    "03-5555-0603": ("rejected", 603),
    "03-5555-0404": ("invalid", 404),
    "03-5555-0503": ("failed", 503),
}


def e164(national: str) -> str:
    return "+81" + national.replace("-", "")[1:]


@pytest.fixture
def calling_list(team: Cli, tmp_path: Path) -> Cli:  # noqa: F811 - the imported fixture
    """List 架電 with one target per outcome for sato, and one of tanaka's (never dialled by sato)."""
    rows = [f"会社{index},担当{index},{number}," for index, number in enumerate(FORCED)]
    rows.append("田中の会社,田中の客,03-5555-9999,")
    path = write_csv(tmp_path, "list.csv", *rows[:-1])
    team.ok("import", path, "--list", "架電", "--create", "--assignee", "sato")
    team.ok("import", write_csv(tmp_path, "tanaka.csv", rows[-1]), "--list", "架電", "--assignee", "tanaka")
    return team


def json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def check_run(runner: Cli, lines: list[dict[str, Any]]) -> None:
    """Every call printed, recorded and shown as its number's last call."""
    *calls, summary = lines
    assert {call["phone"]: (call["outcome"], call["sip_status"]) for call in calls} == {
        e164(number): expected for number, expected in FORCED.items()
    }
    for call in calls:
        assert datetime.fromisoformat(call["started_at"]) <= datetime.fromisoformat(call["ended_at"])
        assert datetime.fromisoformat(call["started_at"]).utcoffset() is not None
    expected_summary = {outcome: 1 for outcome, _ in FORCED.values()}
    assert summary == {"summary": expected_summary}

    store = Store.open(runner.url)
    try:
        with store.engine.connect() as connection:
            rows = connection.execute(select(Call.phone, Call.outcome, Call.sip_status, Call.ended_at, Call.list_id)).all()
    finally:
        store.close()
    assert {row.phone: (row.outcome, row.sip_status) for row in rows} == {
        e164(number): expected for number, expected in FORCED.items()
    }
    assert all(row.ended_at is not None and row.list_id is not None for row in rows)
    targets = {target["phone"]: target for target in runner.targets("架電", "--include-excluded")}
    for number, (outcome, _status) in FORCED.items():
        target = targets[e164(number)]
        assert (target["last_call_type"], target["last_call_status"], target["last_agent"]) == (
            "outbound",
            outcome,
            "sato",
        )
    assert targets[e164("03-5555-9999")]["last_call_status"] is None  # tanaka's: not sato's to dial


def test_autocall_on_the_demo_line_records_every_call(calling_list: Cli) -> None:
    result = calling_list(
        "--user", "sato", "autocall", "--list", "架電", "--demo-speed", "40", "--ring-timeout", "1", "--json"
    )
    assert result.code == 0, result.err
    check_run(calling_list, json_lines(result.out))


def test_autocall_skips_excluded_targets_and_prints_people_lines(calling_list: Cli) -> None:
    calling_list.ok("exclude", "--list", "架電", "03-5555-0200", "03-5555-0487")
    result = calling_list.ok("--user", "sato", "autocall", "--list", "架電", "--demo-speed", "40", "--ring-timeout", "1")
    lines = result.out.strip().splitlines()
    assert len(lines) == 5  # four calls and the summary
    assert "03-5555-0486" in result.out and "03-5555-0200" not in result.out
    assert lines[-1].startswith("4 calls")


def test_autocall_needs_the_permission_and_a_user(calling_list: Cli) -> None:
    refused = calling_list("--user", "tanaka", "autocall", "--list", "架電")
    assert refused.code == 1 and "not allowed to auto-call" in refused.err
    assert len(refused.err.strip().splitlines()) == 1
    nobody = calling_list("autocall", "--list", "架電")
    assert nobody.code == 1 and "--user" in nobody.err


def test_autocall_over_sip_meets_every_outcome_against_sipp(
    calling_list: Cli, sipp: Callable[[str], Sipp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLLIST_SIP_ACCOUNT", str(tmp_path / "no-account.json"))  # none saved
    far_end = sipp("outcomes_by_number.xml")
    result = calling_list(
        "--user",
        "sato",
        "autocall",
        "--list",
        "架電",
        "--line",
        "sip",
        "--dial-template",
        f"sip:{{national}}@{far_end.address}",
        "--no-register",
        "--ring-timeout",
        "1",
        "--max-talk",
        "5",
        "--json",
    )
    assert result.code == 0, f"{result.err}\n{far_end.errors()}"
    assert "no audio: calls complete" in result.err  # a server's run: said, not hidden
    check_run(calling_list, json_lines(result.out))


def test_autocall_over_sip_says_clearly_when_the_template_is_bad(calling_list: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLLIST_SIP_ACCOUNT", str(tmp_path / "no-account.json"))
    result = calling_list(
        "--user", "sato", "autocall", "--list", "架電", "--line", "sip", "--dial-template", "sip:{nationl}@127.0.0.1:5999", "--no-register"
    )
    assert result.code == 1
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err


def test_a_run_against_a_dead_far_end_stops_after_three_failures_and_says_why(
    calling_list: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No one can press 再開 on a headless run: a pause the engine chooses ends it, non-zero."""
    from tests.telephony.conftest import free_udp_port

    monkeypatch.setenv("CALLLIST_SIP_ACCOUNT", str(tmp_path / "no-account.json"))
    result = calling_list(
        "--user", "sato", "autocall", "--list", "架電", "--line", "sip", "--no-register", "--ring-timeout", "1",
        "--dial-template", f"sip:{{national}}@127.0.0.1:{free_udp_port()}", "--json",
    )  # fmt: skip
    assert result.code == 1
    assert result.err.strip().splitlines() == [
        "calllist: no audio: calls complete, but no microphone or speaker is joined to them",  # said once
        "calllist: stopped after 3 failed calls in a row: check the line",
    ]
    *calls, summary = json_lines(result.out)
    assert [call["outcome"] for call in calls] == ["failed"] * 3 and summary == {"summary": {"failed": 3}}


def test_the_sip_line_without_an_account_or_a_template_says_what_to_do(
    calling_list: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLLIST_SIP_ACCOUNT", str(tmp_path / "no-account.json"))
    result = calling_list("--user", "sato", "autocall", "--list", "架電", "--line", "sip")
    assert result.code == 1 and "--dial-template" in result.err and "SIP 回線" in result.err
