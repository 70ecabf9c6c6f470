"""The Turkish working-day calendar: weekends, official holidays and half-day eves.

Official holidays (Law 2429) come from the ``holidays`` package (country TR, public and
half-day categories), cached per year. Administrators correct or extend them with plain
data passed to ``TurkishCalendar`` (a newly declared holiday, a corrected religious
holiday date), so no code change is needed.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType

import holidays
from holidays.constants import HALF_DAY, PUBLIC

from cases.i18n import N_

SATURDAY, SUNDAY = 5, 6
# The package's label for religious holiday dates it only estimates (beyond its confirmed years).
_ESTIMATED_MARK = "(tahmini)"
_NO_DAYS: Mapping[date, str] = MappingProxyType({})


@lru_cache(maxsize=64)
def _package_days(year: int, category: str) -> Mapping[date, str]:
    """The package's days of one category in ``year``, with their Turkish names."""
    days = holidays.country_holidays("TR", years=year, categories=(category,), language="tr")
    return MappingProxyType(dict(days))


def _check_days(days: Iterable[date]) -> None:
    for day in days:
        if isinstance(day, datetime) or not isinstance(day, date):
            raise TypeError(f"calendar overrides take dates, not {type(day).__name__}")


class TurkishCalendar:
    """Working days in Turkey: not Saturday, not Sunday, not an official full-day holiday.

    ``extra_holidays`` adds or renames full-day holidays, ``removed_holidays`` drops the
    package's ones (a corrected date); ``extra_half_days`` and ``removed_half_days`` do the
    same for the eves that close at 13:00. Half-day eves remain working days.
    """

    def __init__(
        self,
        extra_holidays: Mapping[date, str] = _NO_DAYS,
        removed_holidays: Iterable[date] = (),
        extra_half_days: Mapping[date, str] = _NO_DAYS,
        removed_half_days: Iterable[date] = (),
    ) -> None:
        self._extra = dict(extra_holidays)
        self._removed = frozenset(removed_holidays)
        self._extra_half = dict(extra_half_days)
        self._removed_half = frozenset(removed_half_days)
        for days in (self._extra, self._removed, self._extra_half, self._removed_half):
            _check_days(days)
        self._years: dict[int, tuple[dict[date, str], dict[date, str]]] = {}

    def _year(self, year: int) -> tuple[dict[date, str], dict[date, str]]:
        """Full-day holidays and half-day eves of ``year``, overrides applied (cached)."""
        if year not in self._years:
            full = {d: n for d, n in _package_days(year, PUBLIC).items() if d not in self._removed}
            full.update({d: _name(n) for d, n in self._extra.items() if d.year == year})
            half = {d: n for d, n in _package_days(year, HALF_DAY).items() if d not in self._removed_half}
            half.update({d: _name(n) for d, n in self._extra_half.items() if d.year == year})
            self._years[year] = (full, half)
        return self._years[year]

    def holidays_in(self, year: int) -> dict[date, str]:
        """The official full-day holidays of ``year`` with their names, in date order."""
        return dict(sorted(self._year(year)[0].items()))

    def half_days_in(self, year: int) -> dict[date, str]:
        """The half-day eves (closing at 13:00) of ``year`` with their names, in date order."""
        return dict(sorted(self._year(year)[1].items()))

    def is_estimated(self, year: int) -> bool:
        """True when the package only estimates the religious holiday dates of ``year``."""
        return any(_ESTIMATED_MARK in name for name in self._year(year)[0].values())

    def holiday_name(self, day: date) -> str | None:
        """The name of the official full-day holiday on ``day``, or None."""
        return self._year(day.year)[0].get(day)

    def half_day_name(self, day: date) -> str | None:
        """The name of the half-day eve on ``day`` (whatever weekday it falls on), or None."""
        return self._year(day.year)[1].get(day)

    def is_weekend(self, day: date) -> bool:
        return day.weekday() in (SATURDAY, SUNDAY)

    def is_holiday(self, day: date) -> bool:
        return self.holiday_name(day) is not None

    def is_working_day(self, day: date) -> bool:
        """True on a weekday that is not an official full-day holiday (half-day eves included)."""
        return not self.is_weekend(day) and not self.is_holiday(day)

    def is_half_day(self, day: date) -> bool:
        """True on a working day whose offices close at 13:00 (a religious holiday's eve, 28 October)."""
        return self.is_working_day(day) and self.half_day_name(day) is not None

    def next_working_day(self, day: date, *, include_day: bool = False) -> date:
        """The first working day after ``day`` (or ``day`` itself when ``include_day`` and it works)."""
        if include_day and self.is_working_day(day):
            return day
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day``; ``day`` itself is never counted."""
        if count < 0:
            raise ValueError("count must not be negative")
        for _ in range(count):
            day = self.next_working_day(day)
        return day


def _name(name: str) -> str:
    return name.strip() or N_("Official holiday")
