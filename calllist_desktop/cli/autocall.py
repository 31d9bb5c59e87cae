"""``calllist autocall``: the auto-call engine without a window (SPEC §5, §8).

Dials the acting user's targets of one list in list order on the demo line or the SIP line,
records every call in the store, and prints one line per call and per skipped target (one JSON
object each with ``--json``) and a summary. An answered call lasts until the far end hangs up or
``--max-talk`` passes. Ctrl+C stops the run: the current call is hung up and its row finished
before the program ends.

A run continues where the same person's last run over the list stopped (``core.resume``: after
their last call from it in the last few hours, or at it when that call was cut off), and says so
on stderr; ``--from-top`` starts at the top. While the store cannot be reached the run waits and
says so on stderr, and goes on by itself when it is back.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from calllist_desktop.cli.common import CliError, acting_user
from calllist_desktop.core.autocall import (
    AutoCall,
    AutoCallEvent,
    AutoCallOptions,
    CallCompleted,
    CallResult,
    PauseReason,
    Progress,
    ProgressChanged,
    RunEnded,
    RunState,
    SkipReason,
    TargetSkipped,
    WaitReason,
)
from calllist_desktop.core.campaign_rules import holiday_name
from calllist_desktop.core.i18n import current_language, in_language
from calllist_desktop.core.line import Line, Registration, RegistrationChanged, SerialScheduler
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.core.phone import format_national, national_digits
from calllist_desktop.core.placer import LineCallPlacer
from calllist_desktop.core.resume import ResumePoint
from calllist_desktop.store.store import Store

REGISTER_TIMEOUT = 15.0  # seconds to wait for the line before giving up
LINE_WAIT_LIMIT = 60.0  # seconds a run may wait for a line that is not ready before it stops
STOP_GRACE = 10.0  # seconds a stopped run gets to hang up and record its call
STORE_WAIT_LIMIT = 600.0  # seconds a run waits for a store that cannot be reached before it stops


def cmd_autocall(args: argparse.Namespace, store: Store) -> int:
    """The ``autocall`` command, as ``cli.main`` runs it."""
    return run_autocall(args, store, acting_user(args, store, "autocall"))


def run_autocall(args: argparse.Namespace, store: Store, user: str) -> int:
    """Run one auto-call over ``user``'s targets of ``args.list``; returns the exit code."""
    if not store.user(user).autocall_enabled:
        raise CliError(
            in_language(
                f"ユーザー「{user}」にはオートコールの権限がありません",
                f"user {user!r} is not allowed to auto-call (ask an admin to enable it)",
            )
        )
    call_list = store.list_by_name(args.list)
    targets = store.targets(call_list.id, assignee=user, include_excluded=False)
    phones = [target.phone for target in targets]
    store.close_interrupted_calls(user=user)  # rows a crashed run left open, and their claims
    point = store.resume_point(call_list.id, user) if args.resume else None
    from_index = point.index_in([target.position for target in targets]) if point is not None else 0
    line, dial_target = _open_line(args)
    printer = _Printer(as_json=args.json)
    if point is not None:
        printer.resumed(point, from_index, len(phones))
    done = threading.Event()
    summary: Counter[Outcome] = Counter()

    def listen(event: AutoCallEvent) -> None:
        if isinstance(event, CallCompleted):
            summary[event.result.outcome] += 1
            printer.call(event.result)
        elif isinstance(event, TargetSkipped):
            printer.skipped(event.phone, event.reason)
        elif isinstance(event, ProgressChanged):
            state = event.progress.state
            if state is RunState.WAITING and event.progress.wait_reason is WaitReason.STORE:
                if not store_since:  # once per outage, on stderr: stdout is the calls' record
                    store_since.append(time.monotonic())
                    printer.warn(_store_wait_text(event.progress.message))
                return
            if store_since:
                store_since.clear()
                printer.warn(
                    in_language("データに再び接続できました。続けます", "the store is back: the run goes on")
                )
            if state is RunState.PAUSED and event.progress.pause_reason is not None:
                # Nobody can press 再開 here: a pause the engine chose ends the run, with its reason.
                stopped_by.append(_pause_text(event.progress))
                engine.stop()
            elif state is RunState.WAITING:
                if not waiting_since:
                    waiting_since.append(time.monotonic())
            else:
                waiting_since.clear()
        elif isinstance(event, RunEnded):
            done.set()

    stopped_by: list[str] = []
    waiting_since: list[float] = []  # since when the line has not been ready
    store_since: list[float] = []  # since when the store has not been reachable
    scheduler = SerialScheduler("autocall")
    placer = LineCallPlacer(line, store, user, dial_target, scheduler=scheduler)
    _follow_recordings(line, store, placer)
    engine = AutoCall(
        user=user,
        list_id=call_list.id,
        phones=phones,
        claims=store,
        placer=placer,
        scheduler=scheduler,
        listener=listen,
        options=AutoCallOptions(wrap_up=args.wrap_up, max_talk=args.max_talk),
    )
    try:
        _bring_up(line)
        if line.audio_problem:  # a server running auto-call: calls complete, nobody hears them
            printer.warn(line.audio_problem)
        engine.start(from_index)
        while not done.wait(0.2):
            if waiting_since and time.monotonic() - waiting_since[0] > LINE_WAIT_LIMIT:
                stopped_by.append(
                    in_language(
                        f"回線が {LINE_WAIT_LIMIT:g} 秒使えないため止めました",
                        f"stopped: the line was not ready for {LINE_WAIT_LIMIT:g} s",
                    )
                )
                engine.stop()
                done.wait(STOP_GRACE)
            if store_since and time.monotonic() - store_since[0] > STORE_WAIT_LIMIT:
                stopped_by.append(
                    in_language(
                        f"データに {STORE_WAIT_LIMIT:g} 秒接続できないため止めました",
                        f"stopped: the store could not be reached for {STORE_WAIT_LIMIT:g} s",
                    )
                )
                engine.stop()
                done.wait(STOP_GRACE)
                break
    except KeyboardInterrupt:
        engine.stop()
        done.wait(STOP_GRACE)
        _close(placer, line, scheduler, printer)
        printer.summary(summary)
        return 130
    except BaseException:
        _close(placer, line, scheduler, printer)
        raise
    _close(placer, line, scheduler, printer)
    printer.summary(summary)
    if stopped_by:
        raise CliError(stopped_by[0])
    return 0


