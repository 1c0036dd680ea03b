#!/usr/bin/env bash
# End-to-end: the SQLite history (`--store`). Every callback acknowledged is in the database,
# also when watop is killed with SIGKILL under load and started again (the start catches the
# database up from the journal); `watop store rebuild` makes the same rows anew; the summary
# and /metrics say how far the database is; forwarded requests keep the app's answer; a bad
# --store stops the start; the dashboard (in tmux) pages back past its buffer into the
# database, filters there, and shows a stored event's request as kept.
# Usage: scripts/e2e/history.sh PATH/TO/watop
set -euo pipefail
binary=${1:?usage: history.sh PATH/TO/watop}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
headless_workdir
store="$work/history.sqlite"
journal="$work/history.journal.jsonl"

# sql QUERY: one value from the database, read as any SQLite client would.
sql() { sqlite3 -readonly "$store" "$1"; }

start_headless "$binary" "$work/out" "$work/err" --store "$store" --fsync always
url=$WATOP_URL
[ -f "$journal" ] || fail "--store without --journal did not keep its journal beside the database"
total=6000
kill_under_load "$url?id=h{i}:0&status=delivered&price=0.01&mobile=91980000{i}" $total 1
acked=$(wc -l <"$work/acked")
[ "$acked" -gt 0 ] || fail "no callback was acknowledged before the kill"
[ "$acked" -lt $total ] || fail "the kill came after the load ended: all $acked were answered"

# The restart catches the database up from the journal before anything new arrives.
start_headless "$binary" "$work/out2" "$work/err2" --store "$store"
for _ in $(seq 1 100); do
    backlog=$(curl -s "${WATOP_URL%/callback}/metrics" | awk '/^watop_history_backlog_bytes /{print $2}')
    [ "$backlog" = "0.0" ] && break
    sleep 0.1
done
[ "$backlog" = "0.0" ] || fail "the database did not catch up with the journal: $backlog bytes behind"
sql "SELECT substr(id, 1, instr(id, ':') - 1) FROM events" | sort -u >"$work/stored"
missing=$(comm -23 "$work/acked" "$work/stored" | wc -l)
[ "$missing" -eq 0 ] || fail "$missing acknowledged callbacks are missing from the database"
rows=$(sql "SELECT count(*) FROM events")
lines=$(cat "$journal".[0-9]* "$journal" 2>/dev/null | wc -l)
[ "$rows" -eq "$lines" ] || fail "the database has $rows events, the journal $lines lines"
pass "killed with SIGKILL under load, restarted: all $acked acknowledged callbacks are in the database ($rows rows, one per journal line)"

for i in 1 2 3; do curl -s -o /dev/null "$WATOP_URL?id=late$i:0&status=read"; done
stop_and_wait "$WATOP_PID"
summary=$(tail -n 1 "$work/out2")
echo "$summary" | grep -q '"history":{"events_written":[0-9]*,"backlog_lines":0,"backlog_bytes":0' \
    || fail "the summary does not say the history caught up: $summary"
[ "$(sql "SELECT count(*) FROM events WHERE id LIKE 'late%'")" -eq 3 ] || fail "callbacks taken after the restart are not stored"
[ "$(sql "PRAGMA auto_vacuum")" -eq 2 ] || fail "the database was not created with incremental vacuum"
[ "$(stat -c %a "$store")" = 600 ] || fail "the database is readable by others: $(stat -c %a "$store")"
pass "a clean stop writes everything; the summary reports the history; the file is 0600 with incremental vacuum"

before=$(sql "SELECT count(*) || ' ' || sum(price_nanos) FROM events")
"$binary" store rebuild --store "$store" >"$work/rebuild" 2>&1 || fail "store rebuild failed: $(cat "$work/rebuild")"
after=$(sql "SELECT count(*) || ' ' || sum(price_nanos) FROM events")
[ "$before" = "$after" ] || fail "store rebuild changed the rows: $before, then $after"
grep -q "rebuilt .* $rows\|rebuilt .* $((rows + 3)) events" "$work/rebuild" || fail "store rebuild did not say what it wrote: $(cat "$work/rebuild")"
pass "store rebuild makes the same rows anew ($after)"

