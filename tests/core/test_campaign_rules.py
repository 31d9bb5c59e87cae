"""The campaign rules as pure functions (core.campaign_rules): each rule at its boundary, the
calendar in the list's time zone with Japanese public holidays, and the rules' text."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from calllist_desktop.core.campaign_rules import (
    ALL_DAYS,
    Hold,
    ListRules,
    RuleError,
    TargetHistory,
    closing_holiday,
    evaluate,
    format_days,
    hold,
    holiday_name,
    is_calling_time,
    is_public_holiday,
    next_allowed_at,
    next_calling_time,
    parse_days,
    parse_duration,
    parse_hours,
    parse_retry,
)
from calllist_desktop.core.dial_policy import Refusal, number_refusal
from calllist_desktop.core.i18n import set_language

TOKYO = ZoneInfo("Asia/Tokyo")
MONDAY_9 = datetime(2026, 12, 7, 9, 0, tzinfo=TOKYO)
OFFICE = ListRules(hours=(time(9), time(18)), days=frozenset(range(5)))


def test_defaults_hold_back_nothing_but_an_ending_outcome() -> None:
    rules = ListRules()
    assert rules.is_default and not rules.has_calendar
    assert hold(rules, TargetHistory(), MONDAY_9) is None
    assert hold(rules, TargetHistory(99, "no_answer", MONDAY_9, MONDAY_9), MONDAY_9) is None
    for code in ("answered", "rejected", "invalid"):
        assert hold(rules, TargetHistory(1, code, MONDAY_9, MONDAY_9), MONDAY_9) is Hold.ENDED
    assert next_allowed_at(rules, TargetHistory(1, "answered", MONDAY_9, MONDAY_9), MONDAY_9) is None
    assert hold(rules, TargetHistory(1, None, MONDAY_9), MONDAY_9) is Hold.IN_PROGRESS
    assert hold(rules, TargetHistory(1, "busy", MONDAY_9, MONDAY_9, ended_by_disposition=True), MONDAY_9) is Hold.ENDED


def test_the_attempt_that_reaches_the_limit() -> None:
    rules = ListRules(max_attempts=3)
    last = MONDAY_9 - timedelta(hours=1)
    assert hold(rules, TargetHistory(2, "busy", last, last), MONDAY_9) is None
    assert hold(rules, TargetHistory(3, "busy", last, last), MONDAY_9) is Hold.ATTEMPTS
    assert hold(rules, TargetHistory(3, "busy", last, last), MONDAY_9, callback_due=True) is None


def test_the_retry_delay_ends_on_the_second_from_the_end_of_the_last_call() -> None:
    rules = ListRules(retry_delays={"no_answer": timedelta(minutes=30)})
    ended = MONDAY_9
    history = TargetHistory(1, "no_answer", ended - timedelta(seconds=30), ended)
    before = ended + timedelta(minutes=30) - timedelta(seconds=1)
    assert hold(rules, history, before) is Hold.RETRY_DELAY
    assert next_allowed_at(rules, history, before) == ended + timedelta(minutes=30)
    assert hold(rules, history, ended + timedelta(minutes=30)) is None
    assert next_allowed_at(rules, history, ended + timedelta(minutes=30)) == ended + timedelta(minutes=30)


def test_a_retry_that_ends_after_hours_waits_for_the_next_calling_day() -> None:
    rules = ListRules(retry_delays={"busy": timedelta(hours=2)}, hours=(time(9), time(18)), days=frozenset(range(5)))
    friday_five = datetime(2026, 12, 11, 17, 0, tzinfo=TOKYO)
    history = TargetHistory(1, "busy", friday_five, friday_five)
    assert evaluate(rules, history, friday_five).hold is Hold.RETRY_DELAY
    assert next_allowed_at(rules, history, friday_five) == datetime(2026, 12, 14, 9, 0, tzinfo=TOKYO)


def test_calling_hours_are_in_tokyo_and_the_end_is_not_included() -> None:
    assert not is_calling_time(OFFICE, MONDAY_9 - timedelta(seconds=1))
    assert is_calling_time(OFFICE, MONDAY_9)
    assert is_calling_time(OFFICE, MONDAY_9.replace(hour=17, minute=59, second=59))
    assert not is_calling_time(OFFICE, MONDAY_9.replace(hour=18))
    assert is_calling_time(OFFICE, MONDAY_9.astimezone(UTC))  # 00:00 UTC is 09:00 in Tokyo
    assert next_calling_time(OFFICE, MONDAY_9 - timedelta(hours=1)) == MONDAY_9
    saturday = datetime(2026, 12, 12, 10, 0, tzinfo=TOKYO)
    assert next_calling_time(OFFICE, saturday) == datetime(2026, 12, 14, 9, 0, tzinfo=TOKYO)
    other_zone = ListRules(hours=(time(9), time(18)), time_zone="America/New_York")
    assert not is_calling_time(other_zone, MONDAY_9)  # 19:00 on Sunday in New York


@pytest.mark.parametrize(
    ("day", "name", "english"),
    [
        (date(2026, 1, 1), "元日", "New Year's Day"),
        (date(2026, 1, 12), "成人の日", "Coming of Age Day"),
        (date(2026, 5, 6), "振替休日", "Substitute Holiday"),
        (date(2026, 9, 22), "国民の休日", "National Holiday"),
        (date(2026, 11, 23), "勤労感謝の日", "Labor Thanksgiving Day"),
        (date(2027, 3, 21), "春分の日", "Vernal Equinox Day"),
    ],
)
def test_japanese_public_holidays_are_skipped_unless_the_list_calls_on_them(
    day: date, name: str, english: str
) -> None:
    assert is_public_holiday(day), name
    moment = datetime.combine(day, time(10), TOKYO)
    weekdays = ListRules(hours=(time(9), time(18)))
    assert not is_calling_time(weekdays, moment)
    assert is_calling_time(ListRules(hours=(time(9), time(18)), call_on_holidays=True), moment)
    assert is_calling_time(ListRules(), moment)  # no calendar: holidays do not apply
    # what a pause names: the holiday, when it is what closes the list that day, in either language
    assert closing_holiday(weekdays, moment) == day
    assert holiday_name(day, "ja") == name and holiday_name(day, "en") == english
    assert closing_holiday(ListRules(hours=(time(9), time(18)), call_on_holidays=True), moment) is None
    assert closing_holiday(ListRules(), moment) is None


def test_a_holiday_is_named_in_the_language_in_force() -> None:
    labour_thanksgiving = date(2026, 11, 23)
    try:
        set_language("ja")
        assert holiday_name(labour_thanksgiving) == "勤労感謝の日"
        set_language("en")
        assert holiday_name(labour_thanksgiving) == "Labor Thanksgiving Day"
    finally:
        set_language(None)
    assert holiday_name(date(2026, 12, 7)) == ""  # no holiday: no name


def test_without_the_english_catalogue_a_holiday_is_named_in_japanese(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A build that left out ``holidays``' catalogue (gettext raises for English): the day is
    still named."""
    import holidays

    country_holidays = holidays.country_holidays

    def no_catalogue(country: str, **kwargs: Any) -> Any:
        if kwargs.get("language") != "ja":
            raise FileNotFoundError(2, "No translation file found for domain", "JP")
        return country_holidays(country, **kwargs)

    monkeypatch.setattr(holidays, "country_holidays", no_catalogue)
    year = 2031  # a year no other test has cached
    assert holiday_name(date(year, 11, 23), "en") == "勤労感謝の日"


