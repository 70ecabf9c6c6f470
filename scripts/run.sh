#!/usr/bin/env bash
# The first command: set everything up and serve Dayanak on 127.0.0.1 with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

HOST=127.0.0.1
PORT=${PORT:-5000}
cat <<INFO

  Dayanak is running at  http://$HOST:$PORT/

  Demo logins (password for all: Dayanak.2026)
    member                  uye@dayanak.test
    lawyer                  avukat@dayanak.test
    lawyer (confederation)  konfed.avukat@dayanak.test
    officer                 sosyal@dayanak.test
    admin                   admin@dayanak.test

  Mails (registration confirmation, password reset, notifications) are printed
  in this terminal, marked [mail], as soon as they are sent.

  Stop with Ctrl+C. Data lives in instance/ (SQLite).

INFO
export FLASK_APP=wsgi
exec .venv/bin/flask run --host "$HOST" --port "$PORT"
