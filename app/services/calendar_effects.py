"""What a calendar or court change does to the deadlines already stored on cases.

A proposal is the rules' answer, so it follows the change (recomputed in place, and the case's
next deadline with it). A confirmed deadline is a lawyer's decision and is never changed: when
the change moves the day the rule gives, the case's timeline says so and the assignee is told.
Met, set-aside and manual deadlines are left as they are. Everything is written in the caller's
transaction (``calendar_admin`` commits once), in batches of cases loaded together.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import Case, Deadline, Proceeding, User
from app.services.deadline_proposals import (
    CaseDeadlineFacts,
    CourtRecess,
    load_court_recess,
    recess_flags,
    recess_of_deadline,
)
from app.services.deadlines import (
    INACTIVE_STATES,
    OPEN,
    PROPOSED,
    deadline_title,
    recompute,
    refresh_next_deadline,
)
from app.services.outbox import notify_user
from app.services.timeline import append_event
from cases.calendar import TurkishCalendar
from cases.deadlines import earliest_last_day_affected, format_date
from cases.events import EventKind
from cases.i18n import N_

BATCH_SIZE = 200
CALENDAR, COURT = "calendar", "court"

_SUBJECT = N_("Deadline on %(reference)s: the lawful last day moved")
_BODY = N_(
    'Dear %(name)s,\n\nA change to the %(cause)s moves the lawful last day of "%(title)s" on case '
    "%(reference)s from %(before)s to %(after)s. The confirmed date, %(due)s, was not changed: "
    "check it and change it if needed."
)
_BODY_EARLIER = N_(
    'Dear %(name)s,\n\nWARNING: a change to the %(cause)s makes the lawful last day of "%(title)s" on '
    "case %(reference)s EARLIER than the confirmed date %(due)s: it is now %(after)s (it was "
    "%(before)s). Change the deadline and act by %(after)s."
)
_CAUSES = {CALENDAR: _l("calendar of official holidays"), COURT: _l("court's judicial recess")}


@dataclass(frozen=True)
class CourtBefore:
    """A court as it was before an administrator saved it (``existed`` False for a new one)."""

    id: int
    name: str
    takes_recess: bool | None
    existed: bool


@dataclass(frozen=True)
class Change:
    """One calendar or court change: the calendar before and after it, and the court before it."""

    cause: str
    calendar_before: TurkishCalendar
    calendar_after: TurkishCalendar
    court_before: CourtBefore | None = None
    court_name_after: str = ""

    def courts_before(self, after: CourtRecess) -> CourtRecess:
        """The courts' recess flags as they were before the change, from the ones loaded after it."""
        court = self.court_before
        if court is None:
            return after
        before = CourtRecess(dict(after.by_id), dict(after.by_name))
        before.by_id.pop(court.id, None)
        before.by_name.pop(self.court_name_after, None)
        if court.existed:
            before.by_id[court.id] = court.takes_recess
            before.by_name[court.name] = court.takes_recess
        return before


@dataclass
class Impact:
    """What a change did to stored deadlines: proposals rewritten, confirmed deadlines flagged."""

    proposals_updated: int = 0
    confirmed_flagged: int = 0
    confirmed_earlier: int = 0  # of the flagged, those whose lawful day is now before the confirmed date
    case_ids: set[int] = field(default_factory=set)


def _pending_rule_deadlines() -> sa.Select:
    """Case ids with a proposed or confirmed rule deadline, on a case still being worked."""
    return (
        sa.select(Deadline.case_id)
        .join(Case, Case.id == Deadline.case_id)
        .where(
            Deadline.rule_id.is_not(None),
            Deadline.status.in_((PROPOSED, OPEN)),
            Case.status.not_in(INACTIVE_STATES),
        )
    )


def cases_counting_over(days: Iterable[date]) -> sa.Select:
    """Cases with a pending rule deadline whose period a change on one of ``days`` can move."""
    windows = [
        sa.and_(
            Deadline.start_date <= day,
            sa.or_(
                Deadline.due_date >= earliest_last_day_affected(day),
                Deadline.computed_date >= earliest_last_day_affected(day),
            ),
        )
        for day in set(days)
    ]
    return _pending_rule_deadlines().where(sa.or_(*windows))


def cases_before_court(court_id: int, names: Iterable[str]) -> sa.Select:
    """Cases with a pending rule deadline whose lawsuit or a proceeding is (or is named as) the court."""
    at_court = sa.select(Proceeding.case_id).where(
        sa.or_(
            Proceeding.court_id == court_id,
            sa.and_(Proceeding.court_id.is_(None), Proceeding.authority.in_(set(names))),
        )
    )
    return _pending_rule_deadlines().where(sa.or_(Case.competent_court_id == court_id, Case.id.in_(at_court)))


