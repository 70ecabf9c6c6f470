"""CPU instructions a page costs: a measure of the app's own work that the machine's speed does not move.

    .venv/bin/python -m bench.instructions                       # every GET page, SQLite, 100,000 cases
    .venv/bin/python -m bench.instructions queue case --requests 40
    .venv/bin/python -m bench.instructions queue --database-url postgresql://postgres@127.0.0.1:5432/dayanak_served_100k

This machine's speed drifts by half within an hour (a bare Flask hello-world served at 2,500 and
at 7,000 requests/s on different stops), so requests/s and milliseconds compare badly between
runs. Valgrind's callgrind counts the instructions a process executes, the same count for the
same work whatever else the machine is doing (within a few tenths of a percent between runs).

For each page the app is loaded in a process run under callgrind with counting switched off
(``--instr-atstart=no``); the process signs in through Flask's test client, warms the page up,
switches counting on around ``--requests`` requests of the page (through a two-line C helper
built here with callgrind's client requests) and off again. What is printed is that count over
the requests: the whole of Flask's handling of a request (hooks, view, SQL through the driver,
template), not gunicorn's or the network's. On PostgreSQL the server's own work is another process
and is not counted: there the count is the app's share. The database is the one bench.served seeds
(reused).
Valgrind and gcc come from Debian (valgrind is installed when missing).
"""

import argparse
import ctypes
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import served

HELPER = r"""
#include <valgrind/callgrind.h>
void count_from_here(void) { CALLGRIND_ZERO_STATS; CALLGRIND_START_INSTRUMENTATION; }
void count_no_more(void) { CALLGRIND_STOP_INSTRUMENTATION; }
"""


def build_helper(folder: Path) -> Path:
    source, library = folder / "count.c", folder / "libcount.so"
    source.write_text(HELPER)
    subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)
    return library


def count(valgrind: str, helper: Path, url: str, email: str, path: str, requests: int) -> float:
    """Millions of instructions one request of ``path`` costs, as ``email`` signed in."""
    with tempfile.TemporaryDirectory(prefix="dayanak_callgrind_") as folder:
        command = [
            valgrind, "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={folder}/out.%p",
            sys.executable, "-m", "bench.instructions", "--inner", "--helper", str(helper),
            "--database-url", url, "--email", email, "--path", path, "--requests", str(requests),
        ]  # fmt: skip
        run = subprocess.run(command, cwd=served.ROOT, capture_output=True, text=True, check=False)
    collected = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode != 0 or collected is None or "counted" not in run.stdout:
        raise SystemExit(f"{path}: the counting run failed\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    return int(collected.group(1)) / requests / 1e6


def inner(args) -> int:
    """Inside callgrind: sign in, warm the page up, count ``args.requests`` requests of it."""
    os.environ.update(served.app_env(args.database_url))
    from bench import seed as seeding
    from wsgi import app

    helper = ctypes.CDLL(args.helper)
    client = app.test_client()
    token = served._token(client.get("/login").get_data(as_text=True))
    signed_in = client.post("/login", data={"email": args.email, "password": seeding.PASSWORD, "csrf_token": token})
    if signed_in.status_code != 302:
        raise SystemExit(f"signing in as {args.email} answered {signed_in.status_code}")
    for _ in range(5):
        client.get(args.path)
    helper.count_from_here()
    statuses = {client.get(args.path).status_code for _ in range(args.requests)}
    helper.count_no_more()
    if statuses != {200}:
        raise SystemExit(f"{args.path} answered {statuses}")
    print("counted")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", help="bench.served's page keys (default: every GET page, and /healthz)")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--database-url")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--helper", help=argparse.SUPPRESS)
    parser.add_argument("--email", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inner:
        return inner(args)

    url = args.database_url or served.default_sqlite(args.cases)
    setup = served.prepare(url, args.cases, 10)
    pages = {page.key: page for page in served.build_pages(setup, "") if page.method == "GET"}
    pages["healthz"] = served.Page("healthz", "/healthz, a bare request (the floor)", "lawyer", ["/healthz"])
    wanted = args.pages or list(pages)
    unknown = [key for key in wanted if key not in pages]
    if unknown:
        raise SystemExit(f"unknown page(s) {', '.join(unknown)}; GET pages: {', '.join(pages)}")
    valgrind = served.ensure_debian_tool("valgrind", also=Path("/usr/include/valgrind/callgrind.h"))
    with tempfile.TemporaryDirectory(prefix="dayanak_count_helper_") as folder:
        helper = build_helper(Path(folder))
        print(f"\n{args.cases} cases on {url.split(':')[0]}; {args.requests} requests counted a page (callgrind)")
        print(f"{'page':40s} {'M instructions a request':>26s}")
        for key in wanted:
            page = pages[key]
            email = getattr(setup, f"{page.who}_email")
            millions = count(valgrind, helper, url, email, page.paths[0], args.requests)
            print(f"{page.label:40s} {millions:26.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
