"""The SIP line as the window and the CLI hold it: a :class:`Line` whose calls run in a phone process.

Why a process: the audio path is Python on PJSIP's 20 ms clock, and in the window's process every
frame waited for the interpreter lock behind the window's own work (see
:mod:`calllist_desktop.telephony.phone_host`). :class:`ProcessLine` starts that process with
:meth:`start`, hands it the account, the password and the audio choices
(:class:`~calllist_desktop.telephony.phone_pipe.PhoneSpec`), and from then on behaves as the SIP
line it drives: the same commands, raising the same :class:`LineError`, and the same events, one
listener call at a time, in the order the line emitted them.

Threads here: a reader per process (replies, events, the call card's audio readings) and one
event thread that calls the listeners, so a listener may call the line back (auto-call dials from
its listener) while the reader goes on reading the answer.

When the phone process ends by itself (a crash in PJSIP, killed from outside), every call in
progress ends ``failed`` with the reason, registration fails with it, and the process is started
again after :data:`RESTART_DELAY` — at most :data:`MAX_RESTARTS` times in :data:`RESTART_WINDOW`,
then the line stays failed and says so. The window itself never goes down with the phone.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from calllist_desktop.core.i18n import Language, current_language, in_language
from calllist_desktop.core.line import (
    CallEnded,
    CallInfo,
    IncomingCall,
    Line,
    LineError,
    LineEvent,
    Registration,
    RegistrationChanged,
)
from calllist_desktop.core.listeners import Listeners
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.telephony.audio.status import (
    AudioSnapshot,
    AudioState,
    AudioStatus,
    FrameStats,
    Level,
    Levels,
)
from calllist_desktop.telephony.phone_pipe import PhoneInfo, PhoneSpec, PipeClosed, Sender, receive

if TYPE_CHECKING:
    from calllist_desktop.telephony.account import SipAccount
    from calllist_desktop.telephony.audio.recorder import RecordingResult
    from calllist_desktop.telephony.audio.settings import AudioSettings, RecordingSettings

log = logging.getLogger(__name__)

PHONE_PROCESS_FLAG = "--phone-process"  # the packaged program runs the phone process when given this
COMMAND_TIMEOUT = 8.0  # a command waits this long for the phone (the SIP line's own waits are 5 s)
STOP_TIMEOUT = 12.0  # hang-ups, un-REGISTER and closing recordings (the SIP line gives up at 8 s)
EXIT_WAIT = 3.0  # after the stop, for the process to end before it is killed
RESTART_DELAY = 1.0
MAX_RESTARTS = 3
RESTART_WINDOW = 300.0


def phone_command() -> list[str]:
    """How to start the phone process: this interpreter with the host module, or the packaged
    program itself (PyInstaller's executable has no ``-m``) with :data:`PHONE_PROCESS_FLAG`."""
    if getattr(sys, "frozen", False):
        return [sys.executable, PHONE_PROCESS_FLAG]
    return [sys.executable, "-m", "calllist_desktop.telephony.phone_host"]


class ProcessLine(Line):
    """A SIP line run by a phone process (see the module notes). ``audio`` None: no audio path."""

    name = "sip"
    is_demo = False

    def __init__(
        self,
        account: SipAccount,
        password: str = "",
        *,
        listen_port: int | None = None,
        audio: AudioSettings | None = None,
        recording: RecordingSettings | None = None,
    ) -> None:
        super().__init__()
        self.account = account
        self._spec = PhoneSpec(account, password, listen_port, audio, recording)
        self.audio: RemoteAudio | None = RemoteAudio(self, recording) if audio is not None else None
        self.can_mute = audio is not None and audio.use_devices  # until the phone says
        self._info = PhoneInfo(can_mute=self.can_mute)
        self._state_lock = threading.Lock()
        self._registration = Registration.OFFLINE
        self._detail = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._sender: Sender | None = None
        self._generation = 0
        self._stopping = False
        self._restarts: list[float] = []
        self._sequence = itertools.count(1)
        self._pending: dict[int, tuple[str, tuple[Any, ...], Future[Any]]] = {}  # seq: method, args, answer
        self._live: dict[str, CallInfo] = {}  # calls the phone has not ended yet
        self._ended: set[str] = set()
        self._events: queue.Queue[tuple[str, Any] | None] = queue.Queue()
        self._event_thread: threading.Thread | None = None

    def describe(self) -> str:
        return f"SIP {self.account.user}@{self.account.registrar}"

    def set_language(self, language: Language) -> None:
        """The running phone words its texts in ``language`` from now on (a restarted one starts so)."""
        self.cast("phone", "language", language)

    def __repr__(self) -> str:
        return f"<ProcessLine {self.account.user}@{self.account.registrar} {self.registration.value}>"

    @property
    def registration(self) -> Registration:
        with self._state_lock:
            return self._registration

    @property
    def registration_detail(self) -> str:
        with self._state_lock:
            return self._detail

    @property
    def audio_problem(self) -> str:
        return self._info.audio_problem

    @property
    def process_id(self) -> int | None:
        """The phone process's id while it runs (tests, diagnostics)."""
        process = self._process
        return process.pid if process is not None else None

    # -- life cycle ------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the phone process; registration follows as events. Returns at once.

        :class:`LineError` when the account is unusable or the process cannot be started; what
        goes wrong inside it (a transport that cannot bind) is a failed registration with the reason.
        """
        with self._state_lock:
            if self._process is not None:
                return
        problems = self.account.validate()
        if problems:
            raise LineError("; ".join(str(problem) for problem in problems))
        self._stopping = False
        self._restarts.clear()
        if self._event_thread is None:
            self._event_thread = threading.Thread(
                target=self._deliver_events, name="phone-events", daemon=True
            )
            self._event_thread.start()
        self._spawn()

    def _spawn(self) -> None:
        with self._state_lock:
            self._generation += 1
            generation = self._generation
        spec = replace(  # the recording switch as it is now (set before the start or since)
            self._spec,
            call_ids="sip-" if generation == 1 else f"sip-{generation}.",  # never an id seen before
            recording=self.audio.recording_settings if self.audio is not None else None,
            log_level=max(logging.INFO, logging.getLogger("calllist_desktop").getEffectiveLevel()),
            language=current_language(),
        )
        try:
            process = subprocess.Popen(
                phone_command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=None if sys.stderr is not None else subprocess.DEVNULL,  # a windowed program has none
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console window on Windows
            )
        except OSError as exc:
            raise LineError(
                in_language(f"電話の処理を開始できません: {exc}", f"cannot start the phone process: {exc}")
            ) from None
        assert process.stdin is not None and process.stdout is not None
        sender = Sender(process.stdin)
        with self._state_lock:
            self._process, self._sender = process, sender
            self._ended.clear()
        self._queue_event(RegistrationChanged(Registration.REGISTERING, self.account.registrar))
        with contextlib.suppress(PipeClosed):  # the reader sees the process gone and says so
            sender.send(("start", spec))
        threading.Thread(
            target=self._read, args=(process, generation), name=f"phone-reader-{generation}", daemon=True
        ).start()

    def stop(self) -> None:
        """Hang up every call, unregister, end the phone process; bounded in time, never hangs."""
        with self._state_lock:
            process, sender = self._process, self._sender
            self._stopping = True
        if process is not None and sender is not None:
            self._end_process(process, sender)
        self._queue_event(None)  # the event thread ends once it has delivered the rest
        thread, self._event_thread = self._event_thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(EXIT_WAIT)
        if self.registration is not Registration.OFFLINE:
            self._note_and_emit(RegistrationChanged(Registration.OFFLINE))

    def _end_process(self, process: subprocess.Popen[bytes], sender: Sender) -> None:
        try:
            self._ask(sender, ("stop",), STOP_TIMEOUT)
        except LineError as exc:
            log.warning("the phone did not stop cleanly: %s", exc)
        sender.close()  # the phone process ends with its pipe
        try:
            process.wait(EXIT_WAIT)
        except subprocess.TimeoutExpired:
            log.warning("the phone process did not end: killed")
            process.kill()
            process.wait()
        with self._state_lock:
            self._process = self._sender = None

    # -- commands --------------------------------------------------------------------------------

    def dial(self, target: str) -> str:
        state = self.registration
        if state is not Registration.REGISTERED:  # as the SIP line says it, without asking the phone
            raise LineError(f"the SIP line is not ready to call (it is {state.value})")
        call_id: str = self._line_command("dial", target)
        return call_id

    def hang_up(self, call_id: str) -> None:
        self._line_command("hang_up", call_id)

    def answer(self, call_id: str) -> None:
        self._line_command("answer", call_id)

    def decline(self, call_id: str) -> None:
        self._line_command("decline", call_id)

    def send_dtmf(self, call_id: str, digits: str) -> None:
        self._line_command("send_dtmf", call_id, digits)

    def set_mute(self, call_id: str, muted: bool) -> None:
        self._line_command("set_mute", call_id, muted)
        if self.audio is not None:  # the card shows it now, not at the next reading
            self.audio.note_mute(call_id, muted)

    def set_hold(self, call_id: str, held: bool) -> None:
        self._line_command("set_hold", call_id, held)

    def calls(self) -> list[CallInfo]:
        """The calls the phone has not ended yet, oldest first (as far as this side knows them)."""
        with self._state_lock:
            return list(self._live.values())

    def _line_command(self, method: str, *args: Any) -> Any:
        return self.request("line", method, *args)

    def request(self, target: str, method: str, *args: Any, timeout: float = COMMAND_TIMEOUT) -> Any:
        """Run ``target.method(*args)`` in the phone process and return its value."""
        with self._state_lock:
            sender = self._sender
        if sender is None:
            raise LineError(in_language("SIP 回線は動いていません", "the SIP line is not running"))
        return self._ask(sender, ("call", target, method, args), timeout)

    def cast(self, target: str, method: str, *args: Any) -> None:
        """Tell the phone process ``target.method(*args)`` without waiting; nothing when it is not running."""
        with self._state_lock:
            sender = self._sender
        if sender is not None:
            with contextlib.suppress(PipeClosed):
                sender.send(("cast", target, method, args))

    def _ask(self, sender: Sender, message: tuple[Any, ...], timeout: float) -> Any:
        seq = next(self._sequence)
        done: Future[Any] = Future()
        what = str(message[2]) if message[0] == "call" else str(message[0])
        with self._state_lock:
            self._pending[seq] = (what, tuple(message[3]) if message[0] == "call" else (), done)
        try:
            sender.send((message[0], seq, *message[1:]))
            return done.result(timeout)
        except PipeClosed:
            raise LineError(self._gone_text()) from None
        except TimeoutError:
            raise LineError(
                in_language(
                    f"{what}: 電話の処理が応答しません", f"cannot {what}: the phone process did not answer"
                )
            ) from None
        finally:
            with self._state_lock:
                self._pending.pop(seq, None)

    # -- what comes back -------------------------------------------------------------------------

    def _read(self, process: subprocess.Popen[bytes], generation: int) -> None:
        assert process.stdout is not None
        while True:
            try:
                message = receive(process.stdout)
            except PipeClosed:
                break
            except Exception:  # noqa: BLE001 - a message that cannot be read is lost, not the phone
                log.exception("a message from the phone process could not be read")
                continue
            try:
                self._handle(message)
            except Exception:  # noqa: BLE001 - one bad message must not stop the reading
                log.exception("a message from the phone process could not be handled")
        self._process_gone(process, generation)

    def _handle(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "reply":
            _, seq, ok, value = message
            with self._state_lock:
                pending = self._pending.get(seq)
                if ok and pending is not None and pending[0] == "dial" and value not in self._ended:
                    # Known before its first event: it is ended too if the phone dies.
                    self._live[value] = CallInfo(value, Direction.OUTBOUND, str(pending[1][0]).strip())
            if pending is not None:
                if ok:
                    pending[2].set_result(value)
                else:
                    pending[2].set_exception(LineError(value))
        elif kind == "event":
            event = message[1]
            with self._state_lock:
                if isinstance(event, IncomingCall):
                    self._live[event.call_id] = CallInfo(event.call_id, Direction.INBOUND, event.remote)
                elif isinstance(event, CallEnded):
                    self._live.pop(event.call_id, None)
                    self._ended.add(event.call_id)
            self._queue_event(event)
        elif kind == "recording":
            self._events.put(("recording", message[1]))
        elif kind == "audio":
            if self.audio is not None:
                self.audio.note_snapshot(message[1])
        elif kind == "info":
            info: PhoneInfo = message[1]
            self._info = info
            self.can_mute = info.can_mute
        elif kind == "start_failed":
            self._queue_event(RegistrationChanged(Registration.FAILED, message[1]))
        elif kind == "log":
            _, name, level, text = message
            logging.getLogger(name).log(level, "%s", text)

    def _process_gone(self, process: subprocess.Popen[bytes], generation: int) -> None:
        """The pipe closed: after a stop, as asked; otherwise the phone died (see the module notes)."""
        with self._state_lock:
            pending = list(self._pending.values())
            current = generation == self._generation and not self._stopping
            live = list(self._live) if current else []
            if current:
                self._live.clear()
        for _, _, done in pending:
            if not done.done():
                done.set_exception(LineError(self._gone_text()))
        if not current:
            return
        try:
            code = process.wait(EXIT_WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        log.error("the phone process ended by itself (exit code %s)", code)
        reason = in_language(
            f"電話の処理が止まりました (終了コード {code})", f"the phone process stopped (exit code {code})"
        )
        for call_id in live:
            self._queue_event(CallEnded(call_id, Outcome.FAILED, None, reason))
        now = time.monotonic()
        self._restarts = [when for when in self._restarts if now - when < RESTART_WINDOW]
        if len(self._restarts) >= MAX_RESTARTS:
            reason += in_language(
                "。再起動を繰り返したため止めています", "; it kept stopping, so it is not started again"
            )
            self._queue_event(RegistrationChanged(Registration.FAILED, reason))
            with self._state_lock:
                self._process = self._sender = None
            return
        self._restarts.append(now)
        self._queue_event(RegistrationChanged(Registration.FAILED, reason))
        timer = threading.Timer(RESTART_DELAY, lambda: self._restart(generation))
        timer.daemon = True
        timer.start()

    def _restart(self, generation: int) -> None:
        with self._state_lock:
            if self._stopping or generation != self._generation:
                return
        try:
            self._spawn()
        except LineError as exc:
            self._queue_event(RegistrationChanged(Registration.FAILED, str(exc)))

    def _gone_text(self) -> str:
        return in_language("電話の処理が止まっています", "the phone process has stopped")

    def _queue_event(self, event: LineEvent | None) -> None:
        self._events.put(None if event is None else ("event", event))

    def _deliver_events(self) -> None:
        while True:
            item = self._events.get()
            try:
                if item is None:
                    return
                kind, value = item
                if kind == "event":
                    self._note_and_emit(value)
                elif kind == "recording" and self.audio is not None:
                    self.audio.deliver(value)
            except Exception:  # noqa: BLE001 - a failing listener must not stop the others' events
                log.exception("a phone event could not be delivered")
            finally:
                self._events.task_done()

    def _note_and_emit(self, event: LineEvent) -> None:
        if isinstance(event, RegistrationChanged):
            with self._state_lock:
                self._registration, self._detail = event.state, event.detail
        self.emit(event)

    def wait_for_events(self) -> None:
        """Return once every event and recording received so far has been delivered."""
        if threading.current_thread() is not self._event_thread and self._event_thread is not None:
            self._events.join()


_SILENT = Levels(Level(), Level())


class RemoteAudio:
    """The phone process's audio path as the window sees it (:class:`~.call_audio.PhoneAudio`).

    Levels, devices, mute and recording state are the phone's latest reading (sent every
    :data:`~calllist_desktop.telephony.phone_host.PUSH_SECONDS` during a call), so the call card
    reads them without waiting; changes are sent to the phone without waiting either.
    """

    def __init__(self, line: ProcessLine, recording: RecordingSettings | None) -> None:
        self._line = line
        self._snapshot = AudioSnapshot(_SILENT, AudioStatus(AudioState.IDLE), frozenset(), frozenset())
        self._listeners: Listeners[RecordingResult] = Listeners("recording listener")
        self._recording = recording

    @property
    def available(self) -> bool:
        return self._line._info.audio_available

    @property
    def status(self) -> str:
        return self._line._info.audio_text

    @property
    def recording_settings(self) -> RecordingSettings | None:
        return self._recording

    def levels(self) -> Levels:
        return self._snapshot.levels

    def audio_status(self) -> AudioStatus:
        return self._snapshot.status

    def is_muted(self, call_id: str) -> bool:
        return call_id in self._snapshot.muted

    def is_recording(self, call_id: str) -> bool:
        return call_id in self._snapshot.recording

    def configure(self, settings: AudioSettings) -> None:
        """New devices from the next call, volume and gain at once (as ``CallAudio.configure``)."""
        self._line.cast("audio", "configure", settings)

    def set_recording(self, recording: RecordingSettings) -> None:
        self._recording = recording
        self._line.cast("audio", "set_recording", recording)

    def label_call(self, call_id: str, label: str) -> None:
        self._line.cast("audio", "label_call", call_id, label)

    def add_recording_listener(self, listener: Callable[[RecordingResult], None]) -> None:
        self._listeners.add(listener)

    def remove_recording_listener(self, listener: Callable[[RecordingResult], None]) -> None:
        self._listeners.remove(listener)

    def wait_for_recordings(self, timeout: float = 10.0) -> bool:
        """Wait until every ended call's recording is closed and its listeners have heard of it."""
        try:
            done = bool(self._line.request("audio", "wait_for_recordings", timeout, timeout=timeout + 1))
        except LineError:
            done = True  # no phone process: what it had finished has been received already
        self._line.wait_for_events()
        return done

    def frame_stats(self) -> FrameStats:
        """How regularly PJSIP's clock reached the ports of the calls attached now (tests, benchmarks)."""
        stats: FrameStats = self._line.request("audio", "frame_stats")
        return stats

    def late_frames(self) -> int:
        late: int = self._line.request("audio", "late_frames")
        return late

    def underruns(self) -> int:
        count: int = self._line.request("audio", "underruns")
        return count

    # -- from the phone ----------------------------------------------------------------------

    def note_snapshot(self, snapshot: AudioSnapshot) -> None:
        self._snapshot = snapshot

    def note_mute(self, call_id: str, muted: bool) -> None:
        snapshot = self._snapshot
        muted_now = snapshot.muted | {call_id} if muted else snapshot.muted - {call_id}
        self._snapshot = snapshot._replace(muted=frozenset(muted_now))

    def deliver(self, result: RecordingResult) -> None:
        self._listeners.tell(result)
