"""Profile served requests of one page: where a request's time goes.

    .venv/bin/python -m bench.profile case                 # the case page with 50 events, SQLite, 100,000 cases
    .venv/bin/python -m bench.profile search-mesai --database-url postgresql://postgres@127.0.0.1:5432/dayanak_served
    .venv/bin/python -m bench.profile queue --requests 300 --sort tottime

PAGE is one of bench.served's pages: queue, filtered, deep, search-isik, search-mesai,
search-two-words, case, home, deadlines, submit. The database is the one bench.served seeds
(reused when it holds the seed). The app is served by gunicorn with one sync worker, wrapped in
cProfile on the process's CPU clock (bench/profiled.py, one file per request); after a warm-up the requests are
sent one at a time and their profiles are added up and printed, sorted by cumulative time (or
``--sort tottime``), followed by the time spent in SQL (the DBAPI's execute) and in Jinja.
"""

import argparse
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from bench import served


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--database-url")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument("--callers", help="also print who calls the functions matching this (a regular expression)")
    parser.add_argument("--callees", help="also print what the functions matching this call (a regular expression)")
    args = parser.parse_args(argv)

    url = args.database_url or served.default_sqlite(args.cases)
    setup = served.prepare(url, args.cases, args.requests + args.warmup + 10)
    profiles = Path(tempfile.mkdtemp(prefix="dayanak_profile_"))
    server = served.Server("bench.profiled:app", {**served.app_env(url), "DAYANAK_PROFILE_DIR": str(profiles)}, 1)
    try:
        cookies = {who: served.sign_in(server.port, getattr(setup, f"{who}_email")) for who in served.ACCOUNTS}
        status, headers, text = served.request(server.port, "GET", "/portal/new", {"Cookie": cookies["filer"]})
        cookies["filer"] = served._session_cookie(headers, cookies["filer"])
        pages = {page.key: page for page in served.build_pages(setup, served._token(text))}
        if args.page not in pages:
            raise SystemExit(f"unknown page {args.page!r}; one of {', '.join(pages)}")
        page = pages[args.page]
        headers = {"Cookie": cookies[page.who]}
        if page.body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        paths = iter(page.paths * (1 if page.method == "POST" else args.requests + args.warmup))
        for _ in range(args.warmup):
            served.request(server.port, page.method, next(paths), headers, page.body)
        time.sleep(0.5)
        for leftover in profiles.iterdir():
            leftover.unlink()
        started = time.perf_counter()
        for _ in range(args.requests):
            status = served.request(server.port, page.method, next(paths), headers, page.body)[0]
            if status != page.expect_status:
                raise SystemExit(f"{page.label}: answer {status}, not {page.expect_status}")
        elapsed = time.perf_counter() - started
    finally:
        server.stop()
    files = sorted(str(path) for path in profiles.iterdir())
    stats = pstats.Stats(*files)
    total = stats.total_tt
    print(f"\n{page.label}: {len(files)} profiled requests, {elapsed / args.requests * 1000:.1f} ms each served")
    print(f"(profiled CPU time {total / len(files) * 1000:.1f} ms a request; cProfile itself slows Python code down)\n")
    stats.files = []  # not the list of the profile files
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.lines)
    if args.callers:
        stats.print_callers(args.callers)
    if args.callees:
        stats.print_callees(args.callees)
    _summary(stats, len(files))
    shutil.rmtree(profiles)
    return 0


def _summary(stats: pstats.Stats, requests: int) -> None:
    """Time per request in a few places worth knowing, from the cumulative column."""
    places = {
        "SQL (DBAPI execute)": ("execute",),
        "Jinja render": ("render",),
        "gettext": ("gettext", "ugettext"),
    }
    print("where the time goes, per request (cumulative, overlapping):")
    for label, names in places.items():
        best = 0.0
        for (_file, _line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
            if name in names:
                best = max(best, cumulative)
        print(f"  {label:24} {best / requests * 1000:7.2f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