def test_a_holiday_on_a_day_the_list_never_calls_is_not_named() -> None:
    spring_sunday = datetime(2027, 3, 21, 10, tzinfo=TOKYO)  # 春分の日 on a Sunday
    assert (
        closing_holiday(ListRules(hours=(time(9), time(18)), days=ALL_DAYS - {5, 6}), spring_sunday) is None
    )
    ordinary_monday = datetime(2026, 12, 7, 10, tzinfo=TOKYO)
    assert closing_holiday(ListRules(hours=(time(9), time(18))), ordinary_monday) is None
    late_evening = datetime(2026, 11, 23, 23, 59, tzinfo=TOKYO)  # (its day in Tokyo, not in UTC)
    weekdays = ListRules(hours=(time(9), time(18)))
    assert closing_holiday(weekdays, late_evening.astimezone(UTC)) == date(2026, 11, 23)


def test_golden_week_waits_for_the_first_working_day() -> None:
    assert next_calling_time(OFFICE, datetime(2026, 5, 2, 12, 0, tzinfo=TOKYO)) == datetime(2026, 5, 7, 9, 0, tzinfo=TOKYO)


def test_rules_that_cannot_be_used_are_refused() -> None:
    for bad in (
        {"max_attempts": 0},
        {"retry_delays": {"nope": timedelta(minutes=1)}},
        {"retry_delays": {"busy": timedelta(days=400)}},
        {"ending_outcomes": frozenset({"nope"})},
        {"hours": (time(18), time(9))},
        {"days": frozenset()},
        {"time_zone": "Mars/Olympus"},
    ):
        with pytest.raises(RuleError):
            ListRules(**bad)  # type: ignore[arg-type]


def test_the_rules_text_reads_back() -> None:
    assert parse_duration("30m") == timedelta(minutes=30) and parse_duration("2h") == timedelta(hours=2)
    assert parse_duration("1d") == timedelta(days=1) and parse_duration(" 90s ") == timedelta(seconds=90)
    assert parse_retry("no_answer=30m") == ("no_answer", timedelta(minutes=30))
    assert parse_hours("09:00-18:00") == (time(9), time(18)) and parse_hours("any") is None
    assert parse_hours("9:30 - 17:45") == (time(9, 30), time(17, 45))
    assert parse_days("mon-fri") == frozenset(range(5)) and parse_days("sat-mon") == frozenset({5, 6, 0})
    assert parse_days("mon,wed,fri") == frozenset({0, 2, 4}) and parse_days("all") == ALL_DAYS
    for days in (frozenset(range(5)), frozenset({0, 2, 4}), frozenset({5, 6}), ALL_DAYS, frozenset({3})):
        assert parse_days(format_days(days)) == days
    for bad in ("30", "m30", "-1m", "1w"):
        with pytest.raises(RuleError):
            parse_duration(bad)
    for bad_hours in ("9-18", "18:00-09:00", "25:00-26:00"):
        with pytest.raises(RuleError):
            parse_hours(bad_hours)
    for bad_days in ("funday", "", "mon-xyz"):
        with pytest.raises(RuleError):
            parse_days(bad_days)
    with pytest.raises(RuleError):
        parse_retry("no_answer")
    assert OFFICE.hours_text() == "09:00-18:00 mon-fri" and ListRules().hours_text() == ""


def test_premium_rate_and_international_numbers_are_refused_unless_allowed() -> None:
    assert number_refusal("+81990501234", allow_premium=False, allow_international=False) is Refusal.PREMIUM
    assert number_refusal("+81990501234", allow_premium=True, allow_international=False) is None
    assert number_refusal("+12025550123", allow_premium=True, allow_international=False) is Refusal.INTERNATIONAL
    assert number_refusal("+12025550123", allow_premium=False, allow_international=True) is None
    assert number_refusal("+81312345678", allow_premium=False, allow_international=False) is None
