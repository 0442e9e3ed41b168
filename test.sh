#!/usr/bin/env bash
# Runs every test of ScenarioEngine: the phone app's unit tests (Vitest) and its format and lint
# check (Biome), and all .NET test projects (unit, real SignalR over Kestrel, real redis-server,
# separate processes).
# Installs what the tests need first. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

scripts/install-test-deps.sh || exit 1

log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT
status=0

echo "== Phone app (src/Participant.Pwa): npm ci, vitest, Biome (format and lint)"
(
  cd src/Participant.Pwa && npm ci --no-audit --no-fund --loglevel=error || exit 1
  NO_COLOR=1 npm test; tests=$?
  # Check only, nothing written: a file Biome would format differently fails the run like a lint error.
  npm run lint -- --colors=off; lint=$?
  [ "$lint" -eq 0 ] || echo "Biome: format or lint problems; 'npm run format' in src/Participant.Pwa fixes the formatting."
  [ "$tests" -eq 0 ] && [ "$lint" -eq 0 ]
) 2>&1 | tee "$log_dir/npm.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

echo "== .NET: format check (dotnet format --verify-no-changes; run 'dotnet format ScenarioEngine.sln' to fix)"
if ! dotnet format ScenarioEngine.sln --verify-no-changes -v:q; then
  echo "FORMAT: the C# code is not formatted as .editorconfig asks; run: dotnet format ScenarioEngine.sln"
  status=1
fi

echo "== .NET: build (Release), then test"
dotnet build ScenarioEngine.sln -c Release -nologo -v:q 2>&1 | tee "$log_dir/build.txt"
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  status=1
else
  # One test project at a time (-m:1): the end-to-end tests start several processes each, and
  # this 2-core machine times out when they compete with the browser and publish tests.
  dotnet test ScenarioEngine.sln -c Release --no-build -nologo -m:1 2>&1 | tee "$log_dir/dotnet.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi

# Sum the runners' own summaries: dotnet's "Failed:     0, Passed:    22" and vitest's "Tests  1 failed | 40 passed (41)".
count() { grep -hoE "$2" "$1" 2>/dev/null | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
vitest_summary() { sed -E 's/\x1b\[[0-9;]*m//g' "$log_dir/npm.log" | grep -E '^ *Tests +[0-9]' | grep -oE "[0-9]+ $1" ; }
passed=$(( $(count "$log_dir/dotnet.log" 'Passed: +[0-9]+') + $(vitest_summary passed | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}') ))
failed=$(( $(count "$log_dir/dotnet.log" 'Failed: +[0-9]+') + $(vitest_summary failed | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}') ))
[ "$failed" -eq 0 ] || status=1
[ "$passed" -gt 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
