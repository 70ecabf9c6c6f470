"""Flask extensions, created here and initialised in the application factory."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

# Named constraints keep Alembic migrations identical on SQLite (batch mode) and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
# Indexes that only one database has (PostgreSQL trigram search) live in migrations alone.
DATABASE_SPECIFIC_INDEXES = frozenset({"ix_cases_search_joined_trgm", "ix_institutions_name_trgm"})


# SQLite's full-text search table (migration 0012) and the shadow tables FTS5 keeps for it.
SEARCH_INDEX_TABLE = "cases_fts"


def include_in_autogenerate(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic filter: leave database-specific indexes and search tables out of model/migration comparison."""
    if type_ == "table" and name and name.startswith(SEARCH_INDEX_TABLE):
        return False
    return not (type_ == "index" and name in DATABASE_SPECIFIC_INDEXES)


def render_type(type_, obj, autogen_context):
    """Alembic: write our UTC timestamp type as the plain column type it stores as."""
    if type_ == "type" and type(obj).__name__ == "UTCDateTime":
        return "sa.DateTime(timezone=True)"
    return False


migrate = Migrate(
    render_as_batch=True, compare_type=True, include_object=include_in_autogenerate, render_item=render_type
)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, _record) -> None:
    """SQLite: enforce foreign keys, allow readers beside a writer, wait instead of failing."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()
