"""The ``calllist`` command line (SPEC §8), driven as users and scripts drive it.

Most tests call :func:`calllist_desktop.cli.main` in-process with ``--db`` from ``store_url``, so
each runs on SQLite and on PostgreSQL; a few run the installed entry point in a subprocess to
prove that it starts, that it reads ``CALLLIST_DB``, and that an error is one line, never a
traceback. "Nothing changed" is checked against a full snapshot of the store.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from calllist_desktop.cli import main
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store import database
from calllist_desktop.store.store import Store
from tests.conftest import csv_bytes

TOKYO = "+81312345678"
OSAKA = "+81622223333"
MOBILE = "+819044445555"
NAGOYA = "+81523334444"
T0 = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)

# Japanese names with CP932-only characters (①, ㈱, 髙: NEC and IBM extensions Excel writes).
ROWS = (
    "㈱髙橋工務店①,髙橋 誠,03-1234-5678,製品A|イベント",
    "株式会社さくら商事,長田 翔,06-2222-3333,製品B",
    ",山田 圭,090-4444-5555,",
)
IMPORT_KEYS = {"ok", "imported", "created_contacts", "updated_contacts", "overwritten", "errors", "warnings"}
ISSUE_KEYS = {"row", "column", "code", "message"}


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    """``calllist --db URL ...`` in-process, with what it printed.

    Global options (``--user``, ``--lang``) go first in ``args``, before the command.
    """

    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url = url
        self.capsys = capsys

    def __call__(self, *args: str) -> Result:
        self.capsys.readouterr()
        code = main(["--db", self.url, *args])
        out, err = self.capsys.readouterr()
        return Result(code, out, err)

    def ok(self, *args: str) -> Result:
        result = self(*args)
        assert result.code == 0, result.err
        return result

    def json(self, *args: str) -> Any:
        return self.ok(*args, "--json").json

    def targets(self, name: str, *args: str) -> list[dict[str, Any]]:
        return self.json("targets", "--list", name, *args)  # type: ignore[no-any-return]


@pytest.fixture
def cli(store_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(store_url, capsys)


@pytest.fixture
def team(cli: Cli) -> Cli:
    cli.ok("users", "add", "kanri", "--name", "管理 花子", "--admin", "--autocall")
    cli.ok("users", "add", "sato", "--name", "佐藤 美咲", "--autocall")
    cli.ok("users", "add", "tanaka", "--name", "田中 翔")
    return cli


def write_csv(folder: Path, name: str, *rows: str, encoding: str = "utf-8", header: str | None = None) -> str:
    path = folder / name
    data = (
        csv_bytes(*rows, encoding=encoding)
        if header is None
        else csv_bytes(*rows, header=header, encoding=encoding)
    )
    path.write_bytes(data)
    return str(path)


@pytest.fixture
def listed(team: Cli, tmp_path: Path) -> Cli:
    """Users, and the list 展示会 with ROWS (TOKYO, OSAKA, MOBILE), nobody assigned."""
    team.ok("import", write_csv(tmp_path, "rows.csv", *ROWS), "--list", "展示会", "--create")
    return team


def snapshot(url: str) -> dict[str, Any]:
    """Everything a command could change: users, lists, every list's targets, contacts, calls."""
    store = Store.open(url)
    try:
        lists = store.lists()
        return {
            "users": [user.to_json() for user in store.users()],
            "lists": [(info.name, info.target_count) for info in lists],
            "targets": {info.name: [t.to_json() for t in store.targets(info.id)] for info in lists},
            "contacts": [contact.to_json() for contact in store.contacts()],
            "counts": store.counts(),
        }
    finally:
        store.close()


def record_call(url: str, list_name: str, phone: str, outcome: Outcome, *, user: str, at: datetime) -> None:
    store = Store.open(url)
    try:
        list_id = store.list_by_name(list_name).id
        call = store.start_call(phone, Direction.OUTBOUND, user=user, list_id=list_id, started_at=at)
        store.finish_call(call, outcome, ended_at=at + timedelta(seconds=40))
    finally:
        store.close()


def assert_one_line_error(result: Result, *fragments: str, code: int = 1) -> str:
    assert result.code == code, (result.out, result.err)
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("calllist: ")
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def simple(targets: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(t["phone"], t["company"], t["person"], t["categories"]) for t in targets]


# --- users -------------------------------------------------------------------------------------


def test_users_add_and_list_json(team: Cli) -> None:
    users = team.json("users", "list")
    assert [{key: user[key] for key in ("login", "name", "role", "autocall")} for user in users] == [
        {"login": "kanri", "name": "管理 花子", "role": "admin", "autocall": True},
        {"login": "sato", "name": "佐藤 美咲", "role": "operator", "autocall": True},
        {"login": "tanaka", "name": "田中 翔", "role": "operator", "autocall": False},
    ]


