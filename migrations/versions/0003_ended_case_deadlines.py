"""Ended cases no longer carry a next deadline.

``cases.next_deadline`` drives the queue's overdue mark, deadline filter and sort. A withdrawn,
declined or closed case keeps its deadline rows (reopening brings them back) but its next
deadline is now empty; this clears it on cases that ended before the rule existed.

Revision ID: 0003_ended
Revises: 0002_desk
Create Date: 2026-12-02 03:40:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0003_ended'
down_revision = '0002_desk'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "UPDATE cases SET next_deadline = NULL WHERE status IN ('withdrawn', 'declined', 'closed')"
    )


def downgrade():
    # The nearest open deadline of every ended case, as it was kept before.
    op.execute(
        "UPDATE cases SET next_deadline = (SELECT MIN(d.due_date) FROM deadlines d"
        " WHERE d.case_id = cases.id AND d.status = 'open')"
        " WHERE status IN ('withdrawn', 'declined', 'closed')"
    )
