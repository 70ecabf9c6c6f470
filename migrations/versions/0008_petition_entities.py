"""The legal person sued for an institution's acts, and what a petition template serves.

An institution (a school, a hospital, a directorate) has no legal personality of its own: a
lawsuit names the ministry, governorship, rectorate or municipality answerable for it, and an
İYUK 11 application goes to the superior authority. Both are data an admin corrects.

A template now says who signs it (the lawyer, in the third person, or the member), whom it is
addressed to (a court never to an administration asked for an "iptal"), the stages of a case it
serves, how its heading is chosen, the request items it starts with, and which version of the
default set it was last taken from. Rows that exist already keep a blank signer: they render as
before until an admin adopts the newer default.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 01:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('institutions') as batch:
        batch.add_column(sa.Column('legal_entity', sa.String(length=300), nullable=True))
        batch.add_column(sa.Column('legal_entity_address', sa.String(length=400), nullable=True))
        batch.add_column(sa.Column('superior_authority', sa.String(length=300), nullable=True))
    with op.batch_alter_table('petition_templates') as batch:
        batch.add_column(sa.Column('signer', sa.String(length=10), nullable=True))
        batch.add_column(sa.Column('addressee', sa.String(length=20), nullable=True))
        batch.add_column(sa.Column('proceedings', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('authority_rule', sa.String(length=20), nullable=True))
        batch.add_column(sa.Column('request_keys', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('default_version', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('petition_templates') as batch:
        for column in ('default_version', 'request_keys', 'authority_rule', 'proceedings', 'addressee', 'signer'):
            batch.drop_column(column)
    with op.batch_alter_table('institutions') as batch:
        for column in ('superior_authority', 'legal_entity_address', 'legal_entity'):
            batch.drop_column(column)
