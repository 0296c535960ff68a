#!/usr/bin/env bash
# Registry speed: push and pull of a ~200 MB image, and 10 concurrent pulls, against Berth's registry and, side by side,
# Debian's docker-registry (the reference distribution registry), each started fresh per run on loopback.
# usage: bench/load/registry_bench.sh [runs] [megabytes]
# Clients: skopeo (Debian's package), copying an OCI layout to the registry (push) and the registry to dir: layouts (pulls).
# Why skopeo and not docker: a docker pull also decompresses and unpacks the layer into its storage driver, the same work
# for both registries and most of the time on this machine, and docker keeps what it pulled (its own cache would need
# removing between runs); skopeo moves the registry's bytes and verifies their digests, nothing else. The layer is random
# data gzipped once (level 1), so neither side compresses anything while timed.
# docs/benchmarks.md records the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
megabytes=${2:-200}
berth_port=9497
reference_port=9498
work=$(mktemp -d)
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need skopeo skopeo
need docker-registry docker-registry

dotnet build src/Berth -c Release --nologo -v q >/dev/null
berth=$PWD/src/Berth/bin/Release/net10.0/berth

python3 bench/load/registry_bench_image.py "$work/image" "$megabytes"
# skopeo remembers where it saw blobs (to mount them instead of uploading); a cache of its own per run keeps pushes honest.
export HOME="$work/home"

# Wall-clock seconds of a command, to the millisecond.
timed() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc; }

# 10 pulls at once into separate dirs; the time until the last one finished.
concurrent_pulls() {
  local source=$1; shift
  local pids=() i
  for i in $(seq 10); do skopeo copy -q "$@" "$source" "dir:$work/pull-$i" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid"; done
}

start_berth() {
  local data="$work/berth-$1"
  "$berth" up --no-agent --port $berth_port --data-dir "$data" >"$work/berth-$1.log" 2>&1 &
  servers+=($!)
  for _ in $(seq 150); do grep -q ready "$work/berth-$1.log" && break; sleep 0.2; done
  eval "$("$berth" env --port $berth_port --data-dir "$data")"
  aws ecr create-repository --repository-name bench >/dev/null
  creds="AWS:$(aws ecr get-login-password)"
}

start_reference() {
  mkdir -p "$work/reference-$1"
  cat >"$work/reference-$1.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/reference-$1}}
http: {addr: 127.0.0.1:$reference_port}
YAML
  docker-registry serve "$work/reference-$1.yml" >"$work/reference-$1.log" 2>&1 &
  servers+=($!)
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$reference_port/v2/" >/dev/null && break; sleep 0.2; done
}

stop_servers() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  servers=()
}

# One registry, one run: push, one pull, 10 concurrent pulls; prints "<name> push pull pull10" in seconds.
measure() {
  local name=$1 image=$2; shift 2
  local push pull pull10
  push=$(timed skopeo copy -q --dest-tls-verify=false "${@/#--creds/--dest-creds}" "oci:$work/image:bench" "docker://$image")
  rm -rf "$work"/pull-*
  pull=$(timed skopeo copy -q --src-tls-verify=false "${@/#--creds/--src-creds}" "docker://$image" "dir:$work/pull-0")
  rm -rf "$work"/pull-*
  pull10=$(timed concurrent_pulls "docker://$image" --src-tls-verify=false "${@/#--creds/--src-creds}")
  rm -rf "$work"/pull-*
  printf '%-10s push %6.2f s   pull %6.2f s   10 concurrent pulls %6.2f s\n' "$name" "$push" "$pull" "$pull10"
}

echo "image: $(du -sh "$work/image" | cut -f1) (one ${megabytes} MB layer of random data, gzipped); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$runs"); do
  echo "run $run"
  start_berth "$run"
  measure berth "127.0.0.1:$berth_port/bench:1" --creds "$creds"
  stop_servers
  start_reference "$run"
  measure reference "127.0.0.1:$reference_port/bench:1"
  stop_servers
  rm -rf "$work/berth-$run" "$work/reference-$run"
done
