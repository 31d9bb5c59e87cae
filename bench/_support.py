"""Shared pieces of the benchmarks: test data, timing, and the one JSON line each script ends with.

Not a benchmark itself (the leading underscore); every ``bench/*.py`` imports it from its own
folder, so each script still runs standalone as ``.venv/bin/python bench/NAME.py``.
"""

from __future__ import annotations

import gc
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import phonenumbers

# Let ``import calllist_desktop`` work from a checkout that is not installed in the interpreter.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

HEADER = ("取引先会社名", "取引先担当者名", "電話番号", "カテゴリー")

COMPANY_PREFIXES = ("株式会社", "有限会社", "合同会社", "", "", "")
COMPANY_WORDS = [
    "山田",
    "東京",
    "大阪",
    "日本",
    "中央",
    "北海",
    "富士",
    "桜",
    "青葉",
    "丸の内",
    "みらい",
    "さくら",
    "アオイ",
    "ミドリ",
    "ひかり",
    "髙橋",
    "新宿",
    "横浜",
    "名古屋",
    "京都",
]
COMPANY_KINDS = [
    "商事",
    "工業",
    "システム",
    "物産",
    "建設",
    "電機",
    "ホールディングス",
    "製作所",
    "食品",
    "不動産",
]
FAMILY_NAMES = [
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山口",
    "齋藤",
]
GIVEN_NAMES = [
    "太郎",
    "花子",
    "一郎",
    "健太",
    "美咲",
    "翔太",
    "陽菜",
    "大輔",
    "さくら",
    "直樹",
    "由美",
    "拓也",
]
CATEGORY_NAMES = [
    "製品A",
    "製品B",
    "製品C",
    "イベント",
    "展示会",
    "既存顧客",
    "新規",
    "資料請求",
    "セミナー",
    "要フォロー",
]

# (prefix, digits after it, grouping) of the Japanese number ranges the data uses; all valid.
_RANGES = (
    ("035", 7, (2, 4, 4)),  # 03-5xxx-xxxx (Tokyo)
    ("033", 7, (2, 4, 4)),  # 03-3xxx-xxxx
    ("066", 7, (2, 4, 4)),  # 06-6xxx-xxxx (Osaka)
    ("064", 7, (2, 4, 4)),  # 06-4xxx-xxxx
    ("045", 7, (3, 3, 4)),  # 045-xxx-xxxx (Yokohama)
    ("052", 7, (3, 3, 4)),  # 052-xxx-xxxx (Nagoya)
    ("090", 8, (3, 4, 4)),  # mobiles
    ("080", 8, (3, 4, 4)),
    ("070", 8, (3, 4, 4)),
)

_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


def warm_phonenumbers() -> None:
    """Load the JP metadata (the first parse does it) so that no timing pays for it."""
    for text in ("03-1234-5678", "090-1234-5678", "+81 6 6123 4567"):
        number = phonenumbers.parse(text, "JP")
        phonenumbers.is_valid_number(number)
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _group(digits: str, sizes: tuple[int, int, int]) -> list[str]:
    a, b, _ = sizes
    return [digits[:a], digits[a : a + b], digits[a + b :]]


def _format_phone(national: str, sizes: tuple[int, int, int], rng: random.Random) -> str:
    """One of the ways people and spreadsheets write a Japanese number."""
    parts = _group(national, sizes)
    roll = rng.random()
    if roll < 0.70:
        return "-".join(parts)  # 03-5123-4567
    if roll < 0.82:
        return national  # 0351234567
    if roll < 0.88:
        return f"({parts[0]}){parts[1]}-{parts[2]}"  # (03)5123-4567
    if roll < 0.94:
        return f"+81 {parts[0][1:]} {parts[1]} {parts[2]}"  # +81 3 5123 4567
    return "-".join(parts).translate(_FULL_WIDTH)  # ０３－５１２３－４５６７


