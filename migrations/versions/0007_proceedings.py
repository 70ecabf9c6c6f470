"""Proceedings: a case's steps before authorities and courts; proposals that count.

A case now holds an ordered list of proceedings (application, board objection, first-instance
lawsuit, istinaf, temyiz, stay objection, Ombudsman complaint). The case's court, file number,
filing date and decision date move into a first-instance proceeding of each case that has them,
and the columns go. Deadlines gain the trigger that proposed them (``source``, ``proceeding_id``)
so a proposal awaiting confirmation is a row the queue and the overview can see, and the case
says whether its nearest deadline is such a proposal. A court's recess flag may now be unknown.
The competent court the lawyer confirmed is kept on the case.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 01:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    # First, while nothing refers to courts yet (SQLite recreates the table to change a column).
    with op.batch_alter_table('courts') as batch:
        batch.alter_column('takes_recess', existing_type=sa.Boolean(), nullable=True)
    op.create_table(
        'proceedings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('basis', sa.String(length=20), nullable=True),
        sa.Column('authority', sa.String(length=300), nullable=True),
        sa.Column('court_id', sa.Integer(), nullable=True),
        sa.Column('file_number', sa.String(length=60), nullable=True),
        sa.Column('filing_date', sa.Date(), nullable=True),
        sa.Column('papers', sa.JSON(), nullable=False),
        sa.Column('decision', sa.Text(), nullable=True),
        sa.Column('decision_date', sa.Date(), nullable=True),
        sa.Column('decision_notified_date', sa.Date(), nullable=True),
        sa.Column('outcome', sa.String(length=16), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name='fk_proceedings_case_id_cases'),
        sa.ForeignKeyConstraint(['court_id'], ['courts.id'], name='fk_proceedings_court_id_courts'),
        sa.PrimaryKeyConstraint('id', name='pk_proceedings'),
        sa.UniqueConstraint('case_id', 'position', name='uq_proceedings_case_position'),
    )
    op.create_index('ix_proceedings_case_id', 'proceedings', ['case_id'])
    # Every case that was filed becomes a first-instance proceeding with what the case held.
    op.execute(
        "INSERT INTO proceedings (case_id, position, kind, authority, file_number, filing_date, papers,"
        " decision_date, outcome, created_at, version)"
        " SELECT id, 1, 'first_instance', court, court_file_number, filing_date, '[]', decision_date,"
        " CASE WHEN decision_date IS NOT NULL THEN outcome END, created_at, 1 FROM cases"
        " WHERE court IS NOT NULL OR court_file_number IS NOT NULL OR filing_date IS NOT NULL"
        " OR decision_date IS NOT NULL"
    )
    # Plain ALTER TABLE, not a batch copy: many tables refer to cases, and SQLite (foreign keys on)
    # refuses to drop a referenced table. SQLite >= 3.35 drops plain columns in place.
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(
            "ALTER TABLE cases ADD COLUMN competent_court_id INTEGER"
            " CONSTRAINT fk_cases_competent_court_id_courts REFERENCES courts (id)"
        )
    else:
        op.add_column('cases', sa.Column('competent_court_id', sa.Integer(), nullable=True))
        op.create_foreign_key('fk_cases_competent_court_id_courts', 'cases', 'courts', ['competent_court_id'], ['id'])
    op.add_column(
        'cases', sa.Column('next_deadline_proposed', sa.Boolean(), nullable=False, server_default=sa.false())
    )
    # Decisions are the proceedings' now: the reports' index on the case's decision date moves there.
    op.drop_index('ix_cases_report_decisions', table_name='cases')
    for column in ('court', 'court_file_number', 'filing_date', 'decision_date'):
        op.drop_column('cases', column)
    op.create_index('ix_proceedings_decisions', 'proceedings', ['decision_date', 'case_id'],
                    postgresql_include=['outcome', 'authority'],
                    postgresql_where=sa.text('outcome IS NOT NULL'), sqlite_where=sa.text('outcome IS NOT NULL'))
    with op.batch_alter_table('deadlines') as batch:
        batch.add_column(sa.Column('source', sa.String(length=80), nullable=False, server_default=''))
        batch.add_column(sa.Column('proceeding_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_deadlines_proceeding_id_proceedings', 'proceedings', ['proceeding_id'], ['id'])
        batch.create_index('ix_deadlines_proceeding_id', ['proceeding_id'])


def downgrade():
    op.execute("DELETE FROM deadlines WHERE status = 'proposed'")
    with op.batch_alter_table('deadlines') as batch:
        batch.drop_index('ix_deadlines_proceeding_id')
        batch.drop_constraint('fk_deadlines_proceeding_id_proceedings', type_='foreignkey')
        batch.drop_column('proceeding_id')
        batch.drop_column('source')
    op.add_column('cases', sa.Column('court', sa.String(length=300), nullable=True))
    op.add_column('cases', sa.Column('court_file_number', sa.String(length=60), nullable=True))
    op.add_column('cases', sa.Column('filing_date', sa.Date(), nullable=True))
    op.add_column('cases', sa.Column('decision_date', sa.Date(), nullable=True))
    op.drop_index('ix_proceedings_decisions', table_name='proceedings')
    # The first-instance proceeding goes back onto its case.
    for column, source in (
        ('court', 'authority'),
        ('court_file_number', 'file_number'),
        ('filing_date', 'filing_date'),
        ('decision_date', 'decision_date'),
    ):
        op.execute(
            f"UPDATE cases SET {column} = (SELECT p.{source} FROM proceedings p WHERE p.case_id = cases.id"
            " AND p.kind = 'first_instance' ORDER BY p.position LIMIT 1)"
        )
    op.create_index('ix_cases_report_decisions', 'cases', ['decision_date', 'union_id', 'kind'],
                    postgresql_include=['category', 'outcome', 'court', 'province'],
                    postgresql_where=sa.text('outcome IS NOT NULL'), sqlite_where=sa.text('outcome IS NOT NULL'))
    op.drop_column('cases', 'next_deadline_proposed')
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite cannot drop a column a foreign key is declared on, nor recreate a table others refer
        # to: the column stays, emptied, on a downgraded SQLite database.
        op.execute("UPDATE cases SET competent_court_id = NULL")
    else:
        op.drop_constraint('fk_cases_competent_court_id_courts', 'cases', type_='foreignkey')
        op.drop_column('cases', 'competent_court_id')
    op.drop_index('ix_proceedings_case_id', table_name='proceedings')
    op.drop_table('proceedings')
    op.execute("UPDATE courts SET takes_recess = TRUE WHERE takes_recess IS NULL")
    with op.batch_alter_table('courts') as batch:
        batch.alter_column('takes_recess', existing_type=sa.Boolean(), nullable=False)
