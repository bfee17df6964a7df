#!/usr/bin/env bash
# The whole test suite: installs what it needs, lints, checks migrations, starts a throwaway
# PostgreSQL 15 cluster (when the server binaries are on the machine) and runs every test,
# end-to-end tests in Chromium included. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "Chromium installeren voor de browsertests..."
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

py=.venv/bin/python
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== migraties"
DJANGO_DEBUG=1 $py manage.py makemigrations --check --dry-run

cleanup() { :; }
trap 'cleanup' EXIT
if [ -z "${DATABASE_URL:-}" ] && [ "${VIT_TEST_DB:-postgres}" != "sqlite" ]; then
  if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
    eval "$(scripts/throwaway-postgres.sh start)"
    cleanup() { scripts/throwaway-postgres.sh stop "$VIT_PG_DIR"; }
    echo "== database: tijdelijke PostgreSQL 15 ($VIT_PG_DIR)"
  else
    echo "== database: SQLite (PostgreSQL 15 niet gevonden)"
  fi
else
  echo "== database: ${DATABASE_URL:-SQLite}"
fi

echo "== tests"
set +e
$py -m pytest "$@"
status=$?
set -e
if [ "$status" = 5 ]; then
  echo "Er zijn geen tests uitgevoerd; dat telt als mislukt." >&2
  exit 1
fi
if [ "$status" = 0 ] && [ "$#" = 0 ] && [ -x /usr/lib/postgresql/15/bin/initdb ]; then
  # Faults the service must survive (two app instances, a database restart): its own cluster
  # on another port, since it restarts the database on purpose.
  echo "== storingen"
  VIT_PG_PORT=54330 $py bench/storingen.py || status=$?
fi
exit "$status"
