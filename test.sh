#!/usr/bin/env bash
# Runs every test: unit, integration (SQLite and PostgreSQL), architecture, end-to-end (Chromium), a smoke test
# of the published app, and the OpenAPI contract (Redocly lint, a Kiota client).
# Installs/starts PostgreSQL and Chromium first when run as root (scripts/test-deps.sh).
# The last line is "N passed, N failed, N skipped", summed over all test projects.
set -uo pipefail
cd "$(dirname "$0")"
root=$PWD
results="$root/TestResults"
rm -rf "$results" && mkdir -p "$results"

pg=$(./scripts/test-deps.sh | tail -n 1)
export STEADFAST_TEST_PG="${STEADFAST_TEST_PG:-$pg}"

if ! dotnet build Steadfast.slnx -c Debug -nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

projects=(tests/Steadfast.UnitTests tests/Steadfast.ArchitectureTests tests/Steadfast.IntegrationTests tests/Steadfast.EndToEndTests)
passed=0; failed=0; skipped=0; status=0
for p in "${projects[@]}"; do
  name=$(basename "$p")
  echo "=== $name"
  dotnet test "$p" --no-build -c Debug -nologo --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" "$@" || status=1
  trx="$results/$name.trx"
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
    p_=$(get passed); f_=$(get failed); t_=$(get total); e_=$(get executed)
    passed=$((passed + ${p_:-0})); failed=$((failed + ${f_:-0})); skipped=$((skipped + ${t_:-0} - ${e_:-0}))
  else
    echo "$name produced no results (crashed or failed to start)"
    failed=$((failed + 1)); status=1
  fi
done
# Each check below counts as one test: the product as a deployer publishes it, the OpenAPI document as a
# generated client reads it, and the code's format.
check() {
  local name=$1; shift
  echo "=== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
}
check "code format" bash -c 'set -o pipefail; dotnet tool restore > /dev/null && dotnet csharpier check . && python3 scripts/line-width.py | tail -n 1'
check "publish smoke" ./scripts/publish-smoke.sh "$results/publish"
check "api contract" ./scripts/api-contract.sh "$results/api-contract"

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
