#!/usr/bin/env bash
# End-to-end: `watop --tls-cert --tls-key` serving HTTPS with certificates made here, renewed
# without a restart (SIGUSR1, and a changed file), a bad renewal kept out, bad files refused.
# Usage: scripts/e2e/tls.sh PATH/TO/watop
set -euo pipefail
binary=${1:?usage: tls.sh PATH/TO/watop}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
headless_workdir

# make_certificate NAME: a self-signed certificate for 127.0.0.1 in $work/NAME.{crt,key}.
make_certificate() {
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=watop-test-$1" \
        -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/$1.key" -out "$work/$1.crt" 2>/dev/null
}
make_certificate first
make_certificate second
make_certificate third

# Files that cannot be used stop the start, saying which and why.
expect_refusal() { # expect_refusal WORDS ARGS...
    local words=$1 status=0
    shift
    "$binary" --headless --port 0 "$@" >/dev/null 2>"$work/refused.err" || status=$?
    [ "$status" -ne 0 ] || fail "watop started with $*"
    grep -q -- "$words" "$work/refused.err" || fail "the error for $* does not say '$words': $(cat "$work/refused.err")"
}
expect_refusal "$work/none.crt: No such file" --tls-cert "$work/none.crt" --tls-key "$work/first.key"
expect_refusal "does not go with" --tls-cert "$work/first.crt" --tls-key "$work/second.key"
printf 'not a certificate\n' >"$work/garbage.crt"
expect_refusal "not a PEM certificate" --tls-cert "$work/garbage.crt" --tls-key "$work/first.key"
cp "$work/first.key" "$work/unreadable.key"
chmod 000 "$work/unreadable.key"
if [ "$(id -u)" -ne 0 ]; then expect_refusal "Permission denied" --tls-cert "$work/first.crt" --tls-key "$work/unreadable.key"; fi
expect_refusal "go together" --tls-cert "$work/first.crt"
pass "TLS files missing, mismatched, not PEM or alone are refused at start, by name"

cp "$work/first.crt" "$work/live.crt"
cp "$work/first.key" "$work/live.key"
start_headless "$binary" "$work/out" "$work/err" --tls-cert "$work/live.crt" --tls-key "$work/live.key"
url=$WATOP_URL
[[ $url == https://* ]] || fail "no https:// URL announced: $(cat "$work/err")"
port=${url#https://127.0.0.1:}
port=${port%%/*}
code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/first.crt" "$url?id=t1:0&status=sent")
[ "$code" = 200 ] || fail "HTTPS callback answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/callback?id=t0:0&status=sent" || true)
[ "$code" != 200 ] || fail "plain HTTP was accepted on the HTTPS port"
pass "HTTPS: the header names the https:// URL, a callback over TLS answers 200"

# served_by: the subject of the certificate a new handshake is given.
served_by() { openssl s_client -connect "127.0.0.1:$port" </dev/null 2>/dev/null | openssl x509 -noout -subject; }
# A connection opened before the renewal is kept and still served afterwards.
python3 - "$port" "$work/first.crt" "$work/held" <<'PY' &
import os, socket, ssl, sys, time
port, ca, marker = int(sys.argv[1]), sys.argv[2], sys.argv[3]
context = ssl.create_default_context(cafile=ca)
with socket.create_connection(("127.0.0.1", port)) as raw, context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
    def ask(n):
        tls.sendall(b"GET /callback?id=held%d:0&status=sent HTTP/1.1\r\nHost: x\r\n\r\n" % n)
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.endswith(b"}\n"):
            answer += tls.recv(4096)
        return answer.split(b"\r\n")[0]
    first = ask(1)
    open(marker + ".ready", "w").close()
    while not os.path.exists(marker + ".go"):
        time.sleep(0.05)
    second = ask(2)
    open(marker, "w").write("%s %s" % (first.decode(), second.decode()))
PY
held=$!
for _ in $(seq 1 100); do [ -e "$work/held.ready" ] && break; sleep 0.05; done
cp "$work/second.crt" "$work/live.crt"
cp "$work/second.key" "$work/live.key"
kill -USR1 "$WATOP_PID"
for _ in $(seq 1 50); do grep -q "reloaded" "$work/err" && break; sleep 0.1; done
grep -q "TLS certificate reloaded" "$work/err" || fail "no reload reported: $(cat "$work/err")"
served_by | grep -q "watop-test-second" || fail "after SIGUSR1 a new handshake got: $(served_by)"
touch "$work/held.go"
wait "$held"
[ "$(cat "$work/held")" = "HTTP/1.1 200 OK HTTP/1.1 200 OK" ] || fail "the connection held across the renewal: $(cat "$work/held")"
pass "SIGUSR1: new handshakes get the renewed certificate; a connection open before it is still served"

printf 'broken renewal\n' >"$work/live.crt"
kill -USR1 "$WATOP_PID"
for _ in $(seq 1 50); do grep -q "not reloaded" "$work/err" && break; sleep 0.1; done
grep -q "TLS certificate not reloaded, the one in use is kept: --tls-cert .*not a PEM certificate" "$work/err" \
    || fail "a broken renewal was not reported: $(cat "$work/err")"
served_by | grep -q "watop-test-second" || fail "a broken renewal replaced the certificate: $(served_by)"
code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/second.crt" "$url?id=t2:0&status=sent")
[ "$code" = 200 ] || fail "after a broken renewal a callback answered $code"
pass "a broken renewal keeps the certificate in use and says so"

# A renewal tool that writes new files and renames them over the old: picked up without a signal.
cp "$work/third.key" "$work/next.key"
cp "$work/third.crt" "$work/next.crt"
mv "$work/next.key" "$work/live.key"
mv "$work/next.crt" "$work/live.crt"
for _ in $(seq 1 60); do served_by | grep -q "watop-test-third" && break; sleep 0.1; done
served_by | grep -q "watop-test-third" || fail "changed files were not picked up: $(served_by)"
pass "files replaced on disk are picked up within seconds, without a signal"

stop_and_wait "$WATOP_PID"
[ "$EXIT_STATUS" -eq 0 ] || fail "exit status $EXIT_STATUS"
echo "$(tail -n 1 "$work/out")" | grep -q '"accepted":4,' || fail "summary: $(tail -n 1 "$work/out")"
pass "every callback over TLS was counted, none lost across the renewals"
echo "tls: $PASSED passed, 0 failed"
