#!/usr/bin/env bash
# End-to-end test of the live dashboard: runs the real binary inside tmux at 120x40, sends
# callbacks with curl, reads the screen with `tmux capture-pane`, and drives it with keys.
#
#   scripts/e2e/dashboard.sh path/to/watop
#
# Needs tmux and curl. Uses a private tmux server, so it never touches the user's sessions.
set -euo pipefail

BINARY=${1:?usage: $0 path/to/watop}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/e2e/lib.sh
source "$HERE/lib.sh"

command -v tmux >/dev/null || fail "tmux is not installed (apt-get install tmux)"
command -v curl >/dev/null || fail "curl is not installed (apt-get install curl)"
[ -x "$BINARY" ] || fail "$BINARY is not an executable"
BINARY=$(cd "$(dirname "$BINARY")" && pwd)/$(basename "$BINARY")

# shellcheck source=scripts/tmux.sh
source "$HERE/../tmux.sh"

WORK=$(mktemp -d)
cleanup() {
    tmux_stop
    rm -rf "$WORK"
}
trap cleanup EXIT

# see REGEX WHAT: waits for the screen to show REGEX, and counts WHAT as passed.
see() {
    wait_for "$1" "$2"
    pass "$2"
}

# The rows of the event list: lines that start with a time inside the Events box.
event_rows() { screen | sed -n '/┌ Events/,$p' | grep -E '^│[0-9]{2}:[0-9]{2}:[0-9]{2} ' || true; }

# send QUERY: one GET callback with the spec's query template; fails unless answered 2xx.
send() {
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' "$URL?$1") || fail "curl could not reach $URL"
    case $code in 2??) ;; *) fail "callback answered $code: $1" ;; esac
}

# callback ID STATUS MOBILE SENDER [PRICE] [CODE] [ERROR] [MESSAGE]: fills the GET template;
# placeholders with no value stay unreplaced, as Kaleyra sends them.
callback() {
    local id=$1 status=$2 mobile=$3 sender=$4 price=${5:-%3Cprice%3E} code=${6:-} error=${7:-} message=${8:-Message%20$2}
    send "id=$id&custom_response=false&timestamp=$(date +%s)&mobile=$mobile&message=$message&status=$status&phone_number=$mobile&error=$error&error_code=$code&ref=campaign-7&ref1=%3Cref1%3E&ref2=%3Cref2%3E&price=$price&whatsapp_number=$sender"
}

# Start the dashboard on a free port; the header shows the callback URL to use.
tmux_start "watop-e2e-$$" 120 40 \
    "TERM=tmux-256color LANG=C.UTF-8 '$BINARY' --port 0 --stuck-after 2s; echo \"exit=\$?\" > '$WORK/status'; echo WATOP-EXITED; sleep 60"
see 'callback http://[^ ]+' "dashboard starts and shows its callback URL"
URL=$(screen | grep -Eo 'callback http://[^ ]+' | head -n 1 | cut -d' ' -f2)

M1=ad97e3b1-c923-4a1b-b3a3-0b1c2d3e4d97:0
M2=5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f:0
M3=0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d:0
callback "$M1" sent 919876543210 918000000001
callback "$M1" delivered 919876543210 918000000001 0.0085
callback "$M1" read 919876543210 918000000001
callback "$M2" sent 919812345678 918000000001
callback "$M2" failed 919812345678 918000000001 '' 131047 Re-engagement%20message
callback "$M3" delivered 14155550100 918000000002 0.01
callback "$M3" sent 14155550100 918000000002
callback c4d5e6f7-0000-4000-8000-000000000004:0 not-sent 919700000004 918000000002 '' E110 Insufficient%20balance
# A hostile payload: colors, a window title and a bell in `message`.
callback c4d5e6f7-0000-4000-8000-000000000006:0 failed 919900000000 918000000001 '' 131026 Undeliverable '%1B%5B31mRED%1B%5D0%3Bpwned%07'
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data \
    '{"id": "c4d5e6f7-0000-4000-8000-000000000007:0", "custom_response": "false", "timestamp": "<timestamp>", "mobile": "919700000007", "message": "Message delivered", "status": "delivered", "phone_number": "919700000007", "error": "", "error_code": "", "ref": "<ref>", "ref1": "<ref1>", "ref2": "<ref2>", "price": "0.01", "whatsapp_number": "918000000002"}' \
    "$URL") || fail "curl could not POST to $URL"
case $code in 2??) ;; *) fail "POST callback answered $code" ;; esac

# Two refused requests: a path the profile does not use, and a callback without its status.
[ "$(curl -s -o /dev/null -w '%{http_code}' "${URL%/callback}/elsewhere")" = 404 ] || fail "an unknown path was not refused"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL?id=x:0&mobile=919700000009")" = 400 ] || fail "a callback without status was not refused"

