#!/usr/bin/env bash
# The second command: the whole test suite, on SQLite and then on PostgreSQL.
#
# PostgreSQL: postgresql://postgres@127.0.0.1:5432/test by default (DAYANAK_TEST_POSTGRES).
# Under CI (CI=true) an unreachable PostgreSQL fails the run; elsewhere it is skipped with a note.
set -euo pipefail
cd "$(dirname "$0")/.."
DAYANAK_SKIP_DB=1 bash scripts/setup.sh

# Browser tests drive Debian's chromium (a test tool may not download its own browser here).
# chromium-l10n lets its date fields and buttons speak Turkish, as the members' browsers do.
if [ ! -x /usr/bin/chromium ] || ! dpkg -s chromium-l10n >/dev/null 2>&1; then
  echo "==> Installing Debian's chromium for the browser tests"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-l10n >/dev/null
fi

# LibreOffice Writer turns petitions into PDF; without it pytest skips the PDF tests, and we say so once.
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  echo "==> Installing LibreOffice Writer and poppler-utils for the PDF tests"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      libreoffice-writer-nogui poppler-utils >/dev/null; } || true
fi
if ! command -v soffice >/dev/null 2>&1; then
  echo "LibreOffice (soffice) is not installed: the PDF tests are skipped."
fi

PY=.venv/bin/python
WORKERS=${PYTEST_WORKERS:-2}
status=0

echo "==> Test suite on SQLite"
DAYANAK_TEST_DB=sqlite $PY -m pytest -n "$WORKERS" -p no:cacheprovider "$@" || status=$?

# Pages show Istanbul's date, which between 21:00 and 24:00 UTC is already tomorrow: the
# PostgreSQL run starts the clock at 23:30 UTC of the day before, so a date taken from the machine
# instead of app.clock fails here, not at night. Every app test thus runs once at the hour it is
# (SQLite) and once late in the evening (PostgreSQL; SQLite again when PostgreSQL is absent).
LATE_EVENING="$(date -u -d yesterday +%Y-%m-%d)T23:30:00Z"
POSTGRES=${DAYANAK_TEST_POSTGRES:-postgresql://postgres@127.0.0.1:5432/test}
if $PY -c "import psycopg, sys; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$POSTGRES" 2>/dev/null; then
  echo "==> Database tests on PostgreSQL ($POSTGRES) with the clock at $LATE_EVENING"
  DAYANAK_TEST_DB=postgresql DAYANAK_TEST_POSTGRES="$POSTGRES" DAYANAK_TEST_NOW="$LATE_EVENING" \
    $PY -m pytest -n "$WORKERS" -p no:cacheprovider -m "not browser" tests/app "$@" || status=$?
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable at $POSTGRES: under CI the PostgreSQL run is required." >&2
  status=1
else
  echo "PostgreSQL is not reachable at $POSTGRES: skipping the PostgreSQL run (set DAYANAK_TEST_POSTGRES)."
  echo "==> App tests on SQLite with the clock at $LATE_EVENING"
  DAYANAK_TEST_DB=sqlite DAYANAK_TEST_NOW="$LATE_EVENING" \
    $PY -m pytest -n "$WORKERS" -p no:cacheprovider -q -m "not browser" tests/app "$@" || status=$?
fi
exit $status
