"""Petition templates (versioned .docx files) and the documents generated from them."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow
from app.models.user import User


class PetitionTemplate(db.Model):
    __tablename__ = "petition_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    title_en: Mapped[str | None] = mapped_column(sa.String(200))
    kinds: Mapped[list] = mapped_column(sa.JSON, default=list)
    categories: Mapped[list] = mapped_column(sa.JSON, default=list)  # empty: any category
    extra_fields: Mapped[list] = mapped_column(sa.JSON, default=list)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    signer: Mapped[str | None] = mapped_column(sa.String(10))  # lawyer | member; None: rendered as before 0008
    addressee: Mapped[str | None] = mapped_column(sa.String(20))  # court | administration | ombudsman | …
    proceedings: Mapped[list | None] = mapped_column(sa.JSON)  # stages it serves; empty: any
    authority_rule: Mapped[str | None] = mapped_column(sa.String(20))  # how its heading is proposed
    request_keys: Mapped[list | None] = mapped_column(sa.JSON)  # library requests the form starts with
    default_version: Mapped[int | None] = mapped_column()  # the default set's version it was last taken from


class PetitionTemplateVersion(db.Model):
    __tablename__ = "petition_template_versions"
    __table_args__ = (sa.UniqueConstraint("template_id", "number", name="uq_petition_template_versions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(sa.ForeignKey("petition_templates.id"), index=True)
    number: Mapped[int] = mapped_column()
    content: Mapped[bytes] = mapped_column(sa.LargeBinary)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    status: Mapped[str] = mapped_column(sa.String(12), default="accepted")  # proposed|accepted|rejected
    note: Mapped[str | None] = mapped_column(sa.Text)
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    uploaded_by: Mapped[User | None] = relationship(lazy="raise")


class Document(db.Model):
    """A generated petition: the exact template version, who, when, and its hash."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    template_version_id: Mapped[int] = mapped_column(sa.ForeignKey("petition_template_versions.id"))
    generated_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    filename: Mapped[str] = mapped_column(sa.String(255))
    storage_name: Mapped[str] = mapped_column(sa.String(80), unique=True)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    fields: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # what the lawyer filled in
    shared_with_member: Mapped[bool] = mapped_column(default=False)
    shared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    generated_by: Mapped[User] = relationship(lazy="raise")
    template_version: Mapped[PetitionTemplateVersion] = relationship(lazy="raise")
