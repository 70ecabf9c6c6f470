"""Reports at a million cases: stage times, report indexes, read marks, saved filters, published statistics.

* ``case_stage_entries`` keeps, per case and state, when the case first entered it and how
  many days after filing; existing timelines are replayed into it here.
* Covering indexes let the report GROUP BYs over a filing-date range of a scope run from the
  index alone; a partial index serves the decided cases of the outcomes report.
* ``case_views`` (when a user last opened a case: the queue's unread mark), ``saved_filters``
  and ``published_statistics`` (the anonymised figures an admin published, stored as shown).

Revision ID: 0009
Revises: 0005
Create Date: 2026-12-07 01:00:00

"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0005'
branch_labels = None
depends_on = None

BATCH = 5000
_INCLUDE = ['outcome', 'province', 'institution_id', 'respondent_type', 'assignee_id', 'membership_pending',
            'amount_approved']


def upgrade():
    op.create_table(
        'case_stage_entries',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(length=24), nullable=False),
        sa.Column('union_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('province', sa.String(length=60), nullable=True),
        sa.Column('filed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('entered_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('days', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_stage_entries_case_id_cases')),
        sa.ForeignKeyConstraint(['union_id'], ['unions.id'], name=op.f('fk_case_stage_entries_union_id_unions')),
        sa.PrimaryKeyConstraint('case_id', 'state', name=op.f('pk_case_stage_entries')),
    )
    op.create_table(
        'case_views',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_views_case_id_cases')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_case_views_user_id_users')),
        sa.PrimaryKeyConstraint('user_id', 'case_id', name=op.f('pk_case_views')),
    )
    op.create_index(op.f('ix_case_views_case_id'), 'case_views', ['case_id'])
    op.create_table(
        'saved_filters',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('query', sa.String(length=1000), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_saved_filters_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_filters')),
        sa.UniqueConstraint('user_id', 'name', name='uq_saved_filters_user_name'),
    )
    op.create_index(op.f('ix_saved_filters_user_id'), 'saved_filters', ['user_id'])
    op.create_table(
        'published_statistics',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('union_id', sa.Integer(), nullable=True),
        sa.Column('period_from', sa.Date(), nullable=False),
        sa.Column('period_to', sa.Date(), nullable=False),
        sa.Column('min_cell', sa.SmallInteger(), nullable=False),
        sa.Column('institution_threshold', sa.Integer(), nullable=False),
        sa.Column('figures', sa.JSON(), nullable=False),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('published_by_id', sa.Integer(), nullable=False),
        sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['published_by_id'], ['users.id'],
                                name=op.f('fk_published_statistics_published_by_id_users')),
        sa.ForeignKeyConstraint(['union_id'], ['unions.id'], name=op.f('fk_published_statistics_union_id_unions')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_published_statistics')),
    )
    op.create_index(op.f('ix_published_statistics_union_id'), 'published_statistics', ['union_id'])

    op.create_index('ix_cases_report_union', 'cases', ['union_id', 'created_at', 'kind', 'category', 'status'],
                    postgresql_include=_INCLUDE)
    op.create_index('ix_cases_report_created', 'cases', ['created_at', 'union_id', 'kind', 'category', 'status'],
                    postgresql_include=_INCLUDE)
    op.create_index('ix_cases_report_decisions', 'cases', ['decision_date', 'union_id', 'kind'],
                    postgresql_include=['category', 'outcome', 'court', 'province'],
                    postgresql_where=sa.text('outcome IS NOT NULL'), sqlite_where=sa.text('outcome IS NOT NULL'))
    op.create_index('ix_case_events_case_kind_time', 'case_events', ['case_id', 'kind', 'created_at'])
    op.create_index('ix_member_profiles_institution_members', 'member_profiles',
                    ['institution_id', 'membership_status', 'union_id'])
    op.create_index('ix_member_profiles_province_members', 'member_profiles',
                    ['province', 'membership_status', 'union_id'])
    _replay_stage_entries()
    op.create_index('ix_case_stage_entries_union_filed', 'case_stage_entries',
                    ['union_id', 'filed_at', 'kind', 'state', 'days'])
    op.create_index('ix_case_stage_entries_filed', 'case_stage_entries',
                    ['filed_at', 'union_id', 'kind', 'state', 'days'])


def _aware(value):
    if isinstance(value, str):  # SQLite hands timestamps back as text
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _replay_stage_entries():
    """The first entry into each state, from the transition events already on the timelines."""
    connection = op.get_bind()
    events = sa.table('case_events', sa.column('sequence', sa.Integer), sa.column('case_id', sa.Integer),
                      sa.column('kind', sa.String), sa.column('payload', sa.JSON),
                      sa.column('created_at', sa.DateTime(timezone=True)))
    cases = sa.table('cases', sa.column('id', sa.Integer), sa.column('union_id', sa.Integer),
                     sa.column('kind', sa.String), sa.column('province', sa.String),
                     sa.column('created_at', sa.DateTime(timezone=True)))
    entries = sa.table('case_stage_entries', *(sa.column(name) for name in (
        'case_id', 'state', 'union_id', 'kind', 'province', 'filed_at', 'entered_at', 'days')))
    seen: set[tuple[int, str]] = set()  # of the case being read: events come in case order
    last = (0, 0)
    while True:
        rows = connection.execute(
            sa.select(events.c.sequence, events.c.case_id, events.c.payload, events.c.created_at,
                      cases.c.union_id, cases.c.kind, cases.c.province, cases.c.created_at.label('filed_at'))
            .join(cases, cases.c.id == events.c.case_id)
            .where(sa.tuple_(events.c.case_id, events.c.sequence) > sa.tuple_(*last), events.c.kind == 'transition')
            .order_by(events.c.case_id, events.c.sequence)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        batch = []
        for row in rows:
            state = (row.payload or {}).get('to_state')
            if seen and next(iter(seen))[0] != row.case_id:
                seen.clear()
            if not state or state == (row.payload or {}).get('from_state') or (row.case_id, state) in seen:
                continue
            seen.add((row.case_id, state))
            filed, entered = _aware(row.filed_at), _aware(row.created_at)
            batch.append({'case_id': row.case_id, 'state': state, 'union_id': row.union_id, 'kind': row.kind,
                          'province': row.province, 'filed_at': filed, 'entered_at': entered,
                          'days': max(0, (entered - filed).days)})
        if batch:
            connection.execute(entries.insert(), batch)
        last = (rows[-1].case_id, rows[-1].sequence)


def downgrade():
    op.drop_index('ix_member_profiles_province_members', table_name='member_profiles')
    op.drop_index('ix_member_profiles_institution_members', table_name='member_profiles')
    op.drop_index('ix_case_events_case_kind_time', table_name='case_events')
    op.drop_index('ix_cases_report_decisions', table_name='cases')
    op.drop_index('ix_cases_report_created', table_name='cases')
    op.drop_index('ix_cases_report_union', table_name='cases')
    op.drop_index(op.f('ix_published_statistics_union_id'), table_name='published_statistics')
    op.drop_table('published_statistics')
    op.drop_index(op.f('ix_saved_filters_user_id'), table_name='saved_filters')
    op.drop_table('saved_filters')
    op.drop_index(op.f('ix_case_views_case_id'), table_name='case_views')
    op.drop_table('case_views')
    op.drop_index('ix_case_stage_entries_filed', table_name='case_stage_entries')
    op.drop_index('ix_case_stage_entries_union_filed', table_name='case_stage_entries')
    op.drop_table('case_stage_entries')
