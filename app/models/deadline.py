"""Legal deadlines on cases, and the admin-kept corrections to the official calendar."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class Deadline(db.Model):
    """A due date on a case: proposed by a rule, confirmed or edited by a lawyer, or manual."""

    __tablename__ = "deadlines"
    __table_args__ = (sa.Index("ix_deadlines_status_due", "status", "due_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    rule_id: Mapped[str | None] = mapped_column(sa.String(40))  # None for a manual deadline
    # What triggered a proposed rule deadline: "" for the case's notification, else e.g.
    # "proceeding:12:decision" (cases.proceedings); with rule_id it names one proposal.
    source: Mapped[str] = mapped_column(sa.String(80), default="", server_default="")
    proceeding_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proceedings.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    legal_basis: Mapped[str | None] = mapped_column(sa.String(120))
    start_date: Mapped[date | None] = mapped_column(sa.Date)
    computed_date: Mapped[date | None] = mapped_column(sa.Date)
    due_date: Mapped[date] = mapped_column(sa.Date)
    explanation: Mapped[list] = mapped_column(sa.JSON, default=list)
    warnings: Mapped[list] = mapped_column(sa.JSON, default=list)
    # proposed (by a rule, awaiting a lawyer's confirmation) | open | met | dismissed
    status: Mapped[str] = mapped_column(sa.String(12), default="proposed")
    edit_reason: Mapped[str | None] = mapped_column(sa.Text)
    note: Mapped[str | None] = mapped_column(sa.Text)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    met_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class CalendarDay(db.Model):
    """An admin's correction to the official calendar: an added holiday or half day, or a removal."""

    __tablename__ = "calendar_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(sa.Date, unique=True)
    kind: Mapped[str] = mapped_column(sa.String(12))  # holiday | half_day | working
    name: Mapped[str] = mapped_column(sa.String(200))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
