#!/usr/bin/env bash
# The whole test suite: unit and integration tests (swift test), the end-to-end scripts that
# drive the real binary over HTTP and inside tmux, the suite again under AddressSanitizer and
# under ThreadSanitizer, and a short run of every fuzz target from its seed corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=${LANG:-C.UTF-8}

swift build
swift test
binary=$(swift build --show-bin-path)/watop
for script in scripts/e2e/headless.sh scripts/e2e/forward.sh scripts/e2e/metrics.sh scripts/e2e/dashboard.sh scripts/e2e/journal.sh scripts/e2e/terminal.sh; do
    echo "== $script"
    bash "$script" "$binary"
done

echo "== swift test --sanitize=address"
# lld: gold warns about every AddressSanitizer runtime symbol it links.
LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt" \
    swift test --sanitize=address --scratch-path .build-asan -Xswiftc -use-ld=lld
echo "== swift test --sanitize=thread"
TSAN_OPTIONS="suppressions=$PWD/scripts/tsan-suppressions.txt" \
    swift test --sanitize=thread --scratch-path .build-tsan -Xswiftc -use-ld=lld
echo "== fuzz smoke"
scripts/fuzz.sh all 10
