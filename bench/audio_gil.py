"""Why our media port's frames come late: who holds the interpreter lock (GIL), how long, and what
``sys.setswitchinterval`` and ``gc.freeze`` change. A measurement for planning, not a fix.

Our media port (``telephony/audio/port.py``) is Python called by PJSIP's clock thread every 20 ms;
each call needs the GIL. Here the port is joined to a PJSIP tone generator and to PulseAudio's
virtual devices (as in ``audio_frames.py``) while the GUI thread works the real contacts table
(``audio_path.py``'s load: 200,000 rows, filters and sorts in turn, painted) and, in some phases, a
worker imports 5,000-row CSV files. A watcher thread sleeps 1 ms at a time: how much later than
that it wakes is how long it waited for the GIL, charged to the table change running then.
Garbage collections are timed through ``gc.callbacks``.

Phases (CALLLIST_BENCH_SECONDS each, default 10): idle; table; table + imports, first with the
table's rows subject to collection, then after ``gc.freeze()``; then table and table + imports
again with ``sys.setswitchinterval(0.001)`` (the default is 0.005).

- value: the longest GIL wait the watcher saw with the table and imports running (frozen, default
  switch interval: the program's usual state), ms.
- floor: the same with the program idle, in the same run.
- goal: under 40 ms (a wait that long makes a late frame).

    .venv/bin/python bench/audio_gil.py
"""

from __future__ import annotations

import collections
import gc
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _support import bench_endpoint, report  # noqa: E402
from audio_frames import far_end  # noqa: E402
from audio_path import Load  # noqa: E402

from tests.telephony.audio.tones import write_tone  # noqa: E402
from tests.voice_fixtures import start_pulseaudio, stop_pulseaudio  # noqa: E402

SECONDS = float(os.environ.get("CALLLIST_BENCH_SECONDS", "10"))
LATE_MS = 40.0


class Watch:
    """GIL waits of a thread that sleeps 1 ms at a time, charged to ``label``; garbage collections."""

    def __init__(self) -> None:
        self.label = "idle"
        self.max_wait = 0.0
        self.waits: dict[str, list[float]] = collections.defaultdict(list)
        self.collections: list[tuple[int, float, str]] = []  # (generation, ms, thread)
        self._gc_started = 0.0
        self._stop = threading.Event()
        gc.callbacks.append(self._on_gc)
        threading.Thread(target=self._run, name="gil-watch", daemon=True).start()

    def clear(self) -> None:
        self.max_wait = 0.0
        self.waits.clear()
        self.collections.clear()

    def longest(self) -> float:
        return self.max_wait

    def stop(self) -> None:
        self._stop.set()
        gc.callbacks.remove(self._on_gc)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            time.sleep(0.001)
            waited = (time.perf_counter() - started - 0.001) * 1000
            self.max_wait = max(self.max_wait, waited)
            if waited > 3.0:
                self.waits[self.label].append(waited)

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            ms = (time.perf_counter() - self._gc_started) * 1000
            self.collections.append((int(info["generation"]), ms, threading.current_thread().name))


def change_names(load: Load) -> list[str]:
    sorts = 2 * (load.model.columnCount() - 1)
    filters = [f"filter {index}" for index in range(len(load.changes) - sorts)]
    return filters + [
        f"sort column {c} {way}" for c in range(1, load.model.columnCount()) for way in ("asc", "desc")
    ]


