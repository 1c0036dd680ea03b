#!/usr/bin/env bash
# End-to-end: the real `watop --headless` binary, real HTTP with curl.
# Usage: scripts/e2e/headless.sh PATH/TO/watop
set -euo pipefail
binary=${1:?usage: headless.sh PATH/TO/watop}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
headless_workdir

# The CLI refuses bad values by name and refuses a non-terminal without --headless.
if "$binary" --port 70000 >/dev/null 2>"$work/cli.err"; then fail "--port 70000 was accepted"; fi
grep -q "70000" "$work/cli.err" || fail "the --port error does not name the value: $(cat "$work/cli.err")"
pass "a bad --port is refused with its value named"
status=0
"$binary" --port 0 >"$work/notty.out" 2>"$work/notty.err" </dev/null || status=$?
[ "$status" -eq 2 ] || fail "dashboard without a terminal exited $status, expected 2"
grep -q -- "--headless" "$work/notty.err" || fail "no --headless suggestion: $(cat "$work/notty.err")"
pass "without a terminal the dashboard says so and suggests --headless"

# The shipped themes are found next to the binary, and a broken user theme is reported by line and key.
mkdir -p "$work/config/watop/themes"
printf '[roles]\ntext = { fg = 1 }\n"status.failed" = { fg = "reddish" }\n' >"$work/config/watop/themes/broken.toml"
status=0
XDG_CONFIG_HOME="$work/config" "$binary" themes >"$work/themes.out" 2>&1 || status=$?
for theme in default light solarized-dark high-contrast mono; do
    grep -q "^$theme " "$work/themes.out" || fail "watop themes does not list $theme: $(cat "$work/themes.out")"
done
grep -q 'broken.toml:3: status.failed.fg: unknown color "reddish"' "$work/themes.out" || fail "broken theme not located: $(cat "$work/themes.out")"
[ "$status" -eq 1 ] || fail "watop themes with a broken theme exited $status, expected 1"
pass "watop themes lists the five built-in themes and locates a broken one by line and key"

# Fail closed: a secret that can't be read stops the start, and one that can be read only once
# (a pipe) is read once, so the listener it guards is never open.
status=0
"$binary" --headless --port 0 --token "file:$work/missing-token" >/dev/null 2>"$work/secret.err" || status=$?
[ "$status" -ne 0 ] || fail "watop started with a --token file it cannot read"
grep -q "file:$work/missing-token" "$work/secret.err" || fail "the error does not name the file: $(cat "$work/secret.err")"
grep -q "listening" "$work/secret.err" && fail "watop listened before refusing: $(cat "$work/secret.err")"
status=0
"$binary" --headless --port 0 --meta-app-secret env:WATOP_UNSET_SECRET >/dev/null 2>"$work/secret.err" || status=$?
[ "$status" -ne 0 ] || fail "watop started with an unset --meta-app-secret variable"
grep -q "WATOP_UNSET_SECRET" "$work/secret.err" || fail "the error does not name the variable: $(cat "$work/secret.err")"
start_headless "$binary" "$work/once.out" "$work/once.err" --token "file:"<(printf s3cret)
code=$(curl -s -o /dev/null -w '%{http_code}' "$WATOP_URL?id=once&status=sent")
[ "$code" = 401 ] || fail "a token read from a pipe left the listener open: answered $code without the token"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer s3cret' "$WATOP_URL?id=once&status=sent")
[ "$code" = 200 ] || fail "the token read from a pipe is refused: $code"
stop_and_wait "$WATOP_PID"
pass "a secret that can't be read stops the start; one read from a pipe guards the listener"

start_headless "$binary" "$work/out" "$work/err"
url=$WATOP_URL
pass "listening at $url"
# The log line names its logger once: `TIME info watop: listening; …`, not `watop: [watop]`.
listening=$(grep -m 1 'listening;' "$work/err" || true)
[[ $listening =~ ^[^\ ]+\ info\ watop:\ listening\;\  ]] || fail "unexpected log line: $listening"
[ "$(grep -o watop <<<"$listening" | wc -l)" -eq 1 ] || fail "the log line names watop more than once: $listening"
pass "the stderr log line names its label once: ${listening#* }"

