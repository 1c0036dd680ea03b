#!/usr/bin/env bash
# Side-by-side benchmark in one run: nginx answering a static 200 (the reference), a bare
# SwiftNIO server answering a fixed 200 (the floor of watop's HTTP stack), watop headless,
# and watop with its dashboard live inside tmux, under the same wrk load with
# realistic Kaleyra callbacks. All four serve at once and are measured in turn, round after
# round. Prints medians, latencies and the ratio to nginx, then checks that watop accepted
# every callback wrk saw answered 2xx. Then memory per event and the dashboard's idle CPU.
# `floor` separates what watop's work costs from what its memory costs: headless as usual
# beside headless with a working set that fits in cache, GET keep-alive only.
# `forward` sets watop forwarding to an app (nginx answering 200) beside nginx proxying to the
# same app with upstream keep-alive; `tls` sets watop serving HTTPS beside nginx with the same
# certificate; `queue` sets watop's intake in queue mode beside the same with --journal and no
# forwarding, then times the drain of a backlog to the app.
#
# `resume` times a start with --resume on journals of 1M and 10M callbacks, with and without
# the checkpoint.
#
# `store` sets watop's intake with the SQLite history (--journal --store) beside --journal
# alone, each round waiting for the history to catch up before the next target runs; then times
# `watop store rebuild` over a journal of 1M callbacks: the history's sustained write rate.
#
# `fleet` times `watop store rebuild` into PostgreSQL (a throwaway cluster of Debian's server)
# over the same journal, beside the same into SQLite: one receiver's sustained write rate; then
# grows the tables to 10,000,000 events and times `watop attach`'s load and frame over them.
#
# `baseline` sets watop headless beside an older build of itself (BENCH_BASELINE: the path of
# its binary), the two measured in turn within each round: what the changes since cost the
# intake, as CPU per callback.
#
# Usage: scripts/bench.sh [all|throughput|memory|idle|floor|forward|tls|queue|resume|store|fleet|baseline]
# Environment: BENCH_SECONDS (5), BENCH_WARMUP (2), BENCH_REPEATS (5 rounds), BENCH_CONNECTIONS (32).
set -euo pipefail
cd "$(dirname "$0")/.."
section=${1:-all}
seconds=${BENCH_SECONDS:-5}
warmup=${BENCH_WARMUP:-2}
repeats=${BENCH_REPEATS:-5}
connections=${BENCH_CONNECTIONS:-32}
lua=scripts/bench
. scripts/tmux.sh

for tool in wrk tmux curl openssl; do
    command -v "$tool" >/dev/null || { echo "bench.sh needs $tool: see Benchmarks/README.md for the setup line" >&2; exit 2; }
done
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "bench.sh needs nginx: see Benchmarks/README.md" >&2; exit 2; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

swift build -c release --product watop >/dev/null
swift build -c release --product watop-nio-reference >/dev/null
watop=$(swift build -c release --show-bin-path)/watop
nio_reference=$(swift build -c release --show-bin-path)/watop-nio-reference

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    tmux_stop
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    local port
    for port in $(seq 21000 21999); do
        (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo "$port"; return; }
    done
    echo "no free port" >&2
    exit 1
}

static_answer="location / { return 200 '{\"ok\":true}\\n'; }"