def test_users_add_without_name_uses_login_and_list_shows_a_table(cli: Cli) -> None:
    assert "added user suzuki" in cli.ok("users", "add", "suzuki").out
    assert cli.json("users", "list") == [
        {"login": "suzuki", "name": "suzuki", "role": "operator", "autocall": False, "active": True}
    ]
    lines = cli.ok("users", "list").out.splitlines()
    assert lines[0].split() == ["login", "name", "role", "auto-call"]
    assert lines[1].split() == ["suzuki", "suzuki", "operator", "-"]


def test_duplicate_login_is_a_one_line_error(team: Cli) -> None:
    before = snapshot(team.url)
    result = team("users", "add", "sato", "--name", "別人", "--admin")
    assert_one_line_error(result, "'sato'", "exists")
    assert snapshot(team.url) == before


# --- lists -------------------------------------------------------------------------------------


def test_lists_create_and_list_json(cli: Cli) -> None:
    assert "created list 展示会" in cli.ok("lists", "create", "展示会").out
    cli.ok("lists", "create", "既存顧客")
    lists = cli.json("lists", "list")
    assert sorted((info["name"], info["targets"]) for info in lists) == [("展示会", 0), ("既存顧客", 0)]
    assert all(datetime.fromisoformat(info["created_at"]).tzinfo is not None for info in lists)
    table = cli.ok("lists", "list").out.splitlines()
    assert table[0].split() == ["name", "targets"]
    assert sorted(line.split() for line in table[1:]) == [["展示会", "0"], ["既存顧客", "0"]]
    assert_one_line_error(cli("lists", "create", "展示会"), "exists")


def test_lists_rename_keeps_targets(listed: Cli) -> None:
    listed.ok("lists", "rename", "展示会", "12月 展示会")
    assert [(i["name"], i["targets"]) for i in listed.json("lists", "list")] == [("12月 展示会", 3)]
    assert [t["phone"] for t in listed.targets("12月 展示会")] == [TOKYO, OSAKA, MOBILE]
    assert_one_line_error(listed("lists", "rename", "展示会", "x"), "展示会")
    listed.ok("lists", "create", "別")
    assert_one_line_error(listed("lists", "rename", "別", "12月 展示会"), "exists")


def test_lists_delete_without_yes_refuses_and_changes_nothing(listed: Cli) -> None:
    before = snapshot(listed.url)
    assert_one_line_error(listed("lists", "delete", "展示会"), "--yes")
    assert snapshot(listed.url) == before


def test_lists_delete_keeps_contacts(listed: Cli) -> None:
    contacts = listed.json("contacts")
    assert "deleted list 展示会 (3 targets" in listed.ok("lists", "delete", "展示会", "--yes").out
    assert listed.json("lists", "list") == []
    assert listed.json("contacts") == contacts
    assert sorted(c["phone"] for c in contacts) == sorted([TOKYO, OSAKA, MOBILE])


# --- import ------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_import_japanese_names_in_each_encoding(team: Cli, tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path, "rows.csv", *ROWS, encoding=encoding)
    report = team.json("import", path, "--list", "展示会", "--create")
    assert (report["ok"], report["imported"], report["created_contacts"]) == (True, 3, 3)
    assert report["encoding"] == encoding  # what auto-detection found (an extra key)
    assert simple(team.targets("展示会")) == [
        (TOKYO, "㈱髙橋工務店①", "髙橋 誠", ["製品A", "イベント"]),
        (OSAKA, "株式会社さくら商事", "長田 翔", ["製品B"]),
        (MOBILE, "", "山田 圭", []),
    ]


def test_import_text_report(team: Cli, tmp_path: Path) -> None:
    result = team.ok("import", write_csv(tmp_path, "rows.csv", *ROWS), "--list", "展示会", "--create")
    assert "imported 3 targets (3 added, 0 overwritten; contacts: 3 created, 0 updated)" in result.out
    assert result.err == ""


def test_import_into_a_missing_list_without_create_is_an_error(team: Cli, tmp_path: Path) -> None:
    before = snapshot(team.url)
    result = team("import", write_csv(tmp_path, "rows.csv", *ROWS), "--list", "展示会")
    assert_one_line_error(result, "展示会", "--create")
    assert snapshot(team.url) == before


def test_import_assignee(team: Cli, tmp_path: Path) -> None:
    team.ok(
        "import", write_csv(tmp_path, "rows.csv", *ROWS), "--list", "展示会", "--create", "--assignee", "sato"
    )
    assert [t["assignee"] for t in team.targets("展示会")] == ["sato", "sato", "sato"]


def test_import_with_an_unknown_assignee_changes_nothing(team: Cli, tmp_path: Path) -> None:
    before = snapshot(team.url)
    result = team(
        "import",
        write_csv(tmp_path, "rows.csv", *ROWS),
        "--list",
        "展示会",
        "--create",
        "--assignee",
        "nobody",
    )
    assert_one_line_error(result, "nobody")
    assert snapshot(team.url) == before


