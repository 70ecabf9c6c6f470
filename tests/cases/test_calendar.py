"""The Turkish working-day calendar: weekends, official holidays, half-day eves, admin overrides."""

from datetime import date, datetime

import pytest

from cases import calendar as calendar_module
from cases.calendar import TurkishCalendar

D = date
CALENDAR = TurkishCalendar()


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2026, 1, 1), "Yılbaşı"),
        (D(2026, 4, 23), "Ulusal Egemenlik ve Çocuk Bayramı"),
        (D(2026, 5, 1), "Emek ve Dayanışma Günü"),
        (D(2026, 5, 19), "Atatürk'ü Anma, Gençlik ve Spor Bayramı"),
        (D(2026, 7, 15), "Demokrasi ve Millî Birlik Günü"),
        (D(2026, 8, 30), "Zafer Bayramı"),
        (D(2026, 10, 29), "Cumhuriyet Bayramı"),
        (D(2026, 3, 20), "Ramazan Bayramı"),
        (D(2026, 3, 22), "Ramazan Bayramı"),
        (D(2026, 5, 27), "Kurban Bayramı"),
        (D(2026, 5, 30), "Kurban Bayramı"),
        (D(2025, 3, 30), "Ramazan Bayramı"),
        (D(2025, 6, 9), "Kurban Bayramı"),
        (D(2027, 3, 9), "Ramazan Bayramı"),
        (D(2027, 5, 19), "Atatürk'ü Anma, Gençlik ve Spor Bayramı; Kurban Bayramı"),
        (D(2028, 2, 28), "Ramazan Bayramı"),
        (D(2028, 5, 8), "Kurban Bayramı"),
    ],
)
def test_official_holidays_are_named(day, name):
    assert CALENDAR.holiday_name(day) == name
    assert CALENDAR.is_holiday(day)
    assert not CALENDAR.is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [D(2026, 3, 19), D(2026, 5, 26), D(2026, 10, 28), D(2025, 6, 5), D(2027, 3, 8), D(2028, 2, 25)],
)
def test_half_day_eves_are_working_days(day):
    assert CALENDAR.is_working_day(day)
    assert CALENDAR.is_half_day(day)
    assert "13.00" in CALENDAR.half_day_name(day)
    assert CALENDAR.holiday_name(day) is None


def test_an_eve_on_a_saturday_is_not_a_working_half_day():
    assert CALENDAR.half_day_name(D(2027, 5, 15)) is not None
    assert not CALENDAR.is_half_day(D(2027, 5, 15))
    assert not CALENDAR.is_working_day(D(2027, 5, 15))


def test_weekends_are_not_working_days():
    assert not CALENDAR.is_working_day(D(2026, 11, 21))  # Saturday
    assert not CALENDAR.is_working_day(D(2026, 11, 22))  # Sunday
    assert CALENDAR.is_working_day(D(2026, 11, 23))  # Monday
    assert CALENDAR.holiday_name(D(2026, 11, 21)) is None


def test_holidays_of_a_year():
    days = CALENDAR.holidays_in(2026)
    # 1 Jan, 3 Ramazan, 23 Apr, 1 May, 19 May, 4 Kurban, 15 Jul, 30 Aug, 29 Oct.
    assert len(days) == 14
    assert list(days) == sorted(days)
    assert list(CALENDAR.half_days_in(2026)) == [D(2026, 3, 19), D(2026, 5, 26), D(2026, 10, 28)]


def test_next_working_day_skips_a_holiday_and_the_weekend():
    # Kurban 2026: Wed 27 – Sat 30 May, Sun 31 → Mon 1 June.
    assert CALENDAR.next_working_day(D(2026, 5, 26)) == D(2026, 6, 1)
    assert CALENDAR.next_working_day(D(2026, 5, 27), include_day=True) == D(2026, 6, 1)
    assert CALENDAR.next_working_day(D(2026, 5, 26), include_day=True) == D(2026, 5, 26)
    assert CALENDAR.next_working_day(D(2025, 12, 31)) == D(2026, 1, 2)


def test_add_working_days():
    # From Fri 13.03.2026: 16, 17, 18, 19 (eve) = 4; 20 Ramazan, 21–22 weekend; 23 = 5.
    assert CALENDAR.add_working_days(D(2026, 3, 13), 5) == D(2026, 3, 23)
    assert CALENDAR.add_working_days(D(2026, 3, 13), 0) == D(2026, 3, 13)
    # Across the year end: Wed 31.12.2025 → 1 Jan holiday → Fri 2 = 1, Mon 5 = 2.
    assert CALENDAR.add_working_days(D(2025, 12, 31), 2) == D(2026, 1, 5)
    with pytest.raises(ValueError):
        CALENDAR.add_working_days(D(2026, 1, 1), -1)


def test_admin_adds_and_corrects_days():
    calendar = TurkishCalendar(
        extra_holidays={D(2026, 6, 2): "  Declared holiday  ", D(2026, 6, 3): ""},
        removed_holidays=[D(2026, 5, 27)],
        extra_half_days={D(2026, 6, 4): "Half day by circular"},
        removed_half_days=[D(2026, 5, 26)],
    )
    assert calendar.holiday_name(D(2026, 6, 2)) == "Declared holiday"
    assert calendar.holiday_name(D(2026, 6, 3)) == "Official holiday"
    assert calendar.is_working_day(D(2026, 5, 27))
    assert calendar.is_half_day(D(2026, 6, 4))
    assert not calendar.is_half_day(D(2026, 5, 26))
    # The shared default calendar is not touched by another instance's overrides.
    assert CALENDAR.is_working_day(D(2026, 6, 2))
    assert CALENDAR.is_holiday(D(2026, 5, 27))


def test_an_admin_can_rename_a_package_holiday():
    calendar = TurkishCalendar(extra_holidays={D(2026, 1, 1): "New Year"})
    assert calendar.holiday_name(D(2026, 1, 1)) == "New Year"


def test_overrides_must_be_dates():
    with pytest.raises(TypeError):
        TurkishCalendar(extra_holidays={datetime(2026, 6, 2, 9): "x"})
    with pytest.raises(TypeError):
        TurkishCalendar(removed_holidays=["2026-06-02"])


def test_package_holidays_are_cached_per_year():
    TurkishCalendar().is_working_day(D(2026, 1, 5))
    before = calendar_module._package_days.cache_info()
    other = TurkishCalendar()
    for day in (D(2026, 1, 5), D(2026, 7, 15), D(2026, 12, 31)):
        other.is_working_day(day)
        other.is_half_day(day)
    after = calendar_module._package_days.cache_info()
    assert after.misses == before.misses


def test_estimated_religious_holidays_are_flagged():
    assert not CALENDAR.is_estimated(2028)
    assert CALENDAR.is_estimated(2040)
