#!/usr/bin/env bash
# The whole test suite: unit and integration tests (swift test), then the end-to-end
# scripts that drive the real binary over HTTP and inside tmux.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=${LANG:-C.UTF-8}

swift build
swift test
binary=$(swift build --show-bin-path)/watop
for script in scripts/e2e/headless.sh scripts/e2e/dashboard.sh scripts/e2e/journal.sh scripts/e2e/terminal.sh; do
    echo "== $script"
    bash "$script" "$binary"
done