def test_import_encoding_override(team: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "sjis.csv", *ROWS, encoding="cp932")
    team.ok("lists", "create", "展示会")
    forced = team("import", path, "--list", "展示会", "--encoding", "utf-8", "--json")
    assert forced.code != 0
    assert [(e["row"], e["code"]) for e in forced.json["errors"]] == [(1, "unreadable_file")]
    assert team.targets("展示会") == []
    report = team.json("import", path, "--list", "展示会", "--encoding", "cp932")
    assert report["ok"] and report["encoding"] == "cp932"
    assert team.targets("展示会")[0]["company"] == "㈱髙橋工務店①"


def test_import_dry_run_changes_nothing(listed: Cli, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path, "more.csv", "株式会社さくら商事,新しい担当,06-2222-3333,製品C", "名古屋商会,,052-333-4444,"
    )
    before = snapshot(listed.url)
    report = listed.json("import", path, "--list", "展示会", "--dry-run")
    assert {k: report[k] for k in IMPORT_KEYS - {"errors", "warnings"}} == {
        "ok": True,
        "imported": 2,
        "created_contacts": 1,
        "updated_contacts": 1,
        "overwritten": 1,
    }
    assert report["dry_run"] is True
    assert (
        "would import (dry run) 2 targets" in listed.ok("import", path, "--list", "展示会", "--dry-run").out
    )
    # A dry run against a list that does not exist yet checks the file but creates nothing.
    assert listed.json("import", path, "--list", "新リスト", "--create", "--dry-run")["ok"] is True
    assert snapshot(listed.url) == before


def test_import_json_shape(listed: Cli, tmp_path: Path) -> None:
    # One overwritten target (TOKYO, now with new names), one new number that lost its leading 0.
    path = write_csv(
        tmp_path, "more.csv", "㈱髙橋工務店①,髙橋 次郎,0312345678,製品A", "名古屋商会,,523334444,"
    )
    report = listed.json("import", path, "--list", "展示会")
    assert set(report) >= IMPORT_KEYS
    assert {k: report[k] for k in IMPORT_KEYS} == {
        "ok": True,
        "imported": 2,
        "created_contacts": 1,
        "updated_contacts": 1,
        "overwritten": 1,
        "errors": [],
        "warnings": report["warnings"],
    }
    assert len(report["warnings"]) == 1
    warning = report["warnings"][0]
    assert set(warning) >= ISSUE_KEYS
    assert (warning["row"], warning["column"], warning["code"]) == (3, "電話番号", "leading_zero_restored")
    assert "052-333-4444" in warning["message"]
    assert [(t["phone"], t["person"]) for t in listed.targets("展示会")] == [
        (TOKYO, "髙橋 次郎"),
        (OSAKA, "長田 翔"),
        (MOBILE, "山田 圭"),
        (NAGOYA, ""),
    ]


def test_rejected_import_lists_every_error_and_changes_nothing(listed: Cli, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "bad.csv",
        "新会社,新担当,03-9999-0000,",  # fine on its own
        "株式会社さくら商事,長田 翔,0622223333,",  # row 3: same number as row 5
        "　,  ,052-333-4444,",  # row 4: no name (full-width space)
        "重複,,06-2222-3333,",  # row 5
        "番号不正,,03-1234,",  # row 6
    )
    before = snapshot(listed.url)
    result = listed("import", path, "--list", "展示会", "--json")
    assert result.code != 0
    report = result.json
    assert set(report) >= IMPORT_KEYS
    assert report["ok"] is False and report["imported"] == 0
    assert all(set(issue) >= ISSUE_KEYS for issue in report["errors"])
    found = {(e["row"], e["code"]) for e in report["errors"]}
    assert found == {
        (3, "duplicate_phone"),
        (5, "duplicate_phone"),
        (4, "missing_name"),
        (6, "invalid_phone"),
    }
    assert snapshot(listed.url) == before

    text = listed("import", path, "--list", "展示会")
    assert text.code == result.code
    # Every error on stderr, one line each, then the verdict; nothing on stdout.
    lines = text.err.strip().splitlines()
    assert sorted(line.split(":")[0] for line in lines[:-1]) == [
        "error row 3 電話番号",
        "error row 4",
        "error row 5 電話番号",
        "error row 6 電話番号",
    ]
    assert lines[-1] == "import rejected: 4 errors; nothing was changed."
    assert text.out == ""
    # With --create, the list that would have been made is not left behind either.
    created = listed("import", path, "--list", "新リスト", "--create", "--json")
    assert created.code != 0 and created.json["ok"] is False
    assert snapshot(listed.url) == before


