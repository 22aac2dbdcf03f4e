#!/usr/bin/env bash
# Publishes the web app as a deployer would (dotnet publish, Release) and starts the published output on an
# empty SQLite file: /healthz must answer Healthy, and the sign-in page must come with every stylesheet and
# script it links. Prints "publish smoke: passed" or "publish smoke: failed: <why>" last; exit code to match.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/app-process.sh
out=${1:-TestResults/publish}
work=$(mktemp -d)
pid=
cleanup() { stop_app; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "publish smoke: failed: $*"; [ -f "$work/app.log" ] && tail -n 40 "$work/app.log"; exit 1; }

rm -rf "$out"
dotnet publish src/Steadfast.Web -c Release -o "$out" -nologo -v quiet > "$work/publish.log" 2>&1 \
  || { cat "$work/publish.log"; fail "dotnet publish"; }

port=$(free_port)
base="http://127.0.0.1:$port"
# Started in its own folder (its content root), as a service unit would, with data outside it.
(cd "$out" && exec env ASPNETCORE_ENVIRONMENT=Production dotnet Steadfast.Web.dll --urls "$base" \
  --ConnectionStrings:Default="Data Source=$work/smoke.db" > "$work/app.log" 2>&1) &
pid=$!
wait_healthy "$base" "$pid"

curl -sf -H 'Accept-Language: en' "$base/account/login" -o "$work/login.html" || fail "/account/login did not answer 200"
grep -q 'type="password"' "$work/login.html" || fail "the sign-in page has no sign-in form"
grep -q 'Sign in' "$work/login.html" || fail "the English string table is missing from the published app"
curl -sf -H 'Accept-Language: zh-CN' "$base/account/login" | grep -q '登录' || fail "the Chinese string table is missing from the published app"
assets=$(python3 - "$work/login.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
for tag in re.findall(r"<(?:link|script)\b[^>]*>", html):
    if tag.startswith("<link") and 'rel="stylesheet"' not in tag:
        continue
    m = re.search(r'(?:href|src)="([^"]+)"', tag)
    if m: print(m.group(1))
PY
)
[ "$(echo "$assets" | grep -c '\.css')" -ge 2 ] || fail "the sign-in page links fewer than two stylesheets"
[ "$(echo "$assets" | grep -c '\.js')" -ge 2 ] || fail "the sign-in page links fewer than two scripts"
for a in $assets; do
  code=$(curl -s -o "$work/asset" -w '%{http_code}' "$base/${a#/}")
  [ "$code" = 200 ] && [ -s "$work/asset" ] || fail "$a answered $code"
done
echo "publish smoke: passed"
