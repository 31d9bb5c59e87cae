"""Our audio path under load in ONE process: are PJSIP's 20 ms frames handed on in time while that process is busy?

The program no longer runs this way: its SIP line and audio path have a process of their own (the
phone process, ``telephony/phone_process.py``), and ``bench/audio_path.py`` measures that under the
window's load. This benchmark keeps the old arrangement measurable, the media port in the same
process as the table and the imports, to show what the phone process is for.

A call's media port (``telephony/audio``) runs on PJSIP's clock thread and calls into Python twice
per 20 ms frame, so anything that holds the GIL for long (the GUI thread filtering and sorting
200,000 contacts, an import of 5,000 rows on a worker) could make it late. Here the port is joined
to a PJSIP tone generator (the far end) and to a real-time virtual sound card (a PulseAudio daemon
of the benchmark's own, as in the tests: ``paplay`` into its microphone, our speaker into a null
sink), for 10 s each: idle (the floor), while the main thread filters and sorts 200,000 contact rows
over and over, while a worker thread imports 5,000-row CSV files into SQLite, and both at once.

- value: the longest gap between two frames our port handed to PJSIP, under both loads (ms).
- floor: the same with the program idle, in the same run.
- goal (the issue's): 0 late frames per minute (a late frame: more than 40 ms after the one before).

The tone's round trip through a SIP call (SIPp's RTP echo) against PJSIP's own, and late frames
under both loads on a real call: ``bench/audio_path.py``. This one splits the loads apart.
Needs ``pulseaudio`` and ``paplay``.
"""

from __future__ import annotations

import gc
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._support import bench_endpoint, make_targets_csv, report  # noqa: E402
from calllist_desktop.telephony import pj_endpoint  # noqa: E402
from calllist_desktop.telephony.audio.call_audio import CallAudio, FrameStats  # noqa: E402
from calllist_desktop.telephony.audio.settings import AudioSettings  # noqa: E402
from tests.telephony.audio.tones import write_tone  # noqa: E402
from tests.voice_fixtures import start_pulseaudio, stop_pulseaudio  # noqa: E402

SECONDS = 10.0  # per phase
CONTACTS = 200_000


def far_end(frequency: int) -> object:
    import pjsua2 as pj

    generator = pj.ToneGenerator()
    generator.createToneGenerator(16000, 1)
    tone = pj.ToneDesc()
    tone.freq1, tone.freq2, tone.on_msec, tone.off_msec, tone.volume = frequency, 0, 30000, 0, 0
    tones = pj.ToneDescVector()
    tones.append(tone)
    generator.play(tones, True)
    return generator


def contact_rows() -> list[tuple[str, str, str]]:
    rng = random.Random(1)
    rows = [
        (f"会社{rng.randrange(50_000)}", f"担当{rng.randrange(9_999)}", f"+81{rng.randrange(10**9):09d}")
        for _ in range(CONTACTS)
    ]
    gc.freeze()  # as the window does once it has started (ui/app.py): the contacts stay out of collections
    return rows


def busy_gui(stop: threading.Event, rows: list[tuple[str, str, str]]) -> int:
    """What the GUI thread does when an operator filters and sorts the contacts tab, in Python."""
    rounds = 0
    while not stop.is_set():
        shown = [row for row in rows if "1" in row[0]]
        shown.sort(key=lambda row: (row[1], row[2]))
        rounds += 1
    return rounds


def importing(stop: threading.Event, folder: Path, done: list[int]) -> None:
    from calllist_desktop.store.store import Store

    data, _ = make_targets_csv(5000)
    store = Store.open(f"sqlite:///{folder / f'bench-{time.monotonic_ns()}.sqlite3'}")
    try:
        store.add_user("sato")
        while not stop.is_set():
            target = store.create_list(f"list {done[0]}")
            store.import_csv(target.id, data, assignee="sato")
            done[0] += 1
    finally:
        store.close()


def run_call(
    audio: CallAudio, gui: bool, imports: bool, folder: Path, rows: list[tuple[str, str, str]]
) -> tuple[FrameStats, int, int]:
    """One call of :data:`SECONDS` with the given load; its frame statistics and the work done."""
    generator = far_end(700)
    audio.attach("bench", generator)
    stop = threading.Event()
    imported = [0]
    worker = threading.Thread(target=importing, args=(stop, folder, imported), daemon=True)
    try:
        time.sleep(1.0)  # the devices settle
        before = audio.frame_stats()
        timer = threading.Timer(SECONDS, stop.set)
        timer.start()
        if imports:
            worker.start()
        rounds = busy_gui(stop, rows) if gui else 0
        stop.wait()
        stats = audio.frame_stats()
        if imports:
            worker.join()
    finally:
        audio.detach("bench")
        del generator
    delta = FrameStats(
        stats.frames - before.frames,
        stats.late - before.late,
        stats.max_gap_ms,
        stats.underruns - before.underruns,
    )
    return delta, rounds, imported[0]


def main() -> int:
    executable = shutil.which("pulseaudio")
    if executable is None or shutil.which("paplay") is None:
        print("needs pulseaudio and paplay (Debian pulseaudio, pulseaudio-utils)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        daemon = start_pulseaudio(folder / "pulse")
        saved = {name: os.environ.get(name) for name in ("XDG_RUNTIME_DIR", "PULSE_SOURCE", "PULSE_SINK")}
        os.environ.update(
            XDG_RUNTIME_DIR=str(daemon.runtime_dir), PULSE_SOURCE="mic.monitor", PULSE_SINK="speaker"
        )
        from calllist_desktop.telephony.audio import devices

        devices.refresh()
        daemon.play(write_tone(folder / "tone.wav", 1000, 2 * SECONDS + 15))  # stopped with the daemon
        bench_endpoint()
        audio = CallAudio(AudioSettings(input_device="pulse", output_device="pulse"))
        rows = contact_rows()
        results = {}
        try:
            for name, gui, imports in (
                ("idle", False, False),
                ("filter+sort", True, False),
                ("import", False, True),
                ("both", True, True),
            ):
                results[name] = run_call(audio, gui, imports, folder, rows)
        finally:
            audio.close()
            pj_endpoint.shutdown()
            stop_pulseaudio(daemon)  # and its player
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    for name, (stats, rounds, imports) in results.items():
        print(
            f"{name:12}: {stats.frames} frames, {stats.late} late ({stats.late * 60 / SECONDS:.0f}/min), "
            f"longest gap {stats.max_gap_ms:.1f} ms, {stats.underruns} ring underruns; "
            f"meanwhile {rounds} filter+sorts of {CONTACTS:,} rows, {imports} imports of 5,000"
        )
    idle, busy = results["idle"][0], results["both"][0]
    report(
        "audio_frames",
        busy.max_gap_ms,
        idle.max_gap_ms,
        "ms",
        max_ratio=2.0,
        goal="0 late frames per minute (gap > 40 ms) while busy",
        met=busy.late == 0,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
