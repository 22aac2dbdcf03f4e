#!/usr/bin/env bash
# Refreshes the README's pictures, on purpose only (a test run never touches docs/):
#   scripts/screenshots.sh                 run the end-to-end tests, then copy every picture README.md links
#   scripts/screenshots.sh NAME.png ...    the same, copying only these (the pages whose look changed)
#   --no-run                               reuse TestResults/screenshots from the last ./test.sh
# Pictures are optimised with pngquant on the way. Commit only those whose page changed.
set -euo pipefail
cd "$(dirname "$0")/.."
run=1
names=()
for a in "$@"; do
  if [ "$a" = --no-run ]; then run=0; else names+=("$a"); fi
done
if ! command -v pngquant > /dev/null; then
  [ "$(id -u)" = 0 ] || { echo "pngquant is missing: apt-get install pngquant"; exit 1; }
  apt-get install -y -qq pngquant > /dev/null
fi
if [ "$run" = 1 ]; then
  pg=$(./scripts/test-deps.sh | tail -n 1)
  export STEADFAST_TEST_PG="${STEADFAST_TEST_PG:-$pg}"
  dotnet test tests/Steadfast.EndToEndTests -c Debug -nologo --logger "console;verbosity=minimal"
fi
if [ "${#names[@]}" = 0 ]; then
  mapfile -t names < <(grep -oE 'docs/screenshots/[A-Za-z0-9._-]+\.png' README.md | sed 's|docs/screenshots/||' | sort -u)
fi
mkdir -p docs/screenshots
for n in "${names[@]}"; do
  src="TestResults/screenshots/$n"
  [ -f "$src" ] || { echo "missing $src (no end-to-end test took it)"; exit 1; }
  pngquant --force --skip-if-larger --quality 70-90 --strip --output "docs/screenshots/$n" -- "$src" || cp "$src" "docs/screenshots/$n"
  echo "docs/screenshots/$n  $(du -h "docs/screenshots/$n" | cut -f1)"
done
echo "docs/screenshots: $(du -sh docs/screenshots | cut -f1). Review with git status; commit only the pages that changed."
