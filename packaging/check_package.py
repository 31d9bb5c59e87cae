"""Check a built package the way a user meets it: start the binary, let it draw, look at the picture;
then have the bundled ``calllist`` command line fill a demo store and list what it holds, and
show its manager the CSV import preview (checked in a child process of the frozen program).

    python packaging/check_package.py dist/calllist-desktop/calllist-desktop
    python packaging/check_package.py dist/calllist-desktop/calllist-desktop.exe   (Windows)

Runs the frozen program offscreen with ``--screenshot`` on a fresh SQLite store in a temporary
folder (so it creates the schema through the bundled Alembic migrations and fills demo data),
in English and Japanese (the bundled translations), then checks each PNG: the window's size,
and enough distinct colours that it is not a blank or single-colour window. Settings, data and
logs go to the temporary folder, never to the user's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from PySide6.QtGui import QImage

EXPECTED_SIZE = {"wide": (1400, 860), "compact": (360, 640)}
MIN_COLOURS = 20


def distinct_colours(image: QImage, step: int = 7) -> int:
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}
    )


def check(binary: Path, scratch: Path, mode: str, lang: str, view: str = "window") -> str | None:
    """``None`` when the picture is right, else what is wrong. A manager's ``view`` (analytics:
    the charts, whose Qt module the package must bring) is taken as the demo's manager."""
    picture = scratch / f"{mode}_{lang}_{view}.png"
    environment = environment_for(scratch)
    command = [
        str(binary),
        "--db",
        str(scratch / "store.sqlite3"),
        "--mode",
        mode,
        "--lang",
        lang,
        "--screenshot",
        str(picture),
    ]
    if view != "window":
        command += ["--user", "kanri", "--screenshot-view", view]
    started = time.monotonic()
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=environment)
    except subprocess.TimeoutExpired:
        return "the program did not finish within 120 s"
    took = time.monotonic() - started
    if result.returncode != 0:
        return f"exit {result.returncode}: {result.stderr.strip()[-2000:]}"
    if "Traceback" in result.stderr:
        return f"a traceback on stderr: {result.stderr.strip()[-2000:]}"
    image = QImage(str(picture))
    if image.isNull():
        return f"no readable PNG at {picture}"
    size = (image.width(), image.height())
    if size != EXPECTED_SIZE[mode]:
        return f"the picture is {size}, expected {EXPECTED_SIZE[mode]}"
    colours = distinct_colours(image)
    if colours < MIN_COLOURS:
        return f"the picture looks blank ({colours} colours)"
    print(f"ok   {mode:7} {lang}  {view:9} {size[0]}x{size[1]}, {colours} colours, {took:.1f} s")
    return None


def environment_for(scratch: Path) -> dict[str, str]:
    """Settings, data, logs and the SIP account in ``scratch``, never the user's."""
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(scratch / "home"),
        "XDG_CONFIG_HOME": str(scratch / "config"),
        "XDG_DATA_HOME": str(scratch / "data"),
        "XDG_STATE_HOME": str(scratch / "state"),
        "CALLLIST_LOG_DIR": str(scratch / "log"),
        "CALLLIST_SIP_ACCOUNT": str(scratch / "sip_account.json"),
        # Windows: platformdirs asks the system for these folders, the variables are for the rest.
        "APPDATA": str(scratch / "appdata"),
        "LOCALAPPDATA": str(scratch / "localappdata"),
    }
    environment.pop("CALLLIST_DB", None)
    return environment


def check_command_line(binary: Path, scratch: Path) -> str | None:
    """``calllist demo``, then ``calllist lists list --json`` on that store.

    (The desktop client's screenshots run on a private copy of the store, so they leave none.)
    """
    store = str(scratch / "store.sqlite3")
    for command in (
        [str(binary), "--db", store, "demo"],
        [str(binary), "--db", store, "lists", "list", "--json"],
    ):
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=60, env=environment_for(scratch)
            )
        except subprocess.TimeoutExpired:
            return f"{' '.join(command[3:])} did not finish within 60 s"
        if result.returncode != 0:
            return (
                f"calllist {' '.join(command[3:])}: exit {result.returncode}: {result.stderr.strip()[-2000:]}"
            )
    try:
        lists = json.loads(result.stdout)
    except ValueError:
        return f"calllist printed no JSON: {result.stdout[:200]!r}"
    if not lists:
        return "calllist found no lists in the demo store"
    print(f"ok   calllist lists list: {len(lists)} lists")
    return None


