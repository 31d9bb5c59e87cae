"""Japanese numbers in their national form (03-1234-5678) without importing ``phonenumbers``.

Why: the desktop client shows the national form of every number in its first paint, and
importing ``phonenumbers`` and compiling its Japanese patterns cost ~20 ms of a ~250 ms start.
This is the same algorithm ``phonenumbers.format_number(..., NATIONAL)`` runs for +81 numbers,
on a copy of its Japanese formatting rules: the first rule whose last leading-digits pattern
matches the start of the number and whose pattern matches all of it; the trunk prefix 0 goes
in front of the first group. ``tests/core/test_phone.py`` checks the copy against the installed
``phonenumbers`` metadata (an upgrade that changes it fails there) and the results against
``phonenumbers`` itself.
"""

from __future__ import annotations

import functools
import re
from typing import Final

# (pattern, format, last leading-digits pattern, national prefix formatting rule), in the order of
# phonenumbers' metadata for JP (``PhoneMetadata.metadata_for_region("JP").number_format``).
JP_FORMATS: Final[tuple[tuple[str, str, str | None, str | None], ...]] = (
    ('(\\d{4})(\\d{4})', '\\1-\\2', '00777[01]', None),
    ('(\\d{8,10})', '\\1', '000', None),
    ('(\\d{3})(\\d{3})(\\d{3})', '\\1-\\2-\\3', '(?:12|57|99)0', '0\\1'),
    ('(\\d{4})(\\d)(\\d{4})', '\\1-\\2-\\3', '1(?:267|3(?:7[247]|9[278])|466|5(?:47|58|64)|6(?:3[245]|48|5[4-68]))|499[2468]|5(?:769|979[2-69])|7468|8(?:3(?:8[7-9]|96[2457-9])|477|51[2-9])|9(?:802|9(?:1[23]|69))|1(?:45|58)[67]', '0\\1'),
    ('(\\d{2})(\\d{3})(\\d{4})', '\\1-\\2-\\3', '60', '0\\1'),
    ('(\\d)(\\d{4})(\\d{4})', '\\1-\\2-\\3', '3|4(?:2(?:0|9[02-69])|7(?:0[019]|1))|6[1-9]', '0\\1'),
    ('(\\d{2})(\\d{3})(\\d{4})', '\\1-\\2-\\3', '1(?:1|5(?:4[018]|5[017])|77|88|9[69])|2(?:2[127]|3[0-269]|4[59]|5(?:[1-3]|5[0-69]|9(?:17|99))|6(?:2|4[016-9])|7(?:[1-35]|8[0189])|8(?:[16]|3[0134]|9[0-5])|9(?:[028]|17))|4(?:2(?:[13-79]|8[014-6])|3[0-57]|[45]|6[248]|7[2-47]|9[29])|5(?:2|3(?:[045]|9(?:[0-58]|6[4-9]|7[0-35689]))|4[0-369]|5[29]|8[02389]|9[0-3])|7(?:2[02-46-9]|34|[58]|6[0249]|7[57]|9(?:[23]|4[0-59]|5[01569]|6[0167]))|8(?:2(?:[1258]|4[0-39]|9[0169])|3(?:[29]|60|7(?:[017-9]|6[6-8]))|49|51|6(?:[0-24]|36[2-57-9]|5(?:[0-389]|5[23])|6(?:[01]|9[178])|7(?:2[2-468]|3[78])|9[0145])|7[0-468]|8[68])|9(?:4[15]|5[138]|7[156]|8[189]|9(?:[1289]|3(?:31|4[357])|4[0178]))|(?:8294|96)[1-3]|2(?:57|93)[015-9]|(?:223|8699)[014-9]|(?:25[0468]|422|838)[01]|(?:48|8292|9[23])[1-9]|(?:47[59]|59[89]|8(?:68|9))[019]', '0\\1'),
    ('(\\d{3})(\\d{2})(\\d{4})', '\\1-\\2-\\3', '[14]|[289][2-9]|5[3-9]|7[2-4679]', '0\\1'),
    ('(\\d{4})(\\d{2})(\\d{3,4})', '\\1-\\2-\\3', '0077', None),
    ('(\\d{4})(\\d{2})(\\d{4})', '\\1-\\2-\\3', '008', None),
    ('(\\d{3})(\\d{3})(\\d{4})', '\\1-\\2-\\3', '800', '0\\1'),
    ('(\\d{2})(\\d{4})(\\d{4})', '\\1-\\2-\\3', '[25-9]', '0\\1'),
    ('(\\d{4})(\\d{3})(\\d{3,4})', '\\1-\\2-\\3', '0', None),
    ('(\\d{4})(\\d{4})(\\d{4,5})', '\\1-\\2-\\3', '0', None),
    ('(\\d{4})(\\d{5})(\\d{5,6})', '\\1-\\2-\\3', '0', None),
    ('(\\d{4})(\\d{6})(\\d{6,7})', '\\1-\\2-\\3', '0', None),
)

_FIRST_GROUP: Final = re.compile(r"(\\\d)")


@functools.cache
def _rules() -> tuple[tuple[re.Pattern[str] | None, re.Pattern[str], str], ...]:
    """The rules compiled once, each with its format for the national form."""
    rules = []
    for pattern, number_format, leading, prefix_rule in JP_FORMATS:
        if prefix_rule:
            number_format = _FIRST_GROUP.sub(prefix_rule, number_format, count=1)  # as phonenumbers does
        rules.append((re.compile(leading) if leading else None, re.compile(pattern), number_format))
    return tuple(rules)


def format_japanese(national: str) -> str:
    """The national form of a Japanese national significant number (``312345678`` -> ``03-1234-5678``);
    the digits as they are when no rule fits, as ``phonenumbers`` does."""
    for leading, pattern, number_format in _rules():
        if (leading is None or leading.match(national)) and pattern.fullmatch(national):
            return pattern.sub(number_format, national)
    return national
