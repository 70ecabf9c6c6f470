"""Proceedings: the steps of a case's legal life (applications, objections, lawsuit, appeals)."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class Proceeding(db.Model):
    """One step of a case before an authority or a court, in the case's order (``position``).

    ``papers`` lists what was served in it, as ``{"kind", "date", "note"}`` dicts with ISO dates
    (kinds in ``cases.proceedings.PaperKind``).
    """

    __tablename__ = "proceedings"
    __table_args__ = (
        sa.UniqueConstraint("case_id", "position", name="uq_proceedings_case_position"),
        # The reports' outcomes: decisions by date.
        sa.Index(
            "ix_proceedings_decisions",
            "decision_date",
            "case_id",
            postgresql_include=["outcome", "authority"],
            postgresql_where=sa.text("outcome IS NOT NULL"),
            sqlite_where=sa.text("outcome IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    position: Mapped[int] = mapped_column()
    kind: Mapped[str] = mapped_column(sa.String(30))  # cases.proceedings.ProceedingKind
    basis: Mapped[str | None] = mapped_column(sa.String(20))  # an application's law: iyuk10|iyuk11|iyuk13|4982
    authority: Mapped[str | None] = mapped_column(sa.String(300))  # the court's or the authority's name
    court_id: Mapped[int | None] = mapped_column(sa.ForeignKey("courts.id"))
    file_number: Mapped[str | None] = mapped_column(sa.String(60))
    filing_date: Mapped[date | None] = mapped_column(sa.Date)
    papers: Mapped[list] = mapped_column(sa.JSON, default=list)
    decision: Mapped[str | None] = mapped_column(sa.Text)
    decision_date: Mapped[date | None] = mapped_column(sa.Date)
    decision_notified_date: Mapped[date | None] = mapped_column(sa.Date)
    outcome: Mapped[str | None] = mapped_column(sa.String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Proceeding {self.case_id}#{self.position} {self.kind}>"
