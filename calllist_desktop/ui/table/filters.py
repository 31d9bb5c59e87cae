"""What the target tables filter on: the :class:`RowFilter` value and the per-row facts it tests.

A *fact* is one value derived from a row (its folded company name, its status code, the local
date of its last call...). The model computes a fact for all rows once, the first time a filter
needs it, and keeps it until the rows change; a filter is then a list of :class:`Criterion` —
facts and a test on their values — that the model runs over those lists.

The text search looks at the folded company, person and categories and at the phone number,
field by field, rather than in one search string per row: folding leaves most Japanese names
unchanged, so the facts share the rows' own strings, and 200,000 rows do not carry a second
copy of their text (30 MB).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from calllist_desktop.core.phone import clean_phone_text

from .columns import (
    ASSIGNEE,
    CALL_TYPE_RANKS,
    CATEGORIES,
    EXCLUDED,
    LAST_AGENT,
    LAST_CALL_STATUS,
    LAST_CALL_TYPE,
    NO_AGENT_SOURCE,
    NOT_TARGETED_SOURCE,
    STATUS_RANKS,
    TARGETED,
    TARGETED_SOURCE,
    UNASSIGNED_SOURCE,
    Row,
    agent_login,
    agent_name,
    assignee_name,
    call_type_code,
    call_type_label,
    fold,
    is_excluded,
    last_call_of,
    national_digits,
    status_code,
    status_label,
    tr,
)
from .plans import dialable_at, plan_of


def _frozen(values: Iterable[Any]) -> frozenset[Any]:
    return values if isinstance(values, frozenset) else frozenset(values)


@dataclass(frozen=True, slots=True)
class RowFilter:
    """Which rows a table shows; every part that is set must match (AND).

    - ``text``: words that must all occur (folded by :func:`search_fold`: spaces ignored, kana
      and widths alike) in the company, the person, a category, the last agent's name or the
      phone number's national digits (03-1234 finds 0312345678);
    - ``show_excluded``: off hides excluded targets (the operator's 発信対象外を表示 switch);
    - ``categories``: a row passes with any one of them; ``statuses``: outcome codes, plus
      ``"in_progress"`` and ``"none"`` (never called);
    - management filters: ``assignees`` (logins, ``None`` for unassigned), ``last_call_types``
      (direction codes or ``"none"``), ``last_agents`` (logins, ``None`` for no agent),
      ``date_from``/``date_to`` (inclusive, on the local date of the last call) and
      ``excluded`` (``None`` all, ``True`` only excluded, ``False`` only targeted);
    - ``dialable_at``: only the targets auto-call would dial at that moment (「今かけられる」,
      by each row's ``TargetPlan``: :func:`.plans.dialable_at`).

    An empty set means "all". Sets may be given as any iterable; they are kept as frozensets.
    """

    text: str = ""
    show_excluded: bool = True
    categories: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    assignees: frozenset[str | None] = frozenset()
    last_call_types: frozenset[str] = frozenset()
    last_agents: frozenset[str | None] = frozenset()
    date_from: date | None = None
    date_to: date | None = None
    excluded: bool | None = None
    dialable_at: datetime | None = None

    def __post_init__(self) -> None:
        for name in ("categories", "statuses", "assignees", "last_call_types", "last_agents"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))

    @property
    def is_empty(self) -> bool:
        """True when the filter lets every row through."""
        return self == _NO_FILTER


_NO_FILTER: Final = RowFilter()


@dataclass(frozen=True, slots=True)
class FilterChoice:
    """One value a filter can choose, with its label and how many rows have it."""

    value: Any
    label: str
    row_count: int


@dataclass(frozen=True, slots=True)
class Criterion:
    """One part of a filter: ``test`` applied to one row's values of ``facts``.

    ``bulk``, when given, tests whole lists of values at once, faster than mapping ``test``
    (a list comprehension with the test inlined, no call per row).
    """

    facts: tuple[str, ...]
    test: Callable[..., bool]
    bulk: Callable[..., list[bool]] | None = None

    def mask(self, *values: list[Any]) -> list[bool]:
        """``test`` of every row, as a new list."""
        if self.bulk is not None:
            return self.bulk(*values)
        return list(map(self.test, *values))


class _KanaTable(dict[int, int]):
    """Katakana (ァ..ヶ) to the hiragana 0x60 below (half-width kana are full-width after NFKC);
    every other character to itself, added when first met: ``str.translate`` raises and catches
    a LookupError for each character a table lacks, which made folding 200,000 names 4x slower."""

    def __missing__(self, code: int) -> int:
        self[code] = code
        return code


_KANA_TO_HIRAGANA: Final = _KanaTable({code: code - 0x60 for code in range(0x30A1, 0x30F7)})


def search_fold(text: str) -> str:
    """``text`` as the search compares it: :func:`fold` (NFKC: full-width latin and digits and
    half-width kana folded; casefolded), katakana as hiragana, and without spaces, so that
    「加藤さおり」 finds 「加藤 さおり」 and 「ｶﾄｳ」 finds 「かとう」.

    Gives back ``text`` itself when folding changes nothing (most Japanese names without a
    space), so that the facts of 200,000 rows share the rows' strings.
    """
    folded = fold(text)
    if not folded.isascii():
        folded = folded.translate(_KANA_TO_HIRAGANA)
    folded = "".join(folded.split())
    return text if folded == text else folded


@functools.lru_cache(maxsize=4096)
def _joined_categories(categories: tuple[str, ...]) -> str:
    # Each category folded on its own, then joined with a separator no search term holds (a
    # term is folded too, and folding drops it as a space), so no term spans two categories.
    return "\x1f".join(map(search_fold, categories))  # rows with the same categories share the string


def search_categories(row: Row) -> str:
    """The row's categories as the text search looks at them, folded, one after another."""
    categories = row.categories
    return _joined_categories(categories) if categories else ""


class RowTexts:
    """One searchable text of every row (its folded company, person, categories, last agent, or
    its phone's national digits 0312345678), held as one text, a line a row.

    Indexed by source like a fact list; :meth:`search` finds the rows whose text contains a
    term with one regular-expression scan over the text (200,000 numbers: 2.4 MB, a few
    milliseconds) instead of a Python test per row. One text rather than a string per row also
    saves memory: a folded name that differs from the row's own (spaces dropped, katakana as
    hiragana) would otherwise be a string object of its own, ~35 MB for 200,000 contacts.
    A row's text holds no line break (:func:`search_fold` drops them).

    Where each line starts is kept in 32-bit integers (half the memory of Python's 64-bit
    ``"q"``; a text of more than 2**31 characters is far beyond any table). Rows added with
    :meth:`extend` are kept as pieces until the text is first read, then joined once: adding
    each step's rows to the whole text copied it again every step and left the copies' memory
    behind in the heap.
    """

    _CHUNK: Final = 10_000

    def __init__(self, digits: Iterable[str]) -> None:
        self._joined = ""
        self._pieces: list[str] = []  # added by extend(), not yet in _joined
        self._starts = array("i", [0])
        self.extend(digits)

    def extend(self, digits: Iterable[str]) -> None:
        """Add rows at the end (the work ahead adds a step's rows at a time)."""
        parts = iter(digits)
        while chunk := list(itertools.islice(parts, self._CHUNK)):
            self._pieces.append("".join(part + "\n" for part in chunk))
            ends = itertools.accumulate((len(part) + 1 for part in chunk), initial=self._starts[-1])
            next(ends)  # the chunk's start, listed already
            self._starts.extend(ends)  # the start of each next row, the end of the text last

    @property
    def _text(self) -> str:
        if self._pieces:
            self._joined = "".join([self._joined, *self._pieces])
            self._pieces.clear()
        return self._joined

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, src: int) -> str:
        return self._text[self._starts[src] : self._starts[src + 1] - 1]

    def __setitem__(self, src: int, digits: str) -> None:
        old = self[src]
        if digits != old:  # (a changed row: its last agent after a call, say)
            start, delta = self._starts[src], len(digits) - len(old)
            self._joined = self._text[:start] + digits + self._text[start + len(old) :]
            for later in range(src + 1, len(self._starts)):
                self._starts[later] += delta

    def append(self, digits: str) -> None:
        self._joined = self._text + digits + "\n"
        self._starts.append(len(self._joined))

    def search(self, term: str) -> Iterator[int]:
        """The sources whose text contains ``term``, each once, in source order."""
        starts = self._starts
        for match in re.finditer(re.escape(term) + "[^\n]*", self._text):  # to the line's end: once a row
            yield bisect.bisect_right(starts, match.start()) - 1


SEARCH_FACTS: Final = ("search_company", "search_person", "search_categories", "search_agent", "national")
"""The facts a text search looks at; the model computes them when rows are loaded."""

FACT_CONTAINERS: Final[dict[str, Callable[[Iterable[Any]], Any]]] = dict.fromkeys(SEARCH_FACTS, RowTexts)
"""Facts held in something else than a list (indexed by source all the same)."""


def _call_date(row: Row) -> date | None:
    last = last_call_of(row)
    return None if last is None else last.started_at.astimezone().date()


FACTS: Final[dict[str, Callable[[Row], Any]]] = {
    "search_company": lambda row: search_fold(row.company),
    "search_person": lambda row: search_fold(row.person),
    "search_categories": search_categories,
    "search_agent": lambda row: search_fold(agent_name(row)),
    "national": lambda row: national_digits(row.phone),
    "excluded": is_excluded,
    "categories": lambda row: row.categories,
    "status": status_code,
    "call_type": call_type_code,
    "assignee": lambda row: row.assignee_login,
    "agent": agent_login,
    "call_date": _call_date,
    "plan": plan_of,
}
"""How to compute each fact from a row."""

COLUMN_FACTS: Final[dict[str, str]] = {
    CATEGORIES: "categories",
    LAST_CALL_STATUS: "status",
    LAST_CALL_TYPE: "call_type",
    ASSIGNEE: "assignee",
    LAST_AGENT: "agent",
    EXCLUDED: "excluded",
    TARGETED: "excluded",
}
"""The fact behind each column that :meth:`RowTableModel.distinct_values` can list."""

_PHONE_CHARACTERS: Final = frozenset("0123456789-+() ")


def search_terms(text: str) -> list[str]:
    """The words of a search, folded as the rows' search facts are.

    A word that looks like a phone number or a piece of one (digits with hyphens, brackets, a
    ``+81`` prefix, full-width or not) becomes its national digits.
    """
    terms = []
    for word in map(search_fold, fold(text).split()):
        cleaned = clean_phone_text(word)
        if cleaned and set(cleaned) <= _PHONE_CHARACTERS and any(ch.isdigit() for ch in cleaned):
            digits = "".join(ch for ch in cleaned if ch.isdigit())
            if cleaned.startswith("+81"):
                digits = "0" + digits[2:]
            word = digits
        terms.append(word)
    return terms


def _text_term(term: str) -> Criterion:
    """One word of a text search: in the company, the person, a category, the last agent's name
    or the phone number."""
    digits = term.isascii() and term.isdigit()

    def test(company: str, person: str, categories: str, agent: str, national: str) -> bool:
        return (
            term in company
            or term in person
            or term in categories
            or term in agent
            or (digits and term in national)
        )

    def bulk(*texts: RowTexts) -> list[bool]:
        found = [False] * len(texts[0])
        for text in texts if digits else texts[:-1]:
            for src in text.search(term):
                found[src] = True
        return found

    return Criterion(SEARCH_FACTS, test, bulk)


def _any_of(wanted: frozenset[str]) -> Criterion:
    return Criterion(
        ("categories",),
        lambda categories: not wanted.isdisjoint(categories),
        lambda rows: [not wanted.isdisjoint(categories) for categories in rows],
    )


def _in_range(low: date | None, high: date | None) -> Callable[[date | None], bool]:
    def test(day: date | None) -> bool:
        return day is not None and (low is None or day >= low) and (high is None or day <= high)

    return test


def _not(value: Any) -> bool:
    return not value


def _nots(values: list[Any]) -> list[bool]:
    return [not value for value in values]


def _truth(value: Any) -> bool:
    return bool(value)


def _truths(values: list[Any]) -> list[bool]:
    return [bool(value) for value in values]


def criteria(row_filter: RowFilter) -> list[Criterion]:
    """The tests of a filter, cheapest and most selective first."""
    found: list[Criterion] = []
    f = row_filter
    if not f.show_excluded or f.excluded is False:
        found.append(Criterion(("excluded",), _not, _nots))
    elif f.excluded is True:
        found.append(Criterion(("excluded",), _truth, _truths))
    for fact, wanted in (
        ("status", f.statuses),
        ("call_type", f.last_call_types),
        ("assignee", f.assignees),
        ("agent", f.last_agents),
    ):
        if wanted:
            found.append(Criterion((fact,), wanted.__contains__))
    if f.categories:
        found.append(_any_of(f.categories))
    if f.date_from is not None or f.date_to is not None:
        found.append(Criterion(("call_date",), _in_range(f.date_from, f.date_to)))
    if f.dialable_at is not None:
        moment = f.dialable_at
        found.append(Criterion(("plan",), lambda plan: dialable_at(plan, moment)))
    found.extend(_text_term(term) for term in search_terms(f.text))
    return found


def filter_choices(fact: str, values: list[Any], rows: list[Row], live: list[int]) -> list[FilterChoice]:
    """The distinct values of ``fact`` among the ``live`` rows, labelled, counted and in order.

    ``values`` is the fact of every row by source index. Statuses and call types come in the
    order of SPEC §1, "none" last; names and categories alphabetically, "none" last.
    """
    counts: Counter[Any] = Counter()
    if fact == "categories":
        # One count over all the rows' categories: Counter.update checks each argument against
        # Mapping, so one update per row was measurably slower (bench/README.md).
        counts.update(itertools.chain.from_iterable(map(values.__getitem__, live)))
        choices = [FilterChoice(value, value, count) for value, count in counts.items()]
        return sorted(choices, key=lambda choice: fold(choice.label))
    counts.update(values[src] for src in live)
    last = len(STATUS_RANKS) + 1
    label: Callable[[Any], str]
    rank: Callable[[Any], int] | Callable[[Any], str]
    if fact == "status":
        label, rank = status_label, lambda value: STATUS_RANKS.get(value, last)
    elif fact == "call_type":
        label, rank = call_type_label, lambda value: CALL_TYPE_RANKS.get(value, last)
    elif fact == "excluded":
        label, rank = (lambda value: tr(NOT_TARGETED_SOURCE) if value else tr(TARGETED_SOURCE)), bool
    else:  # logins: assignee or agent, labelled with the display name a row gives
        name_of = assignee_name if fact == "assignee" else agent_name
        names: dict[Any, str] = {}
        for src in live:
            names.setdefault(values[src], name_of(rows[src]))
        empty = tr(UNASSIGNED_SOURCE) if fact == "assignee" else tr(NO_AGENT_SOURCE)
        label = lambda value: empty if value is None else names.get(value) or value  # noqa: E731
        rank = lambda value: fold(label(value))  # noqa: E731
    choices = [FilterChoice(value, label(value), count) for value, count in counts.items()]
    return sorted(choices, key=lambda choice: (choice.value is None, rank(choice.value)))