def test_import_with_a_bad_header_is_an_error_of_row_1(team: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "bad.csv", *ROWS, header="会社,担当,電話番号,カテゴリー")
    result = team("import", path, "--list", "展示会", "--create", "--json")
    assert result.code != 0
    assert [(e["row"], e["code"]) for e in result.json["errors"]] == [(1, "bad_header")]
    assert team.json("lists", "list") == []


def test_import_of_a_missing_file_is_a_one_line_error(team: Cli, tmp_path: Path) -> None:
    before = snapshot(team.url)
    result = team("import", str(tmp_path / "nowhere.csv"), "--list", "展示会", "--create")
    assert_one_line_error(result, "nowhere.csv", "cannot read")
    assert result.out == ""
    assert snapshot(team.url) == before


# --- export ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "bom"), [("utf-8-sig", True), ("utf-8", False), ("cp932", False)])
def test_export_in_each_encoding(listed: Cli, tmp_path: Path, encoding: str, bom: bool) -> None:
    out = tmp_path / f"out-{encoding}.csv"
    result = listed.ok("export", "--list", "展示会", "-o", str(out), "--encoding", encoding)
    assert "exported 3 targets" in result.err
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") is bom
    text = data.decode("utf-8-sig" if bom else encoding)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:4] == ["取引先会社名", "取引先担当者名", "電話番号", "カテゴリー"]
    assert [row[:4] for row in rows[1:]] == [
        ["㈱髙橋工務店①", "髙橋 誠", "03-1234-5678", "製品A|イベント"],
        ["株式会社さくら商事", "長田 翔", "06-2222-3333", "製品B"],
        ["", "山田 圭", "090-4444-5555", ""],
    ]


