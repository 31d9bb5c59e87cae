"""Call recordings in the store: the switch for the whole team, and each call's file or failure.

The switch is the store-wide setting :data:`SETTING` (``store_settings``, a JSON boolean), so every
client of a team follows the manager's choice live. Each call row carries where its recording is,
how long it is and why it is missing (migration 0008); :func:`read` gives those for a set of calls,
for the history views (SPEC §8 ``history --json``: ``recording``, ``recording_error``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import Connection, select, update

from calllist_desktop.store.models import Call

SETTING = "recording"
MAX_ERROR_LENGTH = 500


class RecordingInfo(NamedTuple):
    """One call's recording: ``path`` None when there is none, ``error`` None when nothing went wrong."""

    call_id: int
    path: str | None
    seconds: float | None
    error: str | None


def enabled(value: object | None) -> bool:
    """The stored switch as a boolean (never set: off)."""
    return value is True


def write(connection: Connection, call_id: int, *, path: str | None, seconds: float | None, error: str | None) -> bool:
    """Note a call's recording; False when there is no such call (or it is not the writer's)."""
    found = connection.execute(
        update(Call)
        .where(Call.id == call_id)
        .values(
            recording_path=path,
            recording_seconds=None if seconds is None else round(float(seconds), 3),
            recording_error=None if error is None else error[:MAX_ERROR_LENGTH],
        )
        .returning(Call.id)
    ).scalar_one_or_none()
    return found is not None


def read(connection: Connection, call_ids: Iterable[int]) -> dict[int, RecordingInfo]:
    """The recordings of the given calls that the reader may see, by call id (all calls, even unrecorded)."""
    wanted = sorted(set(call_ids))
    found: dict[int, RecordingInfo] = {}
    for start in range(0, len(wanted), 900):  # SQLite's limit of bound parameters
        rows = connection.execute(
            select(Call.id, Call.recording_path, Call.recording_seconds, Call.recording_error).where(
                Call.id.in_(wanted[start : start + 900])
            )
        )
        for call_id, path, seconds, error in rows:
            found[int(call_id)] = RecordingInfo(int(call_id), path, seconds, error)
    return found
