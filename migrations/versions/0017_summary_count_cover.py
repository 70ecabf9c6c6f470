"""The queue's summary read takes the count from its index on SQLite too.

Migration 0014 indexed report_case_counts by the queue's scope and, on PostgreSQL, carried the
count in the index (INCLUDE), so the counts per status are summed from the index alone. SQLite
has no INCLUDE: it read each of the union's summary rows from the table (some 1,500 look-ups a
queue page at 100,000 cases). With the count as the index's last key column, both databases sum
from the index alone (about 3 % of a queue page's CPU on SQLite).

Revision ID: 0017_summary_cover
Revises: 0016_joined_search
Create Date: 2026-12-07 20:40:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0017_summary_cover'
down_revision = '0016_joined_search'
branch_labels = None
depends_on = None

NAME = "ix_report_case_counts_scope"
SCOPE = ["union_id", "dimension", "kind", "key"]


def upgrade():
    op.drop_index(NAME, table_name="report_case_counts")
    op.create_index(NAME, "report_case_counts", [*SCOPE, "cases"])


def downgrade():
    op.drop_index(NAME, table_name="report_case_counts")
    op.create_index(NAME, "report_case_counts", SCOPE, postgresql_include=["cases"])
