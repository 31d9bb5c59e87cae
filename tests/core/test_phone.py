"""Phone numbers as people type them and spreadsheets keep them (core.phone)."""

from __future__ import annotations

import subprocess
import sys

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calllist_desktop.core import phone as phone_module
from calllist_desktop.core.phone import NormalizedPhone, format_national, national_digits, normalize_phone
from calllist_desktop.core.phone_jp import JP_FORMATS, format_japanese
from tests.core.phone_rules_script import phone_rules


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("03-1234-5678", "+81312345678"),
        ("0312345678", "+81312345678"),
        ("０３－１２３４－５６７８", "+81312345678"),  # full-width digits and hyphens
        ("０３１２３４５６７８", "+81312345678"),
        ("03ー1234ー5678", "+81312345678"),  # katakana long vowel mark typed for a hyphen
        ("03−1234−5678", "+81312345678"),  # minus sign
        ("(03) 1234-5678", "+81312345678"),
        ("03(1234)5678", "+81312345678"),
        ("03 1234 5678", "+81312345678"),
        ("\u300003-1234-5678\u3000", "+81312345678"),  # full-width spaces around
        ("+81312345678", "+81312345678"),
        ("+81 3-1234-5678", "+81312345678"),
        ("+81-90-1234-5678", "+819012345678"),
        ("090-1234-5678", "+819012345678"),
        ("06-6123-4567", "+81661234567"),
        ("0120-123-456", "+81120123456"),
        ("050-1234-5678", "+815012345678"),
        ("+1 650-253-0000", "+16502530000"),
    ],
)
def test_normalize_phone_accepts_the_usual_forms(raw: str, e164: str) -> None:
    assert normalize_phone(raw) == NormalizedPhone(e164, restored_leading_zero=False)


@pytest.mark.parametrize(
    ("raw", "e164"),
    [("312345678", "+81312345678"), ("9012345678", "+819012345678"), ("3-1234-5678", "+81312345678")],
)
def test_normalize_phone_restores_a_dropped_leading_zero(raw: str, e164: str) -> None:
    assert normalize_phone(raw) == NormalizedPhone(e164, restored_leading_zero=True)


@pytest.mark.parametrize(
    "raw", ["", "   ", "\u3000", "abc", "1", "03-0000-0000", "090-0000-0000", "81312345678"]
)
def test_normalize_phone_rejects_what_is_not_a_valid_number(raw: str) -> None:
    assert normalize_phone(raw) == NormalizedPhone(None)


def test_a_possible_but_invalid_number_is_rejected() -> None:
    # phonenumbers finds 03-0000-0000 "possible" (right length) but not valid (no such number).
    parsed = phonenumbers.parse("03-0000-0000", "JP")
    assert phonenumbers.is_possible_number(parsed)
    assert not phonenumbers.is_valid_number(parsed)
    assert normalize_phone("03-0000-0000").e164 is None


def test_normalize_phone_other_region() -> None:
    assert normalize_phone("(650) 253-0000", region="US").e164 == "+16502530000"


@pytest.mark.parametrize(
    ("e164", "national"),
    [
        ("+81312345678", "03-1234-5678"),
        ("+819012345678", "090-1234-5678"),
        ("+81120123456", "0120-123-456"),
        ("+16502530000", "+1 650-253-0000"),
    ],
)
def test_format_national(e164: str, national: str) -> None:
    assert format_national(e164) == national


@pytest.mark.parametrize(
    ("e164", "digits"),
    [("+81312345678", "0312345678"), ("+819012345678", "09012345678"), ("+81120123456", "0120123456")],
)
def test_national_digits(e164: str, digits: str) -> None:
    assert national_digits(e164) == digits


def test_national_form_normalises_back() -> None:
    for e164 in ("+81312345678", "+819012345678", "+81120123456", "+16502530000"):
        assert normalize_phone(format_national(e164)).e164 == e164


# --- the fast path for Japanese national numbers agrees with phonenumbers.parse -------------


def _slow(text: str) -> str | None:
    try:
        number = phonenumbers.parse(text, "JP")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_national_text = st.builds(
    lambda head, body, seps: "".join(ch + (seps[i % len(seps)] if i in (1, 4, 6) else "") for i, ch in enumerate(head + body)),
    st.sampled_from(["0", "00", "010", "03", "06", "090", "080", "070", "050", "0120", "0800", "0570", "011", "052", "099"]),
    st.text(alphabet="0123456789", min_size=0, max_size=12),
    st.lists(st.sampled_from(["", "-", " ", "(", ")"]), min_size=1, max_size=3),
)


@settings(max_examples=3000, deadline=None)
@given(_national_text)
def test_the_fast_path_agrees_with_phonenumbers_parse(text: str) -> None:
    assert phone_module._parse_valid(text, "JP") == _slow(text)


def test_the_fast_path_is_taken_for_plain_national_numbers() -> None:
    assert phone_module._national_fast("03-1234-5678", "JP") is not None
    assert phone_module._national_fast("010-1-650-253-0000", "JP") is None  # international prefix
    assert phone_module._national_fast("+81312345678", "JP") is None
    assert phone_module._national_fast("03-1234-5678", "US") is None


@settings(max_examples=3000, deadline=None)
@given(
    st.builds(
        str.__add__,
        st.sampled_from(["3", "6", "90", "80", "70", "50", "120", "800", "570", "990", "60", "20", "11", "52", "1"]),
        st.text(alphabet="0123456789", max_size=14),
    )
)
def test_the_fast_validity_check_agrees_with_phonenumbers(national: str) -> None:
    number = phonenumbers.PhoneNumber(country_code=81, national_number=int(national))
    assert phone_module._is_valid_national(national, "JP") == phonenumbers.is_valid_number(number)


@pytest.mark.parametrize("national", ["312345678", "9012345678", "120123456", "8001234567", "570123456", "5012345678"])
def test_the_fast_validity_check_accepts_each_kind_of_number(national: str) -> None:
    number = phonenumbers.PhoneNumber(country_code=81, national_number=int(national))
    assert phonenumbers.is_valid_number(number)
    assert phone_module._is_valid_national(national, "JP")


@settings(max_examples=1000, deadline=None)
@given(_national_text)
def test_formatting_without_parse_agrees_with_parse(text: str) -> None:
    e164 = _slow(text)
    if e164 is None or not e164.startswith("+81"):
        return  # other countries keep their international form, tested above
    parsed = phonenumbers.parse(e164, None)
    assert format_national(e164) == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def test_the_japanese_rules_are_a_copy_of_phonenumbers_metadata() -> None:
    expected = phone_rules.japanese_rules()  # packaging/phone_rules.py, read from phonenumbers now
    assert expected == JP_FORMATS, f"phonenumbers changed its Japanese formats: run `make phone-rules`\n{expected!r}"


@settings(max_examples=4000, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.text(alphabet="0123456789", min_size=0, max_size=9))
def test_japanese_numbers_are_formatted_as_phonenumbers_formats_them(prefix: int, rest: str) -> None:
    national = f"{prefix}{rest}"  # every start of a national number, every length up to 13 digits
    number = phonenumbers.PhoneNumber(country_code=81, national_number=int(national))
    assert format_japanese(national) == phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    assert format_national(f"+81{national}") == format_japanese(national)


def test_formatting_a_japanese_number_imports_no_phonenumbers() -> None:
    code = (
        "import sys\n"
        "from calllist_desktop.core.phone import format_national\n"
        "assert format_national('+819012345678') == '090-1234-5678'\n"
        "print('phonenumbers' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
