"""``calllist report`` (SPEC §8, §10): JSON and CSV give the numbers of the hand-built history
(``tests/store/report_history.py``), and the same numbers as each other; on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from calllist_desktop.cli.main import main
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from tests.store.report_history import BY_DAY, BY_HOUR, BY_LIST, BY_OPERATOR, build_history

RANGE = ("--from", "2026-12-01", "--to", "2026-12-02")


@pytest.fixture
def history_url(store_url: str) -> str:
    store = Store.open(store_url)
    try:
        build_history(store)
    finally:
        store.close()
    return store_url


def run(capsysbinary: pytest.CaptureFixture[bytes], url: str, *args: str) -> tuple[int, bytes, str]:
    capsysbinary.readouterr()
    code = main(["--db", url, *args])
    out, err = capsysbinary.readouterr()
    return code, out, err.decode()


def report_json(capsysbinary: pytest.CaptureFixture[bytes], url: str, *args: str) -> list[dict[str, Any]]:
    code, out, err = run(capsysbinary, url, "report", *args, "--json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def report_csv(
    capsysbinary: pytest.CaptureFixture[bytes], url: str, *args: str, encoding: str = "utf-8-sig"
) -> list[dict[str, str]]:
    code, out, err = run(capsysbinary, url, "report", *args, "--csv", "--encoding", encoding)
    assert code == 0, err
    assert out.endswith(b"\r\n")
    return list(csv.DictReader(io.StringIO(out.decode(encoding), newline="")))


def test_json_by_operator_has_the_fields_of_spec_8(
    capsysbinary: pytest.CaptureFixture[bytes], history_url: str
) -> None:
    rows = report_json(capsysbinary, history_url, "--by", "operator", *RANGE)
    assert [row["operator"] for row in rows] == ["alice", "bob"]
    for row in rows:
        expected = BY_OPERATOR[row["operator"]]
        assert row["calls"] == expected["calls"] and row["answered"] == expected["answered"]
        assert row["talk_seconds"] == pytest.approx(expected["talk_seconds"], abs=0.05)
        assert row["by_outcome"] == expected["by_outcome"]
        assert row["by_disposition"] == expected["by_disposition"]
        assert row["answer_rate"] == pytest.approx(row["answered"] / row["calls"], abs=1e-4)


@pytest.mark.parametrize("by", ["operator", "list", "day", "hour"])
def test_csv_and_json_give_the_same_numbers(
    capsysbinary: pytest.CaptureFixture[bytes], history_url: str, by: str
) -> None:
    from_json = report_json(capsysbinary, history_url, "--by", by, *RANGE)
    from_csv = report_csv(capsysbinary, history_url, "--by", by, *RANGE)
    assert len(from_json) == len(from_csv)
    for j, c in zip(from_json, from_csv, strict=True):
        assert int(c["通話数"]) == j["calls"]
        assert int(c["応答数"]) == j["answered"]
        assert float(c["通話時間(秒)"]) == pytest.approx(j["talk_seconds"], abs=0.05)
        if j["answer_rate"] is None:
            assert c["応答率"] == ""
        else:
            assert float(c["応答率"].rstrip("%")) == pytest.approx(j["answer_rate"] * 100, abs=0.05)
        for code, label in (
            ("answered", "応答"),
            ("no_answer", "不応答"),
            ("busy", "話中"),
            ("missed", "不在着信"),
            ("canceled", "取消"),
        ):
            assert int(c[label]) == j["by_outcome"].get(code, 0)
        for name, count in j["by_disposition"].items():
            assert int(c[f"結果:{name}"]) == count
    expected = {"operator": None, "list": BY_LIST, "day": BY_DAY, "hour": None}[by]
    if expected is not None:
        keys = [j[by] if j[by] is not None else "" for j in from_json]
        assert {k: j["calls"] for k, j in zip(keys, from_json, strict=True) if j["calls"]} == {
            k: v["calls"] for k, v in expected.items()
        }
    if by == "hour":
        assert {j["hour"]: j["calls"] for j in from_json if j["calls"]} == BY_HOUR
        assert [c["時間帯"] for c in from_csv][:2] == ["00:00", "01:00"]
    if by == "list":
        assert from_csv[-1]["リスト"] == "(リストなし)" and from_json[-1]["list"] is None


def test_cp932_csv_and_a_list_filter(capsysbinary: pytest.CaptureFixture[bytes], history_url: str) -> None:
    rows = report_csv(capsysbinary, history_url, "--by", "operator", "--list", "L1", *RANGE, encoding="cp932")
    assert [(r["ログイン"], r["担当者"], r["通話数"]) for r in rows] == [
        ("alice", "アリス 有田", "2"),
        ("bob", "ボブ 坂東", "1"),
    ]


def test_a_name_cp932_cannot_hold_is_a_clear_error(
    capsysbinary: pytest.CaptureFixture[bytes], history_url: str
) -> None:
    store = Store.open(history_url)
    try:
        call = store.start_call(
            "+81312340001", Direction.INBOUND, user="alice", started_at=datetime(2026, 12, 1, 3, tzinfo=UTC)
        )
        store.finish_call(call, Outcome.MISSED, disposition="要連絡🙂")
    finally:
        store.close()
    code, out, err = run(capsysbinary, history_url, "report", *RANGE, "--csv", "--encoding", "cp932")
    assert code == 1 and out == b""
    assert "U+1F642" in err and len(err.strip().splitlines()) == 1


def test_csv_to_a_file(capsysbinary: pytest.CaptureFixture[bytes], history_url: str, tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    code, _out, err = run(
        capsysbinary, history_url, "report", *RANGE, "--by", "day", "--csv", "-o", str(target)
    )
    assert code == 0, err
    assert target.read_bytes().startswith("\ufeff日付,通話数".encode("utf-8"))


def test_bad_dates_are_one_line_errors(capsysbinary: pytest.CaptureFixture[bytes], history_url: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsysbinary, history_url, "report", "--from", "2026-13-01")
    assert exit_.value.code == 2 and "YYYY-MM-DD" in capsysbinary.readouterr().err.decode()
    code, _out, err = run(capsysbinary, history_url, "report", "--from", "2026-12-02", "--to", "2026-12-01")
    assert code == 1 and "before it starts" in err and "Traceback" not in err
    code, _out, err = run(capsysbinary, history_url, "report", "--list", "ない")
    assert code == 1 and "ない" in err


def test_without_dates_the_report_is_of_today(
    capsysbinary: pytest.CaptureFixture[bytes], history_url: str
) -> None:
    store = Store.open(history_url)
    try:
        call = store.start_call("+81312340002", Direction.INBOUND, user="carol")
        store.finish_call(call, Outcome.ANSWERED, answered_at=datetime.now(UTC))
    finally:
        store.close()
    rows = report_json(capsysbinary, history_url)
    assert [(r["operator"], r["calls"], r["answered"]) for r in rows] == [("carol", 1, 1)]
    code, out, err = run(capsysbinary, history_url, "report")
    assert code == 0 and "キャロル" in out.decode() and "Japan time" in out.decode()
