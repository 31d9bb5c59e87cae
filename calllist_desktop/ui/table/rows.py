"""The rows a table model holds, and everything computed from them: facts, sort orders, cell text.

No Qt here: :class:`RowSet` is the model's data, :class:`~.model.RowTableModel` decides what the
view shows and tells it. Every row has a *source index* (``src``), its place in the list it was
loaded from; rows added later are appended, and removed rows stay behind as tombstones until
the next load, so that the lists indexed by source never shift.
"""

from __future__ import annotations

import bisect
import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final

from calllist_desktop.store.views import TargetView

from .columns import Column, Row, text_key
from .filters import FACT_CONTAINERS, FACTS, SEARCH_FACTS, Criterion
from .sorting import STEP_ROWS, SortOrders, flipped_in_steps, sort_tuple, sorted_in_steps, stable_sorted

DISPLAY_STEP_ROWS: Final = 100
"""Rows whose cell text one step of work ahead prepares."""

KEEP_SORT_KEYS_ROWS: Final = 20_000
"""Above this many rows, a column's sort keys are dropped once both its orders are made: the
orders are all a sort needs, and 200,000 contacts kept 8 MB of keys for nothing. A change to a
row (rare in such tables) computes the keys of the column again when it needs them."""


def _position(row: Row, src: int) -> int:
    return row.position if isinstance(row, TargetView) else src


