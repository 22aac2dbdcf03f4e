#!/usr/bin/env bash
# Measures importing N customer rows (default 100,000) through the real API on a fresh database, beside
# the time MiniExcel alone takes to read the same file. Usage: bench/import.sh [sqlite|postgres] [--rows N]
set -euo pipefail
cd "$(dirname "$0")/.."
provider=${1:-sqlite}; rows=100000
[ "${2:-}" = "--rows" ] && rows=$3
work=$(mktemp -d /tmp/steadfast-bench.XXXX)
port=5091
dotnet build src/Steadfast.Web -c Release -nologo -v quiet
dotnet build bench/Steadfast.Bench -c Release -nologo -v quiet
args=(--urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/Steadfast.Web" --Bootstrap:AdminEmail=bench@steadfast.local --Bootstrap:AdminPassword=Bench12345
      --Storage:Root="$work/files" --Queue:TickInterval=00:00:00.200 --Logging:LogLevel:Default=Warning)
if [ "$provider" = postgres ]; then
  pg=$(./scripts/test-deps.sh | tail -n 1)
  db="sf_bench_$$"
  psql "$(echo "$pg" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/; s/Pooling=false//')" -qc "CREATE DATABASE $db" >/dev/null
  args+=(--Database:Provider=Postgres --ConnectionStrings:Default="${pg/Database=postgres/Database=$db};Pooling=true")
else
  args+=(--ConnectionStrings:Default="Data Source=$work/bench.db")
fi
if curl -s "http://127.0.0.1:$port/healthz" >/dev/null; then echo "port $port is already in use: stop that server first" >&2; exit 1; fi
/usr/bin/time -v -o "$work/time.txt" dotnet src/Steadfast.Web/bin/Release/net10.0/Steadfast.Web.dll "${args[@]}" > "$work/server.log" 2>&1 &
server=$!
# GNU time ignores signals while it waits, and a background job ignores SIGINT: TERM the server itself.
stop() { pkill -TERM -P "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "the server did not start:" >&2; tail -20 "$work/server.log" >&2; exit 1; }
dotnet bench/Steadfast.Bench/bin/Release/net10.0/Steadfast.Bench.dll import "http://127.0.0.1:$port" bench@steadfast.local Bench12345 "$rows" "$work" | tee "$work/result.txt"
stop
echo "server peak RSS: $(grep 'Maximum resident' "$work/time.txt" | awk '{print $6}') KB ($provider)"