wait_for_port() {
    for _ in $(seq 1 100); do
        (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing listens on port $1" >&2
    exit 1
}

# The scheme each target is spoken to with; http unless set.
declare -A scheme_of
accepted() { curl -sk "${SCHEME:-http}://127.0.0.1:$1/healthz" | grep -o '"accepted":[0-9]*' | cut -d: -f2; }

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# CPU ticks (user + system, every thread) of the processes serving: SERVER_PIDS.
server_ticks() {
    local pid total=0
    for pid in $SERVER_PIDS; do total=$((total + $(cpu_ticks "$pid"))); done
    echo "$total"
}

# start_nginx PORT [NAME LISTEN-OPTIONS SERVER-BODY HTTP-EXTRA]: nginx with one worker; by
# default answering a static 200 on every path.
start_nginx() {
    local port=$1 name=${2:-nginx} listen=${3:-} body=${4:-$static_answer} extra=${5:-}
    cat >"$work/$name.conf" <<CONF
worker_processes 1;
daemon off;
error_log $work/$name-error.log;
pid $work/$name.pid;
events { worker_connections 8192; }
http {
    access_log off;
    keepalive_requests 100000000;
    client_body_buffer_size 64k;
    $extra
    server {
        listen 127.0.0.1:$port reuseport backlog=4096 $listen;
        $body
    }
}
CONF
    "$nginx_bin" -c "$work/$name.conf" &
    pids+=($!)
    wait_for_port "$port"
    # The master only supervises; its one worker serves.
    SERVER_PIDS="$(pgrep -P "${pids[-1]}" | tr '\n' ' ')"
}

# start_headless PORT [OPTION...]: watop headless; WATOP_BINARY names another build of it.
start_headless() {
    local port=$1
    shift
    "${WATOP_BINARY:-$watop}" --headless --port "$port" "$@" >/dev/null 2>"$work/headless.log" &
    WATOP_PID=$!
    pids+=("$WATOP_PID")
    SERVER_PIDS=$WATOP_PID
    wait_for_port "$port"
}

start_dashboard() {
    local port=$1
    tmux_start "watop-bench-$$" 160 48 "$watop --port $port --fps 10 2>$work/dashboard.log"
    wait_for_port "$port"
    # The watop process itself: the tmux server and the shell it starts carry the same command line.
    WATOP_PID=$(pgrep -f "^$watop --port $port --fps 10" | head -n 1)
    SERVER_PIDS=$WATOP_PID
}

# run_wrk PORT SCRIPT SECONDS: prints "rps p50 p99 total non2xx cpu wrkcpu", where cpu is the
# server's CPU time per request in µs (SERVER_PIDS, all threads): unlike requests/s, it does not
# move when the load generator or a neighbour takes the CPU, so it shows what a change costs.
# wrkcpu is wrk's own CPU time per request: wrk shares the machine's cores with the server, so
# what it takes decides how much CPU is left for the server.
run_wrk() {
    local out before after wrk_cpu TIMEFORMAT='%U %S'
    before=$(server_ticks)
    out=$( { time wrk -t1 -c"$connections" -d"$3"s --latency -s "$lua/$2" "${SCHEME:-http}://127.0.0.1:$1/callback"; } 2>"$work/wrk.time")
    after=$(server_ticks)
    wrk_cpu=$(tail -n 1 "$work/wrk.time")
    local rps p50 p99 total bad
    rps=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    total=$(echo "$out" | awk '/requests in/ {print $1}')
    bad=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    echo "$rps $p50 $p99 $total ${bad:-0}" \
        "$(echo "$before $after $total $(getconf CLK_TCK)" | awk '{printf "%.1f", ($2 - $1) / $4 / $3 * 1e6}')" \
        "$(echo "$wrk_cpu $total" | awk '{printf "%.1f", ($1 + $2) / $3 * 1e6}')"
}

median() { tr ' ' '\n' | sort -g | awk 'NF {v[++n] = $1} END {print v[int((n + 1) / 2)]}'; }

declare -A result_rps result_p50 result_p99 result_cpu result_cpu_rounds result_wrk_cpu result_check
loads=("get-keepalive:get.lua" "post-keepalive:post.lua" "get-close:close.lua")

targets=(nginx swiftnio headless dashboard)
# The target every other is set beside.
reference=nginx
declare -A port_of pids_of result_ratio

# The reference of each load: nginx under the same load, but POST is compared with nginx's GET,
# as the targets are stated.
reference_load() { if [ "$1" = post-keepalive ]; then echo get-keepalive; else echo "$1"; fi; }

# measure: every load against every target, in rounds. Each round runs every load against
# every target once, one after another, so that a noisy spell of the machine falls on all of
# them rather than on whichever target happened to be measured then; a target's ratio to nginx
# is the median of its ratios within each round. watop's targets also have their accepted
# count compared with the 2xx responses wrk saw.
measure() {
    local round target entry load script line port check before after
    declare -A runs lines cpus wrk_cpus lost round_rps
    for entry in "${loads[@]}"; do
        for target in "${targets[@]}"; do
            SERVER_PIDS=${pids_of[$target]}
            SCHEME=${scheme_of[$target]:-http}
            run_wrk "${port_of[$target]}" "${entry#*:}" "$warmup" >/dev/null
        done
    done
    for round in $(seq 1 "$repeats"); do
        for entry in "${loads[@]}"; do
            load=${entry%%:*}
            script=${entry#*:}
            for target in "${targets[@]}"; do
                port=${port_of[$target]}
                check=no
                SERVER_PIDS=${pids_of[$target]}
                SCHEME=${scheme_of[$target]:-http}
                case $target in headless* | baseline | dashboard | forward | journaled | queued | stored) check=yes ;; esac
                [ "$check" = yes ] && before=$(accepted "$port")
                line=$(run_wrk "$port" "$script" "$seconds")
                lines[$target/$load]+="$line"$'\n'
                runs[$target/$load]+="$(echo "$line" | cut -d' ' -f1) "
                cpus[$target/$load]+="$(echo "$line" | cut -d' ' -f6) "
                wrk_cpus[$target/$load]+="$(echo "$line" | cut -d' ' -f7) "
                round_rps[$target/$load/$round]=$(echo "$line" | cut -d' ' -f1)
                settle "$target" "$port"
                if [ "$check" = yes ]; then
                    sleep 0.3
                    after=$(accepted "$port")
                    read -r _ _ _ total bad _ <<<"$line"
                    # wrk stops with up to one request in flight per connection: those are
                    # accepted by watop but not counted by wrk. Fewer accepted would be a loss.
                    local extra=$((after - before - (total - bad)))
                    if [ "$extra" -lt 0 ] || [ "$extra" -gt "$connections" ]; then
                        lost[$target/$load]="MISMATCH accepted $((after - before)) vs 2xx $((total - bad))"
                    fi
                fi
            done
        done
    done
    for entry in "${loads[@]}"; do
        load=${entry%%:*}
        for target in "${targets[@]}"; do
            local key=$target/$load med ratios=""
            med=$(echo "${runs[$key]}" | median)
            while read -r line; do
                if [ -n "$line" ] && [ "$(echo "$line" | cut -d' ' -f1)" = "$med" ]; then
                    result_p50[$key]=$(echo "$line" | cut -d' ' -f2)
                    result_p99[$key]=$(echo "$line" | cut -d' ' -f3)
                fi
            done <<<"${lines[$key]}"
            for round in $(seq 1 "$repeats"); do
                ratios+="$(echo "${round_rps[$key/$round]} ${round_rps[$reference/$(reference_load "$load")/$round]}" |
                    awk '{printf "%.4f", $1 / $2}') "
            done
            result_rps[$key]=$med
            result_ratio[$key]=$(echo "$ratios" | median)
            result_cpu[$key]=$(echo "${cpus[$key]}" | median)
            result_cpu_rounds[$key]=${cpus[$key]}
            result_wrk_cpu[$key]=$(echo "${wrk_cpus[$key]}" | median)
            case $target in
                headless* | baseline | dashboard | forward | journaled | queued | stored) result_check[$key]=${lost[$key]:-"ok: accepted = 2xx (+ in-flight)"} ;;
                *) result_check[$key]="reference" ;;
            esac
            echo "  $target $load: runs ${runs[$key]}-> median $med; x nginx by round $ratios; server CPU µs/request ${cpus[$key]}" >&2
        done
    done
}

