"""Publishing anonymised statistics: counts with small cells suppressed, stored as published."""

from datetime import date

from app import clock
from app.extensions import db
from app.models import PublishedStatistics, Union, User
from app.queries.statistics import raw_counts
from cases.errors import DomainError
from cases.i18n import N_
from cases.statistics import publishable_institutions, suppress
from cases.vocabulary import Outcome

MIN_CELL = 5


class PublicationRefused(DomainError):
    """The statistics could not be published as asked (the message says why)."""


def _table(counts: dict[tuple[str, str], int], columns: list[str] | None = None) -> dict:
    rows = sorted({r for r, _c in counts})
    columns = columns if columns is not None else sorted({c for _r, c in counts})
    values = [[counts.get((r, c), 0) for c in columns] for r in rows]
    if not rows or not columns:
        return {"rows": rows, "columns": columns, "cells": [], "row_totals": [], "column_totals": [], "total": 0}
    published = suppress(values, MIN_CELL)
    return {
        "rows": rows,
        "columns": columns,
        "cells": [list(row) for row in published.cells],
        "row_totals": list(published.row_totals),
        "column_totals": list(published.column_totals),
        "total": published.total,
    }


def publish_statistics(
    admin: User, union_id: int | None, start: date, end: date, threshold: int
) -> PublishedStatistics:
    """Compute, suppress and store the figures of a period; commit. Raises PublicationRefused."""
    if admin.union_id is not None and union_id != admin.union_id:
        raise PublicationRefused(N_("You can publish statistics of your own union only."))
    if start > end:
        raise PublicationRefused(N_("The period's start is after its end."))
    if end > clock.today():
        raise PublicationRefused(N_("A period cannot end in the future."))
    if threshold < MIN_CELL:
        raise PublicationRefused(N_("Institutions are shown from 5 cases up at the least."))
    union = db.session.get(Union, union_id) if union_id else None
    if union_id and union is None:
        raise PublicationRefused(N_("Please choose a union from the list."))
    raw = raw_counts(admin, union_id, start, end)
    places = _table(raw.by_category_province)
    outcomes = _table(raw.by_category_outcome, [o.value for o in Outcome])
    province_totals = dict(zip(places["columns"], places["column_totals"], strict=True))
    figures = {
        "union": f"{union.code} — {union.name}" if union else None,
        "by_category_province": places,
        "by_category_outcome": outcomes,
        "institutions": list(publishable_institutions(raw.institutions, province_totals, threshold, MIN_CELL).items()),
    }
    snapshot = PublishedStatistics(
        union_id=union_id,
        period_from=start,
        period_to=end,
        min_cell=MIN_CELL,
        institution_threshold=threshold,
        figures=figures,
        published_at=clock.now(),
        published_by_id=admin.id,
    )
    db.session.add(snapshot)
    db.session.commit()
    return snapshot


def withdraw_statistics(admin: User, snapshot: PublishedStatistics) -> None:
    """Take a published page off the public site (the record stays, marked withdrawn); commit."""
    if admin.union_id is not None and snapshot.union_id != admin.union_id:
        raise PublicationRefused(N_("You can withdraw statistics of your own union only."))
    if snapshot.withdrawn_at is None:
        snapshot.withdrawn_at = clock.now()
        db.session.commit()
