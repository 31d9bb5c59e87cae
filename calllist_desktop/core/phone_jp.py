"""Japanese numbers in their national form (03-1234-5678) without importing ``phonenumbers``.

Why: the desktop client shows the national form of every number in its first paint, before it
needs ``phonenumbers`` for anything else (importing it and compiling its Japanese patterns is
measured in ``bench/cold_start.py``; see ``bench/README.md``). This is the algorithm
``phonenumbers.format_number(..., NATIONAL)`` runs for +81 numbers, on its own Japanese
formatting rules: the first rule whose last leading-digits pattern matches the start of the
number and whose pattern matches all of it; the trunk prefix 0 goes in front of the first group.

The rules are in :mod:`.phone_jp_rules`, generated from the installed ``phonenumbers`` by
``packaging/phone_rules.py`` (``make phone-rules``) in a form that needs no regular expressions.
They hold for that version only: :func:`rules_are_current` says whether it is the one installed,
and ``core.phone`` lets ``phonenumbers`` format when it is not.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from typing import Final

from calllist_desktop.core.phone_jp_rules import JP_FORMATS as _GENERATED
from calllist_desktop.core.phone_jp_rules import PHONENUMBERS_VERSION

Groups = tuple[tuple[int, int], ...]
Rule = tuple[Groups, str, tuple[str, ...], str | None]
"""(digit groups, format, leading prefixes (empty: any), national prefix formatting rule)."""

JP_FORMATS: Final[tuple[Rule, ...]] = _GENERATED


def installed_phonenumbers_version() -> str | None:
    """The version of the installed ``phonenumbers``, read from its installation record.

    Every installer records a distribution as a ``NAME-VERSION.dist-info`` folder beside its
    package (the packaging specifications' "Recording installed projects"); reading that name
    is what ``importlib.metadata.version`` does, without importing ``phonenumbers``, or
    ``importlib.metadata`` and the e-mail parser behind it. ``None`` when there is no single
    such record: then the rules are not trusted.
    """
    spec = importlib.util.find_spec("phonenumbers")
    if spec is None or spec.origin is None:
        return None
    folder = os.path.dirname(os.path.dirname(spec.origin))
    try:
        names = [name for name in os.listdir(folder) if name.startswith("phonenumbers-") and name.endswith(".dist-info")]
    except OSError:
        return None
    if len(names) != 1:
        return None
    return names[0].removeprefix("phonenumbers-").removesuffix(".dist-info")


@functools.cache
def rules_are_current() -> bool:
    """Whether the installed ``phonenumbers`` is the version the rules were generated from."""
    return installed_phonenumbers_version() == PHONENUMBERS_VERSION


def _national_rule(rule: Rule) -> tuple[Groups, str, tuple[str, ...], int, int]:
    """A rule ready to apply: its format for the national form, and the lengths its pattern fits.

    Only the last group of a pattern varies in length (the generator refuses any other), so a
    number fits when all its digits are there, and its groups are cut from the left.
    """
    groups, number_format, leading, prefix_rule = rule
    if prefix_rule:
        number_format = number_format.replace("\\1", prefix_rule, 1)  # as phonenumbers does, on its first group
    return (groups, number_format, leading, sum(low for low, _ in groups), sum(high for _, high in groups))


_RULES: Final = tuple(_national_rule(rule) for rule in JP_FORMATS)


def format_japanese(national: str) -> str:
    """The national form of a Japanese national significant number (``312345678`` -> ``03-1234-5678``);
    the digits as they are when no rule fits, as ``phonenumbers`` does."""
    if not national.isdecimal():  # what the patterns' \d matches
        return national
    length = len(national)
    for groups, number_format, leading, shortest, longest in _RULES:
        if shortest <= length <= longest and (not leading or national.startswith(leading)):
            start = 0
            for number, (low, _high) in enumerate(groups[:-1], 1):
                number_format = number_format.replace(f"\\{number}", national[start : start + low])
                start += low
            return number_format.replace(f"\\{len(groups)}", national[start:])
    return national
