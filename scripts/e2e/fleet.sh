#!/usr/bin/env bash
# End-to-end: two receivers and one PostgreSQL database (`--store postgres://…`), a real
# server in a throwaway cluster. Started at once on an empty database (the schema is made once,
# under an advisory lock), each writes its share under its name and the tables hold the exact
# set; the database stopped and started again under load loses nothing acknowledged; a
# database of a newer watop stops the start, one of an older watop is brought up to date and
# keeps forward outcomes; a bad URL or password source is refused.
# Usage: scripts/e2e/fleet.sh PATH/TO/watop
set -euo pipefail
binary=${1:?usage: fleet.sh PATH/TO/watop}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/postgres.sh"
. "$here/../tmux.sh"
work=$(mktemp -d)
EAST_PID=""
WEST_PID=""
FORWARDER_PID=""
APP_PID=""
trap 'kill $EAST_PID $WEST_PID $FORWARDER_PID $APP_PID 2>/dev/null || true; tmux_stop; pg_cleanup; rm -rf "$work"' EXIT
pg_start
export WATOP_PG_PASSWORD=$PG_PASSWORD

# launch NAME: starts a receiver writing into the database, without waiting; its pid is printed.
launch() {
    "$binary" --headless --port 0 --journal "$work/$1.jsonl" --receiver-name "$1" --store "$PG_URL" \
        --store-password env:WATOP_PG_PASSWORD >"$work/$1.out" 2>"$work/$1.err" &
    echo $!
}

# url_of NAME PID: the callback URL the receiver printed, once it listens.
url_of() {
    local url
    for _ in $(seq 1 100); do
        url=$(grep -o 'http://[^ ]*' "$work/$1.err" | head -n 1 || true)
        [ -n "$url" ] && { echo "$url"; return 0; }
        kill -0 "$2" 2>/dev/null || fail "receiver $1 exited at start: $(cat "$work/$1.err")"
        sleep 0.1
    done
    fail "receiver $1 did not report a listening address: $(cat "$work/$1.err")"
}

# send URL FROM TO: callbacks FROM..TO, answers in $work/answers-URL's receiver.
send() {
    local url=$1 from=$2 to=$3 i
    for i in $(seq "$from" "$to"); do
        printf 'url = "%s?id=f%d:0&status=%s&price=0.00%d&mobile=91987%05d"\noutput = "/dev/null"\nwrite-out = "%%{http_code} %%{url}\\n"\n' \
            "$url" "$i" "$([ $((i % 4)) = 0 ] && echo failed || echo delivered)" "$((i % 10))" "$i"
        [ "$i" -lt "$to" ] && printf 'next\n'
    done >"$work/send-$from.cfg"
    curl -s -K "$work/send-$from.cfg"
}

# caught_up URL: waits until the receiver's history has no backlog and no problem.
caught_up() {
    local metrics
    for _ in $(seq 1 300); do
        metrics=$(curl -s "${1%/callback}/metrics")
        if echo "$metrics" | grep -q '^watop_history_backlog_bytes 0.0' && echo "$metrics" | grep -q '^watop_history_write_failing 0.0'; then
            return 0
        fi
        sleep 0.1
    done
    fail "the receiver at $1 did not catch up: $(echo "$metrics" | grep watop_history)"
}

# Both start at once on the empty database: one makes the schema, the other waits for it.
EAST_PID=$(launch east)
WEST_PID=$(launch west)
east=$(url_of east "$EAST_PID")
west=$(url_of west "$WEST_PID")
send "$east" 1 300 >"$work/answers-east" &
send "$west" 301 600 >"$work/answers-west"
wait
cat "$work/answers-east" "$work/answers-west" >"$work/answers"
caught_up "$east"
caught_up "$west"
[ "$(grep -c '^200 ' "$work/answers")" -eq 600 ] || fail "not every callback was answered 200: $(sort "$work/answers" | cut -c1-3 | uniq -c)"
[ "$(psql_value "SELECT count(*) FROM watop_schema")" -eq 1 ] || fail "the schema was made more than once"
totals=$(psql_value "SELECT r.name || ' ' || count(*) FROM events e JOIN receivers r USING (receiver) GROUP BY r.name ORDER BY r.name" | tr '\n' ' ')
[ "$totals" = "east 300 west 300 " ] || fail "each receiver should have written its 300 events: $totals"
figures=$(psql_value "SELECT count(DISTINCT id) || ' ' || sum(price_units * 1000000000 + price_nanos) || ' ' || count(*) FILTER (WHERE status = 'failed') FROM events")
# Prices 0.00N for N = i mod 10 over 1..600: 60 of each digit, 60 * 45 * 0.001 = 2.7 units.
[ "$figures" = "600 2700000000 150" ] || fail "the fleet's totals are not exact: $figures (ids, price in nano-units, failed)"
pass "two receivers started at once on an empty database: schema made once, 300 events each, exact totals ($figures)"

