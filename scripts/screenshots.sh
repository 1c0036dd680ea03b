#!/usr/bin/env bash
# Regenerates screenshots/ from the real program: `watop --demo --seed 7` inside tmux, shown by
# a real xterm (DejaVu Sans Mono, 256 colors) on a virtual X display, captured with ImageMagick.
# Usage: scripts/screenshots.sh    (needs xvfb, xterm, imagemagick, x11-utils, tmux and fonts-dejavu-core)
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v xterm >/dev/null || missing+=(xterm)
[ -x /usr/bin/import ] || missing+=(imagemagick)
command -v xwininfo >/dev/null || missing+=(x11-utils)
command -v tmux >/dev/null || missing+=(tmux)
fc-list 2>/dev/null | grep "DejaVu Sans Mono" >/dev/null || missing+=(fonts-dejavu-core)  # not -q: with pipefail, fc-list would die of SIGPIPE
if [ ${#missing[@]} -gt 0 ]; then
    echo "screenshots.sh needs: apt-get install -y ${missing[*]}" >&2
    exit 2
fi
. scripts/tmux.sh

swift build -c release --product watop >/dev/null
watop=$(swift build -c release --show-bin-path)/watop
out=screenshots
mkdir -p "$out"

history=$(mktemp -d)
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1800x1100x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
xterm_pid=""
cleanup() {
    [ -n "$xterm_pid" ] && kill "$xterm_pid" 2>/dev/null || true
    tmux_stop
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$history"
}
trap cleanup EXIT
export DISPLAY=$display
sleep 1

# start THEME BACKGROUND FOREGROUND [OPTION…]: watop --demo in tmux, shown in a 150×45 xterm.
start() {
    [ -n "$xterm_pid" ] && kill "$xterm_pid" 2>/dev/null || true
    tmux_start "watop-shots-$$-$1" 150 45 "LANG=C.UTF-8 $watop --demo --seed 7 --rate 60 --theme $1 ${*:4}"
    tm set -g status off
    tm set -g default-terminal tmux-256color
    xterm -name watopshot -tn xterm-256color -geometry 150x45+0+0 -fa "DejaVu Sans Mono" -fs 11 \
        -bg "$2" -fg "$3" -bw 0 +sb -e tmux -L "$TMUX_SOCKET" attach -t watop &
    xterm_pid=$!
    wait_for ' watop  callback' "watop --demo --theme $1 starts"
    sleep 1
}

shoot() {
    local window
    window=$(xwininfo -root -tree | awk '/"watopshot"/ {print $1; exit}')
    [ -n "$window" ] || { echo "no xterm window found" >&2; exit 1; }
    sleep 0.5
    /usr/bin/import -silent -window "$window" "$out/$1.png"
    echo "wrote $out/$1.png"
}

# press KEYS...: keys, then a pause for the frame they cause to be drawn.
press() { keys "$@"; sleep 0.6; }

start default '#1c1c1c' '#d0d0d0'
sleep 14
shoot dashboard
press / && press -l 'status:failed|undelivered|not-sent' && press Enter
shoot filter
press Down Down Enter
shoot detail
press Escape Escape p
sleep 4
shoot paused
press p '?'
shoot help

# Time on screen: alert rules that fire under the demo's failures, the latency of the chart's
# window, the breakdown by campaign, and the messages the demo leaves in sent, stuck after a
# short --stuck-after so that half a minute of traffic has some.
start default '#1c1c1c' '#d0d0d0' "--alert 'status:failed|undelivered share>4% over 1m min 20'" \
    "--alert 'code:131049 rate>1/min over 5m' --alert 'silence>2m' --stuck-after 10s"
sleep 30
press A
shoot alerts
press Escape L
shoot latency
press Escape b
shoot breakdown
press Escape S
shoot stuck

# History: a small buffer, so that the database holds what the buffer has let go; H opens the
# history view over it, Enter one stored callback.
start default '#1c1c1c' '#d0d0d0' "--buffer 200 --store $history/history.sqlite"
sleep 20
press H
sleep 1
shoot history
press Down Down Enter
shoot history-detail

start light '#fafafa' '#262626'
sleep 12
shoot theme-light

start high-contrast '#000000' '#ffffff'
sleep 12
shoot theme-high-contrast
