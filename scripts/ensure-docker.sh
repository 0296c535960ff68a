#!/usr/bin/env bash
# Ensure a Docker Engine answers on this machine.
#
#   scripts/ensure-docker.sh            # install (if needed) and start dockerd, wait until it answers
#
# Steps, each skipped when already satisfied:
#   1. `docker info` answers            -> done (fast path, a few tens of milliseconds)
#   2. `dockerd` missing                -> apt-get update && apt-get install -y docker.io  (needs root)
#   3. daemon not answering             -> start `dockerd` detached (there is no systemd here), log to
#                                          $BERTH_DOCKERD_LOG, wait up to $BERTH_DOCKER_WAIT seconds.
#      If the daemon exits at once, retry with fallbacks (vfs storage driver, then without iptables).
#
# Environment:
#   BERTH_SKIP_DOCKER=1      do nothing, succeed
#   BERTH_DOCKERD_FLAGS      extra flags for dockerd (replaces the fallback ladder when set)
#   BERTH_DOCKERD_LOG        daemon log file              (default /var/log/berth-dockerd.log)
#   BERTH_DOCKER_WAIT        seconds to wait for answer   (default 30)
#   DOCKER_HOST              when it points somewhere other than the local unix socket, nothing is
#                            installed or started; the script only checks that it answers.
#
# All output goes to stderr. Exit status 0 when the daemon answers, non-zero otherwise.
# It never exports anything; it is safe to run concurrently (serialized with flock).

set -uo pipefail

log() { printf 'berth: %s\n' "$*" >&2; }

[[ "${BERTH_SKIP_DOCKER:-0}" == 1 ]] && exit 0

DOCKERD_LOG="${BERTH_DOCKERD_LOG:-/var/log/berth-dockerd.log}"
WAIT="${BERTH_DOCKER_WAIT:-30}"

docker_answers() {
    command -v docker >/dev/null 2>&1 || return 1
    timeout 15 docker info >/dev/null 2>&1
}

# Fast path.
docker_answers && exit 0

