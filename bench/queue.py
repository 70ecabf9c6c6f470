"""Benchmark the desk: seed N cases, then time the queue and case pages through the real WSGI app.

    .venv/bin/python -m bench.queue --cases 100000
    .venv/bin/python -m bench.queue --cases 100000 --database-url postgresql://postgres@127.0.0.1:5432/dayanak_bench

The database is created afresh (SQLite: a file under /tmp; PostgreSQL: the named database is
dropped and recreated — never point it at real data), migrated with the project's migrations,
seeded (bench/seed.py), then each page is requested ``--runs`` times by a signed-in lawyer of the
largest union. Prints per page the median and 95th percentile in milliseconds and the number of
SQL statements one request runs. ``--reuse`` measures an already seeded database again.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

import sqlalchemy as sa

DEFAULT_SQLITE = "/tmp/dayanak-bench.db"  # noqa: S108 - a scratch file for the benchmark


def _fresh_database(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(url.split("///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    if not re.fullmatch(r"\w+", name):
        raise SystemExit(f"unexpected database name {name!r}")
    admin = base.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--database-url", default=f"sqlite:///{DEFAULT_SQLITE}")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="measure an already seeded database")
    args = parser.parse_args(argv)

    os.environ.setdefault("DAYANAK_INSTANCE_PATH", "/tmp/dayanak-bench-instance")  # noqa: S108
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from bench import seed as seeding

    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": args.database_url})
    with app.app_context():
        engine = db.engine
        if not args.reuse:
            db.engine.dispose()
            _fresh_database(args.database_url)
            upgrade()
            started = time.perf_counter()
            print(f"seeding {args.cases} cases into {engine.dialect.name} …")
            seeded = seeding.seed(engine, args.cases)
            print(f"seeded {seeded.cases} cases, {seeded.events} events in {time.perf_counter() - started:.1f} s")
        from app.models import Case, CaseEvent, User

        lawyer = db.session.scalar(
            sa.select(User).where(User.role == "lawyer", User.union_id == 1).order_by(User.id).limit(1)
        )
        # A case whose timeline reaches 50 events (the seed makes one early): no GROUP BY over all events.
        big_case = db.session.scalar(sa.select(CaseEvent.case_id).where(CaseEvent.sequence == 50).limit(1))
        in_scope = db.session.scalar(
            sa.select(sa.func.count()).select_from(Case).where(Case.union_id == 1, Case.kind == "legal")
        )
        db.session.remove()

    client = app.test_client()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"email": lawyer.email, "password": seeding.PASSWORD, "csrf_token": token.group(1)}
    )
    if response.status_code != 302:
        print("could not sign in as the benchmark lawyer", file=sys.stderr)
        return 1
    deep = max(1, in_scope // 25 // 2)
    pages = [
        ("queue, first page", "/desk/"),
        ("queue, filtered", "/desk/?status=in_review&category=harassment&priority=normal&sort=priority"),
        (f"queue, deep page {deep}", f"/desk/?page={deep}"),
        ("search 'ışık'", "/desk/?q=%C4%B1%C5%9F%C4%B1k"),
        ("search 'yılmaz çelik'", "/desk/?q=y%C4%B1lmaz+%C3%A7elik"),
        ("case page, 50 events", f"/desk/cases/{big_case}"),
    ]
    statements: list[str] = []
    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    print(f"\n{args.cases} cases on {engine.dialect.name}; lawyer of the largest union sees {in_scope} cases")
    print(f"{'page':34} {'median ms':>10} {'p95 ms':>8} {'SQL':>5}")
    for label, url in pages:
        for _ in range(3):  # warm caches and the connection pool
            assert client.get(url).status_code == 200, url
        timings = []
        for _ in range(args.runs):
            statements.clear()
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
        print(f"{label:34} {statistics.median(timings):10.1f} {_percentile(timings, 0.95):8.1f} {len(statements):5d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