# history: the filter in PostgreSQL, the exact set; a lifecycle with its receiver and request.
failed=$("$binary" history --store "$PG_URL" --store-password env:WATOP_PG_PASSWORD status:failed --limit 100000 --format ndjson | wc -l)
[ "$failed" -eq 150 ] || fail "history status:failed over the fleet found $failed events, not 150"
west_cheap=$("$binary" history --store "$PG_URL" --store-password env:WATOP_PG_PASSWORD --receiver west 'price<0.002' --format csv --limit 100000 | tail -n +2 | wc -l)
[ "$west_cheap" -eq 60 ] || fail "history --receiver west price<0.002 found $west_cheap events, not 60"
"$binary" history --store "$PG_URL" --store-password env:WATOP_PG_PASSWORD --id f301:0 >"$work/lifecycle"
grep -q "west" "$work/lifecycle" && grep -q "GET /callback?id=f301:0" "$work/lifecycle" \
    || fail "history --id does not show the receiver and the request kept: $(cat "$work/lifecycle")"
pass "history runs the filter in PostgreSQL: the exact sets (150 failed; 60 of west's under 0.002) and a lifecycle with its request"

# attach: the dashboard over the fleet, with both receivers' totals.
tmux_start "watop-fleet-$$" 160 40 "LANG=C.UTF-8 WATOP_PG_PASSWORD=$PG_PASSWORD $binary attach --store '$PG_URL' --store-password env:WATOP_PG_PASSWORD; sleep 5"
wait_for "events 600 " "attach does not count the fleet's 600 events" 20
wait_for "receivers east [0-9.]+/s · west [0-9.]+/s" "attach does not list both receivers with their rates" 5
screen | grep -q "reported 2.7" || fail "attach does not sum the fleet's prices: $(screen | head -3)"
pass "attach shows the fleet: 600 events, both receivers with their rates, the prices summed"

# In attach, H pages back through the fleet's history, the filter run in PostgreSQL.
keys H
wait_for '┌ History  100 read · Esc back' "H in attach does not read the fleet's history" 10
screen | grep -q ' receiver ' || fail "the History view over the fleet does not name each event's receiver"
keys /
keys -l 'status:failed'
keys Enter
wait_for '┌ History  100 read · status:failed' "status:failed in the History view does not run in PostgreSQL" 10
keys G
wait_for '┌ History  150 read · status:failed' "the History view does not read the next page of failures" 10
keys G
wait_for 'no older events' "the History view does not reach the end of the fleet's failures" 10
keys Enter
wait_for 'Stored event (east|west) #' "Enter in the History view does not open the stored event" 10
wait_for 'GET /callback\?id=f[0-9]+:0' "the stored event does not show its request from PostgreSQL" 10
keys Escape
keys Escape
keys Escape
pass "attach pages back through the fleet's history: status:failed run in PostgreSQL (all 150), a stored event's request"

# The database stopped under load and started again: every callback acknowledged meanwhile is
# in the journal, and reaches the tables once the database is back.
send "$east" 601 1600 >"$work/answers2" &
sender=$!
sleep 0.5
pg_stop
for _ in $(seq 1 100); do
    curl -s "${east%/callback}/metrics" | grep -q '^watop_history_write_failing 1.0' && break
    sleep 0.1
done
curl -s "${east%/callback}/metrics" | grep -q '^watop_history_write_failing 1.0' || fail "/metrics does not say the history is failing"
for _ in $(seq 1 30); do grep -q "history: .*the journal keeps what comes" "$work/east.err" && break; sleep 0.1; done
grep -q "history: .*the journal keeps what comes" "$work/east.err" || fail "the headless log does not say the history fails: $(tail -n 3 "$work/east.err")"
wait_for "database unreachable since" "attach does not say the database is unreachable" 15
wait "$sender" || true
acked=$(grep -c '^200 ' "$work/answers2")
[ "$acked" -eq 1000 ] || fail "callbacks were refused while the database was down: $acked of 1000 answered 200"
pg_resume
caught_up "$east"
stored=$(psql_value "SELECT count(*) FROM events e JOIN receivers r USING (receiver) WHERE r.name = 'east'")
[ "$stored" -eq 1300 ] || fail "after the database came back, east has $stored events, not 300 + 1000"
for _ in $(seq 1 30); do grep -q "history: writing again" "$work/east.err" && break; sleep 0.1; done
grep -q "history: writing again" "$work/east.err" || fail "the headless log does not say the history writes again"
wait_for "events 1,600 " "attach did not catch up with the fleet after the database came back" 20
for _ in $(seq 1 50); do screen | grep -q "database unreachable" || break; sleep 0.1; done
! screen | grep -q "database unreachable" || fail "attach still says the database is unreachable"
keys q
pass "the database stopped under load: all $acked callbacks acknowledged, in the tables once it is back, and attach says so then catches up"

