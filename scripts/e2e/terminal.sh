#!/usr/bin/env bash
# End-to-end terminal safety, in tmux: escape sequences in every field, in the raw body and in a
# header are drawn escaped (never obeyed) in the list and the detail view; a storm of resizes
# leaves a correct screen; SIGINT, SIGTERM, SIGHUP and a crash all give the terminal back.
# Usage: scripts/e2e/terminal.sh PATH/TO/watop
set -euo pipefail
export LC_ALL=C.UTF-8  # ${#line} counts characters, not bytes
binary=${1:?usage: terminal.sh PATH/TO/watop}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/../tmux.sh"
starts=0
work=$(mktemp -d)
trap 'tmux_stop; rm -rf "$work"' EXIT

# start: watop in a shell that reports its exit status and the terminal modes afterwards.
start() {
    starts=$((starts + 1))
    tmux_start "watop-terminal-$$-$starts" 120 40 \
        "LANG=C.UTF-8 $binary --port 0 2>$work/err; rc=\$?; modes=\$(stty -a | tr ' ' '\n' | grep -x -e echo -e icanon | sort | tr '\n' ' '); echo \"EXIT:\$rc modes: \$modes;\"; sleep 30"
    tm set -g remain-on-exit on
    for _ in $(seq 1 100); do
        url=$(screen | grep -o 'http://127.0.0.1:[0-9]*/callback' | head -n 1 || true)
        [ -n "$url" ] && return 0
        sleep 0.1
    done
    fail "the dashboard did not start: $(screen | head -3)"
}

start
esc=$'\e'
payload="%1B%5B2J%1B%5D0%3Bpwned%07%E2%80%AEevil"
curl -s -o /dev/null -g "$url?id=$payload&status=$payload&message=$payload&mobile=$payload&phone_number=$payload&whatsapp_number=$payload&error=$payload&error_code=$payload&ref=$payload&ref1=$payload&ref2=$payload&custom_response=$payload"
# Raw control characters in a form body (JSON strings may not hold them). A header cannot carry
# them (HTTP forbids it: refused with a reason), but a bidi override and a C1 control can.
code=$(curl -s -o "$work/refused" -w '%{http_code}' -H "X-Evil: ${esc}]0;pwned" --data-binary "id=x:0&status=sent" "$url")
[ "$code" = 400 ] && grep -q 'invalid character in header' "$work/refused" \
    || fail "a raw escape in a header was not refused clearly: $code $(cat "$work/refused")"
code=$(curl -s -o /dev/null -w '%{http_code}' -H $'X-Evil: \u202eevil\u009b31m' \
    --data-binary "id=form:0&status=failed&message=${esc}[2Jgone&pad=${esc}[5m" "$url")
[ "$code" = 200 ] || fail "the form callback with control characters answered $code"
wait_for '\\x1b\[2J' "the escape payload is not shown escaped in the list"
[ "$(tm display -p -t watop '#{pane_title}')" != "pwned" ] || fail "a callback changed the terminal title"
# Columns may cut the escaped form short (`\u…`), so: escaped where it starts, never raw.
screen | grep -q 'x07\\u' || fail "the bidi override is not shown escaped: $(screen | grep -m1 pwned)"
! screen | grep -q $'\u202e' || fail "a raw bidi override reached the screen: $(screen | grep -m1 $'\u202e')"
pass "escape sequences and bidi overrides in every field are drawn escaped in the list"

wait_for 'form:0' "the form callback is not listed"
keys Enter
wait_for 'Raw request' "the detail view did not open"
screen | grep -q 'X-Evil: \\u{202e}evil\\x9b31m' || fail "the header is not drawn escaped: $(screen | grep -i x-evil)"
screen | grep -q '\\x1b\[5m' || fail "the raw body is not drawn escaped: $(screen | grep -m2 pad)"
[ "$(tm display -p -t watop '#{pane_title}')" != "pwned" ] || fail "the detail view changed the terminal title"
pass "the detail view shows the raw body and headers escaped"
keys Escape

for i in $(seq 1 300); do
    tm resize-window -t watop -x $((20 + i * 7 % 160)) -y $((5 + i * 3 % 50))
done
tm resize-window -t watop -x 120 -y 40
sleep 1
first=$(screen | head -n 1)
case "$first" in " watop  callback"*) ;; *) fail "after a resize storm the header is wrong: $first" ;; esac
screen | sed -n 3p | grep -q '^┌' || fail "after a resize storm the panels are wrong: $(screen | sed -n 3p)"
screen | tail -n 1 | grep -q 'filter' || fail "after a resize storm the footer is wrong: $(screen | tail -n 1)"
longest=0
while IFS= read -r line; do [ ${#line} -gt "$longest" ] && longest=${#line}; done < <(LC_ALL=C.UTF-8 screen)
[ "$longest" -le 120 ] || fail "a line of $longest characters on a 120-column terminal after resizing"
pass "300 resizes leave a correct screen"

for signal in INT TERM HUP SEGV; do
    start
    pid=$(pgrep -n -x watop)  # by process name: the tmux server's command line holds the same text
    kill -"$signal" "$pid"
    # One line, written once the modes are read: waiting for its end never races the shell.
    wait_for 'EXIT:.*;' "watop did not exit on SIG$signal"
    screen | grep -q 'modes: echo icanon ;' || fail "SIG$signal left the terminal without echo or line editing: $(screen | grep EXIT)"
    screen | grep -q ' watop  callback' && fail "SIG$signal left the dashboard on screen"
    pass "SIG$signal gives the terminal back ($(screen | grep -o 'EXIT:[0-9]*'))"
done
echo "terminal: $PASSED passed, 0 failed"
