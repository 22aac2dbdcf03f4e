#!/usr/bin/env bash
# The OpenAPI document as a contract: starts the built app (Debug, as ./test.sh builds it) on an empty SQLite
# file, lints /openapi/v1.json with Redocly's recommended rules (0 errors), generates a C# client with Kiota,
# builds it, and reads a customer's name through it as a typed string.
# Prints "api contract: passed" or "api contract: failed: <why>" last; exit code to match.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/app-process.sh
root=$PWD
out=${1:-TestResults/api-contract}
redocly_version=2.77.0
tools="${XDG_CACHE_HOME:-$HOME/.cache}/steadfast/redocly-$redocly_version"
rm -rf "$out" && mkdir -p "$out" && out=$(cd "$out" && pwd)
pid=
cleanup() { stop_app; }
trap cleanup EXIT
fail() { echo "api contract: failed: $*"; [ -f "$out/app.log" ] && tail -n 30 "$out/app.log"; exit 1; }

if [ ! -x "$tools/node_modules/.bin/redocly" ]; then
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "@redocly/cli@$redocly_version" > "$out/npm.log" 2>&1 \
    || { cat "$out/npm.log"; fail "npm install @redocly/cli@$redocly_version"; }
fi
dotnet tool restore > /dev/null || fail "dotnet tool restore"

port=$(free_port)
base="http://127.0.0.1:$port"
password='Contract-Check-1!'
dotnet src/Steadfast.Web/bin/Debug/net10.0/Steadfast.Web.dll --urls "$base" --contentRoot "$root/src/Steadfast.Web" \
  --ConnectionStrings:Default="Data Source=$out/contract.db" \
  --Bootstrap:AdminEmail=admin@contract.local --Bootstrap:AdminPassword="$password" > "$out/app.log" 2>&1 &
pid=$!
wait_healthy "$base" "$pid"
curl -sf "$base/openapi/v1.json" -o "$out/v1.json" || fail "/openapi/v1.json did not answer"

"$tools/node_modules/.bin/redocly" lint "$out/v1.json" --extends=recommended --format=summary > "$out/lint.txt" 2>&1 \
  || { grep -v '[║╔╚]' "$out/lint.txt"; fail "redocly lint reports errors"; }
echo "redocly lint: $(grep -E 'valid|warning' "$out/lint.txt" | grep -v '[║╔╚]' | tr '\n' ' ')"

token=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"admin@contract.local\",\"password\":\"$password\"}" \
  "$base/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])') || fail "no token"
name="江苏恒力精工机械有限公司 · contract $$"
id=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "$(python3 -c 'import json,sys; print(json.dumps({"name": sys.argv[1]}))' "$name")" \
  "$base/api/v1/customers" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') || fail "could not create a customer"

client=tests/Steadfast.ClientCheck
rm -rf "$client/Generated"
dotnet kiota generate -l CSharp -d "$out/v1.json" -o "$client/Generated" -c SteadfastClient -n Steadfast.ClientCheck.Api \
  --exclude-backward-compatible --log-level Warning > "$out/kiota.log" 2>&1 || { cat "$out/kiota.log"; fail "kiota generate"; }
dotnet build "$client" -c Debug -nologo -v quiet -o "$out/client" > "$out/client-build.log" 2>&1 \
  || { grep -E 'error' "$out/client-build.log" | head -20; fail "the generated client does not compile"; }
got=$(dotnet "$out/client/Steadfast.ClientCheck.dll" "$base" "$token" "$id") || fail "the generated client's call failed: $got"
[ "$got" = "$name" ] || fail "the generated client read '$got', expected '$name'"
echo "api contract: passed"
