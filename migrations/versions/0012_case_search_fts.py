"""Case search on SQLite through an FTS5 trigram index, kept in step by triggers.

PostgreSQL finds substrings of the folded search text with its trigram GIN index (0001).
SQLite had none: a search scanned the folded text of every case in scope (0002's covering
index made the scan narrower, not shorter). FTS5's trigram tokenizer indexes every three
characters, so `MATCH '"mesai"'` finds the same substrings `instr()` did, from the index. The
FTS table holds no copy of the text (``content='cases'``): triggers add, replace and remove a
case's entry whenever its search text is written, so filing, renames and erasure keep search
current without any code of theirs. 0002's wide covering index is no longer read and goes.

Revision ID: 0012
Revises: 0005
Create Date: 2026-12-07 01:10:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0009'
branch_labels = None
depends_on = None

TRIGGERS = (
    """CREATE TRIGGER IF NOT EXISTS cases_fts_insert AFTER INSERT ON cases BEGIN
         INSERT INTO cases_fts (rowid, search_text) VALUES (new.id, new.search_text);
       END""",
    """CREATE TRIGGER IF NOT EXISTS cases_fts_delete AFTER DELETE ON cases BEGIN
         INSERT INTO cases_fts (cases_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
       END""",
    """CREATE TRIGGER IF NOT EXISTS cases_fts_update AFTER UPDATE OF search_text ON cases BEGIN
         INSERT INTO cases_fts (cases_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
         INSERT INTO cases_fts (rowid, search_text) VALUES (new.id, new.search_text);
       END""",
)


def upgrade():
    if op.get_bind().dialect.name != 'sqlite':
        return
    op.execute("DROP INDEX IF EXISTS ix_cases_search_trgm")
    op.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS cases_fts USING fts5("
        "search_text, content='cases', content_rowid='id', tokenize='trigram')"
    )
    for trigger in TRIGGERS:
        op.execute(trigger)
    op.execute("INSERT INTO cases_fts (cases_fts) VALUES ('rebuild')")


def downgrade():
    if op.get_bind().dialect.name != 'sqlite':
        return
    for name in ('cases_fts_update', 'cases_fts_delete', 'cases_fts_insert'):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS cases_fts")
    op.execute(
        "CREATE INDEX ix_cases_search_trgm ON cases (union_id, kind, search_text, status, "
        "last_activity_at, created_at, priority_rank, next_deadline)"
    )
