"""Importing a full 5,000-row list must cost little more than reading, parsing and storing it by hand.

VALUE: ``Store.import_csv`` of a 5,000-row UTF-8 CSV into an empty list of a fresh SQLite store
(store and list are created outside the timing; a fresh store per repetition).

FLOOR: the same bytes decoded, read with ``csv.reader``, every phone through
``phonenumbers.parse(phone, "JP")``, and the rows inserted with ``sqlite3.executemany`` into a
simple table of a fresh SQLite file in one transaction (same journal and sync pragmas as the
store: WAL, synchronous=NORMAL, so both pay the same for durability).

Both are the MEDIAN of REPEAT runs, interleaved (value, floor, value, ...) so that a noisy
neighbour hurts both alike. Goal: ratio <= 1.5.

Also printed: where the value's time goes. Inside each timed ``import_csv`` the call of
``parse_targets_csv`` is timed (through a wrapper on the name ``store.store`` imports; the package
is not edited), the rest being the database part (plan, write, commit); and ``parse_targets_csv``
is timed on its own on the same bytes, with its phone normalisation apart.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import phonenumbers
from _support import make_targets_csv, ms, report, spread, timed, warm_phonenumbers

from calllist_desktop.core.csv_import import parse_targets_csv
from calllist_desktop.core.phone import normalize_phone
from calllist_desktop.store import store as store_module
from calllist_desktop.store.store import Store

ROWS = 5000
REPEAT = 9
MAX_RATIO = 1.5


class ParseClock:
    """Times the ``parse_targets_csv`` call inside ``Store.import_csv``, to split one run's time.

    It wraps the name ``store.store`` looks up (nothing in the package is edited); the wrapper
    costs two clock reads per import.
    """

    def __init__(self) -> None:
        self.seconds = 0.0
        self._parse = store_module.parse_targets_csv  # type: ignore[attr-defined]

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return self._parse(*args, **kwargs)
        finally:
            self.seconds = time.perf_counter() - start


PARSE_CLOCK = ParseClock()
store_module.parse_targets_csv = PARSE_CLOCK  # type: ignore[attr-defined]


def run_value(data: bytes, folder: Path, index: int) -> tuple[float, float]:
    """Seconds of the whole ``import_csv``, and of the parse inside it."""
    store = Store.open(f"sqlite:///{folder / f'value-{index}.sqlite3'}")
    try:
        list_id = store.create_list("ベンチマーク").id
        result: list[object] = []
        seconds = timed(lambda: result.append(store.import_csv(list_id, data)))
        report_ = result[0]
        if not report_.ok or report_.imported != ROWS:  # type: ignore[attr-defined]
            raise SystemExit(f"the benchmark's CSV did not import cleanly: {report_}")
        return seconds, PARSE_CLOCK.seconds
    finally:
        store.close()


def run_floor(data: bytes, folder: Path, index: int) -> float:
    connection = sqlite3.connect(folder / f"floor-{index}.sqlite3", isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(
            "CREATE TABLE targets (phone TEXT PRIMARY KEY, company TEXT, person TEXT, categories TEXT)"
        )

        def floor() -> None:
            reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
            next(reader)
            rows = []
            for company, person, phone, categories in reader:
                phonenumbers.parse(phone, "JP")
                rows.append((phone, company, person, categories))
            connection.execute("BEGIN")
            connection.executemany("INSERT INTO targets VALUES (?, ?, ?, ?)", rows)
            connection.execute("COMMIT")

        return timed(floor)
    finally:
        connection.close()


def run_parse(data: bytes) -> float:
    result: list[object] = []
    seconds = timed(lambda: result.append(parse_targets_csv(data)))
    assert result[0].ok  # type: ignore[attr-defined]
    return seconds


def phone_cells(data: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    return [row[2] for row in rows[1:]]


def main() -> None:
    data, _ = make_targets_csv(ROWS)
    warm_phonenumbers()
    print(f"import_5k: {ROWS} rows, {len(data) / 1024:.0f} KiB UTF-8, {REPEAT} repetitions (median)")
    values: list[float] = []
    inner_parses: list[float] = []
    floors: list[float] = []
    parses: list[float] = []
    normalizes: list[float] = []
    bare_parses: list[float] = []
    cells = phone_cells(data)
    with tempfile.TemporaryDirectory(prefix="calllist-bench-") as tmp:
        folder = Path(tmp)
        # One untimed round first: imports SQLAlchemy's lazily loaded pieces, fills its statement cache.
        run_value(data, folder, -1)
        run_floor(data, folder, -1)
        run_parse(data)
        for index in range(REPEAT):
            value_seconds, inner_parse = run_value(data, folder, index)
            values.append(value_seconds)
            inner_parses.append(inner_parse)
            floors.append(run_floor(data, folder, index))
            parses.append(run_parse(data))
            normalizes.append(timed(lambda: [normalize_phone(cell) for cell in cells]))
            bare_parses.append(timed(lambda: [phonenumbers.parse(cell, "JP") for cell in cells]))

    value = statistics.median(values)
    floor = statistics.median(floors)
    inner_parse = statistics.median(inner_parses)
    database = statistics.median(v - p for v, p in zip(values, inner_parses, strict=True))
    parse = statistics.median(parses)
    normalize = statistics.median(normalizes)
    parse_rest = statistics.median(p - n for p, n in zip(parses, normalizes, strict=True))
    bare_parse = statistics.median(bare_parses)
    print(f"value  Store.import_csv        {spread(values)}")
    print(f"floor  csv+parse+executemany   {spread(floors)}")
    print("breakdown of the value (medians; split inside each import_csv run):")
    print(f"  parse_targets_csv           {ms(inner_parse)}  ({inner_parse / value:5.1%})")
    print(f"  database part (the rest)    {ms(database)}  ({database / value:5.1%})  plan + write + commit")
    print("parse_targets_csv on its own, same bytes (medians):")
    print(f"  parse_targets_csv           {ms(parse)}")
    print(f"    of which normalize_phone  {ms(normalize)}  (every phone cell: clean, parse, validate, E.164)")
    print(f"    the rest of the parse     {ms(parse_rest)}  (decode, csv, cleaning, categories, records)")
    print(f"  for scale: the floor's phonenumbers.parse on the same cells {ms(bare_parse)}")
    report("import_5k", value * 1000, floor * 1000, "ms", MAX_RATIO)


if __name__ == "__main__":
    main()