# settle TARGET PORT: waits until the target has done the work a round left it: the history
# catching up with the journal, so that it never runs during another target's round.
settle() {
    [ "$1" = stored ] || return 0
    local backlog
    for _ in $(seq 1 1200); do
        backlog=$(curl -s "http://127.0.0.1:$2/metrics" | awk '/^watop_history_backlog_bytes / {print $2}')
        [ "$backlog" = 0.0 ] && return 0
        sleep 0.05
    done
    echo "the history did not catch up in 60 s ($backlog bytes behind)" >&2
    exit 1
}

# start_target NAME: starts one of the servers measured, on a free port.
start_target() {
    local port
    port=$(free_port)
    port_of[$1]=$port
    case $1 in
    nginx) start_nginx "$port" ;;
    swiftnio)
        # The floor of watop's own HTTP path: SwiftNIO with the same decoder, answering a fixed 200.
        "$nio_reference" "$port" &
        pids+=($!)
        SERVER_PIDS=$!
        wait_for_port "$port"
        ;;
    headless) start_headless "$port" ;;
    baseline) WATOP_BINARY=$BENCH_BASELINE start_headless "$port" ;;
    # Every structure watop touches stays in cache: 1,000 events held and no request kept, so
    # its CPU per request beyond SwiftNIO's is the work itself, without the memory it spans.
    headless-cached) start_headless "$port" --buffer 1000 --raw-buffer 0 ;;
    dashboard) start_dashboard "$port" ;;
    # nginx in front of the app, as a reverse proxy is set up for it: HTTP/1.1 and a pool of
    # kept-alive connections upstream, as watop's client keeps.
    nginx-proxy)
        start_nginx "$port" nginx-proxy "" "location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection \"\"; }" \
            "upstream app { server 127.0.0.1:$app_port; keepalive 256; }"
        ;;
    forward) start_headless "$port" --forward-to "http://127.0.0.1:$app_port/" ;;
    journaled) start_headless "$port" --journal "$work/journaled.jsonl" ;;
    stored) start_headless "$port" --journal "$work/stored.jsonl" --store "$work/stored.sqlite" ;;
    queued) start_headless "$port" --journal "$work/queued.jsonl" --forward-mode queue --forward-to "http://127.0.0.1:$app_port/" ;;
    nginx-tls)
        scheme_of[$1]=https
        start_nginx "$port" nginx-tls "ssl" "ssl_certificate $work/bench.crt; ssl_certificate_key $work/bench.key; $static_answer"
        ;;
    headless-tls)
        scheme_of[$1]=https
        start_headless "$port" --tls-cert "$work/bench.crt" --tls-key "$work/bench.key"
        ;;
    esac
    pids_of[$1]=$SERVER_PIDS
}

