"""The queue's counts per status read the report summary of case counts: an index for its scope.

A lawyer's whole queue is counted per status from ``report_case_counts`` (its rows for the
union or all unions, the status dimension and the lawyer's kinds, summed over the months). The
primary key leads with the month's place after the union, so that read would pass over every
dimension and kind of the union; this index leads with what it asks for (and on PostgreSQL
carries the count, so the sum is read from the index alone).

Revision ID: 0014_queue_counts
Revises: 0013_report_counts
Create Date: 2026-12-07 17:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0014_queue_counts'
down_revision = '0013_report_counts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_report_case_counts_scope",
        "report_case_counts",
        ["union_id", "dimension", "kind", "key"],
        postgresql_include=["cases"],
    )


def downgrade():
    op.drop_index("ix_report_case_counts_scope", table_name="report_case_counts")
