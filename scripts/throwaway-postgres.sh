#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL 15 cluster on a Unix socket, for the tests.
#   eval "$(scripts/throwaway-postgres.sh start)"   -> exports DATABASE_URL and VIT_PG_DIR
#   scripts/throwaway-postgres.sh stop "$VIT_PG_DIR"
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
port="${VIT_PG_PORT:-54329}"

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/vit-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    as_owner "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/log" \
      -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
    as_owner "$bin/createdb" -h "$dir" -p "$port" -U postgres vit
    echo "export VIT_PG_DIR=$dir"
    echo "export DATABASE_URL='postgres://postgres@/vit?host=$dir&port=$port'"
    ;;
  stop)
    dir="${2:?map van het cluster ontbreekt}"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "gebruik: $0 start | stop MAP" >&2
    exit 2
    ;;
esac