print_table() {
    echo
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); $(date -u +%Y-%m-%d)"
    printf '%-16s %-15s %12s %10s %10s %9s %10s %10s  %s\n' target load "requests/s" p50 p99 "x $reference" "CPU µs/req" "wrk µs/req" "count check"
    local target entry load
    for target in "${targets[@]}"; do
        for entry in "${loads[@]}"; do
            load=${entry%%:*}
            printf '%-16s %-15s %12.0f %10s %10s %9.2f %10s %10s  %s\n' "$target" "$load" "${result_rps[$target/$load]}" \
                "${result_p50[$target/$load]}" "${result_p99[$target/$load]}" "${result_ratio[$target/$load]}" \
                "${result_cpu[$target/$load]}" "${result_wrk_cpu[$target/$load]}" "${result_check[$target/$load]}"
        done
    done
    local against="POST against $reference's GET"
    [ "$(reference_load post-keepalive)" = post-keepalive ] && against="each load against $reference's same load"
    echo "(x $reference: the median of the ratios within each round; $against)"
}

stop_targets() {
    local target
    for target in "${targets[@]}"; do
        case $target in headless* | baseline | forward | journaled | queued | stored) kill -INT "${pids_of[$target]}" ;; esac
    done
    tmux_stop
}

# measure_targets: starts every target, measures every load against each, stops them and
# prints the table.
measure_targets() {
    local target
    for target in "${targets[@]}"; do start_target "$target"; done
    measure
    stop_targets
    print_table
}

throughput() {
    echo "== throughput: wrk -t1 -c$connections, ${seconds}s after ${warmup}s warm-up, $repeats rounds" >&2
    measure_targets
}

