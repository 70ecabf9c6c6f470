"""What the reports keep beside the cases: stage times, who saw what, saved filters, published figures."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class CaseStageEntry(db.Model):
    """The first time a case entered a workflow state, and how many days after filing that was.

    Written in the transaction of the transition, so "time from filing to each stage" is one
    indexed GROUP BY over this table instead of a scan of every case's timeline. The scope
    columns (union, kind) and the report filters (filing time, province) are copied from the
    case, which keeps the aggregate on one index.
    """

    __tablename__ = "case_stage_entries"
    __table_args__ = (
        sa.Index("ix_case_stage_entries_union_filed", "union_id", "filed_at", "kind", "state", "days"),
        sa.Index("ix_case_stage_entries_filed", "filed_at", "union_id", "kind", "state", "days"),
    )

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), primary_key=True)
    state: Mapped[str] = mapped_column(sa.String(24), primary_key=True)
    union_id: Mapped[int] = mapped_column(sa.ForeignKey("unions.id"))
    kind: Mapped[str] = mapped_column(sa.String(16))
    province: Mapped[str | None] = mapped_column(sa.String(60))
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    days: Mapped[int] = mapped_column()


class CaseView(db.Model):
    """When a staff user last opened a case: newer activity shows as unread in the queue."""

    __tablename__ = "case_views"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), primary_key=True, index=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SavedFilter(db.Model):
    """A named set of queue filters (the query string) a staff user comes back to."""

    __tablename__ = "saved_filters"
    __table_args__ = (sa.UniqueConstraint("user_id", "name", name="uq_saved_filters_user_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    query: Mapped[str] = mapped_column(sa.String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PublishedStatistics(db.Model):
    """An anonymised snapshot an admin published: the figures as they were, never a live query."""

    __tablename__ = "published_statistics"

    id: Mapped[int] = mapped_column(primary_key=True)
    union_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unions.id"), index=True)  # None: confederation
    period_from: Mapped[date] = mapped_column(sa.Date)
    period_to: Mapped[date] = mapped_column(sa.Date)
    min_cell: Mapped[int] = mapped_column(sa.SmallInteger)
    institution_threshold: Mapped[int] = mapped_column()
    figures: Mapped[dict] = mapped_column(sa.JSON)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
