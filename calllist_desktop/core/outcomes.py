"""The vocabulary of calls: directions and outcomes, with their labels and SIP mapping (SPEC §1)."""

from __future__ import annotations

from enum import StrEnum


class Direction(StrEnum):
    """Which side started a call; stored as its value."""

    OUTBOUND = "outbound"
    INBOUND = "inbound"

    @property
    def label_ja(self) -> str:
        return _DIRECTION_JA[self]

    @property
    def label_en(self) -> str:
        return _DIRECTION_EN[self]


_DIRECTION_JA = {Direction.OUTBOUND: "発信", Direction.INBOUND: "着信"}
_DIRECTION_EN = {Direction.OUTBOUND: "Outbound", Direction.INBOUND: "Inbound"}


class Outcome(StrEnum):
    """How a call ended. The values are the stable codes used in the store, the CLI and JSON."""

    ANSWERED = "answered"
    NO_ANSWER = "no_answer"
    BUSY = "busy"
    REJECTED = "rejected"
    INVALID = "invalid"
    FAILED = "failed"
    CANCELED = "canceled"
    INTERRUPTED = "interrupted"
    MISSED = "missed"

    @property
    def label_ja(self) -> str:
        return _OUTCOME_JA[self]

    @property
    def label_en(self) -> str:
        return _OUTCOME_EN[self]


_OUTCOME_JA = {
    Outcome.ANSWERED: "応答",
    Outcome.NO_ANSWER: "不応答",
    Outcome.BUSY: "話中",
    Outcome.REJECTED: "拒否",
    Outcome.INVALID: "番号不正",
    Outcome.FAILED: "失敗",
    Outcome.CANCELED: "取消",
    Outcome.INTERRUPTED: "中断",
    Outcome.MISSED: "不在着信",
}
_OUTCOME_EN = {
    Outcome.ANSWERED: "Answered",
    Outcome.NO_ANSWER: "No answer",
    Outcome.BUSY: "Busy",
    Outcome.REJECTED: "Rejected",
    Outcome.INVALID: "Invalid number",
    Outcome.FAILED: "Failed",
    Outcome.CANCELED: "Canceled",
    Outcome.INTERRUPTED: "Interrupted",
    Outcome.MISSED: "Missed",
}

_SIP_OUTCOMES: dict[int, Outcome] = {
    200: Outcome.ANSWERED,
    487: Outcome.NO_ANSWER,  # our CANCEL after the ring time-out
    480: Outcome.NO_ANSWER,
    408: Outcome.NO_ANSWER,
    486: Outcome.BUSY,
    600: Outcome.BUSY,
    603: Outcome.REJECTED,
    403: Outcome.REJECTED,
    404: Outcome.INVALID,
    484: Outcome.INVALID,
    485: Outcome.INVALID,
    604: Outcome.INVALID,
    410: Outcome.INVALID,
}


def outcome_from_sip(status: int) -> Outcome:
    """Map the final SIP status of an outbound call to its outcome.

    Any 2xx is an answer; the codes of SPEC §1 map as listed; every other final code is a failure.
    """
    if 200 <= status < 300:
        return Outcome.ANSWERED
    return _SIP_OUTCOMES.get(status, Outcome.FAILED)
