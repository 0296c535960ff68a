#!/usr/bin/env bash
# Task start overhead and a burst: a fresh berth (Release) with its local agent, then bench/load/task_start.py.
# usage: bench/load/task-start.sh [sequential-tasks] [burst]
# Prints docker run's median, the overhead of RunTask -> RUNNING over it, and the burst's outcome; docs/benchmarks.md records them.
set -euo pipefail
cd "$(dirname "$0")/../.."
tasks=${1:-50}
burst=${2:-100}
port=9498
data=$(mktemp -d)
scripts/ensure-docker.sh >/dev/null
scripts/ensure-test-image.sh >/dev/null
dotnet build src/Berth -c Release --nologo -v q >/dev/null
berth=src/Berth/bin/Release/net10.0/berth
"$berth" up --port $port --data-dir "$data" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; docker rm -f $(docker ps -aq --filter label=berth.container-instance-arn --filter "label=com.amazonaws.ecs.task-definition-family=bench-start") >/dev/null 2>&1; rm -rf "$data"' EXIT
for _ in $(seq 100); do grep -q "Channel of" "$data/server.log" && break; sleep 0.2; done

eval "$("$berth" env --port $port --data-dir "$data")"
python3 bench/load/task_start.py "$tasks" "$burst"