def _follow_recordings(line: Line, store: Store, placer: LineCallPlacer) -> None:
    """Record answered calls when the team records (the store's switch), each file noted on its row.

    Only a line with our audio path (``line.audio``) records; the demo line has no audio.
    """
    audio = getattr(line, "audio", None)
    if audio is None or not hasattr(audio, "add_recording_listener"):
        return
    from calllist_desktop.telephony.audio.config_file import load_audio_config
    from calllist_desktop.telephony.audio.settings import RecordingSettings
    from calllist_desktop.telephony.audio.wiring import RecordingNotes

    audio.set_recording(RecordingSettings(enabled=store.recording_enabled(), folder=load_audio_config().folder()))
    RecordingNotes(  # lives as the audio's listener
        audio,
        placer.record_id_of,
        lambda row, result: store.set_call_recording(
            row, path=result.path, seconds=result.seconds if result.path else None, error=result.error
        ),
    )


def _close(placer: LineCallPlacer, line: Line, scheduler: SerialScheduler, printer: _Printer) -> None:
    """Stop the line and the engine's thread; say so when call records could not be saved."""
    unsaved = placer.close(wait=STOP_GRACE)
    line.stop()
    audio = getattr(line, "audio", None)
    if audio is not None and hasattr(audio, "wait_for_recordings"):
        audio.wait_for_recordings(STOP_GRACE)  # their rows are written before the store closes
    scheduler.close()
    if unsaved:
        printer.warn(
            in_language(
                f"{unsaved} 件の通話記録を保存できませんでした (次回の起動時に「中断」として閉じます)",
                f"{unsaved} call records could not be saved (the next start closes them as interrupted)",
            )
        )


