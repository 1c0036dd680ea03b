#!/usr/bin/env bash
# End-to-end: alert rules in the real `watop --headless`. A burst of failures fires a share
# rule (a headless line, /metrics, --on-alert), which resolves once the failures have left
# its window; bad rules, files and commands stop the start; in the dashboard (tmux) a rule
# shows as a banner and in the A view.
# Usage: scripts/e2e/alerts.sh PATH/TO/watop
set -euo pipefail
binary=${1:?usage: alerts.sh PATH/TO/watop}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
headless_workdir

# The hook keeps what it was given (stdin, its argument, the environment it saw), then fails
# on purpose: watop reports that and goes on.
cat >"$work/hook.sh" <<'HOOK'
#!/bin/sh
line=$(cat)
echo "$line|arg=$1|state=$WATOP_ALERT_STATE|secret=${E2E_SECRET:-unset}|tty=$( (: </dev/tty) 2>/dev/null && echo yes || echo none)" >>"$(dirname "$0")/hook.log"
echo "hook failed on purpose" >&2
exit 3
HOOK
chmod +x "$work/hook.sh"
# min 10: the rule can hold only once all ten callbacks below are in, so the figure it fires
# with is theirs (40%), not that of a check between two of them.
rule='status:failed share>20% over 4s min 10'
export E2E_SECRET=hunter2
# watop runs with E2E_SECRET in its environment: the hook must not see it.
start_headless "$binary" "$work/out" "$work/err" --alert "$rule" --on-alert "'$work/hook.sh' 'first arg'"
base=${WATOP_URL%/callback}

send() {
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' "$WATOP_URL?id=$1&status=$2&mobile=919800000001&whatsapp_number=918000000001&timestamp=$(date +%s)")
    [ "$code" = 200 ] || fail "callback $1 answered $code"
}
# Waits up to $2 seconds for a line of the output matching $1.
wait_line() {
    for _ in $(seq 1 $(($2 * 10))); do
        grep -q -- "$1" "$work/out" && return 0
        sleep 0.1
    done
    fail "no line matching $1 after $2 s: $(grep '"type"' "$work/out" || true)"
}
for index in $(seq 1 6); do send "ok-$index:0" delivered; done
for index in $(seq 1 4); do send "bad-$index:0" failed; done
wait_line '"type":"alert".*"state":"firing"' 5
grep '"type":"alert"' "$work/out" | head -n 1 | grep -q "\"rule\":\"$rule\"" || fail "the firing line does not name the rule"
grep '"type":"alert"' "$work/out" | head -n 1 | grep -q '"value":40,"unit":"%"' || fail "the firing line does not say 40%"
metric=$(curl -s "$base/metrics" | grep '^watop_alert_firing{' || true)
[ "${metric##* }" = 1.0 ] || fail "watop_alert_firing is not 1 while firing: $metric"
pass "4 failures of 10 fire '$rule' once: a headless alert line, watop_alert_firing 1"

wait_line '"type":"alert".*"state":"resolved"' 15
[ "$(grep -c '"type":"alert"' "$work/out")" -eq 2 ] || fail "expected one firing and one resolved line: $(grep '"type":"alert"' "$work/out")"
metric=$(curl -s "$base/metrics" | grep '^watop_alert_firing{' || true)
[ "${metric##* }" = 0.0 ] || fail "watop_alert_firing is not 0 once resolved: $metric"
pass "the rule resolves once the failures have left its window for a whole window"

for _ in $(seq 1 50); do [ "$(wc -l <"$work/hook.log" 2>/dev/null || echo 0)" -ge 2 ] && break; sleep 0.1; done
[ "$(wc -l <"$work/hook.log")" -eq 2 ] || fail "--on-alert ran $(wc -l <"$work/hook.log") times, not 2"
head -n 1 "$work/hook.log" | grep -q '^{"type":"alert".*"state":"firing".*|arg=first arg|state=firing|' || fail "the hook's first run: $(head -n 1 "$work/hook.log")"
sed -n 2p "$work/hook.log" | grep -q '"state":"resolved".*|state=resolved|' || fail "the hook's second run: $(cat "$work/hook.log")"
grep -q 'secret=hunter2' "$work/hook.log" && fail "the hook saw watop's environment"
grep -q 'tty=none' "$work/hook.log" || fail "the hook had a terminal: $(cat "$work/hook.log")"
grep -q 'exited with 3: hook failed on purpose' "$work/err" || fail "the hook's failure was not reported: $(cat "$work/err")"
kill -0 "$WATOP_PID" || fail "watop ended after the hook failed"
pass "--on-alert gets both changes as JSON on stdin, its words unsplit by a shell, no inherited environment, no terminal; its failure is reported"

