#!/usr/bin/env bash
# End-to-end: the real `watop --headless --forward-to` between curl (the provider) and a
# real app (scripts/e2e/upstream.py), through every way the app can fail.
# Usage: scripts/e2e/forward.sh PATH/TO/watop
set -euo pipefail
binary=${1:?usage: forward.sh PATH/TO/watop}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/../tmux.sh"
work=$(mktemp -d)
WATOP_PID=""
APP_PID=""
trap 'kill $WATOP_PID $APP_PID 2>/dev/null || true; rm -rf "$work"' EXIT

# field N EXPR: a Python expression over the Nth request the app got (1-based), as `r`.
field() {
    python3 -c "import json,sys,base64; r=json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2])-1]); print(eval(sys.argv[3]))" \
        "$work/app/requests.jsonl" "$1" "$2"
}
ask() { # ask CURL-ARGS...: sets CODE and BODY
    CODE=$(curl -s -o "$work/body" -w '%{http_code}' "$@")
    BODY=$(cat "$work/body")
}

# A --forward-to that cannot work stops the start, naming the value.
status=0
"$binary" --headless --port 0 --forward-to "ftp://app" >/dev/null 2>"$work/bad.err" || status=$?
[ "$status" -ne 0 ] && grep -q "ftp://app" "$work/bad.err" || fail "a bad --forward-to was not refused by name: $(cat "$work/bad.err")"
pass "a --forward-to that is not http(s) stops the start with the value named"

start_app
mode ok
start_headless "$binary" "$work/out" "$work/err" --token s3cret --forward-to "http://127.0.0.1:$APP_PORT/app/" --forward-timeout 1
url=$WATOP_URL
grep -q "forwarding every callback to http://127.0.0.1:$APP_PORT/app" "$work/err" || fail "no forwarding line: $(cat "$work/err")"

ask -H 'X-Custom: kept' -H 'X-Forwarded-For: 6.6.6.6' "$url?id=f1:0&status=sent&token=s3cret&ref=r1"
[ "$CODE" = 200 ] && [ "$BODY" = app-ok ] || fail "GET answered $CODE '$BODY', expected the app's 200 app-ok"
[ "$(field 1 "r['path']")" = "/app?id=f1:0&status=sent&ref=r1" ] || fail "the app got path $(field 1 "r['path']")"
[ "$(field 1 "[v for k,v in r['headers'] if k.lower()=='x-custom']")" = "['kept']" ] || fail "X-Custom not passed on"
[ "$(field 1 "[v for k,v in r['headers'] if k.lower()=='x-forwarded-for']")" = "['127.0.0.1']" ] || fail "X-Forwarded-For not watop's own"
[ "$(field 1 "[v for k,v in r['headers'] if k.lower()=='authorization']")" = "[]" ] || fail "watop's credential reached the app"
pass "a GET reaches the app with its query and headers, less watop's token, and the app's answer comes back"

body='{"id":"f2:0","status":"delivered","price":"0.0040","whatsapp_number":"918000000001"}'
ask -H 'Authorization: Bearer s3cret' -H 'Content-Type: application/json' -H 'X-Hub-Signature-256: sha256=feed' --data "$body" "$url"
[ "$CODE" = 200 ] || fail "POST answered $CODE"
[ "$(field 2 "base64.b64decode(r['body_base64']).decode()")" = "$body" ] || fail "the body changed on the way"
[ "$(field 2 "[v for k,v in r['headers'] if k.lower()=='x-hub-signature-256']")" = "['sha256=feed']" ] || fail "signature header lost"
pass "a POST's body bytes and signature header reach the app unchanged"

ask -H 'Authorization: Bearer s3cret' --data '{bad' "$url"
[ "$CODE" = 200 ] && [ "$(app_requests)" -eq 3 ] || fail "what watop cannot read was not left to the app: $CODE"
pass "a body watop cannot read still reaches the app, which answers"

mode status:500
retry=(-H 'Authorization: Bearer s3cret' -H 'Content-Type: application/json' --data '{"id":"f3:0","status":"read","price":"0.5"}' "$url")
ask "${retry[@]}"
[ "$CODE" = 500 ] && [ "$BODY" = "app says 500" ] || fail "the app's 500 was answered $CODE '$BODY'"
mode ok
ask "${retry[@]}"
[ "$CODE" = 200 ] || fail "the retry answered $CODE"
pass "the app's 500 goes back to the provider, and its retry reaches the app"

mode hang
ask -H 'Authorization: Bearer s3cret' "$url?id=f4:0&status=sent"
[ "$CODE" = 504 ] && echo "$BODY" | grep -q "forward-timeout" || fail "a hanging app answered $CODE '$BODY'"
pass "an app slower than --forward-timeout: 504 with the reason"

