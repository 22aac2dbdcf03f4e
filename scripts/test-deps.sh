#!/usr/bin/env bash
# Makes sure what the tests need is installed and running: Chromium (with CJK fonts) and a
# throwaway PostgreSQL cluster on 127.0.0.1:${STEADFAST_PG_PORT:-5433}. Idempotent; installs from
# Debian's packages only when run as root. Prints the PostgreSQL connection string on its last line.
set -euo pipefail
PORT="${STEADFAST_PG_PORT:-5433}"
PGDIR="${STEADFAST_PG_DIR:-/tmp/steadfast-pg}"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
# Not grep -q: it stops reading early, fc-list dies of SIGPIPE, and pipefail then reads "missing".
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing: ${need[*]} (run as root to install them, or: sudo apt-get install ${need[*]})" >&2
  else
    echo "installing ${need[*]}..." >&2
    for i in 1 2 3 4 5; do
      if apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2; then break; fi
      echo "apt busy, retrying in 10s" >&2; sleep 10
    done
  fi
fi

BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$BIN" ]; then
  echo "PostgreSQL is not installed; PostgreSQL tests will fail." >&2
  exit 0
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! as_pg "$BIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
  mkdir -p "$PGDIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDIR"
  if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
    as_pg "$BIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  # fsync off: a test cluster, thrown away with the machine; never do this in production.
  as_pg "$BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -o "-p $PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
fi
echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres;Pooling=false"