seed_query="id=ad97eXXX-c923-4XXX-b3a3-0b1XXXXXXd97:0&custom_response=false&timestamp=1710000042&mobile=91XXXXXXXX83&message=Message%20delivered&status=delivered&phone_number=91XXXXXXXX83&error=&error_code=&ref=<ref>&ref1=<ref1>&ref2=<ref2>&price=0.01&whatsapp_number=91XXXXXXXX80"
code=$(curl -s -o "$work/body" -w '%{http_code}' -g "$url?$seed_query")
[ "$code" = 200 ] || fail "seed GET answered $code: $(cat "$work/body")"
seed_json='{"id": "ad97eXXX-c923-4XXX-b3a3-0b1XXXXXXd97:0", "custom_response": "false", "timestamp": "1710000042", "mobile": "91XXXXXXXX83", "message": "Message read", "status": "read", "phone_number": "91XXXXXXXX83", "error": "", "error_code": "", "ref": "order-42", "ref1": "<ref1>", "ref2": "<ref2>", "price": "", "whatsapp_number": "91XXXXXXXX80"}'
code=$(curl -s -o "$work/body" -w '%{http_code}' -H 'Content-Type: application/json' --data "$seed_json" "$url")
[ "$code" = 200 ] || fail "seed POST answered $code: $(cat "$work/body")"
pass "the seed sample answers 200 as GET and as POST JSON"

code=$(curl -s -o "$work/body" -w '%{http_code}' --data '{bad' "$url")
[ "$code" = 400 ] || fail "{bad answered $code"
grep -q '"error":"body is not valid JSON' "$work/body" || fail "no readable reason: $(cat "$work/body")"
kill -0 "$WATOP_PID" || fail "watop died after bad input"
pass "a bad body gets 400 with a reason and watop keeps running"

sleep 0.3
lines=$(wc -l <"$work/out")
[ "$lines" -eq 2 ] || fail "expected 2 event lines, got $lines: $(cat "$work/out")"
for field in seq received_at transport method id status message mobile phone_number whatsapp_number error error_code price timestamp custom_response ref ref1 ref2; do
    grep -q "\"$field\":" <(head -n 1 "$work/out") || fail "event line lacks $field: $(head -n 1 "$work/out")"
done
grep -q '"price":"0.01"' <(head -n 1 "$work/out") || fail "price not an exact string"
grep -q '"ref":"order-42"' <(sed -n 2p "$work/out") || fail "POST ref missing"
pass "each accepted callback printed one JSON line with every field"

# Bad input costs no lasting memory and no accepted callback: 3,000 refused requests.
rss() { awk '/^VmRSS/ {print $2}' "/proc/$WATOP_PID/status"; }
before_rss=$(rss)
for i in $(seq 1 1000); do
    printf 'url = "%s"\ndata = "{\\"id\\": [%d"\noutput = "/dev/null"\nnext\n' "$url" "$i"
    printf 'url = "%s?status=sent&ref=%d"\noutput = "/dev/null"\nnext\n' "$url" "$i"
    printf 'url = "%s/nowhere/%d"\noutput = "/dev/null"\n' "${url%/callback}" "$i"
    [ "$i" -lt 1000 ] && printf 'next\n'
done >"$work/bad.cfg"
curl -s -K "$work/bad.cfg" || true
after_rss=$(rss)
[ $((after_rss - before_rss)) -lt 8192 ] || fail "3,000 refused requests grew RSS from ${before_rss} to ${after_rss} KiB"
grep -q '"accepted":2' <(curl -s "${url%/callback}/healthz") || fail "refused requests changed the accepted count"
pass "3,000 refused requests: accepted count unchanged, RSS ${before_rss} → ${after_rss} KiB"

# HEAD gets the headers only, so the next request on the same connection is read correctly.
curl -sv --head "${url%/callback}/healthz" "${url%/callback}/metrics" "${url%/callback}/healthz" >"$work/head.out" 2>&1 \
    || fail "HEAD requests failed: $(cat "$work/head.out")"
