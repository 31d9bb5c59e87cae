"""The phone process: the SIP line and its audio path, in a process of their own.

PJSIP asks the audio path for a 20 ms frame on its clock, and the audio path is Python: in the
window's process every frame waited for the interpreter lock behind whatever the window did (a
text filter over 200,000 contacts holds it 33–42 ms, an import's garbage collection longer), and
frames came late under a working day's load (``bench/audio_path.py``). Here the only Python is the
line's own, so frames keep time; the window (or the CLI) drives this process through
:class:`~calllist_desktop.telephony.phone_process.ProcessLine` over the pipe of
:mod:`~calllist_desktop.telephony.phone_pipe`.

The process lives as long as its pipe: when the window closes the pipe (or dies), the line hangs
up, unregisters and the process ends. Its log records go to the window's log.

Run as ``python -m calllist_desktop.telephony.phone_host`` (the packaged program: its own
executable with ``--phone-process``); it reads the pipe on standard input and writes on standard
output, which it keeps to itself (anything else printed goes to standard error).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import IO, TYPE_CHECKING, Any

from calllist_desktop.core.i18n import set_language
from calllist_desktop.core.line import CallEnded, LineError, LineEvent
from calllist_desktop.telephony.phone_pipe import PhoneInfo, PhoneSpec, PipeClosed, Sender, receive

if TYPE_CHECKING:
    from calllist_desktop.telephony.audio.call_audio import CallAudio
    from calllist_desktop.telephony.sip import SipLine

log = logging.getLogger(__name__)

PUSH_SECONDS = 0.1  # how often the call card's levels and state are sent during a call
INFO_SECONDS = 2.0  # how often "which devices / no audio" is looked at again when idle
COMMAND_THREADS = 4  # commands that wait for PJSIP (answer, hold) must not hold up a hang-up
LINE_COMMANDS = frozenset({"dial", "hang_up", "answer", "decline", "send_dtmf", "set_mute", "set_hold"})
AUDIO_COMMANDS = frozenset(
    {
        "configure",
        "set_recording",
        "label_call",
        "wait_for_recordings",
        "frame_stats",
        "late_frames",
        "underruns",
        "set_volume",
        "set_gain",
    }
)


def build_line(spec: PhoneSpec) -> tuple[SipLine, CallAudio | None]:
    """The SIP line of ``spec``, with the audio path joined to its calls when it has one."""
    from calllist_desktop.telephony.sip import SipLine

    audio = None
    if spec.audio is not None:
        from calllist_desktop.telephony.audio.call_audio import CallAudio

        audio = CallAudio(spec.audio, spec.recording)  # made before the line: see call_audio.py
    line = SipLine(
        spec.account, spec.password, listen_port=spec.listen_port, audio=audio, call_ids=spec.call_ids
    )
    if audio is not None:  # the audio path rings for incoming calls and records from the answer
        line.add_listener(audio.on_line_event)
    return line, audio


class Host:
    """Serves one window: builds the line from the first message, then runs its commands."""

    def __init__(self, reader: IO[bytes], sender: Sender) -> None:
        self._reader = reader
        self._sender = sender
        self._line: SipLine | None = None
        self._audio: CallAudio | None = None
        self._done = threading.Event()
        self._info: PhoneInfo | None = None
        self._commands = ThreadPoolExecutor(COMMAND_THREADS, thread_name_prefix="phone-command")

    def run(self) -> int:
        try:
            kind, spec = receive(self._reader)
        except PipeClosed:
            return 1
        if kind != "start" or not isinstance(spec, PhoneSpec):
            return 2
        _send_logs_to(self._sender, spec.log_level)
        set_language(spec.language)
        line, audio = self._line, self._audio = build_line(spec)
        line.add_listener(self._on_event)
        if audio is not None:
            audio.add_recording_listener(lambda result: self._send(("recording", result)))
        self._send_info()  # before the line's first event: a window that sees it registered knows this too
        try:
            line.start()
        except LineError as exc:
            self._send(("start_failed", str(exc)))
        threading.Thread(target=self._push_audio, name="phone-push", daemon=True).start()
        try:
            self._serve()
        finally:
            self._shut_down()
        return 0

    def _serve(self) -> None:
        while True:
            try:
                message = receive(self._reader)
            except PipeClosed:
                log.info("the window has gone: the phone stops")
                return
            kind = message[0]
            if kind == "call":
                self._commands.submit(self._call, *message[1:])
            elif kind == "cast":
                try:
                    self._run(*message[1:])
                except Exception:  # noqa: BLE001 - nobody waits for a cast: logged, and the phone goes on
                    log.exception("phone message %s.%s failed", message[1], message[2])
            elif kind == "stop":
                self._shut_down()
                self._send(("reply", message[1], True, None))
                return

    def _call(self, seq: int, target: str, method: str, args: tuple[Any, ...]) -> None:
        try:
            value = self._run(target, method, args)
        except LineError as exc:
            self._send(("reply", seq, False, str(exc)))
        except Exception as exc:  # noqa: BLE001 - any failure is the caller's LineError, never this process's end
            log.exception("phone command %s.%s failed", target, method)
            self._send(("reply", seq, False, f"{method}: {exc}"))
        else:
            self._send(("reply", seq, True, value))

    def _run(self, target: str, method: str, args: tuple[Any, ...]) -> Any:
        if target == "phone" and method == "language":  # the window's language was switched
            set_language(args[0])
            self._send_info()  # the texts it holds (no sound: why) in the new words
            return None
        if target == "line" and method in LINE_COMMANDS and self._line is not None:
            return getattr(self._line, method)(*args)
        if target == "audio" and method in AUDIO_COMMANDS and self._audio is not None:
            return getattr(self._audio, method)(*args)
        raise LineError(f"the phone has no command {target}.{method}")

    def _on_event(self, event: LineEvent) -> None:
        self._send(("event", event))
        if isinstance(event, CallEnded) and self._audio is not None:
            self._commands.submit(self._between_calls)

    def _between_calls(self) -> None:
        """A headset plugged in since the last call is used from the next one."""
        if self._audio is not None and self._audio.refresh_devices():
            self._send_info()

    def _push_audio(self) -> None:
        """The call card's levels and state while a call has audio; the device state when idle."""
        audio = self._audio
        last = None
        idle_for = 0.0
        while audio is not None and not self._done.wait(PUSH_SECONDS):
            snapshot = audio.snapshot()
            if snapshot != last:
                self._send(("audio", snapshot))
                last = snapshot
            idle_for += PUSH_SECONDS
            if idle_for >= INFO_SECONDS:
                idle_for = 0.0
                self._send_info()

    def _send_info(self) -> None:
        line, audio = self._line, self._audio
        if line is None:
            return
        info = PhoneInfo(
            can_mute=line.can_mute,
            audio_problem=line.audio_problem,
            audio_available=audio is not None and audio.available,
            audio_text=audio.status if audio is not None else line.audio_problem,
        )
        if info != self._info:
            self._info = info
            self._send(("info", info))

    def _send(self, message: Any) -> None:
        with contextlib.suppress(PipeClosed):  # the window has gone; the serving loop ends on its own
            self._sender.send(message)

    def _shut_down(self) -> None:
        """Hang up, unregister, close the devices and let every recording finish (once)."""
        if self._done.is_set():
            return
        self._done.set()  # the pusher stops reading the audio path
        line, audio = self._line, self._audio
        if line is not None:
            line.stop()
        if audio is not None:
            audio.wait_for_recordings()
            audio.close()
        self._commands.shutdown(wait=False, cancel_futures=True)


class _PipeLogHandler(logging.Handler):
    """The phone's log records, to the window's log (its file, its console)."""

    def __init__(self, sender: Sender, level: int) -> None:
        super().__init__(level)
        self._sender = sender

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(PipeClosed):
            self._sender.send(("log", record.name, record.levelno, self.format(record)))


def _send_logs_to(sender: Sender, level: int) -> None:
    handler = _PipeLogHandler(sender, level)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)


def main() -> int:
    """The phone process's entry: the pipe on standard input and output (see the module notes)."""
    # By file descriptor: a windowed program (pythonw, the packaged one on Windows) may have no
    # sys.stdin/stdout/stderr objects even though the pipes are there.
    reader = os.fdopen(0, "rb")
    writer = os.fdopen(os.dup(1), "wb")
    quiet = sys.stderr.fileno() if sys.stderr is not None else os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)  # PJSIP prints before its log is ours: never into the pipe
    sys.stdout = sys.stderr
    code = Host(reader, Sender(writer)).run()
    if sys.stderr is not None:
        sys.stderr.flush()
    # The line is down and the recordings are closed; PJSIP's own teardown (libDestroy) would
    # only wait a second for calls that are already gone.
    os._exit(code)


if __name__ == "__main__":
    main()
