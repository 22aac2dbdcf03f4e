#!/usr/bin/env bash
# A module's scenarios on a fresh database with the demo seeded: the bench program grows it and measures through the
# API. Usage: bench/seeded.sh <sales|contracts|maintenance> [sqlite|postgres] (see bench/sales.sh and bench/contracts.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=$1
provider=${2:-sqlite}
work=$(mktemp -d /tmp/steadfast-bench.XXXX)
port=5091
dotnet build src/Steadfast.Web -c Release -nologo -v quiet
dotnet build bench/Steadfast.Bench -c Release -nologo -v quiet
args=(--urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/Steadfast.Web" --Demo:SeedIfEmpty=true
      --Storage:Root="$work/files" --Logging:LogLevel:Default=Warning)
if [ "$provider" = postgres ]; then
  pg=$(./scripts/test-deps.sh | tail -n 1)
  db="sf_bench_$$"
  admin=$(echo "$pg" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/; s/Pooling=false//')
  psql "$admin" -qc "CREATE DATABASE $db" >/dev/null
  conn="${pg/Database=postgres/Database=$db};Pooling=true"
  args+=(--Database:Provider=Postgres --ConnectionStrings:Default="$conn")
else
  conn="Data Source=$work/bench.db"
  args+=(--ConnectionStrings:Default="$conn")
fi
if curl -s "http://127.0.0.1:$port/healthz" >/dev/null; then echo "port $port is already in use: stop that server first" >&2; exit 1; fi
dotnet src/Steadfast.Web/bin/Release/net10.0/Steadfast.Web.dll "${args[@]}" > "$work/server.log" 2>&1 &
server=$!
stop() {
  kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true
  # The bench database is gigabytes: dropped once measured.
  if [ "$provider" = postgres ]; then psql "$admin" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; else rm -f "$work"/bench.db*; fi
}
trap stop EXIT
for _ in $(seq 1 360); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "the server did not start:" >&2; tail -20 "$work/server.log" >&2; exit 1; }
dotnet bench/Steadfast.Bench/bin/Release/net10.0/Steadfast.Bench.dll "$scenario" "$provider" "$conn" "http://127.0.0.1:$port" \
  admin@steadfast.local 'Steadfast1!' | tee "$work/result.txt"