def follow_change(affected: sa.Select, change: Change, actor: User) -> Impact:
    """Recompute the proposals and flag the confirmed deadlines of the ``affected`` cases; no commit.

    ``affected`` selects case ids (``cases_counting_over``, ``cases_before_court``); they are
    read in pages of ``BATCH_SIZE``, each page loaded with a fixed number of queries.
    """
    impact = Impact()
    ids = affected.subquery()
    last_id = 0
    while True:
        page = list(
            db.session.scalars(
                sa.select(ids.c.case_id)
                .where(ids.c.case_id > last_id)
                .distinct()
                .order_by(ids.c.case_id)
                .limit(BATCH_SIZE)
            )
        )
        if not page:
            return impact
        _follow_in(page, change, actor, impact)
        last_id = page[-1]


def _follow_in(case_ids: list[int], change: Change, actor: User, impact: Impact) -> None:
    cases = list(db.session.scalars(sa.select(Case).where(Case.id.in_(case_ids)).order_by(Case.id)))
    deadlines: dict[int, list[Deadline]] = {case_id: [] for case_id in case_ids}
    for deadline in db.session.scalars(sa.select(Deadline).where(Deadline.case_id.in_(case_ids))):
        deadlines[deadline.case_id].append(deadline)
    proceedings: dict[int, list[Proceeding]] = {case_id: [] for case_id in case_ids}
    query = sa.select(Proceeding).where(Proceeding.case_id.in_(case_ids)).order_by(Proceeding.position)
    for proceeding in db.session.scalars(query):
        proceedings[proceeding.case_id].append(proceeding)
    courts_after = load_court_recess(cases, (p for rows in proceedings.values() for p in rows))
    courts_before = change.courts_before(courts_after)
    moved: list[tuple[Case, Deadline, date, date]] = []
    for case in cases:
        rows, steps = deadlines[case.id], proceedings[case.id]
        flags_before = recess_flags(case, steps, courts_before)
        flags_after = recess_flags(case, steps, courts_after)
        for deadline in rows:
            if deadline.status != OPEN or not deadline.rule_id:
                continue
            before = recompute(deadline, change.calendar_before, recess=recess_of_deadline(deadline, flags_before))
            after = recompute(deadline, change.calendar_after, recess=recess_of_deadline(deadline, flags_after))
            if before is not None and after is not None and before != after:
                moved.append((case, deadline, before, after))
        proposed = {d.id: (d.due_date, d.warnings) for d in rows if d.status == PROPOSED}
        refresh_next_deadline(case, change.calendar_after, CaseDeadlineFacts(rows, steps, courts_after))
        updated = sum(1 for d in rows if d.id in proposed and (d.due_date, d.warnings) != proposed[d.id])
        impact.proposals_updated += updated
        if updated:
            impact.case_ids.add(case.id)
    _flag(moved, change, actor, impact)


def _flag(moved: list[tuple[Case, Deadline, date, date]], change: Change, actor: User, impact: Impact) -> None:
    """Say on each case's timeline, and to its assignee, that the lawful day of a confirmed deadline moved."""
    assignee_ids = {case.assignee_id for case, *_ in moved if case.assignee_id}
    assignees = {}
    if assignee_ids:
        query = sa.select(User).where(User.id.in_(assignee_ids), User.active.is_(True))
        assignees = {user.id: user for user in db.session.scalars(query)}
    for case, deadline, before, after in moved:
        earlier = after < deadline.due_date
        append_event(
            case,
            EventKind.DEADLINE,
            actor,
            {
                "action": "lawful_day_moved",
                "cause": change.cause,
                "deadline_id": deadline.id,
                "rule": deadline.rule_id,
                "title": deadline.title,
                "due_date": deadline.due_date.isoformat(),
                "lawful_before_date": before.isoformat(),
                "lawful_date": after.isoformat(),
                "earlier": earlier,
            },
            member_visible=False,
        )
        impact.confirmed_flagged += 1
        impact.confirmed_earlier += earlier
        impact.case_ids.add(case.id)
        user = assignees.get(case.assignee_id) if case.assignee_id else None
        if user is None:
            continue
        with force_locale(user.language or "tr"):
            title = deadline_title(deadline)
        notify_user(
            user,
            "deadline_lawful_day_moved",
            _SUBJECT,
            _BODY_EARLIER if earlier else _BODY,
            case=case,
            title=title,
            cause=_CAUSES[change.cause],  # lazy: rendered in the recipient's language
            before=format_date(before),
            after=format_date(after),
            due=format_date(deadline.due_date),
        )