mode garbage
ask -H 'Authorization: Bearer s3cret' "$url?id=f5:0&status=sent"
[ "$CODE" = 502 ] || fail "an app answering garbage gave $CODE '$BODY'"
mode cut
ask -H 'Authorization: Bearer s3cret' "$url?id=f6:0&status=sent"
[ "$CODE" = 502 ] || fail "an app closing mid-answer gave $CODE '$BODY'"
pass "an app answering garbage, or closing mid-answer: 502 with the reason"

mode redirect
before=$(app_requests)
ask -H 'Authorization: Bearer s3cret' "$url?id=f7:0&status=sent"
[ "$CODE" = 302 ] && [ "$(app_requests)" -eq $((before + 1)) ] || fail "a redirect gave $CODE after $(( $(app_requests) - before )) requests"
pass "a redirect from the app is answered as it came, not followed"

# The dashboard in tmux: the app column, y (copy as curl), R (resend, asked first).
mode ok
tmux_start "watop-forward-$$" 160 48 "$binary --port 0 --forward-to http://127.0.0.1:$APP_PORT/app 2>$work/dashboard.err"
trap 'tmux_stop; kill $WATOP_PID $APP_PID 2>/dev/null || true; rm -rf "$work"' EXIT
wait_for 'callback http://127.0.0.1:[0-9]+/callback' "the dashboard's URL"
dash_url=$(screen | grep -o 'http://127.0.0.1:[0-9]*/callback' | head -n 1)
curl -s -o /dev/null "$dash_url?id=d1:0&status=delivered&ref=it%27s"
wait_for '→ 200 [0-9]+ms' "the app column"
before=$(app_requests)
keys Enter
wait_for 'Forwarded  request #1' "the Forwarded section"
keys y
wait_for "Copied as curl" "the curl box"
screen | grep -q "curl -X GET 'http://127.0.0.1:[0-9]*/callback?id=d1:0&status=delivered&ref=it%27s'" || { screen >&2; fail "the curl command"; }
keys R
wait_for 'Resend this request .* y/n' "the resend question"
keys y
wait_for 'resent event #1 to the app: HTTP 200' "the resend's outcome"
[ "$(app_requests)" -eq $((before + 1)) ] || fail "the app got $(( $(app_requests) - before )) resends"
wait_for '#2 .*→ 200' "the resend as attempt #2"
keys q q
pass "dashboard: the app column, y copies a curl command, R resends after asking and shows attempt #2"

kill "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
ask -H 'Authorization: Bearer s3cret' "$url?id=f8:0&status=sent"
[ "$CODE" = 502 ] && echo "$BODY" | grep -q "cannot connect" || fail "an app that is down gave $CODE '$BODY'"
pass "an app refusing connections: 502 with the reason, watop keeps running"

curl -s -H 'Authorization: Bearer s3cret' "${url%/callback}/metrics" >"$work/metrics"
grep -q 'watop_forward_requests_total{outcome="ok"} [1-9]' "$work/metrics" || fail "no forward counter: $(grep forward "$work/metrics")"
grep -q 'watop_forward_requests_total{outcome="failed"} [1-9]' "$work/metrics" || fail "no failed forward counter"
pass "/metrics counts forward attempts by outcome"

stop_and_wait "$WATOP_PID"
[ "$EXIT_STATUS" -eq 0 ] || fail "exit status $EXIT_STATUS"
events=$(grep -c '"seq":[0-9]*,' "$work/out" || true)
forwards=$(grep -c '^{"type":"forward"' "$work/out" || true)
[ "$events" -eq 8 ] || fail "$events event lines, expected 8 (f3 once): $(cat "$work/out")"
[ "$forwards" -eq 10 ] || fail "$forwards forward lines, expected 10: $(grep forward "$work/out")"
grep '^{"type":"forward"' "$work/out" | grep '"target":"/callback?id=f1:0' | grep -q '"outcome":"ok","status":200' \
    || fail "f1's forward line: $(grep f1 "$work/out")"
grep '^{"type":"forward"' "$work/out" | grep -q '"attempt":2,"outcome":"ok","status":200' || fail "the retry is not attempt 2"
summary=$(tail -n 1 "$work/out")
echo "$summary" | grep -q '"accepted":8,' || fail "the retry was counted twice: $summary"
echo "$summary" | grep -q '"forwarded":{"ok":4,"refused":2,"failed":4,"in_flight":0,"retries":1,"dead_letters":0,"queued":0}' || fail "summary: $summary"
pass "headless: events keep their shape, each attempt is a \"type\":\"forward\" line, the summary counts them"

echo "forward: $PASSED passed, 0 failed"
