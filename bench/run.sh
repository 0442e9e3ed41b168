#!/usr/bin/env bash
# Runs the benchmark (issue 7): builds Release, raises the open-file limit, runs the harness.
#   bench/run.sh                      standard set: sizes 100,1000,5000; B0 B1 B3 B4 B5; responses, resync, activations
#   bench/run.sh --smoke              N = 20, well under a minute (what CI runs)
#   bench/run.sh --scenario soak      10,000 connections for 10 minutes (also: slow-consumer, silo-kill)
#   bench/run.sh micro [--filter X]   BenchmarkDotNet micro-benchmarks
# BENCH_MAX_LOAD=1.5 waits (up to BENCH_MAX_WAIT_MIN, default 30 min) until the 1-minute load average is below 1.5.
set -euo pipefail
cd "$(dirname "$0")/.."

# 10,000 client sockets in the harness and as many in the server: lift the soft limit to the hard one.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "open-file limit: $(ulimit -n)"

dotnet build bench/ScenarioEngine.Bench -c Release -p:SkipPwaBuild=true -nologo -v:q
if [ "${1:-}" = micro ]; then
  shift
  dotnet build bench/ScenarioEngine.Bench.Micro -c Release -p:SkipPwaBuild=true -nologo -v:q
  exec dotnet bench/ScenarioEngine.Bench.Micro/bin/Release/net10.0/ScenarioEngine.Bench.Micro.dll --filter "${@:-*}"
fi

if [ -n "${BENCH_MAX_LOAD:-}" ]; then
  for _ in $(seq 1 $(( ${BENCH_MAX_WAIT_MIN:-30} * 6 ))); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    awk -v l="$load" -v m="$BENCH_MAX_LOAD" 'BEGIN { exit !(l < m) }' && break
    echo "load average $load >= $BENCH_MAX_LOAD; waiting"
    sleep 10
  done
fi

echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo); load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec dotnet bench/ScenarioEngine.Bench/bin/Release/net10.0/ScenarioEngine.Bench.dll "$@"
