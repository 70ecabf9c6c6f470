"""Desk queue indexes: a scope's cases in activity order, and its counts per status, from indexes alone.

A lawyer's queue is "union X, legal cases, newest activity first"; an officer's the same for the
assistance kinds; the confederation's "every union, one kind". These let the first page, a deep
page and the per-status counts walk an index instead of sorting or reading the table; the
counts under the common filters (status, subject, priority, assignee) read the index alone.

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


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_kind_activity')
        batch_op.drop_index('ix_cases_queue_filters')
        batch_op.drop_index('ix_cases_union_kind_activity')
