"""The ``autocall`` sub-command's arguments, apart from the engine that runs it (``cli.autocall``).

Every ``calllist`` command builds the whole parser, so this module imports argparse and the
option ranges only: the engine, the line and the store load when ``autocall`` runs.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from typing import Any

from calllist_desktop.core.autocall_events import MAX_TALK_RANGE, WRAP_UP_RANGE
from calllist_desktop.core.line import RING_TIMEOUT_RANGE
from calllist_desktop.core.resume import RESUME_WITHIN

DEMO_SPEED_RANGE = (0.01, 1000.0)


def add_parser(commands: Any, handler: Callable[..., int]) -> None:
    """The ``autocall`` sub-command of ``calllist``."""
    p = commands.add_parser("autocall", help="dial your targets of a list one after another (オートコール)")
    p.add_argument("--list", required=True, metavar="NAME")
    p.add_argument(
        "--line", choices=("demo", "sip"), default="demo", help="the line to call on (default: demo)"
    )
    p.add_argument(
        "--dial-template", metavar="T", help="SIP URI of a target, e.g. sip:{national}@pbx.example.jp"
    )
    p.add_argument(
        "--sip-bind", metavar="ADDR", help="local address of the SIP line (default: found from the host)"
    )
    p.add_argument("--no-register", action="store_true", help="dial without registering first")
    p.add_argument(
        "--audio-in", metavar="DEVICE", help="microphone for this run, by name (see calllist devices)"
    )
    p.add_argument(
        "--audio-out", metavar="DEVICE", help="speaker for this run, by name (see calllist devices)"
    )
    p.add_argument(
        "--ring-timeout",
        type=_within(RING_TIMEOUT_RANGE),
        default=30.0,
        metavar="S",
        help="seconds to ring (default 30)",
    )
    p.add_argument(
        "--max-talk", type=_within(MAX_TALK_RANGE), metavar="S", help="hang up answered calls after S seconds"
    )
    p.add_argument(
        "--wrap-up", type=_within(WRAP_UP_RANGE), default=0.0, metavar="S", help="seconds between calls"
    )
    p.add_argument(
        "--demo-speed",
        type=_within(DEMO_SPEED_RANGE),
        default=1.0,
        metavar="X",
        help="demo line runs X times faster",
    )
    p.add_argument(
        "--json", action="store_true", help="one JSON object per call and per skipped target, then a summary"
    )
    where = p.add_mutually_exclusive_group()
    hours = f"{RESUME_WITHIN.total_seconds() / 3600:g}"
    where.add_argument(
        "--resume", dest="resume", action="store_true", default=True,
        help=f"continue after your last call from the list in the last {hours} hours (the default)",
    )  # fmt: skip
    where.add_argument(
        "--from-top", "--no-resume", dest="resume", action="store_false", help="start at the top of the list"
    )
    p.set_defaults(handler=handler)


def _within(limits: tuple[float, float]) -> Callable[[str], float]:
    """An argparse type: a finite number from ``limits[0]`` to ``limits[1]``, else a one-line refusal.

    ``float()`` alone took ``nan`` (which every comparison lets through: 20 calls of 0 seconds),
    ``inf`` and ``1e999`` (timers that never fire or raise in a thread).
    """
    low, high = limits

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or not low <= value <= high:
            shown = ascii(text) if not text.isprintable() or len(text) > 40 else text
            # English, as the rest of argparse's message ("argument --wrap-up: …")
            raise argparse.ArgumentTypeError(f"must be a number from {low:g} to {high:g}, not {shown[:60]}")
        return value

    parse.__name__ = "number"  # argparse names the type in some messages
    return parse
