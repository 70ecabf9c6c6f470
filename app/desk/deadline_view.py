"""The lawyers' deadlines view: overdue, due today, in 7 and in 30 days; mine or every case I see."""

import math
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import render_template, request
from flask_login import current_user
from sqlalchemy.orm import aliased

from app import clock
from app.access import allow
from app.desk import bp
from app.desk.deadlines import DEADLINE_ROLES
from app.extensions import db
from app.forms import VersionForm
from app.models import Case, Deadline, User
from app.queries.scope import case_scope
from app.request_guards import bounded_int
from app.services import deadlines as service
from app.services.deadlines import OPEN, PROPOSED, deadline_title
from app.urls import external_url
from cases.deadlines import is_overdue
from cases.vocabulary import CaseKind, Role

BUCKET_ROWS = 25

# The deadlines view ------------------------------------------------------------------------

BUCKETS = ("overdue", "today", "week", "month")


@dataclass(frozen=True)
class BucketPage:
    """One page of a bucket, shaped for the pagination macro."""

    page: int
    pages: int
    total: int

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def _bucket_of(today: date) -> sa.Case:
    return sa.case(
        (Deadline.due_date < today, "overdue"),
        (Deadline.due_date == today, "today"),
        (Deadline.due_date <= today + timedelta(days=7), "week"),
        else_="month",
    )


def _bucket_condition(bucket: str, today: date) -> sa.ColumnElement[bool]:
    return {
        "overdue": Deadline.due_date < today,
        "today": Deadline.due_date == today,
        "week": sa.and_(Deadline.due_date > today, Deadline.due_date <= today + timedelta(days=7)),
        "month": sa.and_(
            Deadline.due_date > today + timedelta(days=7), Deadline.due_date <= today + timedelta(days=30)
        ),
    }[bucket]


def _scope_conditions(user: User, mine: bool) -> list[sa.ColumnElement[bool]]:
    # A rule's proposal counts before anyone confirms it (marked "awaiting confirmation"), so an urgent
    # period of an unassigned case shows here too.
    conditions = [
        Deadline.status.in_((OPEN, PROPOSED)),
        Case.status.not_in(service.INACTIVE_STATES),
        Case.kind == CaseKind.LEGAL.value,
    ]
    conditions.append(case_scope(user))
    if mine:
        conditions.append(Case.assignee_id == user.id)
    return conditions


@bp.get("/deadlines")
@allow(*DEADLINE_ROLES)
def deadlines():
    today = clock.today()
    default_scope = "mine" if current_user.role == Role.LAWYER else "union"
    scope = request.args.get("scope", default_scope)
    if scope not in ("mine", "union"):
        scope = default_scope
    only = request.args.get("bucket")
    if only not in BUCKETS:
        only = None
    page_number = max(request.args.get("page", 1, type=bounded_int), 1)
    conditions = _scope_conditions(current_user, scope == "mine")

    bucket = _bucket_of(today).label("bucket")
    counts = dict.fromkeys(BUCKETS, 0)
    count_rows = db.session.execute(
        sa.select(bucket, sa.func.count(Deadline.id))
        .join(Case, Case.id == Deadline.case_id)
        .where(*conditions, Deadline.due_date <= today + timedelta(days=30))
        .group_by(bucket)
    )
    counts.update({name: total for name, total in count_rows})

    assignee = aliased(User)
    sections = []
    for name in [only] if only else BUCKETS:
        offset = (page_number - 1) * BUCKET_ROWS if only else 0
        rows = db.session.execute(
            sa.select(Deadline, Case.id, Case.reference, Case.category, Case.status, assignee.full_name)
            .join(Case, Case.id == Deadline.case_id)
            .outerjoin(assignee, assignee.id == Case.assignee_id)
            .where(*conditions, _bucket_condition(name, today))
            .order_by(Deadline.due_date, Deadline.id)
            .offset(offset)
            .limit(BUCKET_ROWS)
        ).all()
        sections.append(
            {
                "name": name,
                "total": counts[name],
                "page": BucketPage(page_number, max(math.ceil(counts[name] / BUCKET_ROWS), 1), counts[name]),
                "rows": [
                    {
                        "title": deadline_title(d),
                        "legal_basis": d.legal_basis,
                        "due": d.due_date,
                        "days_left": (d.due_date - today).days,
                        "overdue": is_overdue(d.due_date, today),
                        "case_id": case_id,
                        "reference": reference,
                        "category": category,
                        "status": status,
                        "assignee": assignee_name,
                        "edited": d.computed_date is not None and d.computed_date != d.due_date,
                        "proposed": d.status == PROPOSED,
                    }
                    for d, case_id, reference, category, status, assignee_name in rows
                ],
            }
        )
    feed_url = None
    if current_user.calendar_token:
        feed_url = external_url("desk.calendar_feed", token=current_user.calendar_token)
    return render_template(
        "desk/deadlines.html",
        sections=sections,
        counts=counts,
        scope=scope,
        only=only,
        today=today,
        feed_url=feed_url,
        token_form=VersionForm(formdata=None, version=current_user.version),
    )
