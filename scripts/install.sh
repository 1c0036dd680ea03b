#!/usr/bin/env bash
# Builds watop for release with the Swift runtime linked in (no toolchain needed where it runs),
# strips it and installs it as PREFIX/bin/watop.
# Usage: scripts/install.sh [PREFIX]   (PREFIX defaults to /usr/local)
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-/usr/local}
export LANG=${LANG:-C.UTF-8}

# A scratch path of its own, so the debug build of `swift build` is left alone.
scratch=.build-install
mkdir -p "$scratch"
log=$PWD/$scratch/install-build.log
started=$SECONDS
echo "building watop (release, Swift runtime linked statically); log: $log"
if ! swift build -c release --static-swift-stdlib --product watop --scratch-path "$scratch" >"$log" 2>&1; then
    first_error=$(grep -m 1 'error:' "$log" || tail -n 1 "$log")
    echo "install: FAIL: the release build failed: ${first_error:-no output} (whole log: $log)" >&2
    exit 1
fi
built=$(swift build -c release --static-swift-stdlib --product watop --scratch-path "$scratch" --show-bin-path)/watop
echo "built in $((SECONDS - started)) s"

mkdir -p "$prefix/bin"
stripped=$(mktemp "$scratch/watop.stripped.XXXXXX")
trap 'rm -f "$stripped"' EXIT
strip -o "$stripped" "$built"
install -m 0755 "$stripped" "$prefix/bin/watop"
size=$(stat -c %s "$prefix/bin/watop")
echo "installed $prefix/bin/watop ($(awk -v bytes="$size" 'BEGIN { printf "%.1f", bytes / 1048576 }') MiB, $size bytes)"
