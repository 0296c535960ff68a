#!/usr/bin/env bash
# Ensure the local test image `berth-test/busybox:latest` exists in Docker.
#
# No registry is reachable from the test machines, so tests use an image built here: a static
# busybox (Debian's busybox-static) with a symlink per applet, imported with `docker import`.
# It has sh, echo, sleep, cat, httpd, nc, ip, ... Note: busybox-static's `wget` segfaults
# (static glibc resolver); use `nc` for HTTP from inside containers.
#
#   scripts/ensure-test-image.sh [image]     (default berth-test/busybox:latest)
#
# Needs a running Docker Engine (scripts/ensure-docker.sh). Output to stderr; exit 0 on success.

set -uo pipefail
log() { printf 'berth: %s\n' "$*" >&2; }

IMAGE="${1:-berth-test/busybox:latest}"

docker image inspect "$IMAGE" >/dev/null 2>&1 && exit 0

SUDO=()
[[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1 && SUDO=(sudo -n)

BUSYBOX=""
for p in /bin/busybox /usr/bin/busybox; do
    # Only a static busybox works inside an empty image.
    if [[ -x $p ]] && ! ldd "$p" >/dev/null 2>&1; then BUSYBOX=$p; break; fi
done
if [[ -z $BUSYBOX ]]; then
    log "installing busybox-static (apt-get)..."
    aptlog=/tmp/berth-apt-busybox.log
    if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q busybox-static >"$aptlog" 2>&1; then
        "${SUDO[@]}" apt-get update -q >>"$aptlog" 2>&1
        "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q busybox-static >>"$aptlog" 2>&1 \
            || { tail -n 20 "$aptlog" >&2; log "could not install busybox-static"; exit 1; }
    fi
    BUSYBOX=/bin/busybox
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/www"
chmod 1777 "$root/tmp"
cp "$BUSYBOX" "$root/bin/busybox"
for applet in $("$BUSYBOX" --list); do
    [[ $applet == busybox ]] || ln -sf busybox "$root/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"

if tar -C "$root" -cf - . | docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["/bin/sh"]' \
        - "$IMAGE" >/dev/null; then
    log "imported test image $IMAGE"
else
    log "docker import of $IMAGE failed"
    exit 1
fi
