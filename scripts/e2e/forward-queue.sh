#!/usr/bin/env bash
# End-to-end: `watop --forward-mode queue`: the provider is answered once a callback is in the
# journal; the journal is delivered to a real app (scripts/e2e/upstream.py) in order per
# message, through an app that is down, refusing with 503, refusing for good with 404, and a
# kill -9 of watop with a backlog.
# Usage: scripts/e2e/forward-queue.sh PATH/TO/watop
set -euo pipefail
binary=${1:?usage: forward-queue.sh PATH/TO/watop}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
work=$(mktemp -d)
WATOP_PID=""
APP_PID=""
trap 'kill -9 $WATOP_PID $APP_PID 2>/dev/null || true; rm -rf "$work"' EXIT

# wait_for_app N: until the app has been sent N requests in all (30 s at most).
wait_for_app() {
    for _ in $(seq 1 300); do
        [ "$(wc -l <"$work/app/requests.jsonl" 2>/dev/null || echo 0)" -ge "$1" ] && return 0
        sleep 0.1
    done
    fail "the app got $(wc -l <"$work/app/requests.jsonl" 2>/dev/null || echo 0) requests, expected $1"
}
# wait_for_taken N: until the app has taken (answered in mode ok) N requests in all: refused
# attempts count towards wait_for_app but are retried, so they do not say delivery is done.
taken() { cat "$work/app/requests.jsonl" 2>/dev/null | grep -c '"mode": "ok"' || true; }
wait_for_taken() {
    for _ in $(seq 1 300); do
        [ "$(taken)" -ge "$1" ] && return 0
        sleep 0.1
    done
    fail "the app took $(taken) requests, expected $1"
}
# send_messages FROM TO: sent, delivered, read for each message, all in one curl, each answered.
send_messages() {
    local config=$work/curl.cfg i status
    : >"$config"
    for i in $(seq "$1" "$2"); do
        for status in sent delivered read; do
            [ -s "$config" ] && echo next >>"$config"
            printf 'url = "%s?id=q%d:0&status=%s"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' "$url" "$i" "$status" >>"$config"
        done
    done
    curl -s -K "$config" >"$work/codes"
    [ "$(grep -c '^200$' "$work/codes")" -eq $((3 * ($2 - $1 + 1))) ] || fail "not every callback answered 200: $(sort "$work/codes" | uniq -c)"
}
# check_order N: N messages reached the app, each taken (answered 2xx) as sent, delivered, read,
# in that order and once; attempts it refused and that were retried do not count.
check_order() {
    python3 - "$work/app/requests.jsonl" "$1" <<'PY' || fail "the app's requests are out of order or repeated"
import json, sys
from urllib.parse import urlparse, parse_qs
seen = {}
for line in open(sys.argv[1]):
    request = json.loads(line)
    if request["mode"] != "ok":
        continue
    q = parse_qs(urlparse(request["path"]).query)
    if "id" in q and q["id"][0].startswith("q"):
        seen.setdefault(q["id"][0], []).append(q["status"][0])
expected = int(sys.argv[2])
bad = {k: v for k, v in seen.items() if v != ["sent", "delivered", "read"]}
if len(seen) != expected or bad:
    print("messages %d of %d; out of order or repeated: %s" % (len(seen), expected, list(bad.items())[:5]), file=sys.stderr)
    sys.exit(1)
PY
}

# Queue mode needs a journal: refused at start otherwise.
if "$binary" --headless --port 0 --forward-to http://127.0.0.1:9/ --forward-mode queue >/dev/null 2>"$work/bad.err"; then
    fail "queue mode started without a journal"
fi
grep -q -- "--forward-mode queue needs --journal" "$work/bad.err" || fail "no reason given: $(cat "$work/bad.err")"
pass "queue mode without --journal is refused at start"

start_app
mode ok
journal=$work/journal.jsonl
start_headless "$binary" "$work/out1" "$work/err1" --journal "$journal" --forward-to "http://127.0.0.1:$APP_PORT/in" --forward-mode queue
url=$WATOP_URL
send_messages 1 20
wait_for_app 60
check_order 20
pass "60 callbacks answered 200 at once and delivered to the app, in order per message"