def make_phones(count: int, seed: int = 1) -> list[tuple[str, str]]:
    """``count`` distinct valid Japanese numbers as (E.164, national digits), checked here."""
    rng = random.Random(seed)
    seen: set[str] = set()
    phones: list[tuple[str, str]] = []
    while len(phones) < count:
        prefix, rest, sizes = rng.choice(_RANGES)
        national = prefix + "".join(rng.choice("0123456789") for _ in range(rest))
        number = phonenumbers.parse(national, "JP")
        if not phonenumbers.is_valid_number(number):
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if e164 in seen:
            continue
        seen.add(e164)
        phones.append((e164, national))
    return phones


def make_targets_csv(count: int = 5000, seed: int = 1) -> tuple[bytes, list[str]]:
    """A UTF-8 CSV of ``count`` valid targets in mixed phone formats, and their E.164 numbers."""
    import csv
    import io

    rng = random.Random(seed)
    sizes = {prefix: grouping for prefix, _, grouping in _RANGES}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    phones = make_phones(count, seed)
    for _, national in phones:
        company = rng.choice(COMPANY_PREFIXES) + rng.choice(COMPANY_WORDS) + rng.choice(COMPANY_KINDS)
        person = rng.choice(FAMILY_NAMES) + " " + rng.choice(GIVEN_NAMES)
        if rng.random() < 0.05:
            company = ""  # a person without a company is fine
        categories = "|".join(rng.sample(CATEGORY_NAMES, rng.randint(0, 3)))
        writer.writerow((company, person, _format_phone(national, sizes[national[:3]], rng), categories))
    return out.getvalue().encode("utf-8"), [e164 for e164, _ in phones]


def timed(function: Callable[[], object]) -> float:
    """Seconds one call of ``function`` takes, after a full garbage collection."""
    gc.collect()
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def spread(samples: list[float]) -> str:
    """Median, min and max of a set of timings, for the human-readable lines."""
    return (
        f"median {statistics.median(samples) * 1000:.1f} ms "
        f"(min {min(samples) * 1000:.1f}, max {max(samples) * 1000:.1f}, n={len(samples)})"
    )


def print_verdict(goal: str, value: float, floor: float, unit: str, max_ratio: float, met: bool | None = None) -> bool:
    """Print whether a goal was met (``value / floor <= max_ratio`` unless ``met`` says), and return it.

    For a benchmark's other figures; its JSON line (``report``) says the same of its main one.
    """
    ratio = value / floor
    if met is None:
        met = ratio <= max_ratio
    verdict = "MET" if met else "MISSED"
    print(f"goal {goal}: {verdict} (ratio {ratio:.2f} = {value:.1f} {unit} / floor {floor:.1f} {unit})")
    return met


def report(
    name: str,
    value: float,
    floor: float,
    unit: str,
    max_ratio: float,
    goal: str | None = None,
    met: bool | None = None,
) -> None:
    """Say whether the goal was met, then print the one JSON line (the last line of stdout).

    ``goal`` is the goal's text in both (default ``"ratio <= MAX_RATIO"``), for a goal that says
    more than its ratio. The verdict is ``value / floor <= max_ratio`` unless ``met`` gives it,
    for a goal stated as an absolute figure (the floor is then printed for comparison).
    """
    ratio = value / floor
    goal = goal or f"ratio <= {max_ratio:g}"
    print_verdict(goal, value, floor, unit, max_ratio, met)
    line = {
        "name": name,
        "value": round(value, 2),
        "floor": round(floor, 2),
        "ratio": round(ratio, 3),
        "unit": unit,
        "goal": goal,
    }
    sys.stdout.flush()
    print(json.dumps(line, ensure_ascii=False), flush=True)


def bench_endpoint() -> Any:
    """The process's endpoint (``pj_endpoint``), with this thread registered: the benchmark makes its
    tone generators and calls here, as a test would on PJSIP's thread."""
    import pjsua2 as pj

    from calllist_desktop.telephony import pj_endpoint

    endpoint = pj_endpoint.pj_thread().run(pj.Endpoint.instance, 10)
    if not endpoint.libIsThreadRegistered():
        endpoint.libRegisterThread("bench")
    return endpoint