def check_import_in_child(binary: Path, scratch: Path) -> str | None:
    """The CSV import preview of the demo store's manager, whose check runs in a "spawn" child
    process (``ui/manage/import_process.py``): in a frozen program that child is this executable
    started again, which works only with ``multiprocessing.freeze_support()`` in the entry script.
    Needs the store :func:`check_command_line` filled."""
    picture = scratch / "import_preview.png"
    command = [
        str(binary), "--db", str(scratch / "store.sqlite3"), "--user", "kanri", "--lang", "ja",
        "--screenshot", str(picture), "--screenshot-view", "import-preview",
    ]  # fmt: skip
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=120, env=environment_for(scratch)
        )
    except subprocess.TimeoutExpired:
        return "the import preview did not finish within 120 s"
    output = result.stdout + result.stderr
    if result.returncode != 0:
        return f"import preview: exit {result.returncode}: {output.strip()[-2000:]}"
    for sign in ("usage: calllist-desktop", "Traceback", "import dialog: checking", "BrokenProcessPool"):
        if sign in output:  # a child that ran the program again, or a check that failed
            return f"import preview: {sign!r} in its output: {output.strip()[-2000:]}"
    if QImage(str(picture)).isNull():
        return f"no readable PNG at {picture}"
    print("ok   import preview, checked in a child process")
    return None


def check_phone_process(binary: Path) -> str | None:
    """The SIP line's process as the frozen program starts it (``--phone-process``): it must bring
    a line up (direct dialling: no server needed) and end when its pipe closes."""
    from calllist_desktop.core.line import Registration, RegistrationChanged
    from calllist_desktop.telephony.account import SipAccount
    from calllist_desktop.telephony.phone_pipe import PhoneSpec, PipeClosed, Sender, receive

    process = subprocess.Popen([str(binary), "--phone-process"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None
    watchdog = threading.Timer(60, process.kill)  # a phone that says nothing must not hang the check
    watchdog.start()
    seen: list[str] = []
    try:
        account = SipAccount(registrar="127.0.0.1:9", user="check", register=False)
        Sender(process.stdin).send(("start", PhoneSpec(account)))
        up = RegistrationChanged(Registration.REGISTERED, "direct dialling, no registration")
        while True:
            message = receive(process.stdout)
            seen.append(str(message[0]))
            if message[0] == "start_failed":
                process.kill()
                return f"the phone process's line did not start: {message[1]}"
            if message[0] == "event" and message[1] == up:
                break
        process.stdin.close()
        process.wait(20)
    except PipeClosed:
        process.kill()
        return f"the phone process ended, or said nothing for 60 s; it sent {seen}"
    except subprocess.TimeoutExpired:
        process.kill()
        return "the phone process did not end when its pipe closed"
    finally:
        watchdog.cancel()
    if process.returncode != 0:
        return f"the phone process ended with exit {process.returncode}"
    print("ok   phone process: line up, ended with its pipe")
    return None


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    binary = Path(argv[0]).resolve()
    if not binary.is_file():
        print(f"check_package: no binary at {binary}: run `make package` first", file=sys.stderr)
        return 1
    failures = 0
    with tempfile.TemporaryDirectory(prefix="calllist-package-check-") as folder:
        for mode, lang, view in (
            ("wide", "ja", "window"),
            ("compact", "en", "window"),
            ("wide", "en", "analytics"),
        ):
            problem = check(binary, Path(folder), mode, lang, view)
            if problem is not None:
                print(f"FAIL {mode:7} {lang}  {view:9} {problem}", file=sys.stderr)
                failures += 1
        command_line = binary.parent / ("calllist.exe" if binary.suffix.lower() == ".exe" else "calllist")
        problem = (
            check_command_line(command_line, Path(folder))
            if command_line.is_file()
            else "no calllist beside it"
        )
        if problem is not None:
            print(f"FAIL calllist  {problem}", file=sys.stderr)
            failures += 1
        else:
            problem = check_import_in_child(binary, Path(folder))
            if problem is not None:
                print(f"FAIL import    {problem}", file=sys.stderr)
                failures += 1
        problem = check_phone_process(binary)
        if problem is not None:
            print(f"FAIL phone     {problem}", file=sys.stderr)
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
