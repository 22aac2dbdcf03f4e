#!/usr/bin/env bash
# Runs Steadfast on SQLite with demo data at http://127.0.0.1:5080 (data in ./data/steadfast.db).
# Extra arguments go to the app, e.g. ./run.sh --Database:Provider=Postgres --ConnectionStrings:Default="Host=...".
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p data
# Analyzers are off here to start sooner: ./test.sh (and CI) builds with every analyzer as an error.
dotnet build src/Steadfast.Web -c Release -nologo -v quiet -p:RunAnalyzers=false
exec dotnet src/Steadfast.Web/bin/Release/net10.0/Steadfast.Web.dll \
  --urls "${STEADFAST_URLS:-http://127.0.0.1:5080}" \
  --contentRoot "$PWD/src/Steadfast.Web" \
  --ConnectionStrings:Default="Data Source=$PWD/data/steadfast.db" \
  --Demo:SeedIfEmpty=true \
  "$@"
