"""The rules of a contact's editable fields, shared by the edit form and the store (SPEC §1, §2).

The same rules as the CSV import's: a contact needs a company or a person (blank after trimming,
full-width spaces included, counts as none), and holds at most ``MAX_CATEGORIES`` distinct
categories, written in one text separated by ``|`` or the full-width ``｜``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from calllist_desktop.core.columns import CATEGORY_SEPARATOR, MAX_CATEGORIES

_SEPARATORS: Final = re.compile(r"[|｜]")


def split_categories(text: str) -> tuple[str, ...]:
    """``"展示会 | 製品A｜展示会"`` → ``("展示会", "製品A")``: split, trimmed, blanks and repeats dropped."""
    return clean_categories(_SEPARATORS.split(text))


def clean_categories(categories: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, in their first order, without blanks and repeats (no limit checked here)."""
    unique = dict.fromkeys(category.strip() for category in categories)
    unique.pop("", None)
    return tuple(unique)


def join_categories(categories: Iterable[str]) -> str:
    """The text :func:`split_categories` reads back (how the edit form shows them)."""
    return f" {CATEGORY_SEPARATOR} ".join(categories)


def too_many_categories(categories: tuple[str, ...]) -> bool:
    return len(categories) > MAX_CATEGORIES
