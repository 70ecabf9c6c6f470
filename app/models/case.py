"""Cases, their append-only timeline, evidence files, drafts and reference counters."""

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column, relationship, validates

from app.extensions import db
from app.models.base import UTCDateTime, utcnow
from app.models.member import MemberProfile
from app.models.org import Court, Institution, Union
from app.models.proceeding import Proceeding
from app.models.user import User
from cases.text import fold
from cases.vocabulary import CaseKind

# What the report scans read besides their keys, so they run from the index alone (PostgreSQL).
REPORT_INCLUDE = [
    "outcome", "province", "institution_id", "respondent_type", "assignee_id", "membership_pending", "amount_approved",
]  # fmt: skip


ATTENTION_INCLUDE = ["member_replied_at", "member_file_at", "member_message_at"]
# The queue's filters (migration 0015_queue_walk): an activity-order walk tests them on the index alone.
QUEUE_FILTERED = [
    "union_id",
    "kind",
    "status",
    "category",
    "priority",
    "assignee_id",
    "institution_id",
    "next_deadline",
]


def _queue_walk(name: str, *columns: str) -> sa.Index:
    """An index a filtered queue page walks in activity order, carrying the filtered columns (PostgreSQL)."""
    return sa.Index(name, *columns, postgresql_include=[c for c in QUEUE_FILTERED if c not in columns])


class Case(db.Model):
    """A member's grievance or assistance request and where the union stands on it."""

    __tablename__ = "cases"
    __table_args__ = (
        _queue_walk("ix_cases_union_status_activity", "union_id", "status", "last_activity_at"),
        _queue_walk("ix_cases_status_activity", "status", "last_activity_at"),
        sa.Index("ix_cases_union_created", "union_id", "created_at"),
        sa.Index("ix_cases_union_priority", "union_id", "priority_rank", "last_activity_at"),
        sa.Index("ix_cases_assignee_status", "assignee_id", "status"),
        sa.Index("ix_cases_kind_category", "kind", "category"),
        sa.Index("ix_cases_union_deadline", "union_id", "next_deadline"),
        # The desk queue (migration 0002_desk): a scope's cases in activity order, counts per status.
        _queue_walk("ix_cases_union_kind_activity", "union_id", "kind", "last_activity_at", "id"),
        sa.Index("ix_cases_queue_filters", "union_id", "kind", "status", "category", "priority", "assignee_id"),
        _queue_walk("ix_cases_kind_activity", "kind", "last_activity_at", "id"),
        # A member who registers later may be a case's respondent (migration 0004): find those cases.
        sa.Index("ix_cases_union_respondent_name", "union_id", "respondent_name_folded"),
        sa.Index("ix_cases_respondent_national_id", "respondent_national_id"),
        # The reports (migration 0009): a filing-date range of a scope, counted from the index alone.
        sa.Index(
            "ix_cases_report_union",
            "union_id",
            "created_at",
            "kind",
            "category",
            "status",
            postgresql_include=REPORT_INCLUDE,
        ),
        sa.Index(
            "ix_cases_report_created",
            "created_at",
            "union_id",
            "kind",
            "category",
            "status",
            postgresql_include=REPORT_INCLUDE,
        ),
        # The overview's open cases awaiting membership (migration 0013): few, so counted from a partial index.
        sa.Index(
            "ix_cases_report_membership",
            "created_at",
            "union_id",
            "kind",
            "status",
            postgresql_where=sa.text("membership_pending"),
            sqlite_where=sa.text("membership_pending"),
        ),
        # The start page (migration 0013): a user's open cases and what waits on them, from the index alone.
        sa.Index(
            "ix_cases_attention",
            "assignee_id",
            "status",
            "union_id",
            "kind",
            postgresql_include=["next_deadline", *ATTENTION_INCLUDE],
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(sa.String(32), unique=True)
    union_id: Mapped[int] = mapped_column(sa.ForeignKey("unions.id"))
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("member_profiles.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    category: Mapped[str] = mapped_column(sa.String(40))
    status: Mapped[str] = mapped_column(sa.String(24), default="submitted")
    priority: Mapped[str] = mapped_column(sa.String(10), default="normal")
    priority_rank: Mapped[int] = mapped_column(sa.SmallInteger, default=1)
    assignee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    respondent_type: Mapped[str | None] = mapped_column(sa.String(20))
    respondent_name: Mapped[str | None] = mapped_column(sa.String(200))
    respondent_name_folded: Mapped[str | None] = mapped_column(sa.String(200))  # set with respondent_name
    respondent_title: Mapped[str | None] = mapped_column(sa.String(120))
    respondent_national_id: Mapped[str | None] = mapped_column(sa.String(11))
    institution_id: Mapped[int | None] = mapped_column(sa.ForeignKey("institutions.id"), index=True)
    province: Mapped[str | None] = mapped_column(sa.String(60), index=True)
    incident_date: Mapped[date | None] = mapped_column(sa.Date)
    notification_date: Mapped[date | None] = mapped_column(sa.Date)
    narrative: Mapped[str] = mapped_column(sa.Text, default="")
    requests: Mapped[str] = mapped_column(sa.Text, default="")
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # per-category answers

    outcome: Mapped[str | None] = mapped_column(sa.String(16))
    decline_reason: Mapped[str | None] = mapped_column(sa.Text)
    # The competent court the lawyer confirmed (İYUK 32–33); the proceedings record where it was filed.
    competent_court_id: Mapped[int | None] = mapped_column(sa.ForeignKey("courts.id"))
    amount_requested: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))
    amount_approved: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))

    membership_pending: Mapped[bool] = mapped_column(default=False)
    conflict_status: Mapped[str] = mapped_column(sa.String(12), default="none")  # none|detected|handled
    conflict_note: Mapped[str | None] = mapped_column(sa.Text)
    # Folded (Turkish lower case, ASCII) copy of reference, member name, institution and
    # narrative, written with the row, so search behaves the same on SQLite and PostgreSQL.
    search_text: Mapped[str] = mapped_column(sa.Text, default="")
    next_deadline: Mapped[date | None] = mapped_column(sa.Date)
    # True when the nearest deadline is a rule's proposal no lawyer has confirmed yet.
    next_deadline_proposed: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the member last answered (a transition of theirs) or added a file, and when a member message
    # last came (migration 0013), kept by append_event: the start page compares them with the user's
    # last look instead of searching each case's timeline.
    member_replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    member_file_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    member_message_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)
    # The head of the case's event chain (migration 0006), kept by app.services.timeline.append_event:
    # how many events, the last one's hash, and an HMAC over both and the fields only events change.
    chain_length: Mapped[int] = mapped_column(default=0, server_default="0")
    chain_hash: Mapped[str | None] = mapped_column(sa.String(64))
    chain_seal: Mapped[str | None] = mapped_column(sa.String(64))

    __mapper_args__ = {"version_id_col": version}

    union: Mapped[Union] = relationship(lazy="raise")
    member: Mapped[MemberProfile] = relationship(lazy="raise")
    assignee: Mapped[User | None] = relationship(lazy="raise")
    institution: Mapped[Institution | None] = relationship(lazy="raise")
    competent_court: Mapped[Court | None] = relationship(lazy="raise")
    proceedings: Mapped[list[Proceeding]] = relationship(lazy="raise", order_by=Proceeding.position)

    @validates("respondent_name")
    def _fold_respondent_name(self, _key: str, name: str | None) -> str | None:
        # The conflict check looks cases up by the respondent's folded name (Turkish I/ı, İ/i).
        self.respondent_name_folded = fold(name) or None
        return name

    def __repr__(self) -> str:
        return f"<Case {self.reference} {self.status}>"


