"""``calllist lists rules / callbacks / dnc / history`` (SPEC §8, §9), on SQLite and PostgreSQL,
and the do-not-call CSV in the list imports' encodings with row-numbered errors."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from calllist_desktop.core.dnc_csv import parse_dnc_csv
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from tests.test_cli import ROWS, Cli, cli, team, write_csv  # noqa: F401 - fixtures

TOKYO = "+81312345678"
OSAKA = "+81622223333"


@pytest.fixture
def listed(team: Cli, tmp_path: Path) -> Cli:  # noqa: F811
    path = write_csv(tmp_path, "t.csv", *ROWS)
    team.ok("import", path, "--list", "展示会", "--create", "--assignee", "sato")
    return team


def test_lists_rules_show_change_and_refuse_nonsense(listed: Cli) -> None:
    shown = listed.json("lists", "rules", "展示会")
    assert shown == {
        "list": "展示会", "max_attempts": None, "retry": {}, "ending_outcomes": ["answered", "invalid", "rejected"],
        "hours": None, "days": "all", "holidays": "skip", "time_zone": "Asia/Tokyo",
    }
    changed = listed.json(
        "--user", "kanri", "lists", "rules", "展示会", "--max-attempts", "3", "--retry", "no_answer=30m", "busy=2h",
        "--hours", "09:00-18:00", "--days", "mon-fri", "--holidays", "skip",
    )
    assert changed["max_attempts"] == 3 and changed["retry"] == {"busy": "2h", "no_answer": "30m"}
    assert changed["hours"] == "09:00-18:00" and changed["days"] == "mon-fri"
    assert listed.json("lists", "rules", "展示会", "--retry", "busy=0")["retry"] == {"no_answer": "30m"}
    for bad in (["--hours", "18:00-09:00"], ["--retry", "nope=3m"], ["--max-attempts", "x"], ["--days", "funday"]):
        result = listed("lists", "rules", "展示会", *bad)
        assert result.code == 1 and result.err.count("\n") == 1 and "Traceback" not in result.err, bad
    refused = listed("--user", "sato", "lists", "rules", "展示会", "--max-attempts", "9")
    assert refused.code == 1 and "manager" in refused.err
    assert listed.json("lists", "rules", "展示会")["max_attempts"] == 3


def test_callbacks_add_list_remove(listed: Cli) -> None:
    booked = listed.json("--user", "sato", "callbacks", "add", "03-1234-5678", "--list", "展示会", "--at", "+2h", "--note", "午後")
    assert booked["to"] == "sato" and booked["note"] == "午後" and booked["phone"] == TOKYO
    due = datetime.fromisoformat(booked["due_at"])
    assert timedelta(hours=1, minutes=59) < due - datetime.now().astimezone() <= timedelta(hours=2)
    other = listed.json(
        "--user", "kanri", "callbacks", "add", "06-2222-3333", "--list", "展示会", "--at", "2020-01-01T10:00", "--anyone"
    )
    assert other["to"] is None
    for_tanaka = listed.json("--user", "kanri", "callbacks", "add", "06-2222-3333", "--list", "展示会", "--at", "+1d", "--to", "tanaka")
    mine = listed.json("--user", "sato", "callbacks", "list", "--mine")
    assert [c["id"] for c in mine] == [other["id"], booked["id"]]
    assert [c["overdue"] for c in mine] == [True, False]
    assert [c["id"] for c in listed.json("--user", "sato", "callbacks", "list", "--mine", "--due")] == [other["id"]]
    assert len(listed.json("callbacks", "list")) == 3
    tanakas = next(c for c in listed.json("callbacks", "list") if c["id"] == for_tanaka["id"])
    names = (tanakas["to"], tanakas["to_name"], tanakas["created_by"], tanakas["created_by_name"])
    assert names == ("tanaka", "田中 翔", "kanri", "管理 花子")
    listed.ok("callbacks", "remove", str(for_tanaka["id"]))
    gone = listed("callbacks", "remove", str(for_tanaka["id"]))
    assert gone.code == 1 and "no callback" in gone.err
    bad = listed("--user", "sato", "callbacks", "add", "03-1234-5678", "--list", "展示会", "--at", "tomorrow")
    assert bad.code == 1 and "--at" in bad.err
    text = listed.ok("--user", "sato", "callbacks", "list").out
    assert "03-1234-5678" in text and "午後" in text


def test_dnc_add_list_remove_import_export(listed: Cli, tmp_path: Path) -> None:
    listed.ok("--user", "kanri", "dnc", "add", "03-1234-5678", "--reason", "本人の申し出")
    entries = listed.json("dnc", "list")
    assert [(e["phone"], e["reason"], e["added_by"]) for e in entries] == [(TOKYO, "本人の申し出", "kanri")]
    assert entries[0]["added_by_name"] == "管理 花子"
    refused = listed("--user", "sato", "dnc", "remove", "03-1234-5678")
    assert refused.code == 1
    path = tmp_path / "dnc.csv"
    path.write_bytes("電話番号,理由\r\n06-2222-3333,クレーム\r\n03-1234-5678,重複\r\n".encode("cp932"))
    result = listed.json("--user", "kanri", "dnc", "import", str(path))
    assert result == {"ok": True, "added": 1, "already": 1, "errors": []}
    bad = tmp_path / "bad.csv"
    bad.write_bytes("電話番号\r\n090-1111-2222\r\n12345\r\n\r\nabc\r\n".encode())
    rejected = listed("--user", "kanri", "dnc", "import", str(bad), "--json")
    assert rejected.code == 3
    assert [e["row"] for e in rejected.json["errors"]] == [3, 5]
    assert len(listed.json("dnc", "list")) == 2  # nothing of the bad file
    out = tmp_path / "out.csv"
    listed.ok("dnc", "export", "-o", str(out), "--encoding", "cp932")
    again = parse_dnc_csv(out.read_bytes())
    assert again.errors == [] and sorted(again.rows) == [(TOKYO, "本人の申し出"), (OSAKA, "クレーム")]
    listed.ok("--user", "kanri", "dnc", "remove", "03-1234-5678", "06-2222-3333")
    assert listed.json("dnc", "list") == []


def test_history_prints_the_spec_fields_newest_first(listed: Cli) -> None:
    store = Store.open(listed.url)
    try:
        list_id = store.list_by_name("展示会").id
        first = store.start_call(TOKYO, Direction.OUTBOUND, user="sato", list_id=list_id)
        store.finish_call(first, Outcome.NO_ANSWER, sip_status=487)
        second = store.start_call(TOKYO, Direction.OUTBOUND, user="sato")
        store.finish_call(second, Outcome.ANSWERED, sip_status=200, disposition="資料送付", note="来週電話")
    finally:
        store.close()
    entries = listed.json("history", "03-1234-5678")
    assert [(e["outcome"], e["list"], e["disposition"], e["note"]) for e in entries] == [
        ("answered", None, "資料送付", "来週電話"), ("no_answer", "展示会", None, None),
    ]
    assert set(entries[0]) >= {
        "started_at", "ended_at", "direction", "outcome", "sip_status", "agent", "list",
        "disposition", "note", "recording", "recording_error",
    }
    assert entries[1]["sip_status"] == 487 and entries[0]["agent"] == "sato" and entries[0]["recording"] is None
    assert "来週電話" in listed.ok("history", "03-1234-5678").out
    bad = listed("history", "nonsense")
    assert bad.code == 1 and "Traceback" not in bad.err


def test_the_dnc_file_reader_takes_the_import_encodings_and_names_bad_rows() -> None:
    for encoding in ("utf-8", "utf-8-sig", "cp932", "utf-16"):
        data = "電話番号\t理由\r\n03-1234-5678\t①迷惑\r\n".encode(encoding)
        parsed = parse_dnc_csv(data)
        assert parsed.rows == [(TOKYO, "①迷惑")] and parsed.errors == [], encoding
    no_header = parse_dnc_csv(b"03-1234-5678\r\n+81 6-2222-3333\r\n03-1234-5678\r\n")
    assert no_header.rows == [(TOKYO, ""), (OSAKA, "")]
    broken = parse_dnc_csv(b"\xe9\x9b\xbb\xe8\xa9\xb1\xe7\x95\xaa\xe5\x8f\xb7\r\n03-1234-5678 \xff\r\n")
    assert broken.errors and broken.errors[0][0] == 2 and broken.rows == []


def test_the_cli_names_the_holiday_a_run_stopped_on() -> None:
    from calllist_desktop.cli.autocall import _pause_text
    from calllist_desktop.core.autocall import PauseReason, Progress, RunState
    from calllist_desktop.core.i18n import set_language

    def paused(holiday: date | None) -> Progress:
        hours, reason = "09:00-18:00 mon-fri", PauseReason.OUTSIDE_HOURS
        return Progress(RunState.PAUSED, 0, 3, None, None, {}, {}, reason, hours, holiday=holiday)

    labour_thanksgiving = date(2026, 11, 23)
    said = _pause_text(paused(labour_thanksgiving))  # (the messages' language: en)
    assert "public holiday (Labor Thanksgiving Day)" in said and "勤労感謝の日" not in said
    set_language("ja")  # (the autouse fixture sets it back)
    assert "祝日 (勤労感謝の日)" in _pause_text(paused(labour_thanksgiving))
    assert "09:00-18:00 mon-fri" in _pause_text(paused(None)) and "祝日" not in _pause_text(paused(None))
