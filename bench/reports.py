"""Benchmark the reports and the start page: seed N cases, then time each page through the real WSGI app.

    .venv/bin/python -m bench.reports --cases 100000
    .venv/bin/python -m bench.reports --cases 1000000 \
        --database-url postgresql://postgres@127.0.0.1:5432/dayanak_bench_reports

The database is created afresh as in bench/queue.py (never point it at real data), seeded by
bench/seed.py and then given what the reports read beyond the queue's seed (``complete``):
decisions with courts and dates on the resolved legal cases, approved amounts on assistance,
the stage entries of every case's path and two administrators. ``--reuse`` measures a seeded
database again (migrating it first and completing it once). Prints per page the median and 95th
percentile in milliseconds, the SQL statements one request runs, and the peak Python memory one
request allocates (flat as cases grow: nothing loads cases into Python).
"""

import argparse
import os
import re
import statistics
import sys
import time
import tracemalloc

import sqlalchemy as sa

from bench.queue import DEFAULT_SQLITE, _fresh_database, _percentile

# (family, status, state reached on the way, the day it is reached at the earliest)
PATHS = [
    *(("legal", s, "in_review", 0) for s in ("in_review", "awaiting_member", "accepted", "objection_filed",
                                              "lawsuit_filed", "resolved", "declined", "withdrawn", "closed")),
    ("legal", "awaiting_member", "awaiting_member", 3),
    *(("legal", s, "accepted", 10) for s in ("accepted", "objection_filed", "lawsuit_filed", "resolved", "closed")),
    ("legal", "objection_filed", "objection_filed", 20),
    *(("legal", s, "lawsuit_filed", 30) for s in ("lawsuit_filed", "resolved", "closed")),
    *(("legal", s, "resolved", 200) for s in ("resolved", "closed")),
    ("legal", "declined", "declined", 12),
    ("legal", "withdrawn", "withdrawn", 15),
    ("legal", "closed", "closed", 260),
    *(("assistance", s, "in_review", 0) for s in ("in_review", "awaiting_member", "approved", "paid", "declined",
                                                   "closed")),
    ("assistance", "awaiting_member", "awaiting_member", 2),
    *(("assistance", s, "approved", 7) for s in ("approved", "paid")),
    ("assistance", "paid", "paid", 21),
    ("assistance", "declined", "declined", 9),
    ("assistance", "closed", "closed", 40),
]  # fmt: skip


def complete(engine: sa.Engine, echo=print) -> None:
    """Add what the reports read to a seeded database: decisions, amounts, stage entries, admins."""
    from app import clock
    from app.extensions import db
    from app.models.report_counts import rebuild
    from app.models.user import _hasher
    from bench.seed import PASSWORD, _insert, _user

    postgres = engine.dialect.name == "postgresql"

    def plus_days(column: str, days: str) -> str:
        if postgres:
            return f"{column} + ({days}) * interval '1 day'"
        return f"datetime({column}, '+' || ({days}) || ' days')"

    decided = plus_days("created_at", "200 + id % 150")
    decision_date = f"LEAST(({decided})::date, CURRENT_DATE)" if postgres else f"min(date({decided}), date('now'))"
    statements = [
        "DELETE FROM case_stage_entries",
        "DELETE FROM proceedings",
        """UPDATE cases SET outcome = CASE id % 4 WHEN 0 THEN 'won' WHEN 1 THEN 'partly_won' WHEN 2 THEN 'lost'
               ELSE 'settled' END
             WHERE kind = 'legal' AND status IN ('resolved', 'closed') AND id % 5 <> 0""",
        f"""INSERT INTO proceedings (case_id, position, kind, authority, papers, decision_date, outcome,
               created_at, version)
             SELECT id, 1, 'first_instance', 'Ankara ' || (id % 9 + 1) || '. İdare Mahkemesi', '[]',
               {decision_date}, outcome, created_at, 1
             FROM cases WHERE outcome IS NOT NULL AND kind = 'legal'""",  # noqa: S608 - fixed SQL
        """UPDATE cases SET amount_approved = (id % 4000 + 100) * 2.5
             WHERE kind <> 'legal' AND status IN ('approved', 'paid', 'closed') AND id % 3 <> 0""",
        "CREATE TEMP TABLE bench_paths (family VARCHAR(16), status VARCHAR(24), state VARCHAR(24), base INTEGER)",
    ]
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(sa.text(statement))  # text(): '%' is escaped for the driver
        connection.execute(
            sa.text("INSERT INTO bench_paths VALUES (:f, :s, :t, :b)"),
            [{"f": f, "s": s, "t": t, "b": b} for f, s, t, b in PATHS],
        )
        days = "p.base + (c.id * 7 + length(p.state)) % (p.base + 30)"
        connection.execute(
            sa.text(
                f"""INSERT INTO case_stage_entries
                       (case_id, state, union_id, kind, province, filed_at, entered_at, days)
                SELECT c.id, p.state, c.union_id, c.kind, c.province, c.created_at,
                       {plus_days("c.created_at", days)}, {days}
                  FROM cases c JOIN bench_paths p ON p.status = c.status
                   AND p.family = CASE WHEN c.kind = 'legal' THEN 'legal' ELSE 'assistance' END"""  # noqa: S608
            )
        )
        connection.exec_driver_sql("DROP TABLE bench_paths")
        now = clock.now()
        next_id = connection.execute(sa.text("SELECT max(id) FROM users")).scalar() + 1
        password_hash = _hasher.hash(PASSWORD)
        _insert(
            connection,
            db.metadata.tables["users"],
            [
                _user(next_id, "yonetici@bench.test", "Genel Merkez Yöneticisi", "admin", None, password_hash, now),
                _user(next_id + 1, "yonetici1@bench.test", "Sendika Yöneticisi", "admin", 1, password_hash, now),
            ],
        )  # fmt: skip
        if postgres:
            connection.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users))"
            )
        # The seed wrote its cases past the ORM, so the reports' summary tables are counted afresh.
        months = rebuild(connection)
    if postgres:
        # No session of ours may hold a snapshot, or VACUUM cannot mark the pages all-visible and the
        # report scans would read the table instead of their covering indexes.
        db.session.remove()
        engine.dispose()
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE cases")
            connection.exec_driver_sql("VACUUM ANALYZE case_stage_entries")
            for table in ("report_case_counts", "report_place_counts", "report_stage_counts"):
                connection.exec_driver_sql(f"VACUUM ANALYZE {table}")
    echo(f"  completed: decisions, amounts, stage entries, two administrators, summaries of {months} months")


