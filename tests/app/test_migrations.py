"""The migrations and the models describe the same schema, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.extensions import db, include_in_autogenerate


def test_migrated_database_matches_the_models(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_in_autogenerate}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_migrations_have_a_single_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from config import BASE_DIR

    config = Config()
    config.set_main_option("script_location", str(BASE_DIR / "migrations"))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_postgresql_has_trigram_search_indexes(app):
    if db.engine.dialect.name != "postgresql":
        return
    names = {row[0] for row in db.session.execute(db.text("SELECT indexname FROM pg_indexes"))}
    assert {"ix_cases_search_trgm", "ix_institutions_name_trgm"} <= names