# floor: GET keep-alive only, watop headless as usual beside the same with a working set that
# fits in cache. nginx and SwiftNIO's figures show what the HTTP path costs; the cached watop's
# CPU per request beyond SwiftNIO's is what watop's own work costs, and the usual headless
# watop's beyond the cached one's is what its memory costs.
floor() {
    echo "== floor: wrk -t1 -c$connections GET keep-alive, ${seconds}s after ${warmup}s warm-up, $repeats rounds" >&2
    loads=("get-keepalive:get.lua")
    targets=(nginx swiftnio headless headless-cached)
    measure_targets
    local nio=${result_cpu[swiftnio/get-keepalive]} cached=${result_cpu[headless-cached/get-keepalive]}
    local usual=${result_cpu[headless/get-keepalive]}
    echo "CPU per callback beyond SwiftNIO's: watop's work $(echo "$cached $nio" | awk '{printf "%.1f", $1 - $2}') µs," \
        "its memory $(echo "$usual $cached" | awk '{printf "%.1f", $1 - $2}') µs more"
}

# forward: watop between wrk and an app, beside nginx proxying to the same app. The app is
# nginx answering 200; its CPU is counted for neither.
forward() {
    echo "== forward: wrk -t1 -c$connections through a proxy to an app, ${seconds}s after ${warmup}s warm-up, $repeats rounds" >&2
    app_port=$(free_port)
    start_nginx "$app_port" app
    loads=("get-keepalive:get.lua" "post-keepalive:post.lua")
    targets=(nginx-proxy forward)
    reference=nginx-proxy
    reference_load() { echo "$1"; }
    measure_targets
    # What the HTTP client costs apart from watop: watop's forwarding client alone against the
    # app, beside wrk (a C client) against the same app, CPU per request for each.
    swift build -c release --product watop-benchmarks >/dev/null
    local client wrk_out wrk_cpu TIMEFORMAT='%U %S'
    client=$("$(swift build -c release --show-bin-path)/watop-benchmarks" forward-client "http://127.0.0.1:$app_port/callback" "$seconds")
    wrk_out=$( { time wrk -t1 -c"$connections" -d"$seconds"s "http://127.0.0.1:$app_port/callback"; } 2>"$work/wrk.time")
    wrk_cpu=$(echo "$(tail -n 1 "$work/wrk.time") $(echo "$wrk_out" | awk '/requests in/ {print $1}')" | awk '{printf "%.1f", ($1 + $2) / $3 * 1e6}')
    echo "$client"
    echo "wrk against the app: $(echo "$wrk_out" | awk '/^Requests\/sec/ {printf "%.0f", $2}')/s, CPU $wrk_cpu µs per request"
}

# baseline: watop headless beside an older build of itself, GET and POST keep-alive, each
# round measuring both in turn so that a noisy spell of the machine falls on both. Prints the
# ratio of CPU per callback, the figure a change's cost is stated in.
baseline() {
    [ -x "${BENCH_BASELINE:-}" ] || { echo "baseline needs BENCH_BASELINE=/path/to/an/older/watop" >&2; exit 2; }
    echo "== baseline: wrk -t1 -c$connections, ${seconds}s after ${warmup}s warm-up, $repeats rounds;" \
        "baseline $BENCH_BASELINE" >&2
    loads=("get-keepalive:get.lua" "post-keepalive:post.lua")
    targets=(baseline headless)
    reference=baseline
    reference_load() { echo "$1"; }
    measure_targets
    local entry load
    for entry in "${loads[@]}"; do
        load=${entry%%:*}
        echo "CPU per callback, $load: $(echo "${result_cpu[headless/$load]} ${result_cpu[baseline/$load]}" |
            awk '{printf "%s µs against %s µs, x%.3f (%+.1f%%)", $1, $2, $1 / $2, ($1 / $2 - 1) * 100}')"
        # The two builds of a round ran within seconds of each other: their ratio cancels the
        # machine's slower spells, which the medians taken apart do not.
        echo "  median of the rounds' ratios: x$(paste -d' ' <(echo "${result_cpu_rounds[headless/$load]}" | tr -s ' ' '\n' | grep .) \
            <(echo "${result_cpu_rounds[baseline/$load]}" | tr -s ' ' '\n' | grep .) | awk '{printf "%.4f\n", $1 / $2}' | median)"
    done
}

