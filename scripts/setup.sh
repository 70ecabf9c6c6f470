#!/usr/bin/env bash
# Prepare a checkout: virtual environment, pinned requirements, translations, database, demo data.
# Safe to run again: it reuses what exists and installs only when the requirements changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv

if [ ! -x "$VENV/bin/python" ]; then
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
    found="not installed"
    command -v "$PYTHON" >/dev/null 2>&1 && found=$("$PYTHON" --version 2>&1 | head -n 1) || true
    echo "Dayanak needs Python 3.11 or newer; '$PYTHON' is $found." >&2
    echo "Install it, or point PYTHON at one, e.g. PYTHON=python3.12 ./scripts/run.sh" >&2
    exit 1
  fi
  if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null && command -v apt-get >/dev/null 2>&1; then
    # Debian and Ubuntu ship venv's pip bootstrap separately.
    echo "==> Installing Debian's python3-venv"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
  fi
  echo "==> Creating the virtual environment in $VENV"
  rm -rf "$VENV"  # a half-made environment from an interrupted run
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
