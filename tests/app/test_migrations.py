"""The migrations and the models describe the same schema, on both databases."""

import pytest
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
    assert {"ix_cases_search_joined_trgm", "ix_institutions_name_trgm"} <= names


def test_postgresql_queue_walks_test_the_filters_on_the_index_alone(app):
    """A filtered queue page walks an activity-order index: each carries every filtered column (0015)."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("only PostgreSQL has INCLUDE columns")
    from app.models.case import QUEUE_FILTERED

    rows = db.session.execute(db.text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'cases'"))
    definitions = {name: definition for name, definition in rows}
    for name in ("ix_cases_union_status_activity", "ix_cases_status_activity", "ix_cases_union_kind_activity",
                 "ix_cases_kind_activity"):  # fmt: skip
        definition = definitions[name]
        assert " INCLUDE (" in definition, definition
        carried = {column.strip() for part in definition.split("(")[1:] for column in part.rstrip(")").split(",")}
        assert set(QUEUE_FILTERED) <= carried, (name, set(QUEUE_FILTERED) - carried)
