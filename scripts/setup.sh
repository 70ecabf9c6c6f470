#!/usr/bin/env bash
# Prepare a checkout: virtual environment, pinned requirements, translations, database, demo data.
# Safe to run again: it reuses what exists and installs only when the requirements changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv

if [ ! -x "$VENV/bin/python" ]; then
  echo "==> Creating the virtual environment in $VENV"
  "$PYTHON" -m venv "$VENV"
fi

stamp="$VENV/.requirements.sha256"
wanted=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "==> Installing the pinned requirements"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  echo "$wanted" > "$stamp"
fi

echo "==> Compiling translations"
"$VENV/bin/python" scripts/translations.py compile

export FLASK_APP=wsgi
if [ "${DAYANAK_SKIP_DB:-0}" != "1" ]; then
  echo "==> Migrating the database"
  "$VENV/bin/flask" db upgrade
  echo "==> Loading demo data"
  "$VENV/bin/flask" seed-demo
fi
