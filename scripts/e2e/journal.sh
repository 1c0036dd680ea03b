#!/usr/bin/env bash
# End-to-end: nothing acknowledged is lost. Under load with `--journal --fsync always`, watop is
# killed with SIGKILL; every callback the client saw answered 200 must be in the journal. Then
# --resume rebuilds the totals, a torn last line is reported and moved aside, and `watop replay`
# shows the journal in the dashboard.
# Usage: scripts/e2e/journal.sh PATH/TO/watop
set -euo pipefail
binary=${1:?usage: journal.sh PATH/TO/watop}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/../tmux.sh"
work=$(mktemp -d)
trap 'kill -9 $WATOP_PID 2>/dev/null || true; tmux_stop; rm -rf "$work"' EXIT
WATOP_PID=""
journal="$work/callbacks.jsonl"

start_headless "$binary" "$work/out" "$work/err" --journal "$journal" --fsync always
url=$WATOP_URL
kill_under_load "$url?id=k{i}:0&status=delivered&price=0.01" 4000 0.7
grep -o '"id":"k[0-9]*:0"' "$journal" | sed 's/"id":"\(k[0-9]*\):0"/\1/' | sort -u >"$work/journaled"
acked=$(wc -l <"$work/acked")
[ "$acked" -gt 0 ] || fail "no callback was acknowledged before the kill"
missing=$(comm -23 "$work/acked" "$work/journaled" | wc -l)
[ "$missing" -eq 0 ] || fail "$missing acknowledged callbacks are missing from the journal"
pass "killed with SIGKILL under load: all $acked acknowledged callbacks are in the journal ($(wc -l <"$journal") lines)"

lines=$(wc -l <"$journal")
start_headless "$binary" "$work/out2" "$work/err2" --journal "$journal" --resume
accepted=$(curl -s "${WATOP_URL%/callback}/healthz" | grep -o '"accepted":[0-9]*' | cut -d: -f2)
[ "$accepted" -eq "$lines" ] || fail "--resume rebuilt $accepted callbacks, the journal has $lines"
grep -q "$lines callbacks loaded" "$work/err2" || fail "--resume did not report what it loaded: $(cat "$work/err2")"
stop_and_wait "$WATOP_PID"
pass "--resume rebuilds the totals from the journal ($lines callbacks)"

printf '{"received_ms":17' >>"$journal"
start_headless "$binary" "$work/out3" "$work/err3" --journal "$journal"
grep -q "last line was cut short (17 bytes" "$work/err3" || fail "a torn last line was not reported: $(cat "$work/err3")"
ls "$journal".partial-* >/dev/null 2>&1 || fail "the torn line was not moved aside"
sealed=$(ls "$journal".[0-9]* | tail -n 1)
[ "$(tail -c 1 "$sealed" | od -An -c | tr -d ' ')" = '\n' ] || fail "the last run's segment still ends with a partial line"
[ ! -s "$journal" ] || fail "a start did not begin a fresh segment: $(head -c 200 "$journal")"
stop_and_wait "$WATOP_PID"
pass "a torn last line is reported, moved aside and never merged"

tmux_start "watop-journal-$$" 120 40 "LANG=C.UTF-8 $binary replay $journal; sleep 2"
wait_for "replay of $journal" "replay does not show the journal" 5
screen=$(screen)
grouped=$(echo "$lines" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
echo "$screen" | grep -q "events $grouped " || fail "replay does not count $grouped events: $(echo "$screen" | head -3)"
keys q
pass "watop replay shows the journal's callbacks in the dashboard"

# Segments: small ones here, so that a few thousand callbacks fill many. A start with --resume
# reads the newest segments (enough for --buffer) and takes the older ones' totals from the
# checkpoint, and still counts every callback.
segmented="$work/segmented.jsonl"
start_headless "$binary" "$work/out4" "$work/err4" --journal "$segmented" --journal-segment 65536
url=$WATOP_URL
for i in $(seq 1 3000); do
    printf 'url = "%s?id=s%d:0&status=read&price=0.01&whatsapp_number=9180000000%d"\noutput = "/dev/null"\n' "$url" "$i" $((i % 3))
    [ "$i" -lt 3000 ] && printf 'next\n'
done >"$work/segments.cfg"
curl -s -K "$work/segments.cfg"
stop_and_wait "$WATOP_PID"
segments=$(ls "$segmented".[0-9]* | wc -l)
[ "$segments" -ge 10 ] || fail "3000 callbacks with 64 KiB segments made only $segments segments"
[ -s "$segmented.checkpoint" ] || fail "no checkpoint beside the segments"
[ "$(stat -c %a "$segmented.checkpoint")" = 600 ] || fail "the checkpoint is not 0600"
start_headless "$binary" "$work/out5" "$work/err5" --journal "$segmented" --resume --buffer 500
accepted=$(curl -s "${WATOP_URL%/callback}/healthz" | grep -o '"accepted":[0-9]*' | cut -d: -f2)
[ "$accepted" -eq 3000 ] || fail "--resume over segments counted $accepted callbacks, not 3000"
grep -q "3000 callbacks loaded ([0-9]* read from [0-9]* of [0-9]* segments, the rest from the checkpoint)" "$work/err5" \
    || fail "--resume did not say what it read: $(cat "$work/err5")"
stop_and_wait "$WATOP_PID"
pass "--resume over $segments segments reads the newest and counts all 3000 from the checkpoint"
echo "journal: $PASSED passed, 0 failed"
