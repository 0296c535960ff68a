#!/usr/bin/env bash
# The one test command (CI runs it through .ci/run on a fresh clone of a fresh machine).
#
#   ./test.sh [extra dotnet test args...]      e.g. ./test.sh --filter "FullyQualifiedName~Sigv4"
#
#   1. prerequisites: Docker Engine (scripts/ensure-docker.sh) and the local test image
#      berth-test/busybox:latest (scripts/ensure-test-image.sh), skopeo (apt), haproxy (scripts/ensure-haproxy.sh); failures only warn, the tests
#      that need Docker report for themselves
#   2. builds the solution once: dotnet build Berth.slnx -c Release
#   3. runs every test project: dotnet test Berth.slnx -c Release --no-build
#   4. prints as its very last line `N passed, M failed` (`, K skipped` when K > 0)
# Exit status: 0 only when the build succeeded and no test failed.
#
# Environment: BERTH_SKIP_DOCKER=1 skips step 1's Docker parts; BERTH_TEST_HANG_TIMEOUT (default
# 20m) is the time one test may take before its test host is killed and the run counts as failed.

set -uo pipefail

BERTH_ROOT=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
cd "$BERTH_ROOT" || exit 1
# shellcheck source=scripts/build-lib.sh
. "$BERTH_ROOT/scripts/build-lib.sh"

section() { printf '\n=== %s\n' "$*"; }

summary() { # passed failed skipped
    local line="$1 passed, $2 failed"
    (($3 > 0)) && line+=", $3 skipped"
    printf '%s\n' "$line"
}

# --- tools the end-to-end tests run as subprocesses --------------------------------------------
# They must resolve from PATH as on the developer's machine. Non-interactive shells (CI) may not
# have run pyenv's init; add its shims when `aws`/`python3` would otherwise be missing.
if ! command -v aws >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    for d in "${PYENV_ROOT:-$HOME/.pyenv}"/shims "${PYENV_ROOT:-$HOME/.pyenv}"/bin; do
        [[ -d $d && ":$PATH:" != *":$d:"* ]] && PATH="$d:$PATH"
    done
    export PATH
fi
command -v dotnet >/dev/null 2>&1 || { echo "dotnet (the .NET SDK) is not on PATH" >&2; summary 0 1 0; exit 1; }

section "prerequisites"
printf 'dotnet %s; aws: %s; python3: %s\n' "$(dotnet --version 2>/dev/null)" \
    "$(command -v aws || echo MISSING)" "$(command -v python3 || echo MISSING)"
if [[ "${BERTH_SKIP_DOCKER:-0}" != 1 ]]; then
    if scripts/ensure-docker.sh </dev/null; then
        scripts/ensure-test-image.sh </dev/null || echo "WARNING: test image berth-test/busybox:latest is not available" >&2
        printf 'docker: %s\n' "$(docker version --format 'engine {{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null)"
        # skopeo (Debian's package) copies images to and from Berth's registry in the ECR end-to-end tests.
        if ! command -v skopeo >/dev/null 2>&1; then
            sudo_cmd=(); ((EUID != 0)) && sudo_cmd=(sudo)
            install_skopeo() { "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q skopeo; }
            # A fresh machine may have no package lists yet: update once and try again.
            { install_skopeo || { "${sudo_cmd[@]}" apt-get update -q && install_skopeo; }; } </dev/null >/dev/null 2>&1 \
                || echo "WARNING: skopeo is not available; the ECR tests that copy with it will fail" >&2
        fi
    else
        echo "WARNING: Docker Engine is not available; tests that need it will fail" >&2
    fi
fi
# HAProxy (Debian's package) is the load balancers' data plane; its integration tests run the real binary.
scripts/ensure-haproxy.sh </dev/null || echo "WARNING: haproxy is not available; the load balancing tests that run it will fail" >&2

# --- build ---------------------------------------------------------------------------------
section "build (Release)"
berth_build_lock
build_start=$(berth_fingerprint)
if ! berth_dotnet build Berth.slnx -c Release --nologo -v minimal -nodeReuse:false </dev/null 8>&-; then
    exec 8>&-
    echo
    echo "BUILD FAILED"
    summary 0 1 0
    exit 1
fi
# The build also produced src/Berth's executable: tell ./berth it is current (unless inputs
# changed during the build).
build_end=$(berth_fingerprint)
[[ $build_start == "$build_end" ]] && berth_write_stamp "$build_end"
exec 8>&-

# --- test ----------------------------------------------------------------------------------
section "test"
results="$BERTH_ROOT/TestResults/run"
rm -rf "$results"
mkdir -p "$results"
log="$results/console.log"

# Lines that carry no information (they are still in the log).
noise="^Data collector 'Blame' message: All tests finished running|/TestAdapterPath command|^A total of 1 test files matched"
# Console output is kept (failures with messages and stack traces, one summary line per test
# assembly) and copied to a log, which is parsed for the counts.
berth_dotnet test Berth.slnx -c Release --no-build --nologo -nodeReuse:false \
    --results-directory "$results" \
    --blame-hang-timeout "${BERTH_TEST_HANG_TIMEOUT:-20m}" --blame-hang-dump-type none \
    "$@" </dev/null 2>&1 | tee "$log" | grep --line-buffered -v -E "$noise"
test_status=${PIPESTATUS[0]}

# Summary lines (VSTest), one per test assembly:
#   Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 85 ms - X.Tests.dll (net10.0)
# A crashed or hung (blame timeout) test host prints "Test Run Aborted." and no summary line.
passed=0 failed=0 skipped=0 assemblies=0 aborted=0
while IFS= read -r line; do
    if [[ $line == *"Test Run Aborted."* ]]; then
        aborted=$((aborted + 1))
    elif [[ $line =~ Failed:\ *([0-9]+),\ *Passed:\ *([0-9]+),\ *Skipped:\ *([0-9]+),\ *Total:\ *([0-9]+) ]]; then
        failed=$((failed + BASH_REMATCH[1]))
        passed=$((passed + BASH_REMATCH[2]))
        skipped=$((skipped + BASH_REMATCH[3]))
        assemblies=$((assemblies + 1))
    fi
done < <(sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$log")

# Names of failed tests, repeated at the end so they are visible without scrolling.
mapfile -t failed_names < <(sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$log" | sed -n 's/^ *Failed \([^ ].*\) \[[^]]*\]$/\1/p')

section "summary"
printf '%d test assemblies reported\n' "$assemblies"
if ((${#failed_names[@]} > 0)); then
    echo "failed tests:"
    printf '  %s\n' "${failed_names[@]}"
fi

if ((aborted > 0)); then
    echo "$aborted test run(s) aborted (test host crashed or hung; see above): counted as failures"
    failed=$((failed + aborted))
fi
status=0
if ((test_status != 0)); then
    status=1
    if ((failed == 0)); then
        # Non-zero exit without any failure seen: count one so it cannot pass unnoticed.
        echo "dotnet test exited with status $test_status without reporting a failed test (see above)"
        failed=1
    fi
fi
((failed > 0)) && status=1

summary "$passed" "$failed" "$skipped"
exit "$status"
