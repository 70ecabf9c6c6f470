"""Report summary tables: counts per month, per union and for all unions, filled from the cases.

* ``report_case_counts``, ``report_place_counts``, ``report_decision_counts`` and
  ``report_stage_counts`` hold the reports' counts per month, per union and for all unions
  (app/models/report_counts.py says what each row counts); the application keeps them in step
  in every transaction that changes a case, a stage entry or a proceeding.
* They are filled here from the existing rows, one month at a time with set-based
  INSERT … SELECT (the same ``rebuild`` the tests compare the kept counts with).
* A partial index serves the overview's count of open cases awaiting membership.
* Cases keep when their member last answered, added a file and when a member message last came
  (filled here from the timelines), and an index covers a user's open cases with those marks,
  so the start page counts what waits on a lawyer without searching thousands of timelines.

Revision ID: 0013_report_counts
Revises: 0008
Create Date: 2026-12-07 04:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0013_report_counts'
down_revision = '0008'
branch_labels = None
depends_on = None


def _key(name, length=None):
    return sa.Column(name, sa.String(length=length) if length else sa.Integer(), nullable=False)


def _count(name, big=False):
    return sa.Column(name, sa.BigInteger() if big else sa.Integer(), nullable=False)


def _month():
    return sa.Column('month', sa.Date(), nullable=False)


def upgrade():
    op.create_table(
        'report_case_counts',
        _key('union_id'), _month(), _key('dimension', 10), _key('kind', 16), _key('key', 40),
        _count('cases'), _count('unassigned'), _count('approved'), _count('approved_cents', big=True),
        _count('paid'), _count('paid_cents', big=True),
        sa.PrimaryKeyConstraint('union_id', 'month', 'dimension', 'kind', 'key', name=op.f('pk_report_case_counts')),
    )
    op.create_table(
        'report_place_counts',
        _key('dimension', 12), _key('union_id'), _month(), _key('key', 60), _key('category', 40),
        _count('cases'),
        sa.PrimaryKeyConstraint('dimension', 'union_id', 'month', 'key', 'category',
                                name=op.f('pk_report_place_counts')),
    )
    op.create_table(
        'report_decision_counts',
        _key('grain', 5), _key('union_id'), _month(), _key('dimension', 10), _key('key', 300), _key('outcome', 16),
        _count('decisions'),
        sa.PrimaryKeyConstraint('grain', 'union_id', 'month', 'dimension', 'key', 'outcome',
                                name=op.f('pk_report_decision_counts')),
    )
    op.create_table(
        'report_stage_counts',
        _key('grain', 5), _key('union_id'), _month(), _key('kind', 16), _key('state', 24), _key('days'),
        _count('cases'),
        sa.PrimaryKeyConstraint('grain', 'union_id', 'month', 'kind', 'state', 'days',
                                name=op.f('pk_report_stage_counts')),
    )
    op.create_index('ix_cases_report_membership', 'cases', ['created_at', 'union_id', 'kind', 'status'],
                    postgresql_where=sa.text('membership_pending'), sqlite_where=sa.text('membership_pending'))
    op.add_column('cases', sa.Column('member_replied_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('cases', sa.Column('member_file_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('cases', sa.Column('member_message_at', sa.DateTime(timezone=True), nullable=True))
    _mark_member_activity()
    op.create_index('ix_cases_attention', 'cases', ['assignee_id', 'status', 'union_id', 'kind'],
                    postgresql_include=['next_deadline', 'member_replied_at', 'member_file_at', 'member_message_at'])
    from app.models.report_counts import rebuild

    rebuild(op.get_bind())
    if op.get_bind().dialect.name == 'postgresql':  # the planner's statistics of the filled tables
        for table in ('report_case_counts', 'report_place_counts', 'report_decision_counts', 'report_stage_counts'):
            op.execute(f'ANALYZE {table}')


def _mark_member_activity():
    """The last answer, file and message of each case's member, from the timelines (set-based)."""
    member = "(SELECT m.user_id FROM member_profiles m WHERE m.id = cases.member_id)"
    for column, kind, by_member in (('member_replied_at', 'transition', True),
                                    ('member_file_at', 'attachment', True),
                                    ('member_message_at', 'member_message', False)):
        events = f"FROM case_events e WHERE e.case_id = cases.id AND e.kind = '{kind}'"
        if by_member:
            events += f" AND e.actor_id = {member}"
        # Only the cases with such an event are written (a probe of the events index per case).
        op.execute(sa.text(
            f"UPDATE cases SET {column} = (SELECT max(e.created_at) {events}) WHERE EXISTS (SELECT 1 {events})"
        ))


def downgrade():
    op.drop_index('ix_cases_attention', table_name='cases')
    op.drop_column('cases', 'member_message_at')
    op.drop_column('cases', 'member_file_at')
    op.drop_column('cases', 'member_replied_at')
    op.drop_index('ix_cases_report_membership', table_name='cases')
    op.drop_table('report_stage_counts')
    op.drop_table('report_decision_counts')
    op.drop_table('report_place_counts')
    op.drop_table('report_case_counts')
