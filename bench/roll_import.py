"""Member roll import speed: write a realistic roll, import it, import it again.

    .venv/bin/python -m bench.roll_import --rows 100000
    .venv/bin/python -m bench.roll_import --rows 100000 --database-url postgresql://postgres@127.0.0.1:5432/dayanak_bench
    .venv/bin/python -m bench.roll_import --rows 100000 --format xlsx

The file has the shape of a real export: a Turkish header, semicolons, the eleven unions in their
real proportions, valid T.C. Kimlik numbers, Turkish names, a status column and a few bad rows
(one in a thousand with a wrong check digit). It goes through ``app.services.roll_import.import_roll``,
the service behind the admin page and ``flask members import``, with the same progress callback
as the CLI. The database is created afresh (SQLite: a file under /tmp; PostgreSQL: the named
database is dropped and recreated — never point it at real data) and migrated. Prints rows per
second and seconds for the first import and the re-import (which must change nothing). The goal:
100,000 rows in under a minute; exits 1 when an import misses it or the re-import changes a row.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from bench.queue import DEFAULT_SQLITE, _fresh_database
from bench.seed import FIRST, LAST, UNIONS, national_id

GOAL_SECONDS_PER_100K = 60.0
HEADER = ("Sendika", "Üye No", "T.C. Kimlik No", "Adı Soyadı", "Durum")


def roll_rows(count: int, *, seed_value: int = 2026) -> list[tuple[str, str, str, str, str]]:
    """``count`` roll rows: unions by their real share, valid ids except one row in a thousand."""
    rng = random.Random(seed_value)  # benchmark data, not security
    codes = [code for code, _name, _share in UNIONS]
    weights = [share for _code, _name, share in UNIONS]
    rows = []
    for n in range(1, count + 1):
        union = rng.choices(codes, weights)[0]
        number = national_id(n)
        if n % 1000 == 0:
            number = number[:-1] + str((int(number[-1]) + 1) % 10)  # a typing mistake: refused
        status = "pasif" if n % 50 == 0 else "aktif"
        rows.append((union, f"{union}{n:07d}", number, f"{rng.choice(FIRST)} {rng.choice(LAST)}", status))
    return rows


def write_roll(path: Path, rows: list[tuple[str, ...]], file_format: str) -> None:
    if file_format == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Üyeler")
        sheet.append(HEADER)
        for row in rows:
            sheet.append(row)
        book.save(path)
        return
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(";".join(HEADER) + "\r\n")
        out.writelines(";".join(row) + "\r\n" for row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default=f"sqlite:///{DEFAULT_SQLITE}")
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    args = parser.parse_args(argv)

    os.environ.setdefault("DAYANAK_INSTANCE_PATH", "/tmp/dayanak-bench-instance")  # noqa: S108
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from app.models import RollEntry, Union
    from app.services.roll_import import import_roll

    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": args.database_url})
    with tempfile.TemporaryDirectory() as scratch, app.app_context():
        db.engine.dispose()
        _fresh_database(args.database_url)
        upgrade()
        db.session.add_all(Union(code=code, name=name) for code, name, _share in UNIONS)
        db.session.commit()

        path = Path(scratch) / f"uye-listesi.{args.format}"
        started = time.perf_counter()
        write_roll(path, roll_rows(args.rows), args.format)
        size = path.stat().st_size / 1_000_000
        print(f"wrote {args.rows} rows ({size:.1f} MB {args.format}) in {time.perf_counter() - started:.1f} s")
        print(f"importing into {db.engine.dialect.name} …")

        def progress(done: int, total: int | None) -> None:
            if total and (done == total or done % 20_000 < 2_000):
                print(f"  {done}/{total} rows ({done * 100 // total}%)", flush=True)

        timings = []
        reports = []
        for label in ("first import", "re-import"):
            started = time.perf_counter()
            report = import_roll(str(path), filename=path.name, progress=progress)
            timings.append((label, time.perf_counter() - started))
            reports.append(report)
            db.session.remove()
        entries = db.session.scalar(sa.select(sa.func.count()).select_from(RollEntry))

    first, again = reports
    print(
        f"\nfirst import: {first.added} added, {first.updated} updated, {first.unchanged} unchanged, "
        f"{first.refused} refused; {entries} roll entries"
    )
    print(
        f"re-import:    {again.added} added, {again.updated} updated, {again.unchanged} unchanged, "
        f"{again.refused} refused"
    )
    print(f"\n{'run':14} {'seconds':>8} {'rows/s':>9}")
    for label, seconds in timings:
        print(f"{label:14} {seconds:8.2f} {args.rows / seconds:9.0f}")
    goal = GOAL_SECONDS_PER_100K * args.rows / 100_000
    failed = [label for label, seconds in timings if seconds > goal]
    if again.added or again.updated:
        print("the re-import changed rows; it must change nothing", file=sys.stderr)
        return 1
    if failed:
        print(f"over the goal of {goal:.1f} s: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