# The app goes down: callbacks are still answered 200 and wait in the journal.
kill "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
send_messages 21 120
sleep 1
depth=$(curl -s "${url%/callback}/metrics" | awk '/^watop_forward_queue_depth / {print $2}')
[ "${depth%.*}" -ge 300 ] || fail "queue depth $depth while the app is down, expected at least 300"
# watop dies with the backlog undelivered.
kill -9 "$WATOP_PID"
wait "$WATOP_PID" 2>/dev/null || true
pass "with the app down, 300 callbacks answered 200 and kept; watop killed -9 with the backlog"

start_app "$APP_PORT"
mode ok
start_headless "$binary" "$work/out2" "$work/err2" --journal "$journal" --forward-to "http://127.0.0.1:$APP_PORT/in" --forward-mode queue --resume
url=$WATOP_URL
wait_for_app 360
sleep 1
[ "$(wc -l <"$work/app/requests.jsonl")" -eq 360 ] || fail "the app got $(wc -l <"$work/app/requests.jsonl") requests, expected 360 (none twice)"
check_order 120
pass "after a restart every journaled callback reached the app once, in order per message"

# The app refuses with 503 for a while: retried, in order; a 404 is set aside, not retried.
mode status:503
send_messages 121 130
sleep 1.5
mode ok
wait_for_taken 390
check_order 130
mode status:404
before=$(wc -l <"$work/app/requests.jsonl")
code=$(curl -s -o /dev/null -w '%{http_code}' "$url?id=dead1:0&status=sent")
[ "$code" = 200 ] || fail "a callback the app will refuse answered $code"
wait_for_app $((before + 1))
mode ok
send_messages 131 131
wait_for_app $((before + 4))
sleep 1
[ "$(grep -c 'dead1' "$work/app/requests.jsonl")" -eq 1 ] || fail "a 404 was retried"
# Meta's handshake cannot wait in the queue: the app answers it at once, and only once.
challenge=$(curl -s "$url?hub.mode=subscribe&hub.verify_token=app-token&hub.challenge=1158201444")
[ "$challenge" = 1158201444 ] || fail "Meta's handshake in queue mode answered '$challenge', not the app's challenge"
sleep 1
[ "$(grep -c 'hub.challenge=1158201444' "$work/app/requests.jsonl")" -eq 1 ] || fail "the handshake reached the app more than once"
stop_and_wait "$WATOP_PID"
grep '"target":"/callback?id=dead1:0' "$work/out2" | grep -q '"outcome":"dead-letter","status":404' || fail "no line for the 404: $(grep dead1 "$work/out2")"
tail -n 1 "$work/out2" | grep -q '"dead_letters":1,"queued":0}' || fail "summary: $(tail -n 1 "$work/out2")"
pass "503s are retried in order once the app recovers; a 404 is set aside after one attempt; Meta's handshake is not queued"

# watop replay --to: the journal sent again, in order, to refill an app after its own outage.
mode ok
before=$(wc -l <"$work/app/requests.jsonl")
"$binary" replay "$journal" --to "http://127.0.0.1:$APP_PORT/again" --filter status:read --rate 2000/s >"$work/replay.out" 2>&1 \
    || fail "replay exited $?: $(cat "$work/replay.out")"
grep -q "^sent 131, 2xx 131, failed 0, skipped 264" "$work/replay.out" || fail "replay summary: $(cat "$work/replay.out")"
[ "$(grep -c '"path": "/again?id=q[0-9]*:0&status=read"' "$work/app/requests.jsonl")" -eq 131 ] || fail "the app did not get the 131 reads"
mode status:500
status=0
"$binary" replay "$journal" --to "http://127.0.0.1:$APP_PORT/again" --filter "id:q1:0" >"$work/replay.out" 2>&1 || status=$?
[ "$status" -eq 1 ] && grep -q "^sent 3, 2xx 0, failed 3" "$work/replay.out" || fail "a failing replay: status $status, $(cat "$work/replay.out")"
mode ok
pass "replay --to sends the journal's requests that a filter keeps, in order; exit 1 when any failed"

echo "forward-queue: $PASSED passed, 0 failed"
