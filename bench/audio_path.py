"""Our audio path during a call, under the load of a working day: late frames, and what it adds to the round trip.

Setup (all on this machine, nothing to install beyond `.ci/run`'s packages): a private PulseAudio
daemon with two null sinks, ``mic`` and ``speaker``, that keep real time; SIPp as the far end,
answering and echoing every RTP packet back (``sipp -sn uas -rtp_echo``).

Three measurements through the same echo:

- DEVICE LOOP: a probe (one duplex PortAudio stream on the ``pulse`` device) plays bursts into
  ``mic`` and records ``mic.monitor``: the virtual device's own latency, probe included.
- FLOOR: PJSIP alone, on a call from this process: its tone generator sends the bursts into the
  call and its WAV recorder records what comes back from the echo (no Python, no sound device).
  Round trip = the time from a burst's start to its return in the recording (median over the
  bursts). The generator is joined before the recorder, so a bridge tick between the two can only
  shorten the floor.
- OURS: the line as the window holds it (``ProcessLine``: the SIP line and the program's audio
  path, PortAudio streams, rings and media port, in the phone process) calls the echo, its
  devices ``PULSE_SOURCE=mic.monitor``, ``PULSE_SINK=speaker``; the probe plays the bursts into
  ``mic`` and records ``speaker.monitor``. Meanwhile this process's GUI thread filters and sorts a
  table of 200,000 contacts without pause and a worker thread imports 5,000-row CSV files into a
  SQLite store, one after another (what an operator's window does while a call runs).

The same path is also measured for 6 s before the load starts (printed, outside the goal), so a
miss says whether the path or the load is to blame. Figures (2-core VM shared with other test runs,
PulseAudio 16.1 null sinks, 20–30 s): floor 30 ms; device loop 140 ms; ours without load
361–374 ms raw (about 220–234 ms added), 0 late frames in 6 s; under load 383–391 ms raw
(212–220 ms added; single bursts 267–847 ms) and 99–104 late frames per minute: both goals missed.
Earlier runs: 195–233 ms added, 104–154 late frames per minute. Since the buffers were cut
(6 Dec 2026 evening: 10 ms device blocks, rings with a cushion): without load 261–279 ms raw
(90–109 ms added); under load 202–215 ms added, 288–307 late frames per minute (bench/README.md).

VALUE: our round trip minus the device loop (what the program adds to the echo's round trip,
the virtual device's own latency taken out; the raw figure is printed beside it). FLOOR: PJSIP's
own round trip. Goal: value <= floor + 40 ms, and 0 late frames per minute (a gap of more than
40 ms between two frames PJSIP asks our port for).

    .venv/bin/python bench/audio_path.py            # SECONDS=30 by default (CALLLIST_BENCH_SECONDS)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _support import bench_endpoint, make_targets_csv, report  # noqa: E402

from tests import tone  # noqa: E402  (the tone detector the voice tests use)
from tests.voice_fixtures import (  # noqa: E402
    free_port,
    start_dying_with_us,
    start_pulseaudio,
    stop_process,
    stop_pulseaudio,
)

SECONDS = float(os.environ.get("CALLLIST_BENCH_SECONDS", "30"))
PERIOD = 1.0  # one burst a second
BURST = 0.2
FREQUENCIES = (700.0, 1000.0, 1300.0, 1700.0)
"""Each burst has the next of these frequencies, so a burst is known by its pitch: a round trip of
1.3 s cannot pass for 0.3 s (it could only alias at len(FREQUENCIES) × PERIOD = 4 s)."""
RATE = 16000
BLOCK = 320  # 20 ms
ADDED_GOAL_MS = 40.0
CONTACTS = 200_000
IMPORT_ROWS = 5000


# -- the probe: a burst out, the same burst back, both timed on this process's clock -------------------


class Probe:
    """Plays a burst every PERIOD seconds (FREQUENCIES in turn) on one stream and listens on another.

    Each burst's departure is the clock time of the output callback that writes its first sample
    (plus that sample's place in the block); its arrival, the clock time of the input callback
    that delivers its first sample. What the probe's own buffers add is the same in every
    measurement and leaves with the device loop.
    """

    def __init__(self, sd: Any, np: Any, device: int) -> None:
        self.np = np
        t = np.arange(int(BURST * RATE)) / RATE
        period = int(PERIOD * RATE)
        self.pattern = np.zeros(period * len(FREQUENCIES), dtype=np.float32)
        for index, frequency in enumerate(FREQUENCIES):
            self.pattern[index * period : index * period + len(t)] = 0.3 * np.sin(2 * np.pi * frequency * t)
        self.played = 0
        self.sent: list[tuple[float, float]] = []  # (clock time, frequency)
        self.blocks: list[tuple[float, Any]] = []
        settings = {"device": device, "channels": 1, "samplerate": RATE, "blocksize": BLOCK, "dtype": "float32",
                    "latency": 0.1}  # fmt: skip
        self.output = sd.OutputStream(callback=self._play, **settings)
        self.input = sd.InputStream(callback=self._hear, **settings)

    def _play(self, outdata: Any, frames: int, _time: Any, _status: Any) -> None:
        now = time.monotonic()
        cycle = len(self.pattern)
        period = int(PERIOD * RATE)
        start = self.played % cycle
        outdata[:, 0] = self.pattern[(start + self.np.arange(frames)) % cycle]
        into = (period - start % period) % period  # samples until the next burst begins
        if into < frames:
            burst = ((start + into) % cycle) // period
            self.sent.append((now + into / RATE, FREQUENCIES[burst]))
        self.played += frames

    def _hear(self, indata: Any, _frames: int, _time: Any, _status: Any) -> None:
        self.blocks.append((time.monotonic(), indata[:, 0].copy()))

    def run(self, seconds: float, while_running: Any = None) -> list[float]:
        """Round trips (seconds) of the bursts it heard back."""
        self.input.start()
        self.output.start()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if while_running is not None:
                while_running()
            else:
                time.sleep(0.05)
        self.output.stop()
        self.input.stop()
        self.output.close()
        self.input.close()
        heard = {frequency: self.arrivals(frequency) for frequency in FREQUENCIES}
        limit = PERIOD * len(FREQUENCIES) * 0.9
        trips = []
        for departure, frequency in self.sent:
            later = [arrival - departure for arrival in heard[frequency] if 0 < arrival - departure < limit]
            if later:
                trips.append(min(later))
        return trips

    def arrivals(self, frequency: float) -> list[float]:
        """Clock times at which a burst of ``frequency`` began in what the probe heard (10 ms steps)."""
        step = int(RATE * 0.01)
        times = []
        before = False
        for when, block in self.blocks:
            block_samples = block.tolist()
            for offset in range(0, len(block_samples) - step + 1, step):
                part = block_samples[offset : offset + step]
                present = (
                    tone.rms(part) >= tone.MIN_RMS
                    and tone.goertzel_share(part, RATE, frequency) >= tone.MIN_SHARE
                )
                if present and not before:
                    times.append(when - (len(block_samples) - offset) / RATE)
                before = present
        return times


def burst_delays(samples: list[float], rate: int) -> list[float]:
    """For each burst sent at k·PERIOD (FREQUENCIES in turn), how long after that its pitch began in ``samples``."""
    period = int(PERIOD * rate)
    window = int(PERIOD * len(FREQUENCIES) * 0.9 * rate)
    delays = []
    for k in range(len(samples) // period - len(FREQUENCIES)):
        start = tone.first_tone_time(
            samples[k * period : k * period + window], rate, FREQUENCIES[k % len(FREQUENCIES)]
        )
        if start is not None:
            delays.append(start)
    return delays


# -- the call: PJSIP to SIPp's RTP echo ----------------------------------------------------------------


def start_echo(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    sipp = shutil.which("sipp")
    if sipp is None:
        raise SystemExit("audio_path: sipp is not installed (apt-get install sip-tester)")
    port = free_port()
    process = start_dying_with_us(
        [sipp, "-sn", "uas", "-rtp_echo", "-i", "127.0.0.1", "-p", str(port), "-mp", str(free_port(4)),
         "-nostdin", "-trace_err", "-error_file", str(folder / "sipp-errors.log")],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(0.5)
    if process.poll() is not None:
        raise SystemExit(f"audio_path: sipp exited at once ({process.returncode})")
    return process, port


def make_call(pj: Any, port: int) -> tuple[Any, Any, Any]:
    """An account without registration and an answered call to the echo; (account, call, audio media)."""
    endpoint = bench_endpoint()
    transport = pj.TransportConfig()
    transport.boundAddress = "127.0.0.1"
    transport_id = endpoint.transportCreate(pj.PJSIP_TRANSPORT_UDP, transport)
    config = pj.AccountConfig()
    config.idUri = "sip:bench@127.0.0.1"
    config.sipConfig.transportId = transport_id
    config.mediaConfig.transportConfig.boundAddress = "127.0.0.1"
    account = pj.Account()
    account.create(config)

    ready = threading.Event()

    class EchoCall(pj.Call):  # type: ignore[misc]
        def onCallMediaState(self, prm: Any) -> None:  # noqa: N802
            info = self.getInfo()  # held: its media vector dies with it
            for media in info.media:
                if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                    ready.set()

    call = EchoCall(account)
    parameters = pj.CallOpParam(True)
    parameters.opt.audioCount = 1
    parameters.opt.videoCount = 0
    call.makeCall(f"sip:echo@127.0.0.1:{port}", parameters)
    if not ready.wait(10):
        raise SystemExit("audio_path: the call to SIPp's echo got no audio within 10 s")
    return account, call, call.getAudioMedia(-1)


def our_call(port: int) -> tuple[Any, str]:
    """The program's line (the phone process, its audio on PulseAudio) in an answered call to the echo."""
    from calllist_desktop.core.line import CallAnswered, Registration, RegistrationChanged
    from calllist_desktop.telephony.account import SipAccount
    from calllist_desktop.telephony.audio.settings import AudioSettings
    from calllist_desktop.telephony.phone_process import ProcessLine

    account = SipAccount(registrar=f"127.0.0.1:{port}", user="bench", register=False, bind_address="127.0.0.1")
    line = ProcessLine(account, audio=AudioSettings(input_device="pulse", output_device="pulse"))
    up, answered = threading.Event(), threading.Event()
    line.add_listener(lambda e: up.set() if e == RegistrationChanged(Registration.REGISTERED, "direct dialling, no registration") else None)
    line.add_listener(lambda e: answered.set() if isinstance(e, CallAnswered) else None)
    line.start()
    if not up.wait(15):
        raise SystemExit(f"audio_path: the phone's line did not come up ({line.registration_detail})")
    call_id = line.dial(f"sip:echo@127.0.0.1:{port}")
    if not answered.wait(10):
        raise SystemExit("audio_path: the echo did not answer the phone's call")
    assert line.audio is not None
    deadline = time.monotonic() + 10
    while line.audio.audio_status().state != "active":
        if time.monotonic() > deadline:
            raise SystemExit(f"audio_path: our audio path is not active: {line.audio.audio_status()}")
        time.sleep(0.05)
    return line, call_id


def floor_round_trips(pj: Any, media: Any, folder: Path, seconds: float) -> list[float]:
    """PJSIP's own tone generator into the call, its recorder on what comes back."""
    wav = folder / "floor.wav"
    generator = pj.ToneGenerator()
    generator.createToneGenerator(RATE, 1)
    bursts = pj.ToneDescVector()
    for frequency in FREQUENCIES:
        burst = pj.ToneDesc()
        burst.freq1 = int(frequency)
        burst.freq2 = 0
        burst.on_msec = int(BURST * 1000)
        burst.off_msec = int((PERIOD - BURST) * 1000)
        burst.volume = 0
        bursts.append(burst)
    recorder = pj.AudioMediaRecorder()
    recorder.createRecorder(str(wav))
    generator.play(bursts, True)
    generator.startTransmit(media)
    media.startTransmit(recorder)
    time.sleep(seconds)
    generator.stopTransmit(media)
    media.stopTransmit(recorder)
    del recorder, generator
    deadline = time.monotonic() + 5
    while wav.read_bytes()[4:8] == bytes(4) and time.monotonic() < deadline:  # the header comes at close
        time.sleep(0.02)
    rate, samples = tone.read_wav(wav)
    return burst_delays(list(samples), rate)


# -- the load: the GUI thread and an import -------------------------------------------------------------


class Load:
    """200,000 contacts filtered and sorted on the GUI thread; 5,000-row imports on a worker thread."""

    def __init__(self, folder: Path) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication
        from table_filter import SEARCHES, make_contacts

        from calllist_desktop.ui.table import CONTACT_COLUMNS, RowFilter, RowTableModel, TargetTableView

        self.app = QApplication.instance() or QApplication(sys.argv)
        self.view = TargetTableView()
        self.model = RowTableModel(CONTACT_COLUMNS, self.view)
        self.view.setModel(self.model)
        self.view.resize(1280, 800)
        self.view.show()
        self.model.set_rows(make_contacts(CONTACTS))
        while self.model.working_ahead():
            self.app.processEvents()
        columns = range(1, self.model.columnCount())
        self.changes = [lambda t=text: self.model.set_filter(RowFilter(text=t)) for text in SEARCHES] + [
            lambda c=c, o=o: self.model.sort(c, o) for c in columns for o in Qt.SortOrder
        ]
        self.done_changes = 0
        self.done_imports = 0
        self.folder = folder
        self.data, _ = make_targets_csv(IMPORT_ROWS)
        self._stop = threading.Event()
        self._importer = threading.Thread(target=self._import_loop, name="bench-import", daemon=True)

    def start(self) -> None:
        self.start_imports()

    def start_imports(self) -> None:
        """Imports on a worker thread until :meth:`stop_imports`."""
        self._stop.clear()
        self._importer = threading.Thread(target=self._import_loop, name="bench-import", daemon=True)
        self._importer.start()

    def stop_imports(self) -> None:
        self._stop.set()
        if self._importer.is_alive():
            self._importer.join(120)

    def step(self) -> None:
        """One change of the table and the events it causes (called in a loop on the GUI thread)."""
        self.changes[self.done_changes % len(self.changes)]()
        self.paint()
        self.done_changes += 1

    def paint(self) -> None:
        self.view.viewport().update()
        self.app.processEvents()

    def stop(self) -> None:
        self.stop_imports()
        self.view.close()

    def _import_loop(self) -> None:
        from calllist_desktop.store.store import Store

        while not self._stop.is_set():
            store = Store.open(f"sqlite:///{self.folder / f'import-{self.done_imports}.sqlite3'}")
            try:
                list_id = store.create_list("ベンチマーク").id
                result = store.import_csv(list_id, self.data)
                if result.imported != IMPORT_ROWS:
                    raise SystemExit(f"audio_path: the import went wrong: {result}")
            finally:
                store.close()
            self.done_imports += 1


def milliseconds(values: list[float]) -> str:
    if not values:
        return "none heard"
    return (f"median {statistics.median(values) * 1000:.1f} ms, min {min(values) * 1000:.1f}, "
            f"max {max(values) * 1000:.1f} ({len(values)} bursts)")  # fmt: skip


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="calllist-bench-audio-"))
    pulse = start_pulseaudio(folder / "pulse")
    os.environ.update(pulse.environment)
    os.environ["PULSE_SOURCE"], os.environ["PULSE_SINK"] = "mic.monitor", "mic"
    echo, port = start_echo(folder)
    line = None
    try:
        import numpy as np
        import pjsua2 as pj
        import sounddevice as sd

        from calllist_desktop.telephony import pj_endpoint

        device = next(index for index, info in enumerate(sd.query_devices()) if info["name"] == "pulse")
        print(f"audio_path: a call to SIPp's RTP echo, {SECONDS:.0f} s with load; a burst every {PERIOD:.0f} s "
              f"({', '.join(f'{f:.0f}' for f in FREQUENCIES)} Hz in turn); PortAudio {sd.get_portaudio_version()[1]}")  # fmt: skip

        loop = Probe(sd, np, device).run(6.0)  # PULSE_SINK=mic, PULSE_SOURCE=mic.monitor
        print(f"device loop (probe → mic → mic.monitor → probe):   {milliseconds(loop)}")

        print("loading 200,000 contacts into the table …", flush=True)
        load = Load(folder)

        account, call, media = make_call(pj, port)
        floor = floor_round_trips(pj, media, folder, 8.0)
        print(f"floor (PJSIP tone generator → echo → PJSIP recorder): {milliseconds(floor)}")
        call.hangup(pj.CallOpParam(True))
        time.sleep(0.3)
        del call, account, media

        os.environ["PULSE_SOURCE"], os.environ["PULSE_SINK"] = "mic.monitor", "speaker"  # the phone's devices
        line, call_id = our_call(port)
        os.environ["PULSE_SOURCE"], os.environ["PULSE_SINK"] = "speaker.monitor", "mic"  # the probe's
        audio = line.audio
        assert audio is not None
        late_before = audio.late_frames()
        idle = Probe(sd, np, device).run(6.0)
        late_idle = audio.late_frames() - late_before
        print(f"ours without load: {milliseconds(idle)}; late frames {late_idle} in 6 s")
        late_before, underruns_before = audio.late_frames(), audio.underruns()
        load.start()
        started = time.monotonic()
        ours = Probe(sd, np, device).run(SECONDS, load.step)
        took = time.monotonic() - started
        late = audio.late_frames() - late_before
        underruns = audio.underruns() - underruns_before
        load.stop()
        print(f"load meanwhile: {load.done_changes} table changes on the GUI thread, "
              f"{load.done_imports} imports of {IMPORT_ROWS:,} rows; the phone's rings ran dry {underruns} times")  # fmt: skip
        print(f"ours (probe → mic → our path → echo → our path → speaker → probe): {milliseconds(ours)}")
        line.hang_up(call_id)
        pj_endpoint.shutdown()
    finally:
        if line is not None:
            line.stop()
        stop_process(echo)
        stop_pulseaudio(pulse)
        shutil.rmtree(folder, ignore_errors=True)

    if not (loop and floor and ours):
        raise SystemExit("audio_path: a burst was never heard back; no figure")
    per_minute = late * 60 / took
    device_loop = statistics.median(loop) * 1000
    raw = statistics.median(ours) * 1000
    value = raw - device_loop
    floor_ms = statistics.median(floor) * 1000
    print(f"late frames: {late} in {took:.0f} s = {per_minute:.1f} per minute (goal 0)")
    print(f"round trip through the echo: ours {raw:.1f} ms raw, {value:.1f} ms without the device loop "
          f"({device_loop:.1f} ms); PJSIP floor {floor_ms:.1f} ms; added {value - floor_ms:.1f} ms "
          f"(goal <= {ADDED_GOAL_MS:.0f} ms)")  # fmt: skip
    met = late == 0 and value <= floor_ms + ADDED_GOAL_MS
    report("audio_path", value, floor_ms, "ms", (floor_ms + ADDED_GOAL_MS) / floor_ms,
           goal="round trip <= floor + 40 ms and 0 late frames per minute", met=met)  # fmt: skip


if __name__ == "__main__":
    main()