def test_export_to_stdout(listed: Cli) -> None:
    result = listed.ok("export", "--list", "展示会", "-o", "-", "--encoding", "utf-8")
    assert result.out.splitlines()[1].startswith("㈱髙橋工務店①,髙橋 誠,03-1234-5678,")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_exported_file_has_ordinary_permissions(listed: Cli, tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        out = tmp_path / "out.csv"
        listed.ok("export", "--list", "展示会", "-o", str(out))
        assert out.stat().st_mode & 0o777 == 0o644
        out.chmod(0o640)  # overwriting keeps the file's own mode
        listed.ok("export", "--list", "展示会", "-o", str(out))
        assert out.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(umask)


def test_export_of_a_character_cp932_cannot_hold_is_an_error(team: Cli, tmp_path: Path) -> None:
    rows = (*ROWS, "😀スマイル商事,,052-333-4444,", "𠮷野家,,03-9999-0000,")
    team.ok("import", write_csv(tmp_path, "rows.csv", *rows), "--list", "展示会", "--create")
    out = tmp_path / "out.csv"
    line = assert_one_line_error(team("export", "--list", "展示会", "-o", str(out), "--encoding", "cp932"))
    assert "rows 5, 6" in line and "U+1F600" in line and "U+20BB7" in line and "UTF-8" in line
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.csv")] == []  # no temporary left
    team.ok("export", "--list", "展示会", "-o", str(out), "--encoding", "utf-8-sig")
    assert "𠮷野家" in out.read_text(encoding="utf-8-sig")


def test_export_of_a_missing_list_is_an_error(team: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert_one_line_error(team("export", "--list", "ない", "-o", str(out)), "ない")
    assert not out.exists()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932"])
def test_exported_file_imports_again_as_the_same_targets(team: Cli, tmp_path: Path, encoding: str) -> None:
    rows = (
        *ROWS,
        "=1+2,-営業部,052-333-4444,@新規|+紹介",  # values a spreadsheet would run as formulas
        '"カンマ, 引用""社",\'田中,03-9999-0000,a|b|c',
    )
    team.ok(
        "import", write_csv(tmp_path, "rows.csv", *rows), "--list", "元", "--create", "--assignee", "sato"
    )
    team.ok("exclude", "--list", "元", "06-2222-3333")
    record_call(team.url, "元", TOKYO, Outcome.ANSWERED, user="sato", at=T0)
    out = tmp_path / "export.csv"
    team.ok("export", "--list", "元", "-o", str(out), "--encoding", encoding)
    report = team.json("import", str(out), "--list", "コピー", "--create")
    assert report["ok"] and report["imported"] == 5 and report["errors"] == []
    original = team.targets("元", "--include-excluded")
    assert original[3]["company"] == "=1+2" and original[4]["person"] == "'田中"
    assert simple(team.targets("コピー", "--include-excluded")) == simple(original)


# --- targets -----------------------------------------------------------------------------------


def test_targets_json_shape_with_a_last_call(listed: Cli) -> None:
    listed.ok("assign", "--list", "展示会", "--assignee", "sato", "03-1234-5678")
    record_call(listed.url, "展示会", TOKYO, Outcome.NO_ANSWER, user="sato", at=T0 - timedelta(hours=1))
    record_call(listed.url, "展示会", TOKYO, Outcome.BUSY, user="tanaka", at=T0)  # the latest, by anyone
    tokyo, osaka, _ = listed.targets("展示会")
    expected = {
        "phone": TOKYO,
        "company": "㈱髙橋工務店①",
        "person": "髙橋 誠",
        "categories": ["製品A", "イベント"],
        "assignee": "sato",
        "excluded": False,
        "last_call_type": "outbound",
        "last_call_status": "busy",
        "last_agent": "tanaka",  # a login, like every user in JSON
    }
    assert {key: tokyo.get(key) for key in expected} == expected  # extra keys (position) are allowed
    at = datetime.fromisoformat(tokyo["last_call_at"])
    assert at.utcoffset() is not None and at == T0
    never_called = {key: osaka[key] for key in expected if key.startswith("last_")} | {
        "last_call_at": osaka["last_call_at"]
    }
    assert set(never_called.values()) == {None}
    assert (osaka["assignee"], osaka["categories"]) == (None, ["製品B"])


def test_targets_text_shows_the_last_call(listed: Cli) -> None:
    record_call(listed.url, "展示会", TOKYO, Outcome.BUSY, user="tanaka", at=T0)
    lines = listed.ok("targets", "--list", "展示会").out.splitlines()
    assert lines[0].split()[:3] == ["excluded", "company", "person"]
    assert len(lines) == 4
    assert "03-1234-5678" in lines[1] and "Busy" in lines[1] and "tanaka" in lines[1]
    assert T0.astimezone().strftime("%Y-%m-%d %H:%M") in lines[1]
    assert "090-4444-5555" in lines[3] and "Busy" not in lines[3]


def test_targets_text_shows_the_last_call_type(listed: Cli) -> None:
    record_call(listed.url, "展示会", TOKYO, Outcome.BUSY, user="tanaka", at=T0)
    store = Store.open(listed.url)
    try:  # the latest call of the mobile number came in
        store.finish_call(store.start_call("+819044445555", Direction.INBOUND, user="sato", started_at=T0), Outcome.ANSWERED)
    finally:
        store.close()
    lines = listed.ok("targets", "--list", "展示会").out.splitlines()
    header = lines[0].split()
    assert header.index("type") == header.index("status") - 2  # "last type", then "last status"
    assert "Outbound" in lines[1] and "Busy" in lines[1]
    assert "Inbound" in lines[3] and "Answered" in lines[3]
    assert "Outbound" not in lines[2] and "Inbound" not in lines[2]  # never called
    lines = listed.ok("--lang", "ja", "targets", "--list", "展示会").out.splitlines()
    assert lines[0].split()[5:8] == ["発信担当者", "最終通話種別", "最終通話ステータス"]
    assert "発信" in lines[1] and "着信" in lines[3]


def test_targets_mine_needs_user(listed: Cli) -> None:
    assert_one_line_error(listed("targets", "--list", "展示会", "--mine"), "--mine", "--user")
    assert_one_line_error(listed("--user", "nobody", "targets", "--list", "展示会", "--mine"), "nobody")


def test_targets_mine_shows_only_the_users_targets(listed: Cli) -> None:
    listed.ok("assign", "--list", "展示会", "--assignee", "sato", "03-1234-5678", "090-4444-5555")
    listed.ok("assign", "--list", "展示会", "--assignee", "tanaka", "06-2222-3333")
    mine = listed("--user", "sato", "targets", "--list", "展示会", "--mine", "--json")
    assert mine.code == 0
    assert [t["phone"] for t in mine.json] == [TOKYO, MOBILE]
    both = listed("--user", "sato", "targets", "--list", "展示会", "--mine", "--assignee", "tanaka")
    assert_one_line_error(both, "--mine")


def test_targets_assignee_filter(listed: Cli) -> None:
    listed.ok("assign", "--list", "展示会", "--assignee", "tanaka", "06-2222-3333")
    assert [t["phone"] for t in listed.targets("展示会", "--assignee", "tanaka")] == [OSAKA]
    assert listed.targets("展示会", "--assignee", "sato") == []
    assert len(listed.targets("展示会")) == 3  # without a filter: every target
    assert_one_line_error(listed("targets", "--list", "展示会", "--assignee", "nobody"), "nobody")


def test_targets_category_filter(listed: Cli) -> None:
    assert [t["phone"] for t in listed.targets("展示会", "--category", "イベント")] == [TOKYO]
    assert [t["phone"] for t in listed.targets("展示会", "--category", "製品B")] == [OSAKA]
    assert listed.targets("展示会", "--category", "製品") == []  # whole categories, not substrings


def test_targets_status_filter(listed: Cli) -> None:
    record_call(listed.url, "展示会", TOKYO, Outcome.BUSY, user="sato", at=T0)
    record_call(listed.url, "展示会", OSAKA, Outcome.BUSY, user="sato", at=T0)
    record_call(listed.url, "展示会", OSAKA, Outcome.ANSWERED, user="sato", at=T0 + timedelta(minutes=5))
    assert [t["phone"] for t in listed.targets("展示会", "--status", "busy")] == [TOKYO]
    assert [t["phone"] for t in listed.targets("展示会", "--status", "answered")] == [OSAKA]
    assert [t["phone"] for t in listed.targets("展示会", "--status", "none")] == [MOBILE]
    assert listed.targets("展示会", "--status", "no_answer") == []


def test_targets_excluded_hidden_unless_include_excluded(listed: Cli) -> None:
    listed.ok("exclude", "--list", "展示会", "06-2222-3333")
    assert [t["phone"] for t in listed.targets("展示会")] == [TOKYO, MOBILE]
    every = listed.targets("展示会", "--include-excluded")
    assert [(t["phone"], t["excluded"]) for t in every] == [(TOKYO, False), (OSAKA, True), (MOBILE, False)]
    assert "excluded" in listed.ok("targets", "--list", "展示会", "--include-excluded").out.splitlines()[2]


def test_targets_of_a_missing_list_is_an_error(team: Cli) -> None:
    assert_one_line_error(team("targets", "--list", "ない"), "ない")


# --- assign / exclude / include / remove --------------------------------------------------------


@pytest.mark.parametrize(
    "phone", ["03-1234-5678", "0312345678", "+81312345678", "０３－１２３４－５６７８", "(03) 1234 5678"]
)
def test_assign_accepts_every_phone_format(listed: Cli, phone: str) -> None:
    result = listed.ok("assign", "--list", "展示会", "--assignee", "sato", phone)
    assert "assigned 1 numbers to sato" in result.out
    assert [(t["phone"], t["assignee"]) for t in listed.targets("展示会")] == [
        (TOKYO, "sato"),
        (OSAKA, None),
        (MOBILE, None),
    ]


def test_assign_changes_the_number_in_every_list(listed: Cli, tmp_path: Path) -> None:
    other = write_csv(
        tmp_path, "other.csv", "㈱髙橋工務店①,髙橋 誠,03-1234-5678,", "名古屋商会,,052-333-4444,"
    )
    listed.ok("import", other, "--list", "既存顧客", "--create", "--assignee", "tanaka")
    listed.ok("assign", "--list", "展示会", "--assignee", "sato", "+81312345678")
    assert [(t["phone"], t["assignee"]) for t in listed.targets("既存顧客")] == [
        (TOKYO, "sato"),
        (NAGOYA, "tanaka"),
    ]
    listed.ok("assign", "--list", "既存顧客", "--unassign", "03-1234-5678")
    assert listed.targets("展示会")[0]["assignee"] is None
    assert_one_line_error(listed("assign", "--list", "展示会", "03-1234-5678"), "--assignee")


def test_exclude_and_include(listed: Cli, tmp_path: Path) -> None:
    listed.ok("import", write_csv(tmp_path, "other.csv", ROWS[0]), "--list", "既存顧客", "--create")
    assert (
        "excluded 2 targets"
        in listed.ok("exclude", "--list", "展示会", "0312345678", "０９０４４４４５５５５").out
    )
    assert [t["excluded"] for t in listed.targets("展示会", "--include-excluded")] == [True, False, True]
    assert listed.targets("既存顧客")[0]["excluded"] is False  # exclusion belongs to the list's target
    assert "included 1 targets" in listed.ok("include", "--list", "展示会", "+81312345678").out
    assert [t["excluded"] for t in listed.targets("展示会", "--include-excluded")] == [False, False, True]


def test_remove_without_yes_refuses_and_changes_nothing(listed: Cli) -> None:
    before = snapshot(listed.url)
    assert_one_line_error(listed("remove", "--list", "展示会", "03-1234-5678"), "--yes")
    assert snapshot(listed.url) == before


def test_remove_keeps_the_contacts(listed: Cli) -> None:
    contacts = listed.json("contacts")
    assert (
        "removed 2 targets"
        in listed.ok("remove", "--list", "展示会", "03-1234-5678", "+819044445555", "--yes").out
    )
    assert [t["phone"] for t in listed.targets("展示会", "--include-excluded")] == [OSAKA]
    assert listed.json("contacts") == contacts


@pytest.mark.parametrize(
    "command", [["assign", "--assignee", "sato"], ["exclude"], ["include"], ["remove", "--yes"]]
)
def test_an_invalid_phone_is_a_one_line_error(listed: Cli, command: list[str]) -> None:
    before = snapshot(listed.url)
    result = listed(command[0], "--list", "展示会", *command[1:], "03-1234-5678", "03-1234")
    assert_one_line_error(result, "not a valid phone number: 03-1234")
    assert snapshot(listed.url) == before


@pytest.mark.parametrize(
    "command", [["assign", "--assignee", "sato"], ["exclude"], ["include"], ["remove", "--yes"]]
)
def test_a_phone_not_in_the_list_is_an_error_and_changes_nothing(listed: Cli, command: list[str]) -> None:
    listed.ok("exclude", "--list", "展示会", "06-2222-3333")  # so that include would change something
    before = snapshot(listed.url)
    result = listed(
        command[0], "--list", "展示会", *command[1:], "03-1234-5678", "06-2222-3333", "052-333-4444"
    )
    assert_one_line_error(result, "not in this list: 052-333-4444")
    assert snapshot(listed.url) == before


# --- contacts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("search", "phones"),
    [
        ("さくら", [OSAKA]),
        ("山田", [MOBILE]),
        ("1234-5678", [TOKYO]),
        ("髙橋", [TOKYO]),
        ("製品", [TOKYO, OSAKA]),
    ],
)
def test_contacts_search(listed: Cli, search: str, phones: list[str]) -> None:
    found = listed.json("contacts", "--search", search)
    assert sorted(c["phone"] for c in found) == sorted(phones)


def test_contacts_json_and_text(listed: Cli) -> None:
    listed.ok("assign", "--list", "展示会", "--assignee", "sato", "03-1234-5678")
    contacts = {c["phone"]: c for c in listed.json("contacts")}
    assert contacts[TOKYO] == {
        "phone": TOKYO,
        "company": "㈱髙橋工務店①",
        "person": "髙橋 誠",
        "categories": ["製品A", "イベント"],
        "assignee": "sato",
    }
    text = listed.ok("contacts", "--search", "5678").out.splitlines()
    assert len(text) == 2 and "03-1234-5678" in text[1] and "sato" in text[1]


# --- db ----------------------------------------------------------------------------------------


def test_db_check_text_and_json(team: Cli) -> None:
    head = database.head_revision()
    report = team.json("db", "check")
    assert {k: report[k] for k in ("schema", "expected", "up_to_date")} == {
        "schema": head,
        "expected": head,
        "up_to_date": True,
    }
    assert report["rows"] == {
        "users": 3, "contacts": 0, "call_lists": 0, "targets": 0, "calls": 0, "last_calls": 0, "target_claims": 0
    }
    if team.url.startswith("postgresql"):
        assert report["access"]["ok"] and "targets" in report["access"]["tables_with_rls"]
    text = team.ok("db", "check").out.splitlines()
    assert f"schema: {head}" in text and "up_to_date: True" in text
    assert "schema at" in team.ok("db", "upgrade").out  # already up to date: nothing to do, no error


def test_db_backup_copies_a_sqlite_store_in_use(cli: Cli, tmp_path: Path) -> None:
    if not cli.url.startswith("sqlite"):
        assert_one_line_error(cli("db", "backup", str(tmp_path / "b")), "pg_dump")
        return
    cli.ok("users", "add", "sato")
    open_store = Store.open(cli.url)  # another client holds it open meanwhile
    assert "backed up" in cli.ok("db", "backup", str(tmp_path / "copy.sqlite3")).out
    open_store.close()
    copy = Store.open(str(tmp_path / "copy.sqlite3"))
    assert [u.login for u in copy.users()] == ["sato"]
    copy.close()


def test_a_password_in_the_url_is_warned_about(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--db", "postgresql+psycopg://alice:secret@127.0.0.1:1/none", "users", "list"])
    assert "warning: --db contains a password" in capsys.readouterr().err


def test_db_upgrade_on_a_fresh_sqlite_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fresh.sqlite3"
    cli = Cli(f"sqlite:///{path}", capsys)
    missing = cli("db", "check", "--json")
    assert missing.code == 1 and f"no database at {path}" in missing.err
    assert not path.exists(), "checking a mistyped path must not create a file there"
    path.touch()  # an empty file: a database without a schema
    before = cli("db", "check", "--json")
    assert before.code == 1
    assert before.json["schema"] is None and before.json["up_to_date"] is False and "rows" not in before.json
    assert "db upgrade" in before.err
    assert f"schema at {database.head_revision()}" in cli.ok("db", "upgrade").out
    after = cli.json("db", "check")
    assert after["up_to_date"] is True and after["schema"] == database.head_revision()
    assert set(after["rows"].values()) == {0}


def test_db_on_an_unreachable_server_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    cli = Cli("postgresql+psycopg://nobody@127.0.0.1:1/none", capsys)
    assert_one_line_error(cli("db", "check"), "cannot open the database")
    assert_one_line_error(cli("lists", "list"), "cannot open the database")


# --- usage and language ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["targets"], "the following arguments are required: --list"),
        (["import", "x.csv"], "the following arguments are required: --list"),
        (["targets", "--list", "x", "--status", "bogus"], "invalid choice: 'bogus'"),
        ([], "the following arguments are required: command"),
    ],
)
def test_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(tmp_path / "s.sqlite3"), *args])
    out, err = capsys.readouterr()
    assert_one_line_error(Result(int(exit_info.value.code or 0), out, err), fragment, code=2)
    assert out == ""
    assert not (tmp_path / "s.sqlite3").exists()  # a usage error does not even open the store


