"""Report summary tables: cases, places and stage entries counted per filing month, filled from the cases.

* ``report_case_counts``, ``report_place_counts`` and ``report_stage_counts`` hold the reports'
  counts per local filing month (app/models/report_counts.py says what each row counts); the
  application keeps them in step in every transaction that changes a case or a stage entry.
* They are filled here from the existing cases, one month at a time with set-based
  INSERT … SELECT (the same ``rebuild`` the tests compare the kept counts with).
* A partial index serves the overview's count of open cases awaiting membership.

Revision ID: 0013_report_counts
Revises: 0008
Create Date: 2026-12-07 04:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0013_report_counts"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "report_case_counts",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("union_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.Column("unassigned", sa.Integer(), nullable=False),
        sa.Column("approved", sa.Integer(), nullable=False),
        sa.Column("approved_cents", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month", "union_id", "kind", "category", "status", "outcome", name=op.f("pk_report_case_counts")
        ),
    )
    op.create_table(
        "report_place_counts",
        sa.Column("dimension", sa.String(length=12), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("union_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "dimension", "month", "union_id", "key", "category", name=op.f("pk_report_place_counts")
        ),
    )
    op.create_table(
        "report_stage_counts",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("union_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "union_id", "kind", "state", "days", name=op.f("pk_report_stage_counts")),
    )
    op.create_index(
        "ix_cases_report_membership",
        "cases",
        ["created_at", "union_id", "kind", "status"],
        postgresql_where=sa.text("membership_pending"),
        sqlite_where=sa.text("membership_pending"),
    )
    from app.models.report_counts import rebuild

    rebuild(op.get_bind())


def downgrade():
    op.drop_index("ix_cases_report_membership", table_name="cases")
    op.drop_table("report_stage_counts")
    op.drop_table("report_place_counts")
    op.drop_table("report_case_counts")