see ' events 10 ' "header counts all 10 callbacks"
see 'rejected 2 \((missing-status|unknown-path) 1\)' "header counts the refused requests and names a reason"
see 'reported 0\.0285' "header shows the exact reported price total"
see '│failed +2 ' "statuses panel counts 2 failed"
see '│delivered +3 ' "statuses panel counts 3 delivered"
see '131047 +1 ' "error codes panel lists 131047"
see 'E110 +1 ' "error codes panel lists Kaleyra's E110"
see 'reported total +0\.0285' "prices panel shows the reported total"
see '│918000000001 +3 +0 +1 +1 +2 ' "WhatsApp numbers panel counts 918000000001's 3 messages: 1 read, 2 failed"
see '│918000000002 +3 +0 +2 +0 +1 ' "WhatsApp numbers panel counts 918000000002's 3 messages: 2 reached, 1 not-sent"
# The message column shares the row with whole ids: the payload's start is enough to see.
see '\\x1b\[31mRED\\x1b\]0;pw' "an ANSI-escape payload is drawn as visible escaped text"

# Filter: only failed events listed.
keys -l '/status:failed'
keys Enter
see 'filter status:failed +2 of 10 events match' "the filter applies"
rows=$(event_rows)
[ "$(printf '%s\n' "$rows" | grep -c .)" -eq 2 ] || fail "expected 2 event rows with the filter, got: $rows"
printf '%s\n' "$rows" | grep -v ' failed ' && fail "a row that is not failed is listed under status:failed"
pass "only failed events are listed"

# Pause: the list stays still while callbacks arrive; the header counts them.
keys p
see 'PAUSED · 0 new' "p pauses the screen"
before=$(event_rows)
callback c4d5e6f7-0000-4000-8000-000000000010:0 failed 919900000010 918000000001 '' 131047 Re-engagement
callback c4d5e6f7-0000-4000-8000-000000000011:0 failed 919900000011 918000000001 '' 131047 Re-engagement
see 'PAUSED · 2 new' "the header counts callbacks that arrived while paused"
[ "$(event_rows)" = "$before" ] || fail "the event list moved while paused"
pass "new callbacks do not move the paused list"

# Detail view of the selected event, with the raw request.
keys Enter
see 'Raw request' "Enter opens the detail view"
see 'GET /callback\?id=' "the detail view shows the raw request line"
see 'Lifecycle' "the detail view shows the message's lifecycle"
keys Escape
see '┌ Events' "Esc closes the detail view"

# Rejected requests: every reason with the last request refused for it.
keys r
see '┌ Rejected requests' "r opens the rejected requests"
see '^│missing-status +1 ' "the view lists the reason of the callback without status"
see 'GET /callback\?id=x:0&mobile=919700000009' "the view shows the last request refused for it"
see '^│unknown-path +1 ' "the view lists the unknown path"
keys Escape
see '┌ Events' "Esc closes the rejected requests"

# s on the event list, which cannot be sorted, says so.
keys s
see 'nothing to sort in Events' "s on the event list says there is nothing to sort"

# Help overlay.
keys '?'
see '┌ Help  Esc close' "? opens the help overlay"
# The filter syntax comes after every key: at the end of the overlay.
keys G
see 'Filter syntax' "the help overlay scrolls to the filter syntax"
keys Escape
sleep 0.3
screen | grep -q '┌ Help' && fail "Esc did not close the help overlay"
pass "Esc closes the help overlay"

# stuck: lists the events of a message silent in sent for over --stuck-after (2 s here), as
# the filter is applied; age: compares how long ago watop first heard of each message.
callback c4d5e6f7-0000-4000-8000-000000000012:0 sent 919900000012 918000000002
keys p
see ' stuck 1 ' "the header counts the message silent in sent"
keys Escape
keys -l '/stuck:yes'
keys Enter
see 'filter stuck:yes +1 of 13 events match' "stuck: admits the stuck message's event alone"
[ "$(event_rows | grep -c ' 919900000012 ')" -eq 1 ] || fail "the stuck message's event is not listed: $(event_rows)"
pass "the stuck message's event is listed"
keys Escape
keys -l '/stuck:no age:<1h'
keys Enter
see 'filter stuck:no age:<1h +12 of 13 events match' "stuck:no age:<1h admits the other messages' events"
keys Escape

# Quit: exit status 0 and the terminal back on the normal screen.
keys q
see 'WATOP-EXITED' "q quits and the shell's screen comes back"
[ "$(cat "$WORK/status")" = "exit=0" ] || fail "watop exited with $(cat "$WORK/status"), expected exit=0"
[ "$(tm display-message -p -t watop '#{alternate_on}')" = "0" ] || fail "the terminal was left on the alternate screen"
pass "watop exits 0 and leaves the alternate screen"

echo "dashboard end-to-end: $PASSED checks passed"
