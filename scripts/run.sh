#!/usr/bin/env bash
# Start VIT on SQLite with the framework, the gemeenten and demo accounts.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export DJANGO_DEBUG="${DJANGO_DEBUG:-1}"
PORT="${PORT:-8000}"
py=.venv/bin/python
$py manage.py migrate --no-input -v 0
$py manage.py laad_kader
$py manage.py laad_gemeenten
echo
$py manage.py maak_demo
echo
# The mail queue's worker runs beside the web server (mail is printed in this window).
$py manage.py verstuur_mail &
werker=$!
trap 'kill "$werker" 2>/dev/null || true' EXIT INT TERM
echo "VIT draait op http://127.0.0.1:${PORT}/  (inloggen: http://127.0.0.1:${PORT}/inloggen/)"
echo "Stoppen: Ctrl+C"
$py manage.py runserver "127.0.0.1:${PORT}"
