"""Member profiles, their consents, and the unions' member rolls."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow
from app.models.org import Institution, Union
from app.models.user import User


class MembershipStatus:
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"


class MemberProfile(db.Model):
    """What the union knows of a member: identity, union, workplace and contact."""

    __tablename__ = "member_profiles"
    __table_args__ = (
        sa.Index("ix_member_profiles_union_status", "union_id", "membership_status"),
        # The patterns report (migration 0009): verified members per institution or province, from the index.
        sa.Index("ix_member_profiles_institution_members", "institution_id", "membership_status", "union_id"),
        sa.Index("ix_member_profiles_province_members", "province", "membership_status", "union_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), unique=True)
    # None only after an erasure request anonymised the profile.
    national_id: Mapped[str | None] = mapped_column(sa.String(11), unique=True)
    union_id: Mapped[int] = mapped_column(sa.ForeignKey("unions.id"))
    membership_number: Mapped[str | None] = mapped_column(sa.String(40))
    institution_id: Mapped[int | None] = mapped_column(sa.ForeignKey("institutions.id"), index=True)
    title: Mapped[str | None] = mapped_column(sa.String(120))
    province: Mapped[str | None] = mapped_column(sa.String(60))
    address: Mapped[str | None] = mapped_column(sa.String(400))
    full_name_folded: Mapped[str] = mapped_column(sa.String(200), default="", index=True)
    membership_status: Mapped[str] = mapped_column(sa.String(16), default=MembershipStatus.PENDING)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verified_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="raise")
    union: Mapped[Union] = relationship(lazy="raise")
    institution: Mapped[Institution | None] = relationship(lazy="raise")


class Consent(db.Model):
    """An explicit consent (or its withdrawal) to one text version, with its time."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    item: Mapped[str] = mapped_column(sa.String(40))  # e.g. special_category_data
    notice_version: Mapped[str] = mapped_column(sa.String(20))
    given_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ip_address: Mapped[str | None] = mapped_column(sa.String(45))


class RollEntry(db.Model):
    """One row of a union's member roll, as imported by an admin."""

    __tablename__ = "roll_entries"
    __table_args__ = (
        sa.UniqueConstraint("union_id", "national_id", name="uq_roll_entries_union_national_id"),
        sa.UniqueConstraint("union_id", "membership_number", name="uq_roll_entries_union_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    union_id: Mapped[int] = mapped_column(sa.ForeignKey("unions.id"))
    membership_number: Mapped[str] = mapped_column(sa.String(40))
    national_id: Mapped[str] = mapped_column(sa.String(11), index=True)
    full_name: Mapped[str | None] = mapped_column(sa.String(200))
    status: Mapped[str] = mapped_column(sa.String(16), default="active")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