def _store_wait_text(message: str) -> str:
    detail = " ".join(message.split())
    return in_language(
        f"データに接続できません ({detail})。つながり次第続けます",
        f"the store cannot be reached ({detail}); the run goes on when it is back",
    )


def _pause_text(progress: Progress) -> str:
    if progress.pause_reason is PauseReason.FAILURES:
        return in_language(
            f"{progress.message} 件続けて発信に失敗したため止めました。回線を確かめてください",
            f"stopped after {progress.message} failed calls in a row: check the line",
        )
    if progress.pause_reason is PauseReason.OUTSIDE_HOURS and progress.holiday is not None:
        ja, en = holiday_name(progress.holiday, "ja"), holiday_name(progress.holiday, "en")
        return in_language(
            f"今日は祝日 ({ja}) で、リストの発信ルールは祝日に発信しないので止めました",
            f"stopped: today is a public holiday ({en}) and the list's rules skip holidays",
        )
    if progress.pause_reason is PauseReason.OUTSIDE_HOURS:
        return in_language(
            f"リストの発信時間 ({progress.message}) の外なので止めました",
            f"stopped: outside the list's calling hours ({progress.message})",
        )
    return in_language(f"止めました ({progress.pause_reason})", f"stopped ({progress.pause_reason})")


def _open_line(args: argparse.Namespace) -> tuple[Line, Callable[[str], str]]:
    """The line to call on, and how a target's E.164 number becomes what it dials."""
    if args.line == "demo":
        from calllist_desktop.telephony.demo import DemoLine, DemoTimings

        timings = DemoTimings().scaled(1 / args.demo_speed)
        return DemoLine(ring_timeout=args.ring_timeout, timings=timings), national_digits
    return _open_sip_line(args)


def _open_sip_line(args: argparse.Namespace) -> tuple[Line, Callable[[str], str]]:
    """The SIP line of the saved account (設定), with the command line's overrides.

    Without a saved account, ``--dial-template`` alone is enough for a far end that needs no
    registration (``--no-register``): the template's host is the registrar.
    """
    from calllist_desktop.core.line import LineError
    from calllist_desktop.telephony import sip_rules
    from calllist_desktop.telephony.account import SipAccount
    from calllist_desktop.telephony.account_file import load_account
    from calllist_desktop.telephony.lines import LineSetupError, our_audio, sip_line

    saved = load_account()
    if saved is None and not args.dial_template:
        raise CliError(
            in_language(
                "SIP アカウントがありません: 設定 → SIP 回線 で保存するか、--dial-template sip:{national}@HOST を指定してください",
                "no SIP account is saved: set one up in 設定 → SIP 回線, or give --dial-template sip:{national}@HOST",
            )
        )
    account = saved or SipAccount()
    template = args.dial_template or account.dial_template
    account = replace(
        account,
        dial_template=template,
        registrar=account.registrar or _template_host(template),
        user=account.user or args.user,  # without an account: who is calling
        register=account.register and not args.no_register,
        ring_timeout=args.ring_timeout,
        bind_address=args.sip_bind or account.bind_address,
        audio_input=_device_argument(args.audio_in, output=False) or account.audio_input,
        audio_output=_device_argument(args.audio_out, output=True) or account.audio_output,
    )
    try:
        line = sip_line(account, our_audio(account))
    except LineSetupError as exc:
        raise CliError(str(exc)) from None

    def dial_target(phone: str) -> str:
        try:
            return sip_rules.dial_uri(account, phone)
        except LineError as exc:
            raise ValueError(str(exc)) from None  # the engine skips the number

    return line, dial_target


def _device_argument(name: str | None, *, output: bool) -> str:
    """A device named by ``--audio-in``/``--audio-out``, checked now: a typo fails before the first call."""
    if name is None:
        return ""
    from calllist_desktop.cli.audio import check_device

    return check_device(name, output)


def _template_host(template: str) -> str:
    """``pbx.example.jp:5060`` from ``sip:{national}@pbx.example.jp:5060;transport=udp``."""
    host = template.rpartition("@")[2] if "@" in template else ""
    return host.split(";", 1)[0].strip("> ")