[ "$(grep -c '^< HTTP/1.1 200' "$work/head.out")" -eq 3 ] || fail "HEAD answers: $(grep '^< HTTP' "$work/head.out")"
! grep -q 'Excess found' "$work/head.out" || fail "a HEAD answer carried a body: $(grep Excess "$work/head.out")"
grep -q 'Re-using existing connection' "$work/head.out" || fail "HEAD answers did not keep the connection"
pass "HEAD /healthz and /metrics answer headers only on a kept-alive connection"

# 10,000 mixed callbacks over keep-alive connections: GET query, POST JSON, POST form.
statuses=(sent delivered read failed not-sent Enqueued)
config="$work/curl.cfg"
: >"$config"
for i in $(seq 0 9999); do
    s=${statuses[$((i % 6))]}
    case $((i % 3)) in
    0) printf 'url = "%s?id=m%d:0&status=%s&price=0.01&whatsapp_number=9180000000%d"\n' "$url" "$i" "$s" $((i % 4)) ;;
    1) printf 'url = "%s"\nheader = "Content-Type: application/json"\ndata = "{\\"id\\":\\"m%d:0\\",\\"status\\":\\"%s\\",\\"error_code\\":\\"131047\\"}"\n' "$url" "$i" "$s" ;;
    2) printf 'url = "%s"\ndata = "id=m%d%%3A0&status=%s&price=0.005"\n' "$url" "$i" "$s" ;;
    esac
    printf 'output = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n'
    [ "$i" -lt 9999 ] && printf 'next\n'
done >>"$config"
curl -s -K "$config" >"$work/codes" || true
ok=$(grep -c '^200$' "$work/codes" || true)
[ "$ok" -eq 10000 ] || fail "only $ok of 10000 mixed callbacks answered 200"
pass "10000 mixed callbacks answered 200"

stop_and_wait "$WATOP_PID"
[ "$EXIT_STATUS" -eq 0 ] || fail "SIGINT exit status $EXIT_STATUS"
summary=$(tail -n 1 "$work/out")
echo "$summary" | grep -q '^{"summary":' || fail "last line is not the summary: $summary"
echo "$summary" | grep -q '"accepted":10002' || fail "summary accepted count wrong: $summary"
sum=$(( $(echo "$summary" | grep -o "\"statuses\":{[^}]*}" | grep -o ":[0-9]*" | tr -d ":" | paste -sd+) ))
[ "$sum" -eq 10002 ] || fail "status counts add up to $sum, not 10002: $summary"
echo "$summary" | grep -q '"reported_price":"50.015"' || fail "reported price not exact: $summary"
echo "$summary" | grep -q '"malformed-body":1001' || fail "rejections not counted: $summary"
echo "$summary" | grep -q '"missing-id":1000' || fail "rejections not counted: $summary"
echo "$summary" | grep -q '"unknown-path":1000' || fail "rejections not counted: $summary"
echo "$summary" | grep -q '"unprinted":0' || fail "lines left unprinted with stdout keeping up: $summary"
events=$(($(wc -l <"$work/out") - 1))
[ "$events" -eq 10002 ] || fail "$events event lines printed, expected 10002"
pass "SIGINT printed the summary last, exited 0, counts add up exactly"

# A stdout nobody reads: a FIFO this script holds open but does not read, so watop's writes
# block once its 64 KiB are full. Callbacks are still answered and counted; at most
# --output-backlog events wait for stdout, and the lines of the others are counted on stderr
# and in the summary. Once stdout is read again every queued line comes out, then the summary.
mkfifo "$work/stalled"
exec 3<>"$work/stalled"
# Neither watop nor the reader below may hold this end: the FIFO would never end.
start_headless "$binary" "$work/stalled" "$work/stalled.err" --output-backlog 500 3<&-
"$binary" simulate --url "$WATOP_URL" --rate 0 --count 5000 --traffic-format kaleyra-v1 >"$work/simulate.out" 2>&1 \
    || fail "simulate failed: $(cat "$work/simulate.out")"