class RowSet:
    """The rows of one table, keyed by phone, with what filters, sorts and cells need of them.

    - facts (:mod:`.filters`): one value per row, computed for all rows on first use and kept
      up to date as rows change; the sort keys of column ``i`` are the fact ``"sort:i"``;
    - sort orders (:class:`~.sorting.SortOrders`) by column and direction;
    - the cell texts of a row, computed the first time the row is shown.

    ``checked`` is the check column's set of keys, shared with the model: it sorts that column.
    """

    def __init__(self, columns: tuple[Column, ...], rows: Iterable[Row], checked: set[str]) -> None:
        self.columns = columns
        self.checked = checked
        self.rows: list[Row] = list(rows)
        phones = [row.phone for row in self.rows]
        sources = list(range(len(phones)))
        # One int object per source, shared by this dict and every order and list below (a
        # second set of 200,000 ints was 6 MB).
        self.src_of_key = dict(zip(phones, sources, strict=True))
        if len(self.src_of_key) != len(phones):  # a phone repeated: the first of it wins
            first: dict[str, Row] = {}
            for row in self.rows:
                first.setdefault(row.phone, row)
            self.rows = list(first.values())
            sources = list(range(len(self.rows)))
            self.src_of_key = dict(zip(first, sources, strict=True))
        count = len(self.rows)
        targets = [row for row in self.rows if isinstance(row, TargetView)]
        if len(targets) == count:  # a list's targets: their place in it
            self.positions = [row.position for row in targets]
        else:
            self.positions = [_position(row, src) for src, row in zip(sources, self.rows, strict=True)]
        self.base_order = sources  # live sources in list order
        if self.positions != sorted(self.positions):
            self.base_order.sort(key=self.positions.__getitem__)
        # The cell texts of the rows shown so far (or worked ahead), by source: a dict, since a
        # table of 200,000 contacts shows a few hundred of them.
        self.display: dict[int, tuple[Any, ...]] = {}
        self._facts: dict[str, list[Any]] = {}  # the search facts come first in the work ahead
        self.orders = SortOrders(lambda column: self.fact(f"sort:{column}"), self.positions)

    def __len__(self) -> int:
        return len(self.src_of_key)

    # ---- facts and cells -----------------------------------------------------------------------

    def fact(self, fact: str) -> list[Any]:
        """One fact for every source row, computed the first time it is needed."""
        values = self._facts.get(fact)
        if values is None:
            extract = self._extractor(fact)
            container = FACT_CONTAINERS.get(fact, list)
            values = self._facts[fact] = container(extract(row) for row in self.rows)
        return values

    def display_cells(self, src: int) -> tuple[Any, ...]:
        """The texts of a row's cells (``None`` for a checkbox column), computed once."""
        cells = self.display.get(src)
        if cells is None:
            row = self.rows[src]
            cells = tuple(
                column.display(row) if column.display is not None else None for column in self.columns
            )
            self.display[src] = cells
        return cells

    def forget_display(self) -> None:
        self.display.clear()

    def _extractor(self, fact: str) -> Callable[[Row], Any]:
        if fact.startswith("sort:"):
            column = self.columns[int(fact[5:])]
            if column.sort_key is not None:
                return column.sort_key
            display = column.display or (lambda row: "")
            return lambda row: text_key(display(row))
        return FACTS[fact]

    # ---- filtering -------------------------------------------------------------------------

    def passing(self, criteria: list[Criterion], order: list[int]) -> tuple[list[int], list[bool]]:
        """The sources of ``order`` that pass every criterion, in that order, and the mask by source."""
        if not criteria:
            return list(order), [True] * len(self.rows)
        visible = order
        for criterion in criteria:
            mask = criterion.mask(*(self.fact(fact) for fact in criterion.facts))
            visible = list(filter(mask.__getitem__, visible))
        if len(criteria) > 1:
            mask = [False] * len(self.rows)
            deque(map(mask.__setitem__, visible, itertools.repeat(True)), maxlen=0)  # a loop at C speed
        return visible, mask

    def is_alive(self, src: int) -> bool:
        """False for a removed row's source (its tombstone)."""
        return self.src_of_key.get(self.rows[src].phone) == src

    def passes(self, src: int, criteria: list[Criterion]) -> bool:
        return self.is_alive(src) and all(
            criterion.test(*(self.fact(fact)[src] for fact in criterion.facts)) for criterion in criteria
        )

    # ---- sorting ---------------------------------------------------------------------------

    def sorted_order(self, column: int, descending: bool) -> list[int]:
        """The live sources sorted by ``column`` (-1: list order), as a new list."""
        if column < 0:
            return list(self.base_order)
        if self.columns[column].selection:  # checks change all the time: never cached
            return stable_sorted(self.base_order, self._selection_keys(), descending)
        return list(self.orders.order(column, descending, self.base_order))

    def sort_tuple(self, src: int, column: int, descending: bool) -> tuple[Any, ...]:
        """A comparable placing ``src`` in the order of ``column`` (to insert one row)."""
        position = self.positions[src]
        if column < 0:
            return (position,)
        if self.columns[column].selection:
            key: Any = 0 if self.rows[src].phone in self.checked else 1
        else:
            key = self.fact(f"sort:{column}")[src]
        return sort_tuple(key, position, descending)

    def _selection_keys(self) -> list[int]:
        checked = self.checked
        return [0 if row.phone in checked else 1 for row in self.rows]

    # ---- changes ---------------------------------------------------------------------------

    def add(self, row: Row) -> int:
        """Hold a new row (its phone not held yet); give its source index."""
        src = len(self.rows)
        self.rows.append(row)
        self.src_of_key[row.phone] = src
        self.positions.append(_position(row, src))
        for fact, values in self._facts.items():
            values.append(self._extractor(fact)(row))
        bisect.insort(self.base_order, src, key=self.positions.__getitem__)
        self.orders.place(src)
        return src

    def replace(self, src: int, row: Row) -> None:
        """Put ``row`` (the same phone) in the place of source ``src``."""
        self.rows[src] = row
        self.display.pop(src, None)
        for fact, values in self._facts.items():
            values[src] = self._extractor(fact)(row)
        position = _position(row, src)
        if position != self.positions[src]:
            self.positions[src] = position
            self.base_order.remove(src)
            bisect.insort(self.base_order, src, key=self.positions.__getitem__)
        self.orders.place(src)

    def remove(self, key: str) -> int | None:
        """Drop the row with phone ``key``; give the source it had (``None`` if not held)."""
        src = self.src_of_key.pop(key, None)
        if src is not None:
            self.base_order.remove(src)
            self.orders.discard(src)
        return src

    # ---- work done ahead -----------------------------------------------------------------------

    def work_ahead(self, view_order: list[int], display_rows: int) -> Iterator[None]:
        """Prepare what the first search, paint and sorts would otherwise wait for, in steps.

        The facts a text search looks at (not computed at load: a load that paints at once
        matters more at start-up than a search typed in the first moment, which computes the
        ones still missing itself); the cell texts of every row in ``view_order`` when there
        are at most ``display_rows`` rows (their memory grows with the rows); then every
        column's sort keys and both its orders. Each ``next()`` does a few milliseconds of
        work; changes to the rows must start a new generator.
        """
        for fact in SEARCH_FACTS:
            if fact not in self._facts:
                extract, values = self._extractor(fact), FACT_CONTAINERS.get(fact, list)(())
                for start in range(0, len(self.rows), STEP_ROWS):
                    values.extend(map(extract, self.rows[start : start + STEP_ROWS]))
                    yield
                self._facts.setdefault(fact, values)
        if len(self) <= display_rows:
            order = list(view_order)
            for start in range(0, len(order), DISPLAY_STEP_ROWS):
                for src in order[start : start + DISPLAY_STEP_ROWS]:
                    self.display_cells(src)
                yield
        for column, spec in enumerate(self.columns):
            if spec.selection or self.orders.has(column):
                continue
            fact = f"sort:{column}"
            if fact not in self._facts:
                extract, values = self._extractor(fact), []
                for start in range(0, len(self.rows), STEP_ROWS):
                    values.extend(map(extract, self.rows[start : start + STEP_ROWS]))
                    yield
                self._facts.setdefault(fact, values)
            keys = self._facts[fact]
            if not self.orders.has(column):
                ascending = yield from sorted_in_steps(self.base_order, keys, False)
                self.orders.store(column, False, ascending)
                descending = yield from flipped_in_steps(ascending, keys)
                self.orders.store(column, True, descending)
            if len(self.rows) > KEEP_SORT_KEYS_ROWS:
                del self._facts[fact]