stop_and_wait "$WATOP_PID"
[ "$EXIT_STATUS" -eq 0 ] || fail "watop exited $EXIT_STATUS"
grep -c '^{"seq":' "$work/out" | grep -qx 10 || fail "the 10 events did not keep their shape"

# Refused at start, each with what is wrong.
refused() {
    local expected=$1
    shift
    if "$binary" --headless --port 0 "$@" >"$work/refused.out" 2>"$work/refused.err"; then
        fail "watop started with $*"
    fi
    grep -q -- "$expected" "$work/refused.err" || fail "for $*: expected '$expected', got: $(cat "$work/refused.err")"
}
refused 'at column 23: expected over DURATION' --alert 'status:failed share>5%'
refused 'unknown refusal reason "nope"' --alert 'rejected:nope count>0 over 1m'
refused "alerts $work/missing.toml: cannot be read" --alerts "$work/missing.toml"
printf '[[alert]]\nrule = "silence>"\n' >"$work/bad.toml"
refused "alerts $work/bad.toml: alert rule \"silence>\": at column 9" --alerts "$work/bad.toml"
refused 'unclosed' --alert 'silence>3m' --on-alert "notify 'oops"
refused 'needs at least one rule' --on-alert true
pass "a bad rule, an unreadable alerts file and an unreadable --on-alert stop the start, saying where"

printf '[[alert]]\nrule = "silence>1s"\n' >"$work/alerts.toml"
start_headless "$binary" "$work/out2" "$work/err2" --alerts "$work/alerts.toml"
for _ in $(seq 1 40); do grep -q '"rule":"silence>1s","state":"firing"' "$work/out2" && break; sleep 0.1; done
grep -q '"rule":"silence>1s","state":"firing"' "$work/out2" || fail "silence>1s from --alerts did not fire"
send quiet-1:0 sent
for _ in $(seq 1 30); do grep -q '"rule":"silence>1s","state":"resolved"' "$work/out2" && break; sleep 0.1; done
grep -q '"rule":"silence>1s","state":"resolved"' "$work/out2" || fail "silence>1s did not resolve with a callback"
stop_and_wait "$WATOP_PID"
pass "rules from an --alerts file; silence fires without callbacks and resolves with the next"

# The dashboard: the banner names the firing rule with its figure, A lists every rule.
. "$here/../tmux.sh"
trap 'tmux_stop; kill $WATOP_PID 2>/dev/null || true; rm -rf "$work"' EXIT
tmux_start "watop-alerts-$$" 120 40 \
    "TERM=tmux-256color LANG=C.UTF-8 '$binary' --port 0 --alert 'status:failed count>0 over 1m' --alert 'silence>1h'; sleep 30"
wait_for 'callback http://[^ ]+' "the dashboard starts"
WATOP_URL=$(screen | grep -Eo 'http://127.0.0.1:[0-9]+/callback' | head -n 1)
send dashboard-1:0 failed
wait_for 'ALERT 1 status:failed count>0 over 1m' "the header names the firing rule and its figure" 5
keys A
wait_for 'FIRING +1 ' "A lists the firing rule with its figure"
screen | grep -Eq 'ok +[0-9]+s +never +silence>1h' || fail "A does not list the quiet rule: $(screen)"
keys Escape
wait_for 'Events' "Esc goes back to the dashboard"
pass "the dashboard's banner names the firing rule and its figure; A lists every rule with its state"
echo "alerts: $PASSED checks passed"
