#!/usr/bin/env bash
# RunTask throughput through the API on the SQLite store: a fresh `berth up --no-agent` (Release), N acknowledge-only
# container instances (bench/Berth.Bench: the agent's own enrollment and channel code, no containers started), then
# concurrent clients calling RunTask with count 10 back to back.
# usage: bench/load/run-task.sh [seconds] [clients] [instances]
# Prints tasks/s, RunTask latency percentiles, delivery to the channels and a consistency check; docs/benchmarks.md
# records the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
clients=${2:-8}
instances=${3:-16}
port=9497
data=$(mktemp -d)

dotnet build src/Berth -c Release --nologo -v q >/dev/null
dotnet build bench/Berth.Bench -c Release --nologo -v q >/dev/null
berth=src/Berth/bin/Release/net10.0/berth
"$berth" up --no-agent --port $port --data-dir "$data/server" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do grep -q ready "$data/server.log" && break; sleep 0.2; done

eval "$("$berth" env --port $port --data-dir "$data/server")"
bench/Berth.Bench/bin/Release/net10.0/berth-bench run-task --seconds "$seconds" --clients "$clients" --instances "$instances" \
  --count 10 --server-pid $server --work-dir "$data/bench"