start_headless "$binary" "$work/out3" "$work/err3" --store "$store"
# watop history reads the database read-only, beside the watop that writes it.
found=$("$binary" history --store "$store" --limit 100000 --format ndjson | wc -l)
[ "$found" -eq "$(sql "SELECT count(*) FROM events")" ] || fail "history without a filter found $found events, the database holds $(sql "SELECT count(*) FROM events")"
late=$("$binary" history --store "$store" --format csv 'id:late*' status:read | tail -n +2 | wc -l)
[ "$late" -eq 3 ] || fail "history id:late* status:read found $late events, not 3"
"$binary" history --store "$store" --id late1:0 >"$work/lifecycle"
grep -q '^ *GET /callback?id=late1:0&status=read' "$work/lifecycle" || fail "history --id does not show the request kept: $(cat "$work/lifecycle")"
if "$binary" history --store "$store" stuck: >/dev/null 2>"$work/stuck"; then fail "history ran stuck:, which the database cannot answer"; else status=$?; fi
[ "$status" -eq 2 ] && grep -q "stuck:" "$work/stuck" || fail "history stuck: exited $status: $(cat "$work/stuck")"
pass "history beside a running watop: every event, a filter's exact set, a lifecycle with its request; stuck: refused with exit 2"
"$binary" store rebuild --store "$store" >"$work/busy" 2>&1 && fail "store rebuild ran beside a running watop"
grep -q "in use by a running watop" "$work/busy" || fail "store rebuild beside a running watop said: $(cat "$work/busy")"
stop_and_wait "$WATOP_PID"
pass "store rebuild refuses a journal a running watop writes"

# Forwarding: what became of each request at the app is kept beside it.
start_app
forwarded="$work/forwarded.sqlite"
start_headless "$binary" "$work/out4" "$work/err4" --store "$forwarded" --forward-to "http://127.0.0.1:$APP_PORT/"
curl -s -o /dev/null "$WATOP_URL?id=fwd1:0&status=sent"
mode status:500
curl -s -o /dev/null "$WATOP_URL?id=fwd2:0&status=sent"
stop_and_wait "$WATOP_PID"
kill "$APP_PID" 2>/dev/null || true
[ "$(sqlite3 -readonly "$forwarded" "SELECT group_concat(state || ' ' || status, ', ') FROM forwards ORDER BY position")" = "ok 200, refused 500" ] \
    || fail "the forwards table holds: $(sqlite3 -readonly "$forwarded" "SELECT * FROM forwards")"
"$binary" history --store "$forwarded" --id fwd1:0 --format ndjson >"$work/fwd1"
grep -q '^{"type":"forward","id":"fwd1:0","receiver":"[^"]*","attempt":1,"outcome":"ok","status":200,' "$work/fwd1" \
    || fail "history --id fwd1:0 does not show the app's 200: $(cat "$work/fwd1")"
"$binary" history --store "$forwarded" --id fwd2:0 >"$work/fwd2"
grep -q '→ app: refused 500, [0-9.]* ms, 1 attempt' "$work/fwd2" || fail "history --id fwd2:0 does not show the app's 500: $(cat "$work/fwd2")"
[ "$("$binary" history --store "$forwarded" --format csv fwd:5xx | tail -n +2 | cut -d, -f7)" = fwd2:0 ] \
    || fail "history fwd:5xx did not find fwd2 alone: $("$binary" history --store "$forwarded" fwd:5xx)"
[ "$("$binary" history --store "$forwarded" --format csv -- -fwd:failed | tail -n +2 | cut -d, -f7)" = fwd1:0 ] \
    || fail "history -fwd:failed did not find fwd1 alone"
pass "forwarded requests keep their outcome in the history: ok 200 and refused 500, shown by history --id, searched by fwd:"

if "$binary" --headless --port 0 --store "postgres://nobody@127.0.0.1:1/none" >/dev/null 2>"$work/bad"; then
    fail "an unusable --store did not stop the start"
fi
grep -q "postgres://nobody@127.0.0.1:1/none" "$work/bad" || fail "the error does not name the bad --store: $(cat "$work/bad")"
echo 'not a database' >"$work/junk.sqlite"
if "$binary" --headless --port 0 --store "$work/junk.sqlite" >/dev/null 2>"$work/junk"; then
    fail "a file that is no database did not stop the start"
