"""Write ``calllist_desktop/core/phone_jp_rules.py`` from the installed phonenumbers' metadata.

``core.phone_jp`` formats Japanese numbers with phonenumbers' own rules for them, read here once
into a form that needs neither phonenumbers nor regular expressions: each rule's pattern as its
digit groups (fewest, most digits), its last leading-digits pattern as the digit strings it
matches. The generated file names the phonenumbers version it was made from; with any other
version installed, ``core.phone`` lets phonenumbers format. After upgrading phonenumbers:

    make phone-rules          # or: .venv/bin/python packaging/phone_rules.py
    .venv/bin/python packaging/phone_rules.py --check    # exit 1 when the file is not current

(``tests/core/test_phone_rules.py`` runs the check.)
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import phonenumbers

OUTPUT = Path(__file__).resolve().parent.parent / "calllist_desktop" / "core" / "phone_jp_rules.py"

Groups = tuple[tuple[int, int], ...]
Rule = tuple[Groups, str, tuple[str, ...], str | None]


def digit_groups(pattern: str) -> Groups:
    """``(\\d{4})(\\d)(\\d{3,4})`` -> ((4, 4), (1, 1), (3, 4)); anything else is refused."""
    groups = tuple(
        (int(low or 1), int(high or low or 1)) for low, high in re.findall(r"\(\\d(?:\{(\d+)(?:,(\d+))?\})?\)", pattern)
    )
    written = {(1, 1): "(\\d)"}
    rebuilt = "".join(
        written.get((low, high), f"(\\d{{{low}}})" if low == high else f"(\\d{{{low},{high}}})") for low, high in groups
    )
    if rebuilt != pattern:
        raise ValueError(f"not a row of digit groups: {pattern}")
    if any(low != high for low, high in groups[:-1]):
        raise ValueError(f"a group other than the last varies in length: {pattern}")
    return groups


def expand(pattern: str) -> list[str]:
    """Every digit string a leading-digits pattern matches in full, sorted.

    phonenumbers writes them as finite alternations: digits, classes (``[2-9]``), groups
    (``(?:…)``) and ``|``. A small parser of that subset expands them; anything else (a
    quantifier, ``\\d``) is refused rather than guessed. Each result is checked with ``re``.
    """
    strings, end = _alternation(pattern, 0)
    if end != len(pattern):
        raise ValueError(f"unexpected {pattern[end]!r} at {end} in {pattern}")
    compiled = re.compile(pattern)
    for text in strings:
        if not compiled.fullmatch(text):
            raise ValueError(f"{text} was expanded from {pattern} but does not match it")
    return sorted(set(strings))


def _alternation(pattern: str, at: int) -> tuple[list[str], int]:
    strings, at = _sequence(pattern, at)
    while at < len(pattern) and pattern[at] == "|":
        more, at = _sequence(pattern, at + 1)
        strings += more
    return strings, at


def _sequence(pattern: str, at: int) -> tuple[list[str], int]:
    strings = [""]
    while at < len(pattern) and pattern[at] not in "|)":
        if pattern[at].isdigit():
            options, at = [pattern[at]], at + 1
        elif pattern[at] == "[":
            close = pattern.index("]", at)
            options, at = _digit_class(pattern[at + 1 : close], pattern), close + 1
        elif pattern.startswith("(?:", at):
            options, at = _alternation(pattern, at + 3)
            if at >= len(pattern) or pattern[at] != ")":
                raise ValueError(f"unclosed group in {pattern}")
            at += 1
        else:
            raise ValueError(f"{pattern[at]!r} at {at} in {pattern}: not a finite alternation of digits")
        strings = [start + option for start in strings for option in options]
    return strings, at


def _digit_class(members: str, pattern: str) -> list[str]:
    """``2457-9`` -> ["2", "4", "5", "7", "8", "9"]."""
    digits: list[str] = []
    at = 0
    while at < len(members):
        first = members[at]
        if at + 2 < len(members) and members[at + 1] == "-":
            last, at = members[at + 2], at + 3
        else:
            last, at = first, at + 1
        if not (first.isdigit() and last.isdigit() and first <= last):
            raise ValueError(f"not a class of digits: [{members}] in {pattern}")
        digits += [chr(code) for code in range(ord(first), ord(last) + 1)]
    return digits


def japanese_rules() -> tuple[Rule, ...]:
    """phonenumbers' national formatting rules for Japan, in its order, in ``phone_jp``'s form."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("JP")
    if metadata is None:
        raise ValueError("phonenumbers has no metadata for JP")
    return tuple(
        (
            digit_groups(rule.pattern),
            rule.format,
            tuple(expand(rule.leading_digits_pattern[-1])) if rule.leading_digits_pattern else (),
            rule.national_prefix_formatting_rule,
        )
        for rule in metadata.number_format
    )


def _lines(rule: Rule) -> list[str]:
    groups, number_format, leading, prefix_rule = rule
    if len(leading) <= 6:
        return [f"    ({groups!r}, {number_format!r}, {leading!r}, {prefix_rule!r}),"]
    lines = ["    (", f"        {groups!r},", f"        {number_format!r},", "        ("]
    row = "           "
    for prefix in leading:
        item = f" {prefix!r},"
        if len(row) + len(item) > 108:
            lines.append(row)
            row = "           "
        row += item
    lines += [row, "        ),", f"        {prefix_rule!r},", "    ),"]
    return lines


def generate() -> str:
    """The text of ``core/phone_jp_rules.py`` for the installed phonenumbers."""
    version = phonenumbers.__version__
    head = [
        f'"""phonenumbers {version}\'s rules for Japanese national numbers, for ``core.phone_jp``.',
        "",
        "Generated by packaging/phone_rules.py (`make phone-rules`) from the installed phonenumbers:",
        "do not edit. Each rule: (digit groups as (fewest, most) digits, format, the digit strings its",
        "last leading-digits pattern matches (empty: any), national prefix formatting rule), in the",
        'order of ``PhoneMetadata.metadata_for_region("JP").number_format``.',
        '"""',
        "",
        "from typing import Final",
        "",
        f"PHONENUMBERS_VERSION: Final = {version!r}",
        "",
        "JP_FORMATS: Final = (",
    ]
    body = [line for rule in japanese_rules() for line in _lines(rule)]
    return "\n".join([*head, *body, ")", ""])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the file is current (exit 1 if not)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    text = generate()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            print(
                f"{args.output} is not what phonenumbers {phonenumbers.__version__} gives: run `make phone-rules`",
                file=sys.stderr,
            )
            return 1
        return 0
    if current != text:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output} (phonenumbers {phonenumbers.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