def _bring_up(line: Line) -> None:
    """Start the line and wait until it can dial, or say clearly why it cannot."""
    state: list[RegistrationChanged] = []
    ready = threading.Event()

    def listen(event: object) -> None:
        if isinstance(event, RegistrationChanged) and event.state in (
            Registration.REGISTERED,
            Registration.FAILED,
        ):
            state.append(event)
            ready.set()

    line.add_listener(listen)
    try:
        line.start()
        if line.registration is Registration.REGISTERED:  # direct dialling on a line in this process
            return
        if not ready.wait(REGISTER_TIMEOUT):
            raise CliError(
                in_language("回線の登録が時間内に終わりません", "the line did not register in time")
            )
        if state[-1].state is Registration.FAILED:
            detail = state[-1].detail
            raise CliError(
                in_language(f"回線の登録に失敗しました: {detail}", f"the line could not register: {detail}")
            )
    finally:
        line.remove_listener(listen)


class _Printer:
    """One line per call for people, or one JSON object per call for programs."""

    def __init__(self, *, as_json: bool) -> None:
        self.as_json = as_json
        self._lock = threading.Lock()

    def call(self, result: CallResult) -> None:
        if self.as_json:
            self._print(
                json.dumps(
                    {
                        "phone": result.phone,
                        "outcome": result.outcome.value,
                        "sip_status": result.sip_status,
                        "started_at": _iso(result.started_at),
                        "ended_at": _iso(result.ended_at),
                    },
                    ensure_ascii=False,
                )
            )
            return
        label = result.outcome.label_ja if current_language() == "ja" else result.outcome.label_en
        status = f" ({result.sip_status})" if result.sip_status else ""
        seconds = (result.ended_at - result.started_at).total_seconds()
        self._print(f"{format_national(result.phone)}  {label}{status}  {seconds:.1f}s")

    def skipped(self, phone: str, reason: SkipReason) -> None:
        if self.as_json:
            self._print(json.dumps({"phone": phone, "skipped": reason.value}))
        else:
            self._print(
                in_language(
                    f"{format_national(phone)}: 飛ばしました ({reason})", f"{phone}: skipped ({reason})"
                )
            )

    def resumed(self, point: ResumePoint, from_index: int, total: int) -> None:
        """Say where the run continues (stderr, and a first JSON object with ``--json``)."""
        at = point.started_at.astimezone()
        number = format_national(point.phone)
        left = total - from_index
        if point.again:
            ja, en = (
                f"{number} ({at:%H:%M} の通話が中断) から",
                f"at {number} (its call at {at:%H:%M} was cut off)",
            )
        else:
            ja, en = f"{number} ({at:%H:%M} に発信) の次から", f"after {number} (called at {at:%H:%M})"
        self.warn(
            in_language(
                f"前回の続き: {ja}再開します。残り {left} / {total} 件 (先頭からは --from-top)",
                f"continuing where the last run stopped, {en}: {left} of {total} targets left (--from-top starts at the top)",
            )
        )
        if self.as_json:
            self._print(
                json.dumps(
                    {"resumed": {"phone": point.phone, "called_at": _iso(point.started_at), "again": point.again,
                                 "from": from_index + 1, "total": total}}
                )
            )  # fmt: skip

    def warn(self, text: str) -> None:
        """A line on stderr for the person watching (both with and without ``--json``)."""
        with self._lock:
            print(f"calllist: {text}", file=sys.stderr, flush=True)

    def summary(self, counts: Counter[Outcome]) -> None:
        if self.as_json:
            self._print(json.dumps({"summary": {outcome.value: count for outcome, count in counts.items()}}))
            return
        total = sum(counts.values())
        parts = ", ".join(
            f"{outcome.label_ja if current_language() == 'ja' else outcome.label_en} {count}"
            for outcome, count in counts.most_common()
        )
        self._print(
            in_language(f"発信 {total} 件: {parts}", f"{total} calls: {parts}")
            if total
            else in_language("発信なし", "no calls")
        )

    def _print(self, text: str) -> None:
        with self._lock:
            print(text, flush=True)


def _iso(moment: datetime) -> str:
    return moment.astimezone().isoformat(timespec="milliseconds")
