# shellcheck shell=bash
# Build-freshness helpers shared by ./berth and ./test.sh. Source it; it defines functions only
# and exports nothing.
#
# How "is the build current?" works:
#   - The inputs are every file under src/, models/ and tools/ (minus bin/, obj/ and
#     TestResults/) plus the root build files (*.props, *.targets, global.json, *.slnx,
#     nuget.config). `berth_fingerprint` lists each input's path, mtime and size and hashes the
#     list, so an edit, a new file, a deleted or a renamed file all change the hash (a plain
#     "newest mtime" check would miss deletions and files restored with old mtimes).
#   - After a successful build the output is copied to .berth-build/run/<hash>/, and the hash
#     and the path of that copy's berth.dll are written to .berth-build/stamp. The build is
#     current when the stamp exists, its hash equals the hash now, and the dll it names exists.
#     Checking costs one `find` + `md5sum` (~10-30 ms).
#   - The hash is taken after the build, so files a build step generates under src/ do not make
#     the next run rebuild. If inputs change while a build runs, the build is repeated once.

BERTH_BUILD_DIR="$BERTH_ROOT/.berth-build"
BERTH_STAMP="$BERTH_BUILD_DIR/stamp"

berth_fingerprint() {
    (
        cd "$BERTH_ROOT" || exit 1
        {
            find src models tools \( -name bin -o -name obj -o -name TestResults \) -prune \
                -o -type f -printf '%p %T@ %s\n' 2>/dev/null
            find . -maxdepth 1 -type f \( -name '*.props' -o -name '*.targets' -o -name global.json \
                -o -name '*.slnx' -o -name '*.sln' -o -iname nuget.config \) -printf '%p %T@ %s\n'
        } | LC_ALL=C sort | md5sum | cut -d' ' -f1
    )
}

# Prints the path of the built berth.dll named by a current stamp; fails when a build is needed.
berth_current_dll() {
    [[ -f $BERTH_STAMP ]] || return 1
    local hash dll
    { read -r hash && read -r dll; } <"$BERTH_STAMP" || return 1
    [[ -n $dll && -f $dll ]] || return 1
    [[ $hash == "$(berth_fingerprint)" ]] || return 1
    printf '%s\n' "$dll"
}

# The newest berth.dll of the Release build of src/Berth (the TFM folder may change).
berth_find_dll() {
    local newest="" f
    for f in "$BERTH_ROOT"/src/Berth/bin/Release/*/berth.dll; do
        [[ -f $f ]] || continue
        if [[ -z $newest || $f -nt $newest ]]; then newest=$f; fi
    done
    [[ -n $newest ]] && printf '%s\n' "$newest"
}

# Record that the current inputs are built (call after a successful build, holding the lock).
# The build output is copied to .berth-build/run/<hash>/ and ./berth runs that copy: the next
# build rewrites src/Berth/bin/ in place, which must not pull the files from under a running
# `berth up`. Old copies are removed unless a running process still maps files from them.
berth_write_stamp() {
    local hash=$1 dll out snap
    dll=$(berth_find_dll) || return 1
    out=$(dirname "$dll")
    snap="$BERTH_BUILD_DIR/run/$hash"
    mkdir -p "$BERTH_BUILD_DIR/run"
    if [[ ! -f $snap/berth.dll ]]; then
        rm -rf "$snap" "$snap.tmp"
        cp -a "$out" "$snap.tmp" && mv "$snap.tmp" "$snap" || return 1
    fi
    touch "$snap"
    printf '%s\n%s\n' "$hash" "$snap/berth.dll" >"$BERTH_STAMP.tmp" && mv -f "$BERTH_STAMP.tmp" "$BERTH_STAMP"
    berth_prune_snapshots "$snap"
}

# Keep the newest 2 copies and any copy a running process uses.
berth_prune_snapshots() {
    local keep=$1 d n=0
    while IFS= read -r d; do
        d=${d%/}
        [[ $d == "$keep" ]] && continue
        n=$((n + 1))
        ((n < 2)) && continue
        grep -qsF "$d/" /proc/[0-9]*/maps 2>/dev/null && continue
        rm -rf "$d"
    done < <(ls -1td "$BERTH_BUILD_DIR"/run/*/ 2>/dev/null)
}

# Take the build lock on fd 8 (released when the process exits, or with `exec 8>&-`).
berth_build_lock() {
    mkdir -p "$BERTH_BUILD_DIR"
    exec 8>>"$BERTH_BUILD_DIR/lock"
    flock 8
}

# Environment for dotnet commands: no telemetry/banners, and no MSBuild node reuse / build
# servers that would outlive the build while holding the caller's stdout/stderr pipe open.
berth_dotnet() {
    DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
        MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 \
        dotnet "$@"
}