class CaseEvent(db.Model):
    """One entry of a case's timeline. Append-only: each stores the hash of the one before."""

    __tablename__ = "case_events"
    __table_args__ = (
        sa.UniqueConstraint("case_id", "sequence", name="uq_case_events_case_sequence"),
        # The start page (migration 0009): a case's member messages since the user last looked.
        sa.Index("ix_case_events_case_kind_time", "case_id", "kind", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"))
    sequence: Mapped[int] = mapped_column()
    kind: Mapped[str] = mapped_column(sa.String(32))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    member_visible: Mapped[bool] = mapped_column(default=False)
    payload: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    previous_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))

    actor: Mapped[User | None] = relationship(lazy="raise")


class Attachment(db.Model):
    """An evidence file, stored under instance/ with a random name, never in static/."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    draft_id: Mapped[int | None] = mapped_column(sa.ForeignKey("drafts.id", ondelete="SET NULL"), index=True)
    uploaded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    original_name: Mapped[str] = mapped_column(sa.String(255))
    storage_name: Mapped[str] = mapped_column(sa.String(80), unique=True)
    mime_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int] = mapped_column(sa.BigInteger)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    description: Mapped[str | None] = mapped_column(sa.String(300))
    # Files lawyers attach are internal unless shared; a member's own are always theirs to see.
    member_visible: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    uploaded_by: Mapped[User] = relationship(lazy="raise")


class Draft(db.Model):
    """A grievance being filed: the answers of every step, kept server-side."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16), default=CaseKind.LEGAL.value)
    step: Mapped[str] = mapped_column(sa.String(24), default="what")
    answers: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class CaseReferenceCounter(db.Model):
    """The last reference number used per union and year (bumped atomically)."""

    __tablename__ = "case_reference_counters"

    union_id: Mapped[int] = mapped_column(sa.ForeignKey("unions.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(default=0)


class AppendOnlyError(RuntimeError):
    """Application code tried to change or delete a stored case event."""


def _refuse_change(_mapper, _connection, target: CaseEvent) -> None:
    raise AppendOnlyError(f"case event {target.id} is append-only: it is never updated or deleted")


# The timeline is append-only in the application, whatever a caller does: an event once flushed
# is never updated or deleted through the ORM, one by one or in bulk (the hash chain shows any
# change made around the application, and `flask audit verify` reports it).
sa.event.listen(CaseEvent, "before_update", _refuse_change)
sa.event.listen(CaseEvent, "before_delete", _refuse_change)


@sa.event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_change(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and CaseEvent.__table__ in {
        getattr(state.statement, "table", None),
        *(m.local_table for m in state.all_mappers),
    }:
        raise AppendOnlyError("case events are append-only: they are never updated or deleted")
