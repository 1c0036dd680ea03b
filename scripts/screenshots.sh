#!/usr/bin/env bash
# Regenerates screenshots/ from the real program: `watop --demo --seed 7` inside tmux, shown by
# a real xterm (DejaVu Sans Mono, 256 colors) on a virtual X display, captured with ImageMagick.
# Usage: scripts/screenshots.sh    (installs xvfb, xterm, imagemagick and fonts when missing)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xterm >/dev/null || need+=(xterm)
[ -x /usr/bin/import ] || need+=(imagemagick)
command -v xwininfo >/dev/null || need+=(x11-utils)
command -v tmux >/dev/null || need+=(tmux)
fc-list 2>/dev/null | grep -q "DejaVu Sans Mono" || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

swift build -c release --product watop >/dev/null
watop=$(swift build -c release --show-bin-path)/watop
out=screenshots
mkdir -p "$out"

display=:$((90 + RANDOM % 9))
socket=""
Xvfb "$display" -screen 0 1800x1100x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
xterm_pid=""
cleanup() {
    [ -n "$xterm_pid" ] && kill "$xterm_pid" 2>/dev/null || true
    [ -n "$socket" ] && tmux -L "$socket" kill-server 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY=$display
sleep 1

tmux_() { tmux -L "$socket" "$@"; }

# start THEME BACKGROUND FOREGROUND: watop --demo in tmux, shown in a 150×45 xterm.
start() {
    [ -n "$xterm_pid" ] && kill "$xterm_pid" 2>/dev/null || true
    [ -n "$socket" ] && tmux_ kill-server 2>/dev/null || true
    # A fresh tmux server for each theme, so that one shutting down never races the next.
    socket=watop-shots-$$-$1
    tmux_ -f /dev/null new-session -d -s shot -x 150 -y 45 \
        "LANG=C.UTF-8 $watop --demo --seed 7 --rate 60 --theme $1"
    tmux_ set -g status off
    tmux_ set -g default-terminal tmux-256color
    xterm -name watopshot -tn xterm-256color -geometry 150x45+0+0 -fa "DejaVu Sans Mono" -fs 11 \
        -bg "$2" -fg "$3" -bw 0 +sb -e tmux -L "$socket" attach -t shot &
    xterm_pid=$!
    sleep 2
}

shoot() {
    local window
    window=$(xwininfo -root -tree | awk '/"watopshot"/ {print $1; exit}')
    [ -n "$window" ] || { echo "no xterm window found" >&2; exit 1; }
    sleep 0.5
    /usr/bin/import -silent -window "$window" "$out/$1.png"
    echo "wrote $out/$1.png"
}

keys() { tmux_ send-keys -t shot "$@"; sleep 0.6; }

start default '#1c1c1c' '#d0d0d0'
sleep 14
shoot dashboard
keys / && tmux_ send-keys -t shot -l 'status:failed|undelivered|not-sent' && sleep 0.6 && keys Enter
shoot filter
keys Down Down Enter
shoot detail
keys Escape Escape p
sleep 4
shoot paused
keys p '?'
shoot help

start light '#fafafa' '#262626'
sleep 12
shoot theme-light

start high-contrast '#000000' '#ffffff'
sleep 12
shoot theme-high-contrast