kill -INT "$EAST_PID" "$WEST_PID"
for pid in "$EAST_PID" "$WEST_PID"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    ! kill -0 "$pid" 2>/dev/null || fail "a receiver did not stop on SIGINT"
done
EAST_PID=""
WEST_PID=""
psql_value "UPDATE watop_schema SET version = 99" >/dev/null
if "$binary" --headless --port 0 --journal "$work/third.jsonl" --store "$PG_URL" --store-password env:WATOP_PG_PASSWORD \
    >/dev/null 2>"$work/third.err"; then
    fail "a watop started on a database of a newer schema"
fi
grep -q "schema version 99, newer than this watop" "$work/third.err" || fail "the refusal does not say why: $(cat "$work/third.err")"
pass "a database of a newer watop stops the start, saying so"

# A database of the first version (no forwards table): a receiver brings it up to date, and a
# forwarding receiver's outcomes reach it.
psql_value "DELETE FROM watop_schema; INSERT INTO watop_schema VALUES (1); DROP TABLE forwards" >/dev/null
if "$binary" history --store "$PG_URL" --store-password env:WATOP_PG_PASSWORD >/dev/null 2>"$work/older.err"; then
    fail "history read a database of an older schema"
fi
grep -q "schema version 1, older than this watop" "$work/older.err" || fail "history on an older schema: $(cat "$work/older.err")"
start_app
mode status:503
"$binary" --headless --port 0 --journal "$work/forwarder.jsonl" --receiver-name forwarder --store "$PG_URL" \
    --store-password env:WATOP_PG_PASSWORD --forward-to "http://127.0.0.1:$APP_PORT/" >"$work/forwarder.out" 2>"$work/forwarder.err" &
FORWARDER_PID=$!
forwarder=$(url_of forwarder "$FORWARDER_PID")
curl -s -o /dev/null "$forwarder?id=pgf1:0&status=sent"
for _ in $(seq 1 100); do [ "$(psql_value "SELECT count(*) FROM forwards")" = 1 ] && break; sleep 0.1; done
[ "$(psql_value "SELECT max(version) FROM watop_schema")" -gt 1 ] || fail "the receiver did not bring the schema up to date"
[ "$(psql_value "SELECT state || ' ' || status FROM forwards")" = "refused 503" ] \
    || fail "the forwards table holds: $(psql_value "SELECT * FROM forwards")"
"$binary" history --store "$PG_URL" --store-password env:WATOP_PG_PASSWORD --id pgf1:0 >"$work/pgf1"
grep -q '→ app: refused 503, [0-9.]* ms, 1 attempt' "$work/pgf1" || fail "history --id does not show the app's 503: $(cat "$work/pgf1")"
[ "$("$binary" history --store "$PG_URL" --store-password env:WATOP_PG_PASSWORD --format csv fwd:5xx | tail -n +2 | wc -l)" -eq 1 ] \
    || fail "history fwd:5xx in PostgreSQL did not find the one refused request"
kill -INT "$FORWARDER_PID"
FORWARDER_PID=""
pass "a database of an older watop is brought up to date at start; a forwarded request's 503 is kept and searched with fwd:5xx"

"$binary" --headless --port 0 --journal "$work/x.jsonl" --store "postgres://watop:pw@127.0.0.1/watop" >/dev/null 2>"$work/bad1" \
    && fail "a password in the URL was taken"
grep -q "store-password" "$work/bad1" || fail "a password in the URL: $(cat "$work/bad1")"
"$binary" --headless --port 0 --journal "$work/x.jsonl" --store "$PG_URL" --store-password env:WATOP_NO_SUCH_VARIABLE \
    >/dev/null 2>"$work/bad2" && fail "an unset password variable was taken"
grep -q "WATOP_NO_SUCH_VARIABLE" "$work/bad2" || fail "an unset password variable: $(cat "$work/bad2")"
"$binary" --headless --port 0 --store "$PG_URL" >/dev/null 2>"$work/bad3" && fail "a PostgreSQL store without a journal was taken"
grep -q "needs --journal" "$work/bad3" || fail "a PostgreSQL store without a journal: $(cat "$work/bad3")"
pass "a password in the URL, an unset password variable and a missing journal stop the start"
echo "fleet: $PASSED checks passed"
