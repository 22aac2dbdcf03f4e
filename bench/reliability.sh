#!/usr/bin/env bash
# The reliability suite at full size (issue 6). CI runs the same tests smaller inside ./test.sh:
#   crash:     the server as its own process, 5,000 idempotent creates from 8 clients, SIGKILL three times,
#              on SQLite and PostgreSQL — every acknowledged create once, with its audit row; each webhook
#              message received once by delivery id (CI: 400 creates);
#   two nodes: two processes on one PostgreSQL, SLA due items and the outbox worked once across the pair,
#              one node killed mid-way;
#   also the version race, the backup under write load and the hostile-input bodies.
# Usage: bench/reliability.sh [--creates N]
set -euo pipefail
cd "$(dirname "$0")/.."
creates=5000
[ "${1:-}" = "--creates" ] && creates=$2
export STEADFAST_TEST_PG="${STEADFAST_TEST_PG:-$(./scripts/test-deps.sh | tail -n 1)}"
export STEADFAST_CRASH_CREATES=$creates
dotnet build tests/Steadfast.IntegrationTests -c Release -nologo -v quiet
start=$(date +%s)
dotnet test tests/Steadfast.IntegrationTests -c Release --no-build -nologo --logger "console;verbosity=normal" \
  --filter "FullyQualifiedName~CrashTests|FullyQualifiedName~TwoNodeTests|FullyQualifiedName~VersionRaceTests|FullyQualifiedName~BackupUnderLoadTests|FullyQualifiedName~HostileInputTests" \
  | grep -E "Passed |Failed |Total tests|Passed!|Failed!"
echo "reliability suite with $creates crash-test creates: $(( $(date +%s) - start )) s"