grep -q "answered 200: 5000" "$work/simulate.out" || fail "not every callback answered 200: $(cat "$work/simulate.out")"
grep -q '"accepted":5000' <(curl -s "${WATOP_URL%/callback}/healthz") || fail "a stalled stdout lost accepted callbacks"
for _ in $(seq 1 50); do
    grep -q "stdout is not keeping up" "$work/stalled.err" && break
    sleep 0.1
done
grep -q "stdout is not keeping up: [0-9]* accepted events were not printed" "$work/stalled.err" \
    || fail "no warning about the stalled stdout: $(cat "$work/stalled.err")"
cat "$work/stalled" >"$work/stalled.out" 3<&- &
reader=$!
stop_and_wait "$WATOP_PID"
exec 3<&-
wait "$reader"
[ "$EXIT_STATUS" -eq 0 ] || fail "SIGINT with a stalled stdout: exit status $EXIT_STATUS"
summary=$(tail -n 1 "$work/stalled.out")
echo "$summary" | grep -q '"accepted":5000' || fail "summary accepted count wrong: $summary"
unprinted=$(echo "$summary" | grep -o '"unprinted":[0-9]*' | cut -d: -f2)
[ -n "$unprinted" ] && [ "$unprinted" -gt 0 ] || fail "no unprinted count in the summary: $summary"
printed=$(($(wc -l <"$work/stalled.out") - 1))
[ $((printed + unprinted)) -eq 5000 ] || fail "$printed lines printed and $unprinted unprinted, expected 5000 in all"
pass "a stalled stdout: 5000 callbacks answered and counted, $printed printed, $unprinted counted as unprinted"

# Stopping waits for stdout to take the last lines; if it never does, a second signal ends it.
mkfifo "$work/never-read"
exec 3<>"$work/never-read"
start_headless "$binary" "$work/never-read" "$work/never-read.err" 3<&-
"$binary" simulate --url "$WATOP_URL" --rate 0 --count 1000 --traffic-format kaleyra-v1 >/dev/null 2>&1 || fail "simulate failed"
kill -INT "$WATOP_PID"
sleep 1
kill -0 "$WATOP_PID" 2>/dev/null || fail "watop ended before its last lines were taken"
stop_and_wait "$WATOP_PID"
exec 3<&-
[ "$EXIT_STATUS" -eq 130 ] || fail "a second SIGINT: exit status $EXIT_STATUS, expected 130 (killed by SIGINT)"
pass "with stdout never read, the first SIGINT waits for it and a second ends watop"
# A Meta webhook of about 3 MB (Meta documents up to 3 MB) with 10,000 statuses is taken
# whole under the default --max-body, and every status is recorded.
awk 'BEGIN {
    printf "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1229\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550984277\",\"phone_number_id\":\"1148\"},\"statuses\":["
    for (i = 0; i < 10000; i++) {
        if (i > 0) printf ","
        printf "{\"id\":\"wamid.big%05d\",\"status\":\"delivered\",\"timestamp\":\"1764800000\",\"recipient_id\":\"9198%08d\",\"pricing\":{\"billable\":true,\"pricing_model\":\"PMP\",\"category\":\"utility\"},\"padding\":\"%0200d\"}", i, i, 0
    }
    printf "]}}]}]}"
}' >"$work/big.json"
size=$(stat -c %s "$work/big.json")
[ "$size" -gt 2500000 ] || fail "the large webhook is only $size bytes"
start_headless "$binary" "$work/big.out" "$work/big.err" --buffer 20000
code=$(curl -s -o "$work/big.body" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary "@$work/big.json" "$WATOP_URL")
[ "$code" = 200 ] || fail "a $size-byte Meta webhook answered $code: $(cat "$work/big.body")"
grep -q '"accepted":10000' "$work/big.body" || fail "not every status accepted: $(cat "$work/big.body")"
grep -q '"accepted":10000' <(curl -s "${WATOP_URL%/callback}/healthz") || fail "/healthz does not count 10000"
stop_and_wait "$WATOP_PID"
printed=$(grep -c '"id":"wamid.big' "$work/big.out" || true)
[ "$printed" -eq 10000 ] || fail "$printed of 10000 statuses printed"
pass "a $size-byte Meta webhook with 10000 statuses answered 200, every status recorded"

echo "headless: $PASSED passed, 0 failed"
