#!/usr/bin/env bash
# Issue #25's scenarios on a fresh database: the demo grown to 200,000 leads and 500,000 sales orders, then the pipeline
# board and forecast through the API (beside one opportunity by id) and an ECN reaching 500 open orders and 5,000
# machines, published through the API (beside writing its draft). Usage: bench/sales.sh [sqlite|postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
provider=${1:-sqlite}
work=$(mktemp -d /tmp/steadfast-bench.XXXX)
port=5091
dotnet build src/Steadfast.Web -c Release -nologo -v quiet
dotnet build bench/Steadfast.Bench -c Release -nologo -v quiet
args=(--urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/Steadfast.Web" --Demo:SeedIfEmpty=true
      --Storage:Root="$work/files" --Logging:LogLevel:Default=Warning)
if [ "$provider" = postgres ]; then
  pg=$(./scripts/test-deps.sh | tail -n 1)
  db="sf_bench_$$"
  psql "$(echo "$pg" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/; s/Pooling=false//')" -qc "CREATE DATABASE $db" >/dev/null
  conn="${pg/Database=postgres/Database=$db};Pooling=true"
  args+=(--Database:Provider=Postgres --ConnectionStrings:Default="$conn")
else
  conn="Data Source=$work/bench.db"
  args+=(--ConnectionStrings:Default="$conn")
fi
if curl -s "http://127.0.0.1:$port/healthz" >/dev/null; then echo "port $port is already in use: stop that server first" >&2; exit 1; fi
dotnet src/Steadfast.Web/bin/Release/net10.0/Steadfast.Web.dll "${args[@]}" > "$work/server.log" 2>&1 &
server=$!
stop() { kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 360); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "the server did not start:" >&2; tail -20 "$work/server.log" >&2; exit 1; }
dotnet bench/Steadfast.Bench/bin/Release/net10.0/Steadfast.Bench.dll sales "$provider" "$conn" "http://127.0.0.1:$port" \
  admin@steadfast.local 'Steadfast1!' | tee "$work/result.txt"
