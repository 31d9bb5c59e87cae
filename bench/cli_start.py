"""A ``calllist`` command must start about as fast as the SQLAlchemy it runs on.

Setup (untimed): a SQLite store in a temporary folder, filled by ``calllist demo`` (users, lists
and calls), so that the commands have something to read.

VALUE: wall time of a whole process, ``calllist --db STORE lists list`` (the command installed
beside the Python running this script), from ``subprocess.run`` to its exit (what a script calling ``calllist`` waits for): the
interpreter's start, the imports, opening the store, one read, the printed table.

FLOOR: wall time of ``python -c "import sqlalchemy.orm"``, the least any command on the store
pays: the interpreter and SQLAlchemy's ORM, which every store operation needs.

Both run with the environment of this process, from bytecode caches as an installed program
does (PYTHONDONTWRITEBYTECODE is dropped; PYTHONPYCACHEPREFIX points into the temporary folder,
so nothing is written into the checkout; a first, untimed run of each fills the caches). They
are timed in pairs, interleaved (value, floor, value, ...) so that a noisy neighbour hurts both
alike; the figures are the MEDIANs of REPEAT runs. Goal: ratio <= 1.5.

Also printed, outside the goal: ``calllist --help`` (the parser alone), and a 5,000-row
``calllist import --create`` into a new store (``make_targets_csv``; a new store per run), each
the median of its own runs, and the imports of one ``lists list`` by top-level package
(``PYTHONPROFILEIMPORTTIME``, which inflates them: compare them with each other).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from _support import make_targets_csv, report, spread

REPEAT = 9
MAX_RATIO = 1.5
CLI = (str(Path(sys.executable).with_name("calllist")),)  # the installed command, beside this Python
FLOOR = (sys.executable, "-c", "import sqlalchemy.orm")


def environment(folder: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    env["CALLLIST_LOG_DIR"] = str(folder / "logs")  # the command line's log file, kept out of the user's
    env.pop("CALLLIST_DB", None)
    return env


def wall(command: tuple[str, ...], env: dict[str, str]) -> float:
    """Seconds from start to exit of one process; a failure stops the benchmark."""
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()}")
    return seconds


def importtime_by_package(command: tuple[str, ...], env: dict[str, str]) -> dict[str, float]:
    """Milliseconds of self time per top-level package in one run with import times on."""
    traced = {**env, "PYTHONPROFILEIMPORTTIME": "1"}  # -X importtime, for a command that is a script
    result = subprocess.run(command, env=traced, capture_output=True, text=True)
    totals: dict[str, float] = defaultdict(float)
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        own, _, name = line[len("import time:") :].split("|")
        if own.strip().isdigit():
            totals[name.strip().split(".")[0]] += int(own) / 1000
    return dict(totals)


def main() -> None:
    print(f"cli_start: `calllist lists list` against `import sqlalchemy.orm`; {REPEAT} interleaved pairs (median)")
    with tempfile.TemporaryDirectory(prefix="calllist-bench-") as tmp:
        folder = Path(tmp)
        env = environment(folder)
        store = folder / "store.sqlite3"
        wall((*CLI, "--db", str(store), "demo"), env)
        lists_list = (*CLI, "--db", str(store), "lists", "list")
        wall(lists_list, env)  # untimed: bytecode and file caches
        wall(FLOOR, env)
        values: list[float] = []
        floors: list[float] = []
        for _ in range(REPEAT):
            values.append(wall(lists_list, env))
            floors.append(wall(FLOOR, env))

        helps = [wall((*CLI, "--help"), env) for _ in range(REPEAT)]
        data, _ = make_targets_csv(5000)
        csv_file = folder / "targets.csv"
        csv_file.write_bytes(data)
        imports: list[float] = []
        for index in range(-1, 5):  # the first one untimed
            command = (*CLI, "--db", str(folder / f"import-{index}.sqlite3"), "import", str(csv_file), "--list", "L", "--create")
            seconds = wall(command, env)
            if index >= 0:
                imports.append(seconds)
        packages = importtime_by_package(lists_list, env)

    value = statistics.median(values)
    floor = statistics.median(floors)
    print(f"value  calllist lists list       {spread(values)}")
    print(f"floor  import sqlalchemy.orm     {spread(floors)}")
    print(f"also   calllist --help           {spread(helps)}")
    print(f"also   calllist import 5,000 rows into a new store  {spread(imports)}")
    print("imports of one `lists list` by package (self time under -X importtime, ms):")
    for name, ms_ in sorted(packages.items(), key=lambda item: -item[1])[:8]:
        print(f"  {name:<24} {ms_:7.1f}")
    report("cli_start", value * 1000, floor * 1000, "ms", MAX_RATIO)


if __name__ == "__main__":
    main()
