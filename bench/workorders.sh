#!/usr/bin/env bash
# A million work orders on record: grows the demo data with bench/run.sh's generator to N orders
# (default 1,000,000; customers, machines and stock scale with them) on a fresh database, starts the app and times the desk's lists and the dashboard through the API, each beside a
# one-order lookup. Usage: bench/workorders.sh [sqlite|postgres] [--orders N]
set -euo pipefail
cd "$(dirname "$0")/.."
provider=${1:-sqlite}; orders=1000000
[ "${2:-}" = "--orders" ] && orders=$3
work=$(mktemp -d /tmp/steadfast-bench.XXXX)
port=5092
dotnet build src/Steadfast.Web -c Release -nologo -v quiet
dotnet build bench/Steadfast.Bench -c Release -nologo -v quiet
args=(--contentRoot "$PWD/src/Steadfast.Web" --Bootstrap:AdminEmail=bench@steadfast.local --Bootstrap:AdminPassword=Bench12345
      --Storage:Root="$work/files" --Logging:LogLevel:Default=Warning)
if [ "$provider" = postgres ]; then
  pg=$(./scripts/test-deps.sh | tail -n 1)
  db="sf_bench_$$"
  psql "$(echo "$pg" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/; s/Pooling=false//')" -qc "CREATE DATABASE $db" >/dev/null
  cs="${pg/Database=postgres/Database=$db};Pooling=true"
  args+=(--Database:Provider=Postgres --ConnectionStrings:Default="$cs")
  kind=Postgres
else
  cs="Data Source=$work/bench.db"
  args+=(--ConnectionStrings:Default="$cs")
  kind=Sqlite
fi
app=src/Steadfast.Web/bin/Release/net10.0/Steadfast.Web.dll
bench=bench/Steadfast.Bench/bin/Release/net10.0/Steadfast.Bench.dll
dotnet "$app" seed-demo "${args[@]}" | tail -n 1
dotnet "$bench" generate "$kind" "$cs" "$(awk "BEGIN { print $orders / 1000000 }")" | tail -n 1
[ "$provider" = postgres ] && psql "$(echo "$pg" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=postgres/dbname='"$db"'/; s/Pooling=false//')" -qc "ANALYZE" >/dev/null
if curl -s "http://127.0.0.1:$port/healthz" >/dev/null; then echo "port $port is already in use: stop that server first" >&2; exit 1; fi
dotnet "$app" --urls "http://127.0.0.1:$port" "${args[@]}" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "the server did not start:" >&2; tail -20 "$work/server.log" >&2; exit 1; }
dotnet "$bench" query-work-orders "http://127.0.0.1:$port" bench@steadfast.local Bench12345 | tee "$work/result.txt"
echo "($provider, $orders extra orders; work dir $work)"
