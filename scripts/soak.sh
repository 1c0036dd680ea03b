#!/usr/bin/env bash
# Soak: COUNT (default 1,000,000) callbacks from `watop simulate` — GET and POST, every status,
# out-of-order and duplicate callbacks — at full speed into `watop --headless --journal`.
# Checks: accepted exactly COUNT, the journal exactly COUNT lines, nothing logged as an error,
# and resident memory flat once the ring buffer is full.
# Usage: scripts/soak.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
swift build -c release --product watop >/dev/null
watop=$(swift build -c release --show-bin-path)/watop
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT

"$watop" --headless --port 0 --journal "$work/journal.jsonl" >"$work/out" 2>"$work/err" &
pid=$!
url=""
for _ in $(seq 1 100); do
    url=$(grep -o 'http://[^ ]*' "$work/err" | head -n 1 || true)
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "watop did not start: $(cat "$work/err")" >&2; exit 1; }

# Resident memory every 2 s while the simulator runs.
(while kill -0 "$pid" 2>/dev/null; do awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null; sleep 2; done) >"$work/rss" &
sampler=$!
start=$(date +%s%N)
"$watop" simulate --url "$url" --rate 0 --count "$count" --method mixed --connections 8 --seed 11 \
    >"$work/simulate" 2>/dev/null
elapsed=$((($(date +%s%N) - start) / 1000000000))
kill -INT "$pid"
wait "$pid"
pid=""
kill "$sampler" 2>/dev/null || true

summary=$(tail -n 1 "$work/out")
accepted=$(echo "$summary" | grep -o '"accepted":[0-9]*' | cut -d: -f2)
lines=$(wc -l <"$work/journal.jsonl")
printed=$(($(wc -l <"$work/out") - 1))
errors=$(grep -ci 'error\|critical' "$work/err" || true)
cat "$work/simulate"
echo "soak: $count callbacks in $elapsed s; accepted $accepted, journal $lines lines, stdout $printed lines, $errors error lines logged"
# Memory once the default 100,000-event buffer is full: the samples after the first third.
samples=$(wc -l <"$work/rss")
tail -n $((samples * 2 / 3)) "$work/rss" | awk '
    NR == 1 {first = $1} {last = $1; if ($1 > max) max = $1}
    END {printf "RSS after the buffer filled: %d MiB at first, %d MiB at the end, %d MiB at most\n", first / 1024, last / 1024, max / 1024}'
failures=0
[ "$accepted" -eq "$count" ] || { echo "FAIL: accepted $accepted, not $count"; failures=1; }
[ "$lines" -eq "$count" ] || { echo "FAIL: journal has $lines lines, not $count"; failures=1; }
[ "$printed" -eq "$count" ] || { echo "FAIL: $printed lines printed, not $count"; failures=1; }
[ "$errors" -eq 0 ] || { echo "FAIL: errors logged: $(grep -i 'error\|critical' "$work/err" | head -3)"; failures=1; }
exit $failures