# tls: HTTPS keep-alive, watop beside nginx with the same self-signed certificate.
tls() {
    echo "== tls: wrk -t1 -c$connections over HTTPS, ${seconds}s after ${warmup}s warm-up, $repeats rounds" >&2
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
        -keyout "$work/bench.key" -out "$work/bench.crt" 2>/dev/null
    loads=("get-keepalive:get.lua" "post-keepalive:post.lua")
    targets=(nginx-tls headless-tls)
    reference=nginx-tls
    reference_load() { echo "$1"; }
    measure_targets
}

# queue: intake in queue mode (delivering to a fast app as it goes) beside --journal alone,
# both with the default --fsync batch; then a backlog built with the app down is drained after
# a restart, timed until /metrics says the queue is empty.
queue() {
    echo "== queue: wrk -t1 -c$connections GET keep-alive, ${seconds}s after ${warmup}s warm-up, $repeats rounds" >&2
    app_port=$(free_port)
    start_nginx "$app_port" app
    loads=("get-keepalive:get.lua")
    targets=(journaled queued)
    reference=journaled
    reference_load() { echo "$1"; }
    measure_targets
    local port dead backlog started depth elapsed
    port=$(free_port)
    # The app's port, nothing listening on it until the drain: not the port watop will take.
    dead=$((port + 1))
    while (echo >/dev/tcp/127.0.0.1/$dead) 2>/dev/null; do dead=$((dead + 1)); done
    start_headless "$port" --journal "$work/drain.jsonl" --forward-mode queue --forward-to "http://127.0.0.1:$dead/"
    wrk -t1 -c"$connections" -d"$seconds"s -s "$lua/get.lua" "http://127.0.0.1:$port/callback" >/dev/null
    backlog=$(accepted "$port")
    kill -INT "$WATOP_PID"
    wait "$WATOP_PID" 2>/dev/null || true
    start_nginx "$dead" drain-app
    started=$(date +%s.%N)
    start_headless "$port" --journal "$work/drain.jsonl" --forward-mode queue --forward-to "http://127.0.0.1:$dead/"
    depth=1
    for _ in $(seq 1 6000); do
        sleep 0.05
        depth=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^watop_forward_queue_depth / {print $2}')
        [ "${depth:-1}" = 0.0 ] && break
    done
    [ "$depth" = 0.0 ] || { echo "the backlog did not drain in 300 s (depth $depth)" >&2; exit 1; }
    elapsed=$(echo "$started $(date +%s.%N)" | awk '{printf "%.2f", $2 - $1}')
    echo "drain: $backlog callbacks journaled with the app down, delivered after a restart in $elapsed s" \
        "(start included): $(echo "$backlog $elapsed" | awk '{printf "%.0f", $1 / $2}') callbacks/s"
    kill -INT "$WATOP_PID"
}

# resume: journals of 1,000,000 and 10,000,000 callbacks (BENCH_RESUME_COUNTS), written through
# watop's own journal code (segments and checkpoint included) by `watop-benchmarks
# journal-fill`; then the time from starting `watop --resume` until it answers, with the
# checkpoint, beside the same start with the checkpoint removed (every segment read: what a
# start cost before checkpoints). The reference runs once above 1,000,000: it takes minutes.
resume() {
    echo
    echo "== resume: time from start to the first answer, $repeats rounds (median)"
    swift build -c release --product watop-benchmarks >/dev/null
    local filler count dir journal bytes segments port with without rounds
    filler=$(swift build -c release --show-bin-path)/watop-benchmarks
    for count in ${BENCH_RESUME_COUNTS:-1000000 10000000}; do
        dir="$work/resume-$count"
        mkdir -p "$dir"
        journal="$dir/callbacks.jsonl"
        "$filler" journal-fill "$journal" "$count"
        bytes=$(cat "$journal"* | wc -c)
        segments=$(ls "$journal".[0-9]* | wc -l)
        port=$(free_port)
        with=""
        for _ in $(seq 1 "$repeats"); do with+=" $(time_resume "$port" "$journal")"; done
        mv "$journal.checkpoint" "$dir/checkpoint.kept"
        rounds=$repeats
        [ "$count" -le 1000000 ] || rounds=1
        without=""
        for _ in $(seq 1 "$rounds"); do
            rm -f "$journal.checkpoint"
            without+=" $(time_resume "$port" "$journal")"
        done
        with=$(echo "$with" | median)
        without=$(echo "$without" | median)
        echo "$count callbacks: $((bytes / count)) bytes per callback, $segments segments;" \
            "--resume answers after $with s with the checkpoint, $without s reading every segment" \
            "($rounds rounds): $(echo "$with $without" | awk '{printf "%.1f", $2 / $1}')x faster"
        rm -rf "$dir"
    done
}

