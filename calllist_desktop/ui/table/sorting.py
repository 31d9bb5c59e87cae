"""Sort orders of the table model's rows: stable, empty cells last, computed once and kept.

Rows are known by their source index (``src``). An *order* is a list of sources sorted by one
column's keys (``keys[src]``, ``None`` for an empty cell): ties keep list order and empty cells
come last, ascending or descending. Sorting 200,000 strings is slow in Python, so an order
is computed once per column and load, the other direction is derived from it, a few changed
rows are moved rather than sorted again, and big tables can compute their orders ahead in
small steps (:func:`sorted_in_steps`) while the user looks at the table.
"""

from __future__ import annotations

import bisect
import contextlib
import heapq
import itertools
from collections.abc import Callable, Generator
from typing import Any, Final, TypeVar

STEP_ROWS: Final = 10_000
"""Rows sorted, merged or keyed in one step of work done ahead (a step's time: bench/README.md)."""

T = TypeVar("T")


class Reversed:
    """A sort key that compares the other way round (to place a row in a descending order)."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reversed) and self.key == other.key

    def __lt__(self, other: Reversed) -> bool:
        return bool(other.key < self.key)


def sort_tuple(key: Any, position: int, descending: bool) -> tuple[Any, ...]:
    """A comparable standing for one row's place: by key, empty last, then by list position."""
    if key is None:
        return (1, position)
    return (0, Reversed(key) if descending else key, position)


def stable_sorted(base: list[int], keys: list[Any], descending: bool) -> list[int]:
    """``base`` sorted by ``keys[src]``, ties in ``base`` order, ``None`` keys last in either order."""
    present = [src for src in base if keys[src] is not None]
    missing = [src for src in base if keys[src] is None] if len(present) < len(base) else []
    present.sort(key=keys.__getitem__, reverse=descending)  # reverse=True keeps ties in order
    return present + missing


def sorted_in_steps(
    base: list[int], keys: list[Any], descending: bool, step: int = STEP_ROWS
) -> Generator[None, None, list[int]]:
    """:func:`stable_sorted` cut into steps of about ``step`` rows each (a generator).

    Runs of ``step`` rows are sorted one per step, then merged ``step`` rows at a time;
    ``heapq.merge`` keeps ties in the order of the runs, so in list order.
    """
    runs: list[list[int]] = []
    missing: list[int] = []
    for start in range(0, len(base), step):
        chunk = base[start : start + step]
        run = [src for src in chunk if keys[src] is not None]
        if len(run) < len(chunk):
            missing.extend(src for src in chunk if keys[src] is None)
        run.sort(key=keys.__getitem__, reverse=descending)
        runs.append(run)
        yield
    if len(runs) < 2:
        return (runs[0] if runs else []) + missing
    merged = heapq.merge(*runs, key=keys.__getitem__, reverse=descending)
    order: list[int] = []
    while True:
        done = len(order)
        order.extend(itertools.islice(merged, step))
        if len(order) == done:
            return order + missing
        yield


def flipped_in_steps(
    order: list[int], keys: list[Any], step: int = STEP_ROWS
) -> Generator[None, None, list[int]]:
    """The rows of ``order`` sorted the other way: groups of equal keys in reverse, each group
    still in list order, empty keys still last. Linear, unlike a new sort; a generator."""
    split = bisect.bisect_left(order, True, key=lambda src: keys[src] is None)
    flipped: list[int] = []
    end = split
    pause = step
    while end > 0:
        start = end - 1
        key = keys[order[start]]
        while start > 0 and keys[order[start - 1]] == key:
            start -= 1
        flipped.extend(order[start:end])
        end = start
        if len(flipped) >= pause:
            pause += step
            yield
    return flipped + order[split:]


def finish(steps: Generator[None, None, T]) -> T:
    """Run a stepwise computation to its end at once, and give its result."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            result: T = done.value
            return result


class SortOrders:
    """The orders of one load of rows, by (column, descending), kept up to date.

    ``keys_of(column)`` gives the column's keys by source; ``positions`` the list positions
    that break ties (the model's list, changed in place). :meth:`place` and :meth:`discard`
    keep every cached order exact when a few rows change, are added or go.
    """

    def __init__(self, keys_of: Callable[[int], list[Any]], positions: list[int]) -> None:
        self._keys_of = keys_of
        self._positions = positions
        self._orders: dict[tuple[int, bool], list[int]] = {}

    def has(self, column: int) -> bool:
        return (column, False) in self._orders or (column, True) in self._orders

    def order(self, column: int, descending: bool, base: list[int]) -> list[int]:
        """The rows of ``base`` sorted by ``column`` (the cached list itself: copy to change it)."""
        order = self._orders.get((column, descending))
        if order is None:
            keys = self._keys_of(column)
            other = self._orders.get((column, not descending))
            if other is not None:
                order = finish(flipped_in_steps(other, keys))
            else:
                order = stable_sorted(base, keys, descending)
            self._orders[(column, descending)] = order
        return order

    def store(self, column: int, descending: bool, order: list[int]) -> None:
        self._orders.setdefault((column, descending), order)

    def place(self, src: int) -> None:
        """Move (or add) ``src`` to its place in every cached order after its keys changed."""
        position = self._positions[src]
        for (column, descending), order in self._orders.items():
            keys = self._keys_of(column)
            with contextlib.suppress(ValueError):  # a new row is in no order yet
                order.remove(src)

            def key(other: int, keys: list[Any] = keys, descending: bool = descending) -> tuple[Any, ...]:
                return sort_tuple(keys[other], self._positions[other], descending)

            order.insert(
                bisect.bisect_right(order, sort_tuple(keys[src], position, descending), key=key), src
            )

    def discard(self, src: int) -> None:
        for order in self._orders.values():
            order.remove(src)
