"""Served benchmark: the desk under real load, through gunicorn, driven by wrk.

    .venv/bin/python -m bench.served                                   # 100,000 cases on SQLite
    .venv/bin/python -m bench.served --database-url postgresql://postgres@127.0.0.1:5432/dayanak_served
    .venv/bin/python -m bench.served --cases 1000000 --database-url postgresql://postgres@127.0.0.1:5432/dayanak_served_1m

Seeds N cases (bench/seed.py) into a scratch database — SQLite: ``/tmp/dayanak_served_N.db``;
PostgreSQL: the named database is dropped and recreated, so never point it at real data — or
reuses it when it already holds that seed (it is then only migrated to head). Serves the app the
way production does (gunicorn, 2 sync workers, debug off), signs in over HTTP as
the benchmark lawyer and as two members (one whose portal home is measured, one who files), and
drives each page with ``wrk`` (installed through apt when missing): a warm-up, then a fixed
duration at a fixed number of connections, the workers left idle between pages. A bare Flask
hello-world (bench/hello.py) is served and measured the same way at the start and the end of the
run, and each page's share of it is printed: the machine is shared, so the ratio is the figure
to compare between runs.

Per page: requests/s, p50 and p99 latency, responses that were not the expected one (200, or for
the filing a redirect to the receipt), the SQL statements one request runs (counted once
in-process on the same database) and the workers' peak resident memory (VmHWM) after the page.

The filing submit is a real POST with its CSRF token: each request submits one of the member's
prepared drafts (copies of one draft completed through the filing service), so every request
opens a new case, writes its events and queues the confirmation mail.
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlencode

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
INSTANCE = "/tmp/dayanak_served_instance"  # noqa: S108 - a scratch instance folder for the benchmark
USER_AGENT = "dayanak-served-bench"


def default_sqlite(cases: int) -> str:
    return f"sqlite:////tmp/dayanak_served_{cases}.db"


@dataclass
class Page:
    key: str  # the name bench.profile takes
    label: str
    who: str  # "lawyer", "member" or "filer"
    paths: list[str]
    method: str = "GET"
    body: str | None = None
    expect_status: int = 200
    expect_location: str | None = None


@dataclass
class Setup:
    url: str
    cases: int
    lawyer_email: str
    member_email: str
    filer_email: str
    big_case: int
    in_scope: int
    deep_after: str = ""  # the keyset position that starts the deep page (the queue's Next link carries it)
    drafts: list[int] = field(default_factory=list)


# --- The database ------------------------------------------------------------------------------


def _seeded(url: str, cases: int) -> bool:
    """The database already holds this benchmark's seed of ``cases`` cases."""
    from bench import seed as seeding  # noqa: F401 - the seed's shape is what is checked

    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as connection:
            seeded = connection.scalar(sa.text("SELECT count(*) FROM cases WHERE id <= :n"), {"n": cases})
            members = connection.scalar(sa.text("SELECT count(*) FROM member_profiles"))
            return seeded == cases and members == max(200, cases // 4)
    except sa.exc.SQLAlchemyError:
        return False
    finally:
        engine.dispose()


def prepare(url: str, cases: int, drafts: int, *, reseed: bool = False) -> Setup:
    """Seed (or reuse and migrate) the database; find the accounts and pages; prepare the drafts."""
    os.environ.setdefault("DAYANAK_INSTANCE_PATH", INSTANCE)
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from bench import seed as seeding
    from bench.queue import _fresh_database

    reuse = not reseed and _seeded(url, cases)
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        if reuse:
            print(f"reusing the seeded database ({cases} cases); migrating it to head")
            upgrade()
            _count_summaries_if_missing(db)
        else:
            db.engine.dispose()
            _fresh_database(url)
            upgrade()
            started = time.perf_counter()
            print(f"seeding {cases} cases into {db.engine.dialect.name} …")
            seeded = seeding.seed(db.engine, cases)
            print(f"seeded {seeded.cases} cases, {seeded.events} events in {time.perf_counter() - started:.1f} s")
        setup = _accounts(db, url, cases)
        setup.drafts = _make_drafts(db, setup.filer_email, drafts)
    return setup


def _count_summaries_if_missing(db) -> None:
    """A database seeded before the seed counted the report summaries gets them counted once."""
    from app.models.report_counts import ALL_UNIONS, rebuild

    counted = sa.text(
        "SELECT coalesce(sum(cases), 0) FROM report_case_counts WHERE union_id = :all AND dimension = 'status'"
    )
    if db.session.scalar(counted, {"all": ALL_UNIONS}) != db.session.scalar(sa.text("SELECT count(*) FROM cases")):
        print("counting the report summaries of the seeded cases …")
        with db.engine.begin() as connection:
            rebuild(connection)


def _accounts(db, url: str, cases: int) -> Setup:
    from app.models import Case, CaseEvent, MemberProfile, User

    session = db.session
    lawyer = session.scalar(sa.select(User).where(User.role == "lawyer", User.union_id == 1).order_by(User.id).limit(1))
    big_case = session.scalar(sa.select(CaseEvent.case_id).where(CaseEvent.sequence == 50).limit(1))
    member_user = session.scalar(
        sa.select(User)
        .join(MemberProfile, MemberProfile.user_id == User.id)
        .join(Case, Case.member_id == MemberProfile.id)
        .where(Case.id == big_case)
    )
    # The filer: the member with the highest id outside the lawyer's union, whose home the benchmark does
    # not measure. Its filings stay out of the measured queue: there they would be the newest cases, the
    # sample every search reads first, and each run would measure the leftovers of the last one.
    filer = session.scalar(
        sa.select(User)
        .join(MemberProfile, MemberProfile.user_id == User.id)
        .where(MemberProfile.union_id != lawyer.union_id)
        .order_by(MemberProfile.id.desc())
        .limit(1)
    )
    in_scope = session.scalar(
        sa.select(sa.func.count()).select_from(Case).where(Case.union_id == lawyer.union_id, Case.kind == "legal")
    )
    setup = Setup(url, cases, lawyer.email, member_user.email, filer.email, big_case, in_scope)
    # The row before the deep page, in the queue's order: its keys are where Next continues from.
    before = session.execute(
        sa.select(Case.last_activity_at, Case.id)
        .where(Case.union_id == lawyer.union_id, Case.kind == "legal")
        .order_by(Case.last_activity_at.desc(), Case.id.desc())
        .offset((deep_page(in_scope) - 1) * 25 - 1)
        .limit(1)
    ).one()
    setup.deep_after = f"{before.last_activity_at.isoformat()}~{before.id}"
    session.remove()
    return setup


def _answers(today: date) -> dict[str, dict[str, str]]:
    return {
        "what": {"category": "relocation", "narrative": "Gerekçe gösterilmeden başka bir okula görevlendirildim."},
        "who": {"respondent_type": "administration", "respondent_name": "", "respondent_title": ""},
        "when": {
            "incident_date": (today - timedelta(days=10)).isoformat(),
            "notification_date": (today - timedelta(days=8)).isoformat(),
        },
        "details": {"old_post": "Çankaya İlkokulu", "new_post": "Polatlı Lisesi", "is_union_representative": "no"},
        "request": {"request": "Görevlendirmenin iptali için dava açılmasını istiyorum."},
    }


def _make_drafts(db, filer_email: str, count: int) -> list[int]:
    """``count`` complete drafts of the filer: one filled through the filing service, then copied."""
    from app.models import Draft, User
    from app.services import filing

    session = db.session
    filer = session.scalar(sa.select(User).where(User.email == filer_email))
    session.execute(sa.delete(Draft).where(Draft.user_id == filer.id))
    session.commit()
    draft = filing.start_draft(filer, "legal")
    today = datetime.now(UTC).date()
    for step, values in _answers(today).items():
        errors = filing.save_step(draft, step, values, today=today)
        if errors:
            raise SystemExit(f"the benchmark draft does not validate at {step}: {errors}")
    draft.step = "review"
    session.commit()
    answers, now = dict(draft.answers), datetime.now(UTC)
    rows = [
        dict(user_id=filer.id, kind="legal", step="review", answers=answers, created_at=now, updated_at=now)
        for _ in range(count - 1)
    ]
    if rows:
        session.execute(sa.insert(Draft.__table__), rows)
    session.commit()
    ids = list(session.scalars(sa.select(Draft.id).where(Draft.user_id == filer.id).order_by(Draft.id)))
    session.remove()
    return ids


# --- Statements per request, counted in-process ---------------------------------------------------


def count_statements(setup: Setup, pages: list[Page]) -> dict[str, int]:
    """How many SQL statements one request of each page runs (after one warming request)."""
    from app import create_app
    from app.extensions import db
    from bench import seed as seeding

    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": setup.url})
    clients = {}
    for who, email in (("lawyer", setup.lawyer_email), ("member", setup.member_email), ("filer", setup.filer_email)):
        client = app.test_client()
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        response = client.post("/login", data={"email": email, "password": seeding.PASSWORD, "csrf_token": token})
        if response.status_code != 302:
            raise SystemExit(f"could not sign in as {email} in-process")
        clients[who] = client
    statements: list[str] = []
    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    counts = {}
    spare = setup.drafts.pop()  # submitted here, never by wrk
    for page in pages:
        client = clients[page.who]
        if page.method == "POST":
            token = _token(client.get("/portal/").get_data(as_text=True))
            statements.clear()
            response = client.post(f"/portal/drafts/{spare}/submit", data={"csrf_token": token})
        else:
            client.get(page.paths[0])
            statements.clear()
            response = client.get(page.paths[0])
        if response.status_code != page.expect_status:
            raise SystemExit(f"{page.label}: in-process answer {response.status_code}, not {page.expect_status}")
        counts[page.label] = len(statements)
    return counts


def _token(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


# --- Serving ----------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with 2 sync workers serving ``target`` on a free loopback port."""

    def __init__(self, target: str, env: dict[str, str], workers: int = 2) -> None:
        self.port = _free_port()
        self.log = tempfile.NamedTemporaryFile(prefix="dayanak_served_", suffix=".log", delete=False)  # noqa: SIM115
        command = [
            str(VENV_BIN / "gunicorn"),
            "--workers", str(workers), "--worker-class", "sync",
            "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning", target,
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env}, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if request(self.port, "GET", "/")[0] and len(self.workers()) == workers:
                    return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn did not start; see {self.log.name}")

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def peak_rss_mb(self) -> float:
        """The largest peak resident memory (VmHWM) of the workers, in MB."""
        peaks = []
        for pid in self.workers():
            with contextlib.suppress(OSError):
                status = Path(f"/proc/{pid}/status").read_text()
                peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
        return max(peaks, default=0.0)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def app_env(url: str) -> dict[str, str]:
    return {
        # Production's settings but for two that would refuse the benchmark: its ``.test`` accounts
        # (production accepts no reserved domain) and cookies over plain HTTP on the loopback.
        "DAYANAK_ENV": "development",
        "FLASK_DEBUG": "0",
        # Development prints queued mails after every request; production leaves them to `flask outbox send`.
        "OUTBOX_IN_PROCESS": "0",
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_hex(32),
        "DAYANAK_INSTANCE_PATH": INSTANCE,
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def request(port: int, method: str, path: str, headers: dict | None = None, body: str | None = None):
    """One HTTP request: (status, headers, text)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers={"User-Agent": USER_AGENT, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def _session_cookie(headers, current: str | None = None) -> str | None:
    for name, value in headers:
        if name.lower() == "set-cookie" and value.startswith("session="):
            return value.split(";", 1)[0]
    return current


def sign_in(port: int, email: str) -> str:
    """Sign in over HTTP; returns the session cookie."""
    from bench import seed as seeding

    status, headers, text = request(port, "GET", "/login")
    cookie = _session_cookie(headers)
    form = urlencode({"email": email, "password": seeding.PASSWORD, "csrf_token": _token(text)})
    status, headers, _text = request(
        port,
        "POST",
        "/login",
        {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        form,
    )
    if status != 302:
        raise SystemExit(f"could not sign in as {email} over HTTP (answer {status})")
    return _session_cookie(headers, cookie)


# --- wrk ----------------------------------------------------------------------------------------------

LUA = """
local paths = {%(paths)s}
local method, body = "%(method)s", %(body)s
local expect_status, expect_location = %(status)d, %(location)s
wrk.headers["Cookie"] = "%(cookie)s"
wrk.headers["User-Agent"] = "%(agent)s"
if body then wrk.headers["Content-Type"] = "application/x-www-form-urlencoded" end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0; n = 0 end
function request()
  n = n + 1
  return wrk.format(method, paths[(n - 1) %% #paths + 1], nil, body)
end
function response(status, headers, body)
  local wrong = status ~= expect_status
    or (expect_location and not string.find(headers["Location"] or "", expect_location, 1, true))
  if wrong then
    bad = bad + 1
    if not example then example = status .. " " .. (headers["Location"] or "") end
  end
end
function done(summary, latency, requests)
  local total_bad, example = 0, ""
  for _, t in ipairs(threads) do
    total_bad = total_bad + (t:get("bad") or 0)
    example = t:get("example") or example
  end
  io.write(string.format('RESULT {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, '
    .. '"bad": %%d, "bad_example": "%%s", "socket_errors": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), total_bad,
    string.gsub(example, '[^%%w/ .:_-]', ''),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def ensure_debian_tool(command: str, *, also: Path | None = None) -> str:
    """The path of ``command``, installing its Debian package of the same name when it (or ``also``) is missing."""
    found = shutil.which(command)
    if found and (also is None or also.exists()):
        return found
    print(f"installing {command} (Debian package) …")
    subprocess.run(["apt-get", "install", "-y", "-q", command], check=False)
    if not shutil.which(command):
        subprocess.run(["apt-get", "update", "-q"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-q", command], check=True)
    return shutil.which(command) or command


def ensure_wrk() -> str:
    return ensure_debian_tool("wrk")


def _lua(page: Page, cookie: str) -> str:
    def quoted(text: str | None) -> str:
        return "nil" if text is None else json.dumps(text)

    return LUA % {
        "paths": ", ".join(json.dumps(path) for path in page.paths),
        "method": page.method,
        "body": quoted(page.body),
        "status": page.expect_status,
        "location": quoted(page.expect_location),
        "cookie": cookie,
        "agent": USER_AGENT,
    }


def drive(wrk: str, port: int, page: Page, cookie: str, *, seconds: float, connections: int) -> dict:
    """Run wrk for ``seconds`` on ``page``; return its figures."""
    with tempfile.NamedTemporaryFile("w", prefix="dayanak_served_", suffix=".lua", delete=False) as script:
        script.write(_lua(page, cookie))
    try:
        result = subprocess.run(
            [
                wrk,
                "-t1",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                f"http://127.0.0.1:{port}{page.paths[0]}",
            ],  # fmt: skip
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        os.unlink(script.name)
    line = next((line for line in result.stdout.splitlines() if line.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk failed on {page.label}:\n{result.stdout}\n{result.stderr}")
    figures = json.loads(line[len("RESULT ") :])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


# --- The run ------------------------------------------------------------------------------------------


FILTERED = "/desk/?status=in_review&category=harassment&priority=normal&sort=priority"
ACCOUNTS = ("lawyer", "member", "filer")


def deep_page(in_scope: int) -> int:
    return max(2, in_scope // 25 // 2)


def build_pages(setup: Setup, csrf: str) -> list[Page]:
    deep = deep_page(setup.in_scope)
    submit_body = urlencode({"csrf_token": csrf})
    return [
        Page("queue", "queue, first page", "lawyer", ["/desk/"]),
        Page("filtered", "queue, filtered", "lawyer", [FILTERED]),
        # Both the page number and the keyset position, as the queue's Next link gives them.
        Page("deep", f"queue, deep page {deep}", "lawyer", [f"/desk/?page={deep}&after={quote(setup.deep_after)}"]),
        Page("search-isik", "search 'ışık'", "lawyer", ["/desk/?q=" + quote("ışık")]),
        Page("search-mesai", "search 'mesai'", "lawyer", ["/desk/?q=mesai"]),
        Page("search-two-words", "search 'yılmaz çelik'", "lawyer", ["/desk/?q=" + quote("yılmaz çelik")]),
        Page("case", "case page, 50 events", "lawyer", [f"/desk/cases/{setup.big_case}"]),
        Page("home", "member's portal home", "member", ["/portal/"]),
        Page("deadlines", "deadlines overview", "lawyer", ["/desk/deadlines"]),
        Page(
            "submit",
            "filing submit (POST)",
            "filer",
            [f"/portal/drafts/{draft}/submit" for draft in setup.drafts],
            method="POST",
            body=submit_body,
            expect_status=302,
            expect_location="/received",
        ),
    ]


def measure_hello(wrk: str, args) -> dict:
    server = Server("bench.hello:app", {})
    try:
        hello = Page("hello", "bare Flask hello-world", "anyone", ["/"])
        drive(wrk, server.port, hello, "", seconds=args.warmup, connections=args.connections)
        figures = drive(wrk, server.port, hello, "", seconds=args.duration, connections=args.connections)
        figures["rss"] = server.peak_rss_mb()
        return figures
    finally:
        server.stop()


def run(args) -> int:
    url = args.database_url or default_sqlite(args.cases)
    wrk = ensure_wrk()
    # Enough drafts that the filing never runs out at a few hundred requests a second.
    drafts = 400 * (args.duration + args.warmup) + 10
    setup = prepare(url, args.cases, drafts, reseed=args.reseed)

    hello_before = measure_hello(wrk, args)
    server = Server("wsgi:app", app_env(url))
    try:
        cookies = {}
        for who in ACCOUNTS:
            cookies[who] = sign_in(server.port, getattr(setup, f"{who}_email"))
        # A token from a page the filer opens: valid with the filer's session for the whole run.
        status, headers, text = request(server.port, "GET", "/portal/new", {"Cookie": cookies["filer"]})
        cookies["filer"] = _session_cookie(headers, cookies["filer"])
        csrf = _token(text)
        pages = build_pages(setup, csrf)
        if args.pages:
            pages = [page for page in pages if page.key in args.pages.split(",")]
        statements = count_statements(setup, pages)
        for page in pages:
            if page.method == "POST":  # without the draft count_statements submitted
                page.paths = [f"/portal/drafts/{draft}/submit" for draft in setup.drafts]
        results = []
        for page in pages:
            status = request(server.port, page.method, page.paths[0], {"Cookie": cookies[page.who]})[0]
            if page.method == "GET" and status != page.expect_status:
                raise SystemExit(f"{page.label}: served answer {status}, not {page.expect_status}")
            time.sleep(args.idle)  # the workers idle between pages
            if page.method == "POST":
                # The warm-up files too: give it its own drafts so the measured run never repeats one.
                used = int(400 * args.warmup)
                warm = Page(**{**page.__dict__, "paths": page.paths[:used]})
                page.paths = page.paths[used:]
                drive(wrk, server.port, warm, cookies[page.who], seconds=args.warmup, connections=args.connections)
            else:
                drive(wrk, server.port, page, cookies[page.who], seconds=args.warmup, connections=args.connections)
            figures = drive(
                wrk, server.port, page, cookies[page.who], seconds=args.duration, connections=args.connections
            )
            figures["sql"] = statements[page.label]
            figures["rss"] = server.peak_rss_mb()
            results.append((page.label, figures))
    finally:
        server.stop()
    hello_after = measure_hello(wrk, args)

    hello_rps = (hello_before["rps"] + hello_after["rps"]) / 2
    dialect = "postgresql" if url.startswith("postgres") else "sqlite"
    print(
        f"\n{args.cases} cases on {dialect}; gunicorn 2 sync workers, wrk {args.connections} connections, "
        f"{args.duration} s after {args.warmup} s warm-up; the lawyer sees {setup.in_scope} cases"
    )
    header = (
        f"{'page':34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'SQL':>4} {'RSS MB':>7} {'share':>7}"
    )
    print(header)
    print("-" * len(header))

    def line(label: str, figures: dict, sql: str) -> str:
        return (
            f"{label:34} {figures['rps']:8.1f} {figures['p50_us'] / 1000:8.1f} {figures['p99_us'] / 1000:8.1f} "
            f"{figures['bad'] + figures['socket_errors']:8d} {sql:>4} {figures['rss']:7.1f} "
            f"{figures['rps'] / hello_rps:7.1%}"
        )

    print(line("bare Flask hello-world (start)", hello_before, "-"))
    for label, figures in results:
        print(line(label, figures, str(figures["sql"])))
    print(line("bare Flask hello-world (end)", hello_after, "-"))
    for label, figures in results:
        if figures["bad"]:
            print(f"{label}: {figures['bad']} unexpected answers, the first: {figures['bad_example']}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"cases": args.cases, "database": dialect, "hello": [hello_before, hello_after], "pages": results},
                indent=1,
            )
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--database-url", help="default: SQLite in /tmp/dayanak_served_<cases>.db")
    parser.add_argument("--duration", type=int, default=15, help="seconds measured per page")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per page")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--idle", type=float, default=2.0, help="seconds the workers idle between pages")
    parser.add_argument("--reseed", action="store_true", help="seed afresh even when the database holds the seed")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--pages", help="only these pages (comma-separated: queue,filtered,deep,search-isik,…)")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
