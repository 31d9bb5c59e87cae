"""Japanese phone numbers: normalise what people type or spreadsheets keep, to E.164, and back.

All the knowledge of numbering plans comes from ``phonenumbers`` (Google's libphonenumber);
this module only decides what to clean up before asking it, and which of its answers to trust:
``is_valid_number`` rather than ``is_possible_number``, which accepts dummy numbers.

``phonenumbers`` is imported by the functions that need it, not with this module: the desktop
client's start should not pay for importing it before its first paint (its search and cleaning
helpers here need none of it; the figures are in ``bench/README.md``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

from calllist_desktop.core.phone_jp import format_japanese, rules_are_current

if TYPE_CHECKING:
    import phonenumbers

DEFAULT_REGION = "JP"

# Dashes and minus signs that Japanese input methods and Excel produce in place of "-".
_DASHES = "‐‑‒–—―−ー－ｰ"
_DASH_TABLE = str.maketrans(dict.fromkeys(_DASHES, "-"))


class NormalizedPhone(NamedTuple):
    """The outcome of normalising one phone cell.

    ``e164`` is ``None`` when the text is not a valid number. ``restored_leading_zero`` says the
    number only became valid after putting back the 0 a spreadsheet dropped (312345678).
    """

    e164: str | None
    restored_leading_zero: bool = False


def is_known_region(region: str) -> bool:
    """Whether ``phonenumbers`` knows ``region`` (a region code such as ``JP``)."""
    import phonenumbers

    return region in phonenumbers.SUPPORTED_REGIONS


def clean_phone_text(raw: str) -> str:
    """Fold full-width digits and signs, unify dashes and trim, before parsing."""
    return unicodedata.normalize("NFKC", raw).translate(_DASH_TABLE).strip()


# Separators a national number may be written with; what is left must be ASCII digits.
_SEPARATORS = str.maketrans("", "", "- ()")


def _national_fast(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    """The number for the common case, a Japanese national number ("03-1234-5678"), or ``None``.

    ``phonenumbers.parse`` spends most of its time on regular expressions that find the number
    in free text; for plain national digits after the trunk prefix 0 the answer is known: country
    code 81, the digits after the 0. (International prefixes, 00… and 010…, go the long way.)
    ``tests/core/test_phone.py`` checks this agrees with ``parse`` on generated numbers.
    """
    if region != "JP":
        return None
    digits = text.translate(_SEPARATORS)
    if not (3 <= len(digits) <= 17 and digits.isascii() and digits.isdigit()):
        return None
    if digits[0] != "0" or digits[1] == "0" or digits.startswith("010"):
        return None
    import phonenumbers

    return phonenumbers.PhoneNumber(country_code=81, national_number=int(digits[1:]))


_NUMBER_TYPES = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
    "fixed_line",
    "mobile",
)


_Desc = tuple[frozenset[int], re.Pattern[str]]


def _compiled(desc: phonenumbers.PhoneNumberDesc | None) -> _Desc | None:
    if desc is None or not desc.national_number_pattern:
        return None
    return frozenset(desc.possible_length or ()), re.compile(desc.national_number_pattern)


@functools.cache
def _descriptions(region: str) -> tuple[_Desc | None, tuple[_Desc, ...]]:
    """The region's general and number-type descriptions from phonenumbers' metadata, compiled once."""
    import phonenumbers

    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if metadata is None:
        return None, ()
    types = (_compiled(getattr(metadata, name)) for name in _NUMBER_TYPES)
    return _compiled(metadata.general_desc), tuple(desc for desc in types if desc is not None)


def _matches(desc: _Desc, national: str) -> bool:
    lengths, pattern = desc
    return (not lengths or len(national) in lengths) and pattern.fullmatch(national) is not None


def _is_valid_national(national: str, region: str) -> bool:
    """``phonenumbers.is_valid_number`` for a number of the region itself, without its overhead.

    The same test on the same metadata: the number matches the region's general description and
    one of its number types, lengths included. The library's version looks each pattern up in a
    cache for every type of every number, which took as long as parsing.
    """
    general, types = _descriptions(region)
    if general is None or not _matches(general, national):
        return False
    return any(_matches(desc, national) for desc in types)


def _parse_valid(text: str, region: str) -> str | None:
    fast = _national_fast(text, region)
    if fast is not None:
        national = str(fast.national_number)
        if not _is_valid_national(national, region):
            return None
        return f"+{fast.country_code}{national}"
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@functools.cache
def _trunk_prefix(region: str) -> str | None:
    import phonenumbers

    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    return metadata.national_prefix if metadata is not None else None


# An extension written after a number, in the spellings people and phonenumbers use (on text
# cleaned by clean_phone_text: full-width letters, colons and brackets are ASCII by then):
# 内線12, 内12, 内線:12番, (内線 12), ext. 12, ext12, extn 12, extension 12, x12, #12, ~12, ;ext=12.
_EXTENSION = re.compile(
    r"[\s,;]*\(?\s*(?:内線番号|内線|内|extension|extn|ext|x|\#|~)\s*[.:=]?\s*(?P<digits>\d{1,8})\s*番?\s*\)?\s*\#?$",
    re.IGNORECASE,
)


def split_extension(raw: str) -> tuple[str, str | None]:
    """The number and the extension written after it (``None`` when there is none).

    ``"03-1234-5678 内線12"`` gives ``("03-1234-5678", "12")``, and so do ``ext. 12``, ``x12``,
    ``#12`` and the other spellings of :data:`_EXTENSION`. A text with no digit before the
    extension is left whole (``"内線12"`` alone is no number with an extension).
    """
    if raw.translate(_NUMBER_CHARACTERS).isdigit():  # the usual cell: a number and nothing else
        return raw, None
    text = clean_phone_text(raw)
    if text.translate(_NUMBER_CHARACTERS).isdigit():  # full-width, now folded
        return text, None
    match = _EXTENSION.search(text)
    if match is not None and any(ch.isdigit() for ch in text[: match.start()]):
        return text[: match.start()].strip(), match.group("digits")
    if _OTHER_AFTER_DIGIT.search(text):  # maybe a spelling phonenumbers knows (",12", "int 12", "anexo 12")
        return _split_as_phonenumbers_does(text)
    return text, None


# What a number is written with besides its digits: a text of these alone has no extension.
_NUMBER_CHARACTERS = str.maketrans("", "", "- ().+")

# After a digit, a character no number is written with: what phonenumbers may take for an extension.
_OTHER_AFTER_DIGIT = re.compile(r"\d.*[^\d\s\-().+]")


def _split_as_phonenumbers_does(text: str) -> tuple[str, str | None]:
    """The extension ``phonenumbers.parse`` finds in ``text``, so that none is dropped unnoticed;
    the number then comes back in E.164 as it read it (region JP)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return text, None
    if not number.extension:
        return text, None
    extension = number.extension
    number.extension = None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), extension


