"""The limitation periods of civil-service discipline (657 DMK art. 127), checked from the case's dates.

Art. 127: the investigation must start within 1 month of the superior learning of the act (6
months when the penalty is dismissal), and no penalty may be imposed more than 2 years after the
act. A period missed is a classic ground of annulment (procedure), so each answer names the article.
"""

from dataclasses import dataclass
from datetime import date

from cases.deadlines.rules import DISMISSAL
from cases.i18n import N_


@dataclass(frozen=True)
class LimitCheck:
    name: str  # N_
    article: str
    limit: date | None  # the last day the step could lawfully be taken
    actual: date | None  # when it was taken
    kept: bool | None  # None: a date is missing, so it cannot be said

    @property
    def missing(self) -> bool:
        return self.kept is None


def _add_months(day: date, months: int) -> date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def check_limitation(
    *,
    learned: date | None,
    investigation_started: date | None,
    act: date | None,
    penalty_date: date | None,
    penalty: str | None,
) -> list[LimitCheck]:
    """Whether the 1-month (6-month for dismissal) and 2-year limits of art. 127 were kept.

    A limit ending on a day the month lacks ends on its last day (the reading that favours the
    member is the earlier limit, so an investigation started after it is flagged).
    """
    months = 6 if penalty == DISMISSAL else 1
    start_limit = _add_months(learned, months) if learned else None
    start_kept = None if not (start_limit and investigation_started) else investigation_started <= start_limit
    name = (
        N_("Investigation started within 6 months of the superior learning of the act")
        if months == 6
        else N_("Investigation started within 1 month of the superior learning of the act")
    )
    penalty_limit = _add_months(act, 24) if act else None
    penalty_kept = None if not (penalty_limit and penalty_date) else penalty_date <= penalty_limit
    return [
        LimitCheck(name, "657 DMK m.127/1", start_limit, investigation_started, start_kept),
        LimitCheck(
            N_("Penalty imposed within 2 years of the act"),
            "657 DMK m.127/2",
            penalty_limit,
            penalty_date,
            penalty_kept,
        ),
    ]