def phase(name: str, audio: Any, load: Load | None, watch: Watch, imports: bool) -> float:
    """One phase; prints its figures and returns the longest GIL wait (ms)."""
    from calllist_desktop.telephony import pj_endpoint

    thread = pj_endpoint.pj_thread()
    held = [thread.run(lambda: far_end(700), 10)]  # the far end; dropped on PJSIP's thread
    thread.run(lambda: audio.attach("bench", held[0]), 10)
    time.sleep(1.0)  # the devices settle
    watch.clear()
    before = audio.frame_stats()
    if imports and load is not None:
        load.start_imports()
    names = change_names(load) if load is not None else []
    took: dict[str, list[float]] = collections.defaultdict(list)
    deadline = time.monotonic() + SECONDS
    done = 0
    while time.monotonic() < deadline:
        if load is None:
            time.sleep(0.05)
            continue
        index = done % len(load.changes)
        for label, work in ((names[index], load.changes[index]), ("paint and events", load.paint)):
            watch.label = label
            started = time.perf_counter()
            work()
            took[label].append((time.perf_counter() - started) * 1000)
        watch.label = "idle"
        done += 1
    if imports and load is not None:
        load.stop_imports()
    stats = audio.frame_stats()
    thread.run(lambda: audio.detach("bench"), 10)
    thread.run(held.clear, 10)
    late = stats.late - before.late
    second = [ms for generation, ms, _ in watch.collections if generation == 2]
    print(f"\n{name}: {done} table changes; {stats.frames - before.frames} frames, {late} late "
          f"({late * 60 / SECONDS:.0f}/min), longest gap {stats.max_gap_ms:.0f} ms; longest GIL wait {watch.longest():.0f} ms")  # fmt: skip
    if watch.collections:
        threads = sorted({thread for generation, _, thread in watch.collections if generation == 2})
        print(f"  garbage collections: {len(watch.collections)}; generation 2: {len(second)}, the longest "
              f"{', '.join(f'{ms:.0f}' for ms in sorted(second)[-4:]) or '-'} ms (on {', '.join(threads) or '-'})")  # fmt: skip
    ranked = sorted(watch.waits.items(), key=lambda item: -max(item[1]))[:6]
    for label, waits in ranked:
        own = took.get(label)
        runs = f"; it runs {statistics.median(own):.0f} ms median, {max(own):.0f} max" if own else ""
        print(
            f"  GIL wait during {label:18}: longest {max(waits):5.0f} ms, {len(waits):4} waits over 3 ms{runs}"
        )
    return watch.longest()


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="calllist-bench-gil-"))
    pulse = start_pulseaudio(folder / "pulse")
    os.environ.pop("PULSE_SERVER", None)
    os.environ.update(
        XDG_RUNTIME_DIR=str(pulse.runtime_dir), PULSE_SOURCE="mic.monitor", PULSE_SINK="speaker"
    )
    watch = Watch()
    try:
        from calllist_desktop.telephony import pj_endpoint
        from calllist_desktop.telephony.audio import devices
        from calllist_desktop.telephony.audio.call_audio import CallAudio
        from calllist_desktop.telephony.audio.settings import AudioSettings

        devices.refresh()
        pulse.play(write_tone(folder / "tone.wav", 1000, 12 * SECONDS + 60))
        bench_endpoint()
        audio = CallAudio(AudioSettings(input_device="pulse", output_device="pulse"))
        idle = phase("idle", audio, None, watch, imports=False)
        print("\nloading 200,000 contacts into the table …", flush=True)
        load = Load(folder)
        phase("table (switch interval 5 ms)", audio, load, watch, imports=False)
        phase("table + imports, rows not frozen (5 ms)", audio, load, watch, imports=True)
        gc.freeze()  # the table's rows out of every later collection
        busy = phase("table + imports, gc.freeze() (5 ms)", audio, load, watch, imports=True)
        default = sys.getswitchinterval()
        sys.setswitchinterval(0.001)
        try:
            phase("table (switch interval 1 ms)", audio, load, watch, imports=False)
            phase("table + imports, gc.freeze() (1 ms)", audio, load, watch, imports=True)
        finally:
            sys.setswitchinterval(default)
        load.stop()
        audio.close()
        pj_endpoint.shutdown()
    finally:
        watch.stop()
        stop_pulseaudio(pulse)
        shutil.rmtree(folder, ignore_errors=True)
    report(
        "audio_gil",
        busy,
        idle,
        "ms",
        LATE_MS / idle,
        goal="longest GIL wait under load < 40 ms",
        met=busy < LATE_MS,
    )


if __name__ == "__main__":
    main()
