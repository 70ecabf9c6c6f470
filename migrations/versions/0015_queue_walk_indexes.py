"""The queue's activity-order indexes carry the filtered columns, so a filtered page walks the index alone.

A filtered queue page ("in review, harassment, normal priority") walks a scope's cases in
activity order and keeps those that match. Without the filtered columns in the index, every case
walked was read from the table to be tested: at a million cases, some 3,000 random reads (7 ms)
for one page. With them (PostgreSQL's INCLUDE), the same walk reads index pages only (0.2 ms).
SQLite has no INCLUDE; its indexes are left as they are.

Revision ID: 0015_queue_walk
Revises: 0014_queue_counts
Create Date: 2026-12-07 18:20:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0015_queue_walk'
down_revision = '0014_queue_counts'
branch_labels = None
depends_on = None

FILTERED = ["union_id", "kind", "status", "category", "priority", "assignee_id", "institution_id", "next_deadline"]
WALKS = {
    "ix_cases_union_status_activity": ["union_id", "status", "last_activity_at"],
    "ix_cases_status_activity": ["status", "last_activity_at"],
    "ix_cases_union_kind_activity": ["union_id", "kind", "last_activity_at", "id"],
    "ix_cases_kind_activity": ["kind", "last_activity_at", "id"],
}


def _recreate(include: bool) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, columns in WALKS.items():
        op.drop_index(name, table_name="cases")
        extra = [column for column in FILTERED if column not in columns] if include else []
        op.create_index(name, "cases", columns, postgresql_include=extra)


def upgrade():
    _recreate(include=True)


def downgrade():
    _recreate(include=False)