# store: intake with the history beside --journal alone (GET keep-alive, the default --fsync
# batch), then the history's write rate: `watop store rebuild` over a journal of
# BENCH_STORE_COUNT callbacks (1,000,000) written by `watop-benchmarks journal-fill`, with the
# database's size per million events.
store() {
    echo "== store: wrk -t1 -c$connections GET keep-alive, ${seconds}s after ${warmup}s warm-up, $repeats rounds" >&2
    loads=("get-keepalive:get.lua")
    targets=(journaled stored)
    reference=journaled
    reference_load() { echo "$1"; }
    measure_targets
    rebuild_rate "$work/rebuild.sqlite"
}

# fleet: the history's write rate into PostgreSQL beside SQLite, over one journal.
fleet() {
    fail() { echo "bench.sh: $*" >&2; exit 1; }
    . scripts/e2e/postgres.sh
    pg_start
    trap 'pg_cleanup; cleanup' EXIT
    export WATOP_BENCH_PG_PASSWORD=$PG_PASSWORD
    echo "== fleet: watop store rebuild, $repeats rounds" >&2
    rebuild_rate "$work/rebuild.sqlite" "$PG_URL"
    attach_frame
}

# attach_frame: the tables grown to BENCH_ATTACH_COUNT events (10,000,000) by copying the last
# rebuild's rows under further receivers, then `watop-benchmarks attach`: every row read into
# the dashboard's store as attach reads them, and a frame of the dashboard over it.
attach_frame() {
    local count=${BENCH_ATTACH_COUNT:-10000000} held copies columns
    held=$(psql_value "SELECT count(*) FROM events")
    copies=$(( (count - held) / held ))
    columns=$(psql_value "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
        WHERE table_name = 'events' AND column_name NOT IN ('row', 'receiver')")
    echo "== attach: the tables grown from $held to $((held * (copies + 1))) events" >&2
    psql_value "INSERT INTO receivers (name, journal_position, written_ms)
        SELECT 'copy-' || n, journal_position, written_ms FROM receivers, generate_series(1, $copies) n WHERE name = 'bench'" >/dev/null
    psql_value "INSERT INTO events (receiver, $columns) SELECT r.receiver, $columns FROM events e
        CROSS JOIN (SELECT receiver FROM receivers WHERE name LIKE 'copy-%') r
        WHERE e.receiver = (SELECT receiver FROM receivers WHERE name = 'bench')" >/dev/null
    psql_value "VACUUM ANALYZE events" >/dev/null
    "$(swift build -c release --show-bin-path)/watop-benchmarks" attach "$PG_URL"
}

# rebuild_rate STORE...: `watop store rebuild` into each STORE over a journal of
# BENCH_STORE_COUNT callbacks (1,000,000) written by `watop-benchmarks journal-fill`: events per
# second (median of BENCH_REPEATS), CPU per event, and a SQLite database's size per million events.
rebuild_rate() {
    swift build -c release --product watop-benchmarks >/dev/null
    local count=${BENCH_STORE_COUNT:-1000000} journal="$work/rebuild/callbacks.jsonl" store times cpus timing elapsed size password
    local TIMEFORMAT='%R %U %S'
    mkdir -p "$work/rebuild"
    "$(swift build -c release --show-bin-path)/watop-benchmarks" journal-fill "$journal" "$count"
    for store in "$@"; do
        times=""
        cpus=""
        for _ in $(seq 1 "$repeats"); do
            rm -f "$store" "$store"-*
            # Each round writes into empty tables, as the SQLite rounds into a new file.
            case $store in postgres*) psql_value "TRUNCATE events, requests; UPDATE receivers SET journal_position = 0" >/dev/null 2>&1 || true ;; esac
            password=()
            case $store in postgres*) password=(--store-password env:WATOP_BENCH_PG_PASSWORD) ;; esac
            { time "$watop" store rebuild --store "$store" --journal "$journal" --receiver-name bench "${password[@]}" \
                >/dev/null 2>"$work/rebuild.err"; } 2>"$work/rebuild.time" \
                || { echo "bench.sh: store rebuild into $store failed: $(cat "$work/rebuild.err")" >&2; exit 1; }
            timing=$(tail -n 1 "$work/rebuild.time")
            times+="$(echo "$timing" | cut -d' ' -f1) "
            cpus+="$(echo "$timing" | awk -v n="$count" '{printf "%.1f", ($2 + $3) / n * 1e6}') "
        done
        elapsed=$(echo "$times" | median)
        size=""
        [ -f "$store" ] && size="; $(stat -c %s "$store" | awk -v n="$count" '{printf "%.0f", $1 / n * 1e6 / 1048576}') MiB per million events"
        echo "store rebuild into ${store%%\?*}: $count callbacks in $elapsed s (median of $repeats: $times):" \
            "$(echo "$count $elapsed" | awk '{printf "%.0f", $1 / $2}') events/s, watop's CPU $(echo "$cpus" | median) µs per event$size"
    done
}

