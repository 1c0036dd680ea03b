# Shared helpers for the end-to-end scripts: start watop on a free port, fail loudly.
# Sourced, not run.

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# headless_workdir: a scratch folder in $work, removed, with the watop in $WATOP_PID
# stopped, when the script exits.
headless_workdir() {
    work=$(mktemp -d)
    WATOP_PID=""
    trap 'kill $WATOP_PID 2>/dev/null || true; rm -rf "$work"' EXIT
}

PASSED=0
pass() {
    PASSED=$((PASSED + 1))
    echo "ok - $*"
}

# start_headless BINARY OUT ERR [ARGS...]: starts `watop --headless --port 0`, waits until it
# listens, and sets WATOP_PID and WATOP_URL (the callback URL it printed).
start_headless() {
    local binary=$1 out=$2 err=$3
    shift 3
    : >"$err"
    "$binary" --headless --port 0 "$@" >"$out" 2>"$err" &
    WATOP_PID=$!
    WATOP_URL=""
    for _ in $(seq 1 100); do
        WATOP_URL=$(grep -o 'https\?://[^ ]*' "$err" | head -n 1 || true)
        [ -n "$WATOP_URL" ] && return 0
        kill -0 "$WATOP_PID" 2>/dev/null || fail "watop exited at start: $(cat "$err")"
        sleep 0.1
    done
    fail "watop did not report a listening address: $(cat "$err")"
}

# stop_and_wait PID: SIGINT, then sets EXIT_STATUS to the process's exit status.
stop_and_wait() {
    kill -INT "$1"
    EXIT_STATUS=0
    wait "$1" || EXIT_STATUS=$?
}

# The app of the forwarding tests (upstream.py), in $work/app.
# start_app [PORT]: on PORT, or a free port; sets APP_PID and APP_PORT.
start_app() {
    mkdir -p "$work/app"
    rm -f "$work/app/port"
    python3 "$(dirname "${BASH_SOURCE[0]}")/upstream.py" "$work/app" "${1:-0}" &
    APP_PID=$!
    for _ in $(seq 1 100); do
        [ -s "$work/app/port" ] && break
        sleep 0.05
    done
    [ -s "$work/app/port" ] || fail "the app did not start"
    APP_PORT=$(cat "$work/app/port")
}
# mode MODE: how the app answers from now on (see upstream.py).
mode() { echo "$1" >"$work/app/mode"; }
# app_requests: how many requests the app has been sent.
app_requests() { wc -l <"$work/app/requests.jsonl" 2>/dev/null || echo 0; }

# kill_under_load URL COUNT SECONDS: sends COUNT callbacks with curl, one after another, each to
# URL with `{i}` replaced by its number, and kills the watop in $WATOP_PID with SIGKILL after
# SECONDS. The ids (up to their `:`) of the callbacks answered 200 are left in $work/acked, sorted.
kill_under_load() {
    local url=$1 count=$2 seconds=$3 i curl_pid
    for i in $(seq 1 "$count"); do
        printf 'url = "%s"\noutput = "/dev/null"\nwrite-out = "%%{http_code} %%{url}\\n"\n' "${url//\{i\}/$i}"
        [ "$i" -lt "$count" ] && printf 'next\n'
    done >"$work/curl.cfg"
    curl -s -K "$work/curl.cfg" >"$work/answers" 2>/dev/null &
    curl_pid=$!
    sleep "$seconds"
    kill -9 "$WATOP_PID"
    wait "$WATOP_PID" 2>/dev/null || true
    wait "$curl_pid" 2>/dev/null || true
    grep '^200 ' "$work/answers" | grep -o 'id=[^:&]*' | cut -d= -f2 | sort -u >"$work/acked"
}