if [[ -n "${DOCKER_HOST:-}" && "${DOCKER_HOST}" != unix:///var/run/docker.sock && "${DOCKER_HOST}" != unix:///run/docker.sock ]]; then
    log "DOCKER_HOST=${DOCKER_HOST} does not answer; not starting a local daemon"
    exit 1
fi

# Run as root directly, or through passwordless sudo.
SUDO=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO=(sudo -n)
    else
        log "Docker Engine is not running and installing/starting it needs root (no passwordless sudo)"
        exit 1
    fi
fi

# Serialize concurrent callers (./berth up, ./berth agent, ./test.sh).
LOCK=/tmp/berth-ensure-docker.lock
if { exec 9>>"$LOCK"; } 2>/dev/null; then
    flock -w 600 9 || true
fi
docker_answers && exit 0   # someone else did it while we waited

install_docker() {
    log "dockerd not found: installing Debian's docker.io (apt-get)..."
    local t0=$SECONDS
    if ! command -v apt-get >/dev/null 2>&1; then
        log "apt-get not available; install Docker Engine by hand"
        return 1
    fi
    local aptlog=/tmp/berth-apt-docker.log
    if ! "${SUDO[@]}" apt-get update -q >"$aptlog" 2>&1; then
        log "apt-get update failed (see $aptlog); trying the install anyway"
    fi
    if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q \
            docker.io iptables >>"$aptlog" 2>&1; then
        tail -n 20 "$aptlog" >&2
        log "apt-get install docker.io failed (full log: $aptlog)"
        return 1
    fi
    log "docker.io installed in $((SECONDS - t0)) s"
}

find_dockerd() {
    command -v dockerd 2>/dev/null && return 0
    local p
    for p in /usr/sbin/dockerd /usr/bin/dockerd /usr/local/bin/dockerd; do
        [[ -x $p ]] && { echo "$p"; return 0; }
    done
    return 1
}

DOCKERD=$(find_dockerd) || { install_docker || exit 1; DOCKERD=$(find_dockerd) || { log "dockerd still missing after install"; exit 1; }; }

# The docker CLI may be missing when only dockerd was found (e.g. /usr/local/bin/docker removed).
if ! command -v docker >/dev/null 2>&1; then
    install_docker || exit 1
fi

# cgroups must be mounted for runc; mount them if the machine boots without.
if ! grep -qE '^cgroup2? ' /proc/mounts; then
    if command -v cgroupfs-mount >/dev/null 2>&1; then
        log "no cgroup filesystem mounted: running cgroupfs-mount"
        "${SUDO[@]}" cgroupfs-mount >&2 || true
    else
        "${SUDO[@]}" mount -t cgroup2 none /sys/fs/cgroup >&2 2>&1 || true
    fi
fi

# Stop a dockerd of ours that runs but does not answer (hung), so it can be restarted.
stop_stale_dockerd() {
    local pidfile=/var/run/docker.pid pid
    [[ -f $pidfile ]] || return 0
    pid=$(cat "$pidfile" 2>/dev/null)
    [[ -n $pid ]] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        log "dockerd (pid $pid) runs but does not answer; restarting it"
        "${SUDO[@]}" kill "$pid" 2>/dev/null || true
        local i
        for ((i = 0; i < 20; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$pid" 2>/dev/null && "${SUDO[@]}" kill -9 "$pid" 2>/dev/null
    fi
    "${SUDO[@]}" rm -f "$pidfile"
}

# Start dockerd with the given flags, detached from us (own session, no inherited fds) so it
# outlives this shell and never holds a caller's pipe open. Returns 0 once `docker info` answers.
start_dockerd() {
    local -a flags=("$@")
    log "starting dockerd ${flags[*]:-(default flags)} (log: $DOCKERD_LOG)"
    "${SUDO[@]}" mkdir -p "$(dirname "$DOCKERD_LOG")"
    printf '\n=== %s berth: dockerd %s\n' "$(date -u +%FT%TZ)" "${flags[*]}" | "${SUDO[@]}" tee -a "$DOCKERD_LOG" >/dev/null
    "${SUDO[@]}" setsid nohup "$DOCKERD" "${flags[@]}" </dev/null >>"$DOCKERD_LOG" 2>&1 9>&- &
    local pid=$! deadline=$((SECONDS + WAIT))
    while ((SECONDS < deadline)); do
        if docker_answers; then
            log "Docker Engine answers ($(docker version --format '{{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null))"
            return 0
        fi
        # setsid forks when we are a process-group leader; the daemon may not be $pid then,
        # so judge liveness by the pid file dockerd writes as well.
        if ! kill -0 "$pid" 2>/dev/null && ! { [[ -f /var/run/docker.pid ]] && kill -0 "$(cat /var/run/docker.pid 2>/dev/null)" 2>/dev/null; }; then
            log "dockerd exited during start-up:"
            tail -n 5 "$DOCKERD_LOG" | sed 's/^/    /' >&2
            return 1
        fi
        sleep 0.5
    done
    log "dockerd did not answer within ${WAIT}s"
    stop_stale_dockerd
    return 1
}

stop_stale_dockerd

if [[ -n "${BERTH_DOCKERD_FLAGS:-}" ]]; then
    # shellcheck disable=SC2086  # word splitting intended
    start_dockerd ${BERTH_DOCKERD_FLAGS} && exit 0
else
    # Defaults (overlay2 + iptables + bridge) work on this project's Debian 12 VMs. The fallbacks
    # cover kernels without overlayfs and machines where iptables cannot be programmed; without
    # iptables, published ports still work through docker-proxy but container egress NAT does not.
    start_dockerd && exit 0
    start_dockerd --storage-driver=vfs && exit 0
    start_dockerd --storage-driver=vfs --iptables=false --ip6tables=false && exit 0
fi

log "could not start Docker Engine (see $DOCKERD_LOG)"
exit 1
