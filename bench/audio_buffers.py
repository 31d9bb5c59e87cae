"""Where our audio path's delay is with the program idle: the device streams and the rings between clocks.

``audio_path.py`` measures the whole round trip once, mostly under load. This one asks what each
buffer of the path costs when nothing else runs (the conditions of a phone process of its own):
for each configuration, the same call to SIPp's RTP echo, the same probe and the same device loop
and PJSIP floor as ``audio_path.py`` (its code is used), for SECONDS each:

- PortAudio's own latency figure for our capture and playback streams (``RingStream.latency``),
  which follows the block size (PortAudio keeps two blocks on PulseAudio's ALSA plugin);
- what waited in each ring when a read began (mean after the first 3 s; a read takes a PJSIP frame of 20 ms from the
  microphone's ring, a device block from the speaker's), and the rings' cushion at the end;
- the audible breaks: underruns of each ring, PortAudio's own over/underflow flags, and late
  frames, read when the probe stops (its analysis, pure Python, holds the interpreter long enough
  to starve the port afterwards);
- the round trip added: ours minus the device loop minus PJSIP's floor (median of the bursts).

A configuration is ``BLOCK_MS:CUSHION_MS`` (the stream block and the rings' starting cushion);
without arguments, the program's defaults and one step either way of each.

VALUE: the added round trip with the program's defaults. FLOOR: PJSIP's own round trip. Goal (the
issue's, as ``audio_path.py``): added <= 40 ms.

    .venv/bin/python bench/audio_buffers.py [10:10 5:10 ...]   # CALLLIST_BENCH_SECONDS=30 by default
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import audio_path  # noqa: E402  (same directory: its probe, call and floor)
from _support import report  # noqa: E402

from calllist_desktop.telephony.audio import call_audio  # noqa: E402
from tests.voice_fixtures import start_pulseaudio, stop_process, stop_pulseaudio  # noqa: E402

SECONDS = float(os.environ.get("CALLLIST_BENCH_SECONDS", "30"))
DEFAULT = f"{call_audio.STREAM_BLOCK * 1000:g}:{call_audio.CUSHION_START * 1000:g}"


class CountingProbe(audio_path.Probe):
    """``audio_path``'s probe that calls ``when_stopped`` once, before it analyses what it heard."""

    def __init__(self, sd: Any, np: Any, device: int, when_stopped: Any) -> None:
        super().__init__(sd, np, device)
        self._when_stopped = when_stopped

    def arrivals(self, frequency: float) -> list[float]:
        if self._when_stopped is not None:
            self._when_stopped()
            self._when_stopped = None
        return super().arrivals(frequency)


def measure(sd: Any, np: Any, device: int, media: Any, block_ms: float, cushion_ms: float) -> dict[str, Any]:
    """One configuration: the call's audio path opened with it, the probe run, the counters."""
    from calllist_desktop.telephony.audio.call_audio import CallAudio
    from calllist_desktop.telephony.audio.devices import Kind
    from calllist_desktop.telephony.audio.settings import AudioSettings

    call_audio.STREAM_BLOCK, call_audio.CUSHION_START = block_ms / 1000, cushion_ms / 1000
    os.environ["PULSE_SOURCE"], os.environ["PULSE_SINK"] = "mic.monitor", "speaker"
    audio = CallAudio(AudioSettings(input_device="pulse", output_device="pulse"))
    audio.attach("bench", media)
    path = audio._path  # noqa: SLF001 - the benchmark looks inside on purpose
    streams = audio._streams  # noqa: SLF001
    assert path is not None and len(streams) == 2, audio.audio_status()
    rate = path.rate
    counted: dict[str, Any] = {}
    time.sleep(3.0)  # the devices' start (PulseAudio's playback stalls ~1.5 s) is not the steady state
    begun = [(ring.reads, ring.fill_read) for ring in (path.mic, path.speaker)]

    def waiting(ring: Any, reads: int, fill_read: int) -> float:
        return (ring.fill_read - fill_read) / max(1, ring.reads - reads) * 1000 / rate

    def count() -> None:
        counted["frames"] = audio.frame_stats()
        counted["underruns"] = (path.mic.underruns, path.speaker.underruns)
        counted["waiting"] = tuple(
            waiting(ring, *at) for ring, at in zip((path.mic, path.speaker), begun, strict=True)
        )
        counted["cushion"] = (path.mic.cushion * 1000 / rate, path.speaker.cushion * 1000 / rate)
        counted["xruns"] = sum(stream.xruns for stream in streams.values())

    os.environ["PULSE_SOURCE"], os.environ["PULSE_SINK"] = "speaker.monitor", "mic"
    trips = CountingProbe(sd, np, device, count).run(SECONDS)
    counted["latency"] = (streams[Kind.INPUT].latency * 1000, streams[Kind.OUTPUT].latency * 1000)
    counted["trips"] = trips
    audio.detach("bench")
    time.sleep(0.3)
    audio.close()
    return counted


