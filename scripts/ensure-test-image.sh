#!/usr/bin/env bash
# Ensure the local test image `berth-test/busybox:latest` exists in Docker.
#
# No registry is reachable from the test machines, so tests use an image built here: Debian's
# dynamic busybox (extracted from its .deb, not installed) with the host's C library and the NSS
# modules it loads, and a symlink per applet, imported with `docker import`. It has sh, echo,
# sleep, cat, httpd, wget, nc, ip, ... (busybox-static's wget crashes; this one works).
#
#   scripts/ensure-test-image.sh [image]     (default berth-test/busybox:latest)
#
# Needs a running Docker Engine (scripts/ensure-docker.sh). Output to stderr; exit 0 on success.

set -uo pipefail
log() { printf 'berth: %s\n' "$*" >&2; }

IMAGE="${1:-berth-test/busybox:latest}"
# Bump when the image's contents change, so machines that kept an older import rebuild it.
VERSION=2

[[ $(docker image inspect -f '{{index .Config.Labels "berth.test-image"}}' "$IMAGE" 2>/dev/null) == "$VERSION" ]] && exit 0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! (cd "$work" && apt-get download busybox >/dev/null 2>&1); then
    log "fetching Debian's busybox package (apt-get update first)..."
    apt-get update -q >/dev/null 2>&1
    (cd "$work" && apt-get download busybox >/dev/null 2>&1) || { log "could not download Debian's busybox package"; exit 1; }
fi
dpkg-deb -x "$work"/busybox_*.deb "$work/pkg" || { log "could not unpack the busybox package"; exit 1; }
BUSYBOX="$work/pkg/bin/busybox"

root="$work/root"
mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/www"
chmod 1777 "$root/tmp"
cp "$BUSYBOX" "$root/bin/busybox"
# The loader and libraries busybox links against, plus the NSS modules glibc loads at run time for name lookups.
libs=$(ldd "$BUSYBOX" | grep -o '/[^ ]*')
for nss in libnss_files.so.2 libnss_dns.so.2 libresolv.so.2; do
    libs+=" $(ldconfig -p | awk -v n="$nss" '$1 == n && /x86-64|aarch64/ { print $NF; exit }')"
done
for lib in $libs; do
    [[ -e $lib ]] || continue
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
done
for applet in $("$BUSYBOX" --list); do
    [[ $applet == busybox ]] || ln -sf busybox "$root/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"

if tar -C "$root" -cf - . | docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change "LABEL berth.test-image=$VERSION" \
        --change 'CMD ["/bin/sh"]' \
        - "$IMAGE" >/dev/null; then
    log "imported test image $IMAGE"
else
    log "docker import of $IMAGE failed"
    exit 1
fi