def _sign_in(client, email: str, password: str) -> bool:
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": email, "password": password, "csrf_token": token.group(1)})
    return response.status_code == 302


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
        from app.models import Case, User

        if not args.reuse:
            started = time.perf_counter()
            print(f"seeding {args.cases} cases into {engine.dialect.name} …")
            seeded = seeding.seed(engine, args.cases)
            print(f"seeded {seeded.cases} cases, {seeded.events} events in {time.perf_counter() - started:.1f} s")
        if db.session.scalar(sa.select(User.id).where(User.email == "yonetici@bench.test")) is None:
            started = time.perf_counter()
            complete(engine)
            print(f"completed in {time.perf_counter() - started:.1f} s")
        total = db.session.scalar(sa.select(sa.func.count()).select_from(Case))
        lawyer = db.session.scalar(
            sa.select(User.email).where(User.role == "lawyer", User.union_id == 1).order_by(User.id).limit(1)
        )
        db.session.remove()

    from app import clock

    today = clock.today()
    five_years = f"?date_from={today.year - 5}-{today.month:02d}-01"
    pages = [
        ("yonetici@bench.test", "reports, confederation, 12 months", "/reports/"),
        ("yonetici@bench.test", "reports, confederation, 5 years", f"/reports/{five_years}"),
        ("yonetici@bench.test", "reports, one union, 12 months", "/reports/?union=1"),
        ("yonetici@bench.test", "patterns by institution", "/reports/patterns"),
        ("yonetici@bench.test", "patterns by province, per member", "/reports/patterns?by=province&rank=rate"),
        ("yonetici@bench.test", "patterns by respondent, 5 years", f"/reports/patterns{five_years}&by=respondent"),
        ("yonetici@bench.test", "outcomes, 12 months", "/reports/outcomes"),
        ("yonetici@bench.test", "outcomes, 5 years", f"/reports/outcomes{five_years}"),
        ("yonetici1@bench.test", "union admin: reports, 12 months", "/reports/"),
        ("yonetici1@bench.test", "union admin: outcomes, 5 years", f"/reports/outcomes{five_years}"),
        (lawyer, "lawyer: start page", "/desk/start"),
        (lawyer, "lawyer: my open cases (queue)", "/desk/?view=mine"),
    ]
    statements: list[str] = []
    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    print(f"\n{total} cases on {engine.dialect.name}")
    print(f"{'page':40} {'median ms':>10} {'p95 ms':>8} {'SQL':>5} {'peak KiB':>9}")
    clients: dict[str, object] = {}
    for email, label, url in pages:
        client = clients.get(email)
        if client is None:
            client = clients[email] = app.test_client()
            if not _sign_in(client, email, seeding.PASSWORD):
                print(f"could not sign in as {email}", file=sys.stderr)
                return 1
        for _ in range(2):  # warm caches and the connection pool
            assert client.get(url).status_code == 200, url
        tracemalloc.start()
        client.get(url)
        peak = tracemalloc.get_traced_memory()[1] // 1024
        tracemalloc.stop()
        timings = []
        for _ in range(args.runs):
            statements.clear()
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
        print(
            f"{label:40} {statistics.median(timings):10.1f} {_percentile(timings, 0.95):8.1f}"
            f" {len(statements):5d} {peak:9d}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