fi
grep -q "junk.sqlite" "$work/junk" || fail "the error does not name the file: $(cat "$work/junk")"
pass "a --store that can't be used stops the start with its name"
# The dashboard pages back into the database: a buffer of 50, 200 callbacks, every tenth
# failed, the newest a JSON body longer than the 32 bytes the store keeps.
command -v tmux >/dev/null || fail "tmux is not installed (apt-get install tmux)"
. "$here/../tmux.sh"
trap 'tmux_stop; kill $WATOP_PID 2>/dev/null || true; rm -rf "$work"' EXIT
paged="$work/paged.sqlite"
absolute=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
tmux_start "watop-history-$$" 120 40 \
    "TERM=tmux-256color LANG=C.UTF-8 '$absolute' --port 0 --buffer 50 --store '$paged' --store-body 32; sleep 60"
wait_for 'callback http://[^ ]+' "the dashboard starts with --store"
url=$(screen | grep -Eo 'callback http://[^ ]+' | head -n 1 | cut -d' ' -f2)
for i in $(seq 1 199); do
    status=sent
    [ $((i % 10)) -eq 0 ] && status=failed
    curl -s -o /dev/null "$url?id=page$i:0&status=$status&mobile=9198000$(printf %05d "$i")"
done
body='{"id": "page200:0", "status": "failed", "mobile": "919800000200", "error_code": "131026"}'
curl -s -o /dev/null -H 'Content-Type: application/json' --data "$body" "$url"
for _ in $(seq 1 100); do
    [ "$(sqlite3 -readonly "$paged" "SELECT count(*) FROM events" 2>/dev/null)" = 200 ] && break
    sleep 0.1
done
[ "$(sqlite3 -readonly "$paged" "SELECT count(*) FROM events")" = 200 ] || fail "the 200 callbacks did not all reach the database"
wait_for '50 in buffer' "the buffer holds its 50"

# history_rows: the rows of the History box, one per event.
history_rows() { screen | sed -n '/┌ History/,$p' | grep -E '^│[0-9]{4}-[0-9]{2}-[0-9]{2} ' || true; }
keys G
# One run in three the first key after the burst of callbacks went unseen (the screen kept the
# top of the list): G is pressed again once before the check fails.
for _ in $(seq 1 30); do screen | grep -q 'held, 49 newer above' && break; sleep 0.1; done
screen | grep -q 'held, 49 newer above' || keys G
wait_for 'held, 49 newer above' "G selects the oldest buffered event"
keys Down
wait_for '┌ History' "moving down past the oldest buffered event opens the History view"
wait_for 'page150:0 ' "the History view shows the event just older than the buffer"
pass "moving past the oldest of 50 buffered events pages back into the database"
keys Escape
keys H
wait_for '┌ History  100 read · Esc back' "H reads the newest page of the history"
keys G
wait_for '┌ History  200 read' "nearing the end reads the next page"
keys G
wait_for 'no older events' "the end of the history says so"
history_rows | grep -q 'page1:0 ' || fail "the oldest callback is not in the History view: $(history_rows)"
pass "H pages back through all 200 stored events, past the buffer, to 'no older events'"

keys /
keys -l 'status:failed'
keys Enter
wait_for '┌ History  20 read · status:failed' "the filter runs in the database"
rows=$(history_rows)
[ "$(printf '%s\n' "$rows" | grep -c .)" -eq 20 ] || fail "expected 20 stored failures, the view shows: $rows"
printf '%s\n' "$rows" | grep -v ' failed ' && fail "a row that is not failed is listed under status:failed"
pass "status:failed in the History view lists the 20 stored failures, and only them"
keys Enter
wait_for 'Stored event' "Enter opens the stored event"
wait_for 'body cut at 32 of [0-9]+ bytes' "the stored event says its body was cut"
wait_for 'POST /callback' "the stored event shows its raw request"
pass "a stored event shows its request as kept, the body cut at --store-body"
keys Escape
keys q
tmux_stop
echo "history: $PASSED checks passed"
