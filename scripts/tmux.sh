# watop inside a private tmux server: start it, read its screen, send it keys, wait for the
# screen to show something. Shared by scripts/e2e/*.sh, scripts/screenshots.sh and
# scripts/bench.sh. Sourced, not run. A private server (tmux -L) never touches the user's
# sessions.

TMUX_SOCKET=""

# tmux_start NAME COLUMNS ROWS COMMAND: a fresh server NAME with one window of COLUMNS×ROWS
# running COMMAND (a shell command line). A server started before is stopped first, so that
# one shutting down never races the next.
tmux_start() {
    tmux_stop
    TMUX_SOCKET=$1
    tmux -L "$TMUX_SOCKET" -f /dev/null new-session -d -s watop -x "$2" -y "$3" "$4"
}

# tmux_stop: stops the server, if one runs; safe in an EXIT trap.
tmux_stop() {
    if [ -n "$TMUX_SOCKET" ]; then tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null || true; fi
}

# tm ARGS...: a tmux command to the server.
tm() { tmux -L "$TMUX_SOCKET" "$@"; }

# screen: the window's text as it shows now.
screen() { tm capture-pane -p -t watop; }

# keys KEYS...: keys as `tmux send-keys` names them (Enter, Escape, Down, q…); -l for literal text.
keys() { tm send-keys -t watop "$@"; }

# wait_for REGEX WHAT [SECONDS]: until the screen matches REGEX (extended), for 10 seconds or
# SECONDS; when it never does, the screen goes to stderr and the script fails naming WHAT.
wait_for() {
    local tries=$((${3:-10} * 10))
    for _ in $(seq 1 "$tries"); do
        screen 2>/dev/null | grep -Eq -- "$1" && return 0
        sleep 0.1
    done
    echo "----- screen -----" >&2
    screen >&2 || true
    echo "FAIL: $2: never saw /$1/ on screen" >&2
    exit 1
}