def test_lang_ja_and_en(listed: Cli, tmp_path: Path) -> None:
    ja = assert_one_line_error(listed("--lang", "ja", "lists", "delete", "展示会"))
    assert ja == "calllist: リストを削除するには --yes を付けてください (連絡先と通話履歴は残ります)"
    en = assert_one_line_error(listed("--lang", "en", "lists", "delete", "展示会"))
    assert en == "calllist: add --yes to delete the list (its contacts and call history stay)"
    bad = write_csv(tmp_path, "bad.csv", "会社,,03-1234,")
    report = json.loads(listed("--lang", "ja", "import", bad, "--list", "展示会", "--json").out)
    assert report["errors"][0]["message"] == "電話番号が正しくありません: 「03-1234」"
    report = json.loads(listed("--lang", "en", "import", bad, "--list", "展示会", "--json").out)
    assert report["errors"][0]["message"] == "Not a valid phone number: “03-1234”"
    assert "発信対象外" in listed("--lang", "ja", "targets", "--list", "展示会").out.splitlines()[0]


# --- demo --------------------------------------------------------------------------------------


def test_demo_fills_an_empty_store_once(cli: Cli) -> None:
    assert "demo data created" in cli.ok("demo").out
    assert [u["login"] for u in cli.json("users", "list")] == ["kanri", "sato", "suzuki", "tanaka"]
    assert [(i["name"], i["targets"]) for i in cli.json("lists", "list")] == [
        ("12月 展示会フォロー", 40),
        ("既存顧客 更新案内", 30),
    ]
    rows = cli.json("db", "check")["rows"]
    assert rows["calls"] == 22 and rows["contacts"] == 60
    called = [t for t in cli.targets("12月 展示会フォロー", "--include-excluded") if t["last_call_status"]]
    assert len(called) == 18
    before = snapshot(cli.url)
    assert "nothing added" in cli.ok("demo").out
    assert snapshot(cli.url) == before


