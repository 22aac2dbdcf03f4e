#!/usr/bin/env bash
# The whole benchmark in one command: builds Release, generates the data at full scale (or --scale N),
# starts the app and runs every scenario beside its baseline, then rewrites this provider's section of
# bench/RESULTS.md. Usage: bench/run.sh [sqlite|postgres] [--scale N]
set -euo pipefail
cd "$(dirname "$0")/.."
provider=${1:-sqlite}; scale=1
[ "${2:-}" = "--scale" ] && scale=$3
case "$provider" in sqlite|postgres) ;; *) echo "usage: bench/run.sh [sqlite|postgres] [--scale N]" >&2; exit 2;; esac

# What the scenarios need, from Debian's packages: wrk for HTTP load, Chromium for time-to-interactive.
if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] && apt-get update -qq >&2
  if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2; else echo "install wrk (sudo apt-get install wrk)" >&2; exit 1; fi
fi
pg=$(./scripts/test-deps.sh | tail -n 1)

work=$(mktemp -d /tmp/steadfast-bench.XXXX)
port=5093
dotnet build src/Steadfast.Web -c Release -nologo -v quiet
dotnet build bench/Steadfast.Bench -c Release -nologo -v quiet
args=(--contentRoot "$PWD/src/Steadfast.Web" --Bootstrap:AdminEmail=bench@steadfast.local --Bootstrap:AdminPassword=Bench12345
      --Storage:Root="$work/files" --Logging:LogLevel:Default=Warning --Auth:SignInPermitsPerMinute=1000)
psql_url() { echo "$pg" | sed "s/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=postgres/dbname=$1/; s/Pooling=false//"; }
if [ "$provider" = postgres ]; then
  db="sf_bench_$$"
  psql "$(psql_url postgres)" -qc "CREATE DATABASE $db" >/dev/null
  cs="${pg/Database=postgres/Database=$db};Pooling=true;Maximum Pool Size=100"
  args+=(--Database:Provider=Postgres --ConnectionStrings:Default="$cs")
  kind=Postgres; label="PostgreSQL $(psql "$(psql_url postgres)" -tAc 'SHOW server_version' | cut -d' ' -f1)"
else
  cs="Data Source=$work/bench.db"
  args+=(--ConnectionStrings:Default="$cs")
  kind=Sqlite; label="SQLite (one file, WAL)"
fi
app=src/Steadfast.Web/bin/Release/net10.0/Steadfast.Web.dll
bench=bench/Steadfast.Bench/bin/Release/net10.0/Steadfast.Bench.dll

started=$(date +%s)
dotnet "$app" seed-demo "${args[@]}" | tail -n 1
dotnet "$bench" generate "$kind" "$cs" "$scale" | tee "$work/generate.txt"
generated=$(( $(date +%s) - started ))

if curl -s "http://127.0.0.1:$port/healthz" >/dev/null; then echo "port $port is already in use: stop that server first" >&2; exit 1; fi
dotnet "$app" --urls "http://127.0.0.1:$port" "${args[@]}" > "$work/server.log" 2>&1 &
server=$!
cleanup() {
  kill $server 2>/dev/null || true; wait $server 2>/dev/null || true
  [ "$provider" = postgres ] && psql "$(psql_url postgres)" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "the server did not start:" >&2; tail -20 "$work/server.log" >&2; exit 1; }

rows="$work/rows.md"
: > "$rows"
dotnet "$bench" scenarios "http://127.0.0.1:$port" "$kind" "$cs" "$server" "$work" "$rows"

# This provider's section of RESULTS.md is replaced; the other provider's and the notes stay.
counts=$(grep '^RESULT' "$work/generate.txt" | sed 's/^RESULT //')
section="$work/section.md"
{
  echo "<!-- run.sh $provider -->"
  echo "## $label, scale $scale (\`bench/run.sh $provider${2:+ $2 $3}\`)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), .NET SDK $(dotnet --version). Date: $(date -u +%Y-%m-%d)."
  echo "Data: $counts. Generation took $generated s including the demo seed (target: under 10 minutes at scale 1)."
  echo
  echo "| scenario | measured (median) | tail | baseline, same run | ratio | target |"
  echo "|---|---|---|---|---|---|"
  cat "$rows"
  echo "<!-- /run.sh $provider -->"
} > "$section"
python3 - "$provider" "$section" <<'PY'
import re, sys
provider, section = sys.argv[1], open(sys.argv[2], encoding="utf-8").read().rstrip("\n")
path = "bench/RESULTS.md"
text = open(path, encoding="utf-8").read()
pattern = re.compile(rf"<!-- run\.sh {provider} -->.*?<!-- /run\.sh {provider} -->", re.S)
if pattern.search(text):
    text = pattern.sub(lambda _: section, text)
else:
    # After the other provider's section if there is one, else before the first older section.
    other = list(re.finditer(r"<!-- /run\.sh \w+ -->", text))
    if other:
        at = other[-1].end()
        text = text[:at] + "\n\n" + section + text[at:]
    else:
        head, _, rest = text.partition("\n## ")
        text = head.rstrip("\n") + "\n\n" + section + "\n\n## " + rest if rest else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w", encoding="utf-8").write(text)
PY
echo "bench/RESULTS.md updated ($provider; work dir $work)"
