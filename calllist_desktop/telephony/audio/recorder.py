"""Call recording (通話録音): both sides of a call in one stereo WAV, written off the audio thread.

The operator (what the customer hears from us, after mute and gain) is the left channel, the
customer (what PJSIP received) the right one. PJSIP's clock thread only hands each 20 ms frame
pair to :meth:`CallRecording.push`, which queues it; a writer thread of its own opens the file,
interleaves and writes. A folder that cannot be created, a file that cannot be opened, a full disk
or a writer that falls far behind never reaches the call: the recording stops, and the
:class:`RecordingResult` says why (``error``) next to what was kept (``path``, ``seconds``).

Python's ``wave`` rewrites the header after every write, so a file cut short by a crash or a full
disk is still a valid WAV of what it holds.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import queue
import re
import threading
import wave
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import numpy as np

log = logging.getLogger(__name__)

WRITE_FRAMES = 25  # frames (20 ms each) per write
MAX_BACKLOG_FRAMES = 3000  # 60 s of 20 ms frames waiting for a slow disk before the recording gives up
_STOP = None


class RecordingResult(NamedTuple):
    """How the recording of one call went. ``path`` is None when nothing was kept."""

    call_id: str
    path: str | None
    seconds: float
    error: str | None


def recording_path(folder: Path, call_id: str, started: datetime, label: str = "") -> Path:
    """Where a call's recording goes: a month's folder, the start time, the number and the call id."""
    safe_id = re.sub(r"[^0-9A-Za-z_-]+", "", call_id)[:40] or "call"
    safe_label = re.sub(r"[^0-9A-Za-z+_-]+", "", label)[:32]
    stem = f"{started:%Y%m%d-%H%M%S}" + (f"_{safe_label}" if safe_label else "") + f"_{safe_id}"
    return folder / f"{started:%Y-%m}" / f"{stem}.wav"


def describe_os_error(exc: OSError, path: Path) -> str:
    """Why a recording could not be written, in words an operator's manager can act on."""
    if exc.errno == errno.ENOSPC:
        return f"disk full: {path.parent}"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"recordings folder not writable: {path.parent}"
    if exc.errno == errno.ENOENT:
        return f"recordings folder does not exist: {path.parent}"
    return f"cannot write {path}: {exc.strerror or exc}"


class CallRecording:
    """One call's recording in progress. :meth:`push` from the clock thread, :meth:`finish` once.

    ``on_done`` is called once, on the writer thread, with the result when the file is closed.
    """

    def __init__(
        self, call_id: str, path: Path, rate: int, on_done: Callable[[RecordingResult], None] | None = None
    ) -> None:
        self.call_id = call_id
        self.path = path
        self.rate = rate
        self._on_done = on_done
        self._queue: queue.SimpleQueue[tuple[bytes, bytes] | None] = queue.SimpleQueue()
        self._backlog = 0
        self._backlog_lock = threading.Lock()
        self._failed = threading.Event()
        self._error: str | None = None
        self._frames_written = 0
        self._finished = False
        self._done = threading.Event()
        self.result: RecordingResult | None = None
        self._thread = threading.Thread(target=self._run, name=f"recording-{call_id}", daemon=True)
        self._thread.start()

    @property
    def failed(self) -> bool:
        return self._failed.is_set()

    def push(self, operator: bytes, customer: bytes) -> None:
        """Queue one frame of each side (16-bit mono, same length); never blocks."""
        if self._finished or self._failed.is_set():
            return
        with self._backlog_lock:
            if self._backlog >= MAX_BACKLOG_FRAMES:
                self._fail("the recording could not keep up with the call (disk too slow)")
                return
            self._backlog += 1
        self._queue.put((operator, customer))

    def finish(self) -> None:
        """No more frames: the writer closes the file and reports. Returns at once."""
        if not self._finished:
            self._finished = True
            self._queue.put(_STOP)

    def wait(self, timeout: float | None = None) -> RecordingResult | None:
        """The result once the file is closed (None if not within ``timeout``)."""
        self._done.wait(timeout)
        return self.result

    def _fail(self, reason: str) -> None:
        if not self._failed.is_set():
            self._error = reason
            self._failed.set()
            log.warning("recording of call %s stopped: %s", self.call_id, reason)

    def _run(self) -> None:
        writer: wave.Wave_write | None = None
        try:
            writer = self._open()
            while True:
                item = self._queue.get()
                batch = [item]
                while item is not _STOP:  # take whatever else is waiting: one write per wake
                    try:
                        item = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    batch.append(item)
                frames = [pair for pair in batch if pair is not None]
                with self._backlog_lock:
                    self._backlog -= len(frames)
                if writer is not None and frames and not self._failed.is_set():
                    writer = self._write(writer, frames)
                if batch[-1] is _STOP:
                    break
        finally:
            if writer is not None:
                try:
                    writer.close()
                except OSError as exc:
                    self._fail(describe_os_error(exc, self.path))
            self._report()

    def _open(self) -> wave.Wave_write | None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self._free_path(), "xb"):  # claims the name: two calls in one second get two files
                pass
            writer = wave.open(str(self.path), "wb")  # noqa: SIM115 - closed by _run when the call ends
            writer.setnchannels(2)
            writer.setsampwidth(2)
            writer.setframerate(self.rate)
        except OSError as exc:
            self._fail(describe_os_error(exc, self.path))
            return None
        return writer

    def _free_path(self) -> Path:
        candidate = self.path
        number = 1
        while candidate.exists():
            number += 1
            candidate = self.path.with_name(f"{self.path.stem}-{number}{self.path.suffix}")
        self.path = candidate
        return candidate

    def _write(self, writer: wave.Wave_write, frames: list[tuple[bytes, bytes]]) -> wave.Wave_write | None:
        """Interleave and write ``frames``, half a second at a time: on a full disk what fit is kept."""
        for start in range(0, len(frames), WRITE_FRAMES):
            chunk = frames[start : start + WRITE_FRAMES]
            count = sum(min(len(left), len(right)) // 2 for left, right in chunk)
            stereo = np.empty((count, 2), dtype="<i2")
            position = 0
            for left, right in chunk:
                length = min(len(left), len(right)) // 2
                stereo[position : position + length, 0] = np.frombuffer(left, dtype="<i2", count=length)
                stereo[position : position + length, 1] = np.frombuffer(right, dtype="<i2", count=length)
                position += length
            try:
                writer.writeframes(stereo.tobytes())
            except OSError as exc:
                self._fail(describe_os_error(exc, self.path))
                with contextlib.suppress(OSError):
                    writer.close()
                return None
            self._frames_written += count
        return writer

    def _report(self) -> None:
        seconds = self._frames_written / self.rate if self.rate else 0.0
        kept = self.path if self._frames_written and self.path.exists() else None
        if kept is None and self.path.exists():
            with contextlib.suppress(OSError):
                os.unlink(self.path)  # a file without a frame (a failed start) helps no one
        self.result = RecordingResult(self.call_id, str(kept) if kept else None, round(seconds, 3), self._error)
        self._done.set()
        if self._on_done is not None:
            try:
                self._on_done(self.result)
            except Exception:  # noqa: BLE001 - a failing listener must not hide the result
                log.exception("recording listener failed")
