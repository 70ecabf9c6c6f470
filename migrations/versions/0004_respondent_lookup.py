"""Find the cases that name a member as their respondent.

A member who registers after a case names them as its respondent (a manager, supervisor or
coworker in the same union) is a conflict of interest the queue should show at once. The case
keeps the respondent's Turkish-folded name beside the name, and both the folded name (per
union) and the respondent's T.C. Kimlik No are indexed so registration can look the cases up.

Revision ID: 0004_respondent
Revises: 0003_ended
Create Date: 2026-12-02 04:10:00

"""
import sqlalchemy as sa
from alembic import op

from cases.text import fold

# revision identifiers, used by Alembic.
revision = '0004_respondent'
down_revision = '0003_ended'
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade():
    op.add_column('cases', sa.Column('respondent_name_folded', sa.String(length=200), nullable=True))
    _fill_folded_names()
    op.create_index('ix_cases_union_respondent_name', 'cases', ['union_id', 'respondent_name_folded'])
    op.create_index('ix_cases_respondent_national_id', 'cases', ['respondent_national_id'])


def _fill_folded_names():
    connection = op.get_bind()
    cases = sa.table('cases', sa.column('id', sa.Integer), sa.column('respondent_name', sa.String),
                     sa.column('respondent_name_folded', sa.String))
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(cases.c.id, cases.c.respondent_name)
            .where(cases.c.id > last_id, cases.c.respondent_name.is_not(None))
            .order_by(cases.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        connection.execute(
            cases.update().where(cases.c.id == sa.bindparam('case_id')).values(respondent_name_folded=sa.bindparam('folded')),
            [{'case_id': row.id, 'folded': fold(row.respondent_name) or None} for row in rows],
        )
        last_id = rows[-1].id


def downgrade():
    op.drop_index('ix_cases_respondent_national_id', table_name='cases')
    op.drop_index('ix_cases_union_respondent_name', table_name='cases')
    # SQLite 3.35+ drops a column in place; a batch copy of cases would trip its foreign keys.
    op.drop_column('cases', 'respondent_name_folded')
