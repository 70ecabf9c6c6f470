"""Unions, institutions and courts: the organisations a case refers to."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from cases.text import fold


class Union(db.Model):
    """A member union of the confederation (one per public service branch)."""

    __tablename__ = "unions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(12), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    branch_no: Mapped[int | None] = mapped_column(sa.SmallInteger)
    branch_name: Mapped[str | None] = mapped_column(sa.String(200))
    address: Mapped[str | None] = mapped_column(sa.String(400))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Union {self.code}>"


class Institution(db.Model):
    """An employing administration (kurum) with its province and service branch."""

    __tablename__ = "institutions"
    __table_args__ = (sa.Index("ix_institutions_province_name", "province", "name_folded"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(300))
    name_folded: Mapped[str] = mapped_column(sa.String(300), index=True)
    province: Mapped[str] = mapped_column(sa.String(60))
    address: Mapped[str | None] = mapped_column(sa.String(400))
    # The legal person a lawsuit names for the institution's acts, and where an İYUK 11 application goes.
    legal_entity: Mapped[str | None] = mapped_column(sa.String(300))
    legal_entity_address: Mapped[str | None] = mapped_column(sa.String(400))
    superior_authority: Mapped[str | None] = mapped_column(sa.String(300))
    union_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unions.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    union: Mapped[Union | None] = relationship(lazy="raise")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.name_folded = fold(self.name)

    def rename(self, name: str) -> None:
        self.name = name
        self.name_folded = fold(name)


class Court(db.Model):
    """A court or authority petitions are addressed to; some take no judicial recess."""

    __tablename__ = "courts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(300), unique=True)
    province: Mapped[str] = mapped_column(sa.String(60), index=True)
    kind: Mapped[str] = mapped_column(sa.String(30), default="administrative")  # administrative | tax
    takes_recess: Mapped[bool | None] = mapped_column()  # None: not known (no extension assumed)
    address: Mapped[str | None] = mapped_column(sa.String(400))
