"""The pipe between the window (or the CLI) and its phone process: whole messages, in order.

A message is any picklable value, framed as a 4-byte length and the pickle. Both ends are ours
and the pipe is private to the two processes (the child's standard input and a copy of its
standard output), so pickle carries the line's own event and settings types as they are.

What travels (tuples, first item the kind):

- to the phone: ``("start", PhoneSpec)`` once; ``("call", seq, target, method, args)`` answered by
  a ``reply``; ``("cast", target, method, args)`` answered by nothing; ``("stop", seq)``.
- from the phone: ``("info", PhoneInfo)`` before the line starts and whenever it changes;
  ``("start_failed", reason)`` when the line cannot start; ``("reply", seq, ok, value)`` (``value`` is the error text when not ``ok``); ``("event",
  LineEvent)``; ``("recording", RecordingResult)``; ``("audio", AudioSnapshot)`` a few times a
  second during a call; ``("log", name,
  level, text)`` for the window's log file.
"""

from __future__ import annotations

import contextlib
import logging
import pickle
import struct
import threading
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from calllist_desktop.core.i18n import Language
    from calllist_desktop.telephony.account import SipAccount
    from calllist_desktop.telephony.audio.settings import AudioSettings, RecordingSettings

_HEADER = struct.Struct("<I")
MAX_MESSAGE = 16 * 1024 * 1024  # far above any message; a bigger length means a broken pipe


class PipeClosed(Exception):
    """The other end has gone (it exited, crashed, or closed the pipe)."""


class Sender:
    """Writes whole messages to ``stream`` from any thread."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, message: Any) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            try:
                self._stream.write(_HEADER.pack(len(data)) + data)
                self._stream.flush()
            except (OSError, ValueError) as exc:  # ValueError: the stream was closed here
                raise PipeClosed(str(exc) or type(exc).__name__) from None

    def close(self) -> None:
        with self._lock, contextlib.suppress(OSError):
            self._stream.close()


def receive(stream: IO[bytes]) -> Any:
    """The next message; :class:`PipeClosed` at the end of the stream."""
    header = _read_exactly(stream, _HEADER.size)
    (length,) = _HEADER.unpack(header)
    if length > MAX_MESSAGE:
        raise PipeClosed(f"a message of {length} bytes: the pipe is out of step")
    return pickle.loads(_read_exactly(stream, length))


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    parts: list[bytes] = []
    left = size
    while left > 0:
        try:
            chunk = stream.read(left)
        except (OSError, ValueError) as exc:
            raise PipeClosed(str(exc) or type(exc).__name__) from None
        if not chunk:
            raise PipeClosed("the other end closed the pipe")
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


@dataclass(frozen=True)
class PhoneSpec:
    """What the phone process needs to make its line: everything read in the window's process
    (the account, its password from the keyring, this computer's audio choices), so the phone
    process reads no settings of its own and a test's settings reach it."""

    account: SipAccount
    password: str = ""
    listen_port: int | None = None
    audio: AudioSettings | None = None  # None: the line has no audio path ("no audio")
    recording: RecordingSettings | None = None
    log_level: int = logging.INFO  # the least level of the phone's log records sent to the window
    call_ids: str = "sip-"  # how call ids begin (see SipLine)
    language: Language = "ja"  # the window's: the line's reasons are shown as they come


@dataclass(frozen=True)
class PhoneInfo:
    """What the window knows of the phone's line beyond its events."""

    can_mute: bool = False
    audio_problem: str = ""
    audio_available: bool = False
    audio_text: str = ""
