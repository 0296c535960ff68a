#!/usr/bin/env bash
# Load run: signed DescribeTaskDefinition requests against a fresh berth on loopback, replayed by wrk.
# usage: bench/load/describe-task-definition.sh [duration-seconds] [connections]
# Prints wrk's latency distribution; docs/benchmarks.md records the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-20}
connections=${2:-32}
port=9499
data=$(mktemp -d)
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

dotnet build src/Berth -c Release --nologo -v q >/dev/null
berth=src/Berth/bin/Release/net10.0/berth
"$berth" up --port $port --data-dir "$data" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 50); do grep -q ready "$data/server.log" && break; sleep 0.2; done

eval "$("$berth" env --port $port --data-dir "$data")"
aws ecs register-task-definition --family web \
  --container-definitions '[{"name":"app","image":"busybox","memory":128,"portMappings":[{"containerPort":8080}]}]' >/dev/null
python3 bench/load/sign_request.py "$AWS_ENDPOINT_URL" DescribeTaskDefinition '{"taskDefinition":"web:1"}' >"$data/replay.lua"

wrk -t1 -c"$connections" -d2s -s "$data/replay.lua" "$AWS_ENDPOINT_URL" >/dev/null   # warm-up: JIT, connection pools
wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$data/replay.lua" "$AWS_ENDPOINT_URL"
