#!/usr/bin/env bash
# End-to-end: a Meta webhook of about 3 MB with 10,000 statuses (Meta documents webhooks of up
# to 3 MB) is answered 200 and every status is recorded and printed.
# Usage: scripts/e2e/large-webhook.sh PATH/TO/watop
set -euo pipefail
binary=${1:?usage: large-webhook.sh PATH/TO/watop}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
headless_workdir

count=10000
# Each status as Meta's status webhook reference shapes it today: per-message pricing, the
# sender's opaque data, and a failure with its error now and then.
python3 - "$count" >"$work/webhook.json" <<'PY'
import json, sys
count = int(sys.argv[1])
statuses = []
for n in range(count):
    # Two statuses a message: sent, then delivered, or failed for one message in ten.
    message, second = divmod(n, 2)
    failed = second == 1 and message % 10 == 9
    status = {
        "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI%018dQA=" % message,
        "status": "failed" if failed else ["sent", "delivered"][second],
        "timestamp": str(1750263773 + n),
        "recipient_id": "1650555%04d" % (message % 10000),
        "biz_opaque_callback_data": "campaign-summer-2026-order-%08d" % message,
        "pricing": {"billable": True, "pricing_model": "PMP", "type": "regular", "category": "marketing"},
    }
    if failed:
        status["errors"] = [{"code": 131049, "title": "This message was not delivered to maintain healthy ecosystem engagement.",
                             "message": "This message was not delivered to maintain healthy ecosystem engagement.",
                             "error_data": {"details": "In order to maintain a healthy ecosystem engagement, the message failed to be delivered."},
                             "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]
    statuses.append(status)
webhook = {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
    "messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
    "statuses": statuses}}]}]}
print(json.dumps(webhook, separators=(",", ":")))
PY
bytes=$(wc -c <"$work/webhook.json")
[ "$bytes" -ge 3000000 ] && [ "$bytes" -le 4194304 ] || fail "the webhook is $bytes bytes, not about 3 MB"

start_headless "$binary" "$work/out" "$work/err"
code=$(curl -s -o "$work/answer" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary "@$work/webhook.json" "$WATOP_URL")
[ "$code" = 200 ] || fail "a webhook of $bytes bytes was answered $code: $(head -c 300 "$work/answer")"
grep -q "\"accepted\":$count" "$work/answer" || fail "not every status was accepted: $(head -c 300 "$work/answer")"
pass "a Meta webhook of $bytes bytes with $count statuses is answered 200, all accepted"

stop_and_wait "$WATOP_PID"
[ "$EXIT_STATUS" -eq 0 ] || fail "watop exited $EXIT_STATUS: $(tail -5 "$work/err")"
events=$(grep -c '"seq":' "$work/out" || true)
[ "$events" -eq "$count" ] || fail "$events event lines printed, expected $count"
summary=$(tail -n 1 "$work/out")
grep -q "\"accepted\":$count," <<<"$summary" || fail "the summary does not count $count: $summary"
grep -q "\"charged\":$((count / 2))" <<<"$summary" || fail "the summary does not count $((count / 2)) charged messages: $summary"
grep -q "\"failed\":$((count / 20))," <<<"$summary" || fail "the summary does not count $((count / 20)) failures: $summary"
grep -q '"ref":"campaign-summer-2026-order-00004999"' "$work/out" || fail "the last status's opaque data is not its ref"
pass "every status is recorded and printed, each message charged once, the opaque data as ref"
echo "$PASSED passed"
