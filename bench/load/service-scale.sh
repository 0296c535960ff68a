#!/usr/bin/env bash
# Service scale-out 0 -> N and a rolling update, against Docker alone doing the same container work: a fresh
# `berth up --no-agent` (Release) that counts a task healthy once it has run 1 s, A `berth agent`s in cluster "bench",
# then bench/load/service_scale.py.
# usage: bench/load/service-scale.sh [tasks] [agents] [parallelism]
# Prints one line per phase; docs/benchmarks.md records the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
tasks=${1:-100}
agents=${2:-4}
parallelism=${3:-10}
port=9496
data=$(mktemp -d)
scripts/ensure-docker.sh >/dev/null
scripts/ensure-test-image.sh >/dev/null
dotnet build src/Berth -c Release --nologo -v q >/dev/null
berth=src/Berth/bin/Release/net10.0/berth
pids=()
cleanup() {
    kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null
    # The agents are stopped before their cleanup wait: remove what they and the Docker-alone phase left.
    docker rm -f $(docker ps -aq --filter label=com.amazonaws.ecs.task-definition-family=bench-scale) \
        $(docker ps -aq --filter label=berth.bench=1) >/dev/null 2>&1
    rm -rf "$data"
}
trap cleanup EXIT
"$berth" up --no-agent --port $port --data-dir "$data/server" --service-healthy-seconds 1 >"$data/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q ready "$data/server.log" && break; sleep 0.2; done

eval "$("$berth" env --port $port --data-dir "$data/server")"
aws ecs create-cluster --cluster-name bench >/dev/null
for i in $(seq "$agents"); do
    "$berth" agent --cluster bench --endpoint "http://127.0.0.1:$port" --data-dir "$data/agent-$i" --memory 2048 \
        --availability-zone "zone-$((i % 2))" >"$data/agent-$i.log" 2>&1 &
    pids+=($!)
done
for _ in $(seq 300); do
    [[ $(aws ecs list-container-instances --cluster bench --query 'length(containerInstanceArns)') == "$agents" ]] && break
    sleep 0.2
done
python3 bench/load/service_scale.py bench "$tasks" "$parallelism"