def normalize_phone(raw: str, region: str = DEFAULT_REGION) -> NormalizedPhone:
    """Normalise a phone number as typed or imported to its E.164 form.

    Accepts hyphens, spaces, parentheses, full-width digits and a ``+81`` prefix. A national
    number whose first digit is not 0 (312345678: a spreadsheet took the cell for a number and
    dropped the 0) is read with the 0 put back, and says so; ``phonenumbers`` alone would accept
    it silently.
    """
    text = clean_phone_text(raw)
    if not text:
        return NormalizedPhone(None)
    if not text.startswith("+") and _trunk_prefix(region) == "0":
        first_digit = next((ch for ch in text if ch.isdigit()), "")
        if first_digit and first_digit != "0":
            e164 = _parse_valid("0" + text, region)
            return NormalizedPhone(e164, restored_leading_zero=e164 is not None)
    return NormalizedPhone(_parse_valid(text, region))


@functools.lru_cache(maxsize=65536)
def format_national(e164: str) -> str:
    """The hyphenated national form (03-1234-5678) that spreadsheets keep as text.

    Numbers of other countries keep their international form (+1 650-253-0000). Cached: every
    view and export shows the same few thousand numbers, each formatted again and again.
    Japanese numbers need no ``phonenumbers`` (:mod:`.phone_jp`, its rules) while the installed
    one is the version those rules were generated from.
    """
    if e164.startswith("+81") and e164[3:].isdigit() and e164[3] != "0" and rules_are_current():
        return format_japanese(e164[3:])
    import phonenumbers

    number = _from_e164(e164)
    if phonenumbers.region_code_for_number(number) == DEFAULT_REGION:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _from_e164(e164: str) -> phonenumbers.PhoneNumber:
    """The number of an E.164 string this module made; Japan's without the cost of ``parse``."""
    import phonenumbers

    if e164.startswith("+81") and e164[3:].isdigit() and e164[3] != "0":
        return phonenumbers.PhoneNumber(country_code=81, national_number=int(e164[3:]))
    return phonenumbers.parse(e164, None)


def national_digits(e164: str) -> str:
    """The national number as digits only (0312345678), as a PBX dial string wants it."""
    import phonenumbers

    national = phonenumbers.format_number(_from_e164(e164), phonenumbers.PhoneNumberFormat.NATIONAL)
    return "".join(ch for ch in national if ch.isdigit())
