#!/usr/bin/env bash
# End-to-end: the real `watop --headless` fed by `watop simulate` in every format, then
# /metrics scraped with curl and checked against what the simulator sent and what watop printed.
# Usage: scripts/e2e/metrics.sh PATH/TO/watop
set -euo pipefail
binary=${1:?usage: metrics.sh PATH/TO/watop}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
headless_workdir

start_headless "$binary" "$work/out" "$work/err" --metrics-max-numbers 2 --meta-verify-token e2e-verify
base=${WATOP_URL%/callback}

challenge=$(curl -s "$WATOP_URL?hub.mode=subscribe&hub.verify_token=e2e-verify&hub.challenge=8472")
[ "$challenge" = 8472 ] || fail "the Meta handshake answered '$challenge'"
code=$(curl -s -o /dev/null -w '%{http_code}' "$WATOP_URL?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=8472")
[ "$code" = 403 ] || fail "a wrong verify token answered $code"
pass "Meta's verification handshake echoes the challenge for the right token only"

# Sums the values of every sample whose line contains $1 (a metric name and labels).
sum_metric() {
    awk -v pattern="$1" '$0 !~ /^#/ && index($0, pattern) { total += $NF } END { printf "%d\n", total }' "$work/metrics.txt"
}
# Events the simulator reports sending: the numbers of its "statuses sent:" line.
simulated_events() {
    grep 'statuses sent:' "$1" | grep -o '[0-9][0-9]*' | awk '{ total += $1 } END { print total + 0 }'
}

expected_total=0
for format in kaleyra-v1 kaleyra-v2 meta twilio; do
    "$binary" simulate --url "$WATOP_URL" --traffic-format "$format" --count 400 --rate 0 --seed 5 --numbers 4 \
        >"$work/sim-$format.txt" 2>"$work/sim-$format.err" || fail "simulate --traffic-format $format failed: $(cat "$work/sim-$format.err")"
    grep -q "answered 200" "$work/sim-$format.txt" || fail "simulate --traffic-format $format got no 200: $(cat "$work/sim-$format.txt")"
    expected=$(simulated_events "$work/sim-$format.txt")
    [ "$expected" -gt 0 ] || fail "simulate --traffic-format $format reports no events: $(cat "$work/sim-$format.txt")"
    curl -s "$base/metrics" >"$work/metrics.txt"
    counted=$(sum_metric "format=\"$format\"")
    [ "$counted" -eq "$expected" ] || fail "$format: /metrics counts $counted events, the simulator sent $expected"
    expected_total=$((expected_total + expected))
done
pass "after each simulated run, /metrics counts exactly the events of each format ($expected_total in all)"

grep -q '^# TYPE watop_events_total counter' "$work/metrics.txt" || fail "no TYPE line for watop_events_total"
series=$(grep -c '^watop_whatsapp_number_events_total{' "$work/metrics.txt")
[ "$series" -eq 3 ] || fail "expected 2 numbers and 'other' under --metrics-max-numbers 2, got $series series"
[ "$(sum_metric 'watop_whatsapp_number_events_total{')" -eq "$expected_total" ] || fail "WhatsApp number series do not add up"
[ "$(sum_metric 'watop_sent_to_delivered_seconds_count')" -gt 0 ] || fail "no sent→delivered latency observed"
# The one refusal is the handshake with the wrong token above.
[ "$(sum_metric 'watop_rejected_total{reason="verification-refused"}')" -eq 1 ] || fail "the wrong verify token was not counted"
[ "$(sum_metric 'watop_rejected_total{')" -eq 1 ] || fail "simulated traffic was refused: $(grep '^watop_rejected_total' "$work/metrics.txt")"
grep -q '^watop_buffer_fill_ratio ' "$work/metrics.txt" || fail "no buffer fill gauge"
grep -q "^watop_notices_received " "$work/metrics.txt" || fail "no notices gauge"
pass "bounded WhatsApp number series, latency histograms, no refused callback, buffer gauges"

stop_and_wait "$WATOP_PID"
[ "$EXIT_STATUS" -eq 0 ] || fail "watop exited $EXIT_STATUS"
summary=$(tail -n 1 "$work/out")
grep -q "\"accepted\":$expected_total," <<<"$summary" || fail "summary disagrees with /metrics ($expected_total): $summary"
lines=$(grep -c '^{"seq":' "$work/out" || true)
[ "$lines" -eq "$expected_total" ] || fail "printed $lines event lines for $expected_total events"
# The simulated Meta traffic carries notices now and then: each is a line of its own.
notices=$(grep -c '^{"type":"notice",' "$work/out" || true)
grep -q "\"notices\":$notices," <<<"$summary" || fail "printed $notices notice lines, the summary says otherwise: $summary"
[ "$(($(wc -l <"$work/out") - 1))" -eq "$((lines + notices))" ] || fail "lines other than events, notices and the summary were printed"
pass "the headless summary and the printed lines agree with /metrics ($notices notices)"
echo "metrics: $PASSED checks passed"