# --- the installed program, in a subprocess ------------------------------------------------------


def run_program(
    args: list[str], *, db: str, cwd: Path, module: bool = False
) -> subprocess.CompletedProcess[str]:
    """The installed ``calllist`` (or ``python -m calllist_desktop.cli``) with ``CALLLIST_DB=db``, from ``cwd``."""
    env = {k: v for k, v in os.environ.items() if k != "CALLLIST_DEBUG"}
    env.update(CALLLIST_DB=db, CALLLIST_LANG="en")
    program = (
        [sys.executable, "-m", "calllist_desktop.cli"]
        if module
        else [str(Path(sys.executable).with_name("calllist"))]
    )
    return subprocess.run(
        program + args,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=120,
    )


def test_installed_entry_point_uses_calllist_db(store_url: str, tmp_path: Path) -> None:
    added = run_program(["users", "add", "sato", "--name", "佐藤 美咲"], db=store_url, cwd=tmp_path)
    assert (added.returncode, added.stderr) == (0, "")
    listed = run_program(["users", "list", "--json"], db=store_url, cwd=tmp_path)
    assert [u["name"] for u in json.loads(listed.stdout)] == ["佐藤 美咲"]
    store = Store.open(store_url)  # it was really written to the store CALLLIST_DB names
    try:
        assert store.user("sato").display_name == "佐藤 美咲"
    finally:
        store.close()
    other = run_program(
        ["--db", str(tmp_path / "other.sqlite3"), "users", "list", "--json"], db=store_url, cwd=tmp_path
    )
    assert (other.returncode, json.loads(other.stdout)) == (0, [])  # --db wins over CALLLIST_DB


def test_program_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    db = str(tmp_path / "s.sqlite3")
    for args, module, code, expected in [
        (["lists", "delete", "ない", "--yes"], True, 1, "calllist: no list named 'ない'"),
        (["import", str(tmp_path / "none.csv"), "--list", "x"], False, 1, "calllist: cannot read"),
        (["frobnicate"], True, 2, "calllist: argument command: invalid choice"),
        (
            ["--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "lists", "list"],
            False,
            1,
            "calllist: cannot open",
        ),
    ]:
        result = run_program(args, db=db, cwd=tmp_path, module=module)
        assert result.returncode == code, result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stderr.startswith(expected)
        assert result.stdout == ""
