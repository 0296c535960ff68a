#!/usr/bin/env bash
# Ensure HAProxy (Debian's haproxy package) is installed: the load balancers' data plane.
#
#   scripts/ensure-haproxy.sh
#
# Berth runs its own haproxy process (master-worker, under its data directory), so the package's own
# service is stopped and disabled after installing: it would hold no ports of ours but must not run a
# second, unmanaged proxy. Output to stderr; exit 0 when /usr/sbin/haproxy (or $BERTH_HAPROXY) runs.

set -uo pipefail
log() { printf 'berth: %s\n' "$*" >&2; }

HAPROXY="${BERTH_HAPROXY:-/usr/sbin/haproxy}"
[[ -x $HAPROXY ]] && exit 0

sudo_cmd=()
((EUID != 0)) && sudo_cmd=(sudo)
install_haproxy() {
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q haproxy
}
log "installing Debian's haproxy package..."
# A fresh machine may have no package lists yet: update once and try again.
if ! { install_haproxy || { "${sudo_cmd[@]}" apt-get update -q && install_haproxy; }; } </dev/null >/dev/null 2>&1; then
    log "could not install haproxy"
    exit 1
fi

# The package starts its own service; Berth supervises its own process instead.
if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
    "${sudo_cmd[@]}" systemctl disable --now haproxy >/dev/null 2>&1
elif [[ -x /etc/init.d/haproxy ]]; then
    "${sudo_cmd[@]}" /etc/init.d/haproxy stop >/dev/null 2>&1
    "${sudo_cmd[@]}" update-rc.d haproxy disable >/dev/null 2>&1
fi

[[ -x $HAPROXY ]] || { log "haproxy is not at $HAPROXY after installing"; exit 1; }
log "installed $("$HAPROXY" -v 2>/dev/null | head -1)"