def main() -> None:
    configurations = sys.argv[1:] or [DEFAULT, "5:10", "20:10", "10:5", "10:20"]
    folder = Path(tempfile.mkdtemp(prefix="calllist-bench-buffers-"))
    pulse = start_pulseaudio(folder / "pulse")
    os.environ.update(pulse.environment)
    os.environ["PULSE_SOURCE"], os.environ["PULSE_SINK"] = "mic.monitor", "mic"
    echo, port = audio_path.start_echo(folder)
    results = []
    try:
        import numpy as np
        import pjsua2 as pj
        import sounddevice as sd

        from calllist_desktop.telephony import pj_endpoint

        device = next(index for index, info in enumerate(sd.query_devices()) if info["name"] == "pulse")
        loop = statistics.median(audio_path.Probe(sd, np, device).run(6.0)) * 1000
        account, call, media = audio_path.make_call(pj, port)
        floor = statistics.median(audio_path.floor_round_trips(pj, media, folder, 8.0)) * 1000
        print(
            f"audio_buffers: {SECONDS:.0f} s each, idle; device loop {loop:.1f} ms, PJSIP floor {floor:.1f} ms"
        )
        print("block:cushion ms | PortAudio in/out ms | waiting mic/speaker ms | cushion at end | "
              "underruns mic/speaker, xruns, late | added median (min-max, bursts)")  # fmt: skip
        for configuration in configurations:
            block_ms, cushion_ms = (float(part) for part in configuration.split(":"))
            counted = measure(sd, np, device, media, block_ms, cushion_ms)
            trips = [trip * 1000 - loop - floor for trip in counted["trips"]]
            added = statistics.median(trips) if trips else float("nan")
            results.append((configuration, added))
            print(f"{configuration:>16} | {counted['latency'][0]:.0f} / {counted['latency'][1]:.0f} | "
                  f"{counted['waiting'][0]:.1f} / {counted['waiting'][1]:.1f} | "
                  f"{counted['cushion'][0]:.0f} / {counted['cushion'][1]:.0f} | "
                  f"{counted['underruns'][0]} / {counted['underruns'][1]}, {counted['xruns']}, "
                  f"{counted['frames'].late} | {added:.1f} ({min(trips, default=0):.1f}-{max(trips, default=0):.1f}, "
                  f"{len(trips)})", flush=True)  # fmt: skip
        call.hangup(pj.CallOpParam(True))
        time.sleep(0.3)
        del call, account, media
        pj_endpoint.shutdown()
    finally:
        stop_process(echo)
        stop_pulseaudio(pulse)
        shutil.rmtree(folder, ignore_errors=True)

    added = dict(results).get(configurations[0], float("nan"))
    report("audio_buffers", floor + added, floor, "ms", (floor + audio_path.ADDED_GOAL_MS) / floor,
           goal=f"idle, {configurations[0]}: added round trip <= {audio_path.ADDED_GOAL_MS:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