# time_resume PORT JOURNAL: seconds from starting watop --resume until /healthz answers.
time_resume() {
    local started
    started=$(date +%s.%N)
    "$watop" --headless --port "$1" --journal "$2" --resume >/dev/null 2>&1 &
    local pid=$!
    until curl -s -o /dev/null "http://127.0.0.1:$1/healthz"; do sleep 0.01; done
    echo "$started $(date +%s.%N)" | awk '{printf "%.2f", $2 - $1}'
    kill -INT "$pid"
    wait "$pid" 2>/dev/null || true
}

# fill PORT COUNT: sends GET callbacks until watop has accepted COUNT.
fill() {
    while [ "$(accepted "$1")" -lt "$2" ]; do
        wrk -t1 -c"$connections" -d1s -s "$lua/get.lua" "http://127.0.0.1:$1/callback" >/dev/null
    done
}

memory() {
    echo
    echo "== memory (VmRSS from /proc)"
    local port base full base_held full_held
    port=$(free_port)
    start_headless "$port" --buffer 1000000
    fill "$port" 20000
    base=$(rss_kib "$WATOP_PID")
    base_held=$(accepted "$port")
    fill "$port" 1050000
    full=$(rss_kib "$WATOP_PID")
    full_held=1000000
    echo "--buffer 1000000: RSS $((base / 1024)) MiB with $base_held events held, $((full / 1024)) MiB full:" \
        "$(((full - base) * 1024 / (full_held - base_held))) bytes per event"
    kill -INT "$WATOP_PID"
    port=$(free_port)
    start_headless "$port"
    fill "$port" 150000
    echo "default --buffer 100000, full: RSS $(($(rss_kib "$WATOP_PID") / 1024)) MiB"
    kill -INT "$WATOP_PID"
}

idle() {
    echo
    echo "== dashboard idle CPU (no callbacks, 10 s)"
    local port t0 t1 hz
    port=$(free_port)
    start_dashboard "$port"
    sleep 2
    hz=$(getconf CLK_TCK)
    t0=$(cpu_ticks "$WATOP_PID")
    sleep 10
    t1=$(cpu_ticks "$WATOP_PID")
    echo "dashboard at 10 fps, idle: $((t1 - t0)) CPU ticks of 1/$hz s in 10 s =" \
        "$(echo "$t0 $t1 $hz" | awk '{printf "%.2f", ($2 - $1) / $3 / 10 * 100}')% of one core"
    tmux_stop
}

case $section in
throughput) throughput ;;
memory) memory ;;
idle) idle ;;
floor) floor ;;
forward) forward ;;
tls) tls ;;
queue) queue ;;
resume) resume ;;
store) store ;;
fleet) fleet ;;
baseline) baseline ;;
all)
    throughput
    memory
    idle
    ;;
*)
    echo "usage: scripts/bench.sh [all|throughput|memory|idle|floor|forward|tls|queue|resume|store|fleet|baseline]" >&2
    exit 2
    ;;
esac
