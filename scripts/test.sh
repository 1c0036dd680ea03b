#!/usr/bin/env bash
# The test suite.
#   scripts/test.sh         everything: unit and integration tests (swift test), the end-to-end
#                           scripts that drive the real binary over HTTP and inside tmux, the
#                           installed release binary (scripts/e2e/install.sh), the suite again
#                           under AddressSanitizer and under ThreadSanitizer, and a short run of
#                           every fuzz target from its seed corpus.
#   scripts/test.sh quick   day to day: the build, swift test and the end-to-end scripts, without
#                           the release install, the sanitizers and the fuzzing.
# What the compiler prints goes to a log per build under SCRATCH/logs/ and is shown (its last
# lines and the log's path) only when that build fails; its warnings are shown either way. The
# test runners' own results are shown as they come. WATOP_SCRATCH_PATH sets SCRATCH (.build).
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=${LANG:-C.UTF-8}

mode=${1:-full}
case $mode in
full | quick) ;;
*) echo "usage: scripts/test.sh [quick]" >&2; exit 2 ;;
esac
scratch=${WATOP_SCRATCH_PATH:-.build}
logs=$scratch/logs
mkdir -p "$logs"

# build NAME COMMAND...: runs a build with its output in $logs/NAME.log. A failure shows the end
# of the log and its path and ends the script; warnings are shown even when the build succeeds.
build() {
    local name=$1 started=$SECONDS status=0
    shift
    local log=$logs/$name.log
    echo "== $name: $*"
    "$@" >"$log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
        tail -n 40 "$log" >&2
        echo "FAIL: $name exited $status after $((SECONDS - started)) s; its whole output is in $log" >&2
        exit "$status"
    fi
    grep -E '(^|: )warning: ' "$log" | sort -u >&2 || true
    echo "   built in $((SECONDS - started)) s (log: $log)"
}

# The tests are Swift Testing only (no target imports XCTest): --disable-xctest spares an empty
# XCTest run that would report "Executed 0 tests".
build build swift build --build-tests --scratch-path "$scratch"
echo "== swift test"
swift test --skip-build --disable-xctest --scratch-path "$scratch"

binary=$(swift build --show-bin-path --scratch-path "$scratch")/watop
e2e=(scripts/e2e/headless.sh scripts/e2e/forward.sh scripts/e2e/forward-queue.sh scripts/e2e/tls.sh scripts/e2e/metrics.sh scripts/e2e/dashboard.sh scripts/e2e/journal.sh scripts/e2e/terminal.sh scripts/e2e/large-webhook.sh scripts/e2e/alerts.sh scripts/e2e/history.sh scripts/e2e/fleet.sh)
for script in "${e2e[@]}"; do
    echo "== $script"
    bash "$script" "$binary"
done
if [ "$mode" = quick ]; then
    echo "== quick run done: build, swift test, ${#e2e[@]} end-to-end scripts"
    exit 0
fi

# Builds the stripped, statically linked release into a scratch PREFIX: a build of its own.
echo "== scripts/e2e/install.sh"
bash scripts/e2e/install.sh

# lld: gold warns about every AddressSanitizer runtime symbol it links.
asan=(--sanitize=address --scratch-path .build-asan -Xswiftc -use-ld=lld)
# The test bundle and what it depends on, not the CLI: WATOP_SANITIZER_BUILD leaves out the
# command's tests (see Package.swift), whose HTTP client, TLS and PostgreSQL libraries add
# minutes to each sanitizer build and no test of theirs runs here.
export WATOP_SANITIZER_BUILD=1
build build-asan swift build --product watopPackageTests "${asan[@]}"
echo "== swift test --sanitize=address"
LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt" swift test --skip-build --disable-xctest "${asan[@]}"

tsan=(--sanitize=thread --scratch-path .build-tsan -Xswiftc -use-ld=lld)
build build-tsan swift build --product watopPackageTests "${tsan[@]}"
echo "== swift test --sanitize=thread"
TSAN_OPTIONS="suppressions=$PWD/scripts/tsan-suppressions.txt" swift test --skip-build --disable-xctest "${tsan[@]}"

echo "== fuzz smoke"
scripts/fuzz.sh all 10
