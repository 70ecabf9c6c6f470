"""Desk queue indexes: a scope's cases in activity order, and its counts per status, from indexes alone.

A lawyer's queue is "union X, legal cases, newest activity first"; an officer's the same for the
assistance kinds; the confederation's "every union, one kind". These let the first page, a deep
page and the per-status counts walk an index instead of sorting or reading the table; the
counts under the common filters (status, subject, priority, assignee) read the index alone.

Search on SQLite: PostgreSQL finds substrings with its trigram index (0001); SQLite has none
and must scan the folded text of every case in scope. Scanning a covering index of
(union, kind, search text, and the columns the queue sorts and counts by) reads a few MB in
order instead of every wide case row, which keeps a search within the page budget. It carries
the name of the database-specific search index, ix_cases_search_trgm, so the model/migration
comparison leaves it out, as it does PostgreSQL's.

Revision ID: 0002_desk
Revises: 0001
Create Date: 2026-11-23 19:55:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0002_desk'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_union_kind_activity', ['union_id', 'kind', 'last_activity_at', 'id'], unique=False)
        batch_op.create_index('ix_cases_queue_filters', ['union_id', 'kind', 'status', 'category', 'priority', 'assignee_id'], unique=False)
        batch_op.create_index('ix_cases_kind_activity', ['kind', 'last_activity_at', 'id'], unique=False)
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(
            "CREATE INDEX ix_cases_search_trgm ON cases (union_id, kind, search_text, status, "
            "last_activity_at, created_at, priority_rank, next_deadline)"
        )


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP INDEX IF EXISTS ix_cases_search_trgm")
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_kind_activity')
        batch_op.drop_index('ix_cases_queue_filters')
        batch_op.drop_index('ix_cases_union_kind_activity')
