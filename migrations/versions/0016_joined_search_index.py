"""PostgreSQL's trigram search index reads the search text with its spaces taken out.

pg_trgm cuts a text into words before taking its trigrams, so the index of the plain text knows
"yilmaz" and "celik" but not that one follows the other: a phrase of two common words ("yılmaz
çelik", two common surnames) was answered by intersecting the long lists of every trigram of
both words, about 28 ms at a million cases, to find that no case holds the phrase. Indexed with
its spaces taken out, the text holds the trigrams that cross the words ("azc", "zce"), and the
same phrase is told apart in about 10 ms; a single word is found as before. The index is a
filter only: the query tests the text itself as well (``app.queries.queue._contains``).

The new index is built before the old one goes, so search never lacks one; on a large
installation the build takes about a minute per million cases (README, Deploying).

Revision ID: 0016_joined_search
Revises: 0015_queue_walk
Create Date: 2026-12-07 20:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0016_joined_search'
down_revision = '0015_queue_walk'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE INDEX ix_cases_search_joined_trgm ON cases USING gin ((replace(search_text, ' ', '')) gin_trgm_ops)")
    op.execute("DROP INDEX IF EXISTS ix_cases_search_trgm")
    # The planner's estimate of how many cases a search matches reads the indexed expression's statistics.
    op.execute("ANALYZE cases")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE INDEX ix_cases_search_trgm ON cases USING gin (search_text gin_trgm_ops)")
    op.execute("DROP INDEX IF EXISTS ix_cases_search_joined_trgm")
